package io.watchfloor.web;

import io.watchfloor.PgTest;
import io.watchfloor.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A caller without credentials is refused before its body is read: the server answers while the
 * client has sent only the first kilobyte of a declared mebibyte, and never waits for the rest.
 */
@PgTest
class BodyAfterAuthTest {
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.memory();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String statusLineAfterOneKilobyte(String path, String extraHeader) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.port)) {
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + server.port + "\r\n" + extraHeader
          + "Content-Type: application/json\r\nContent-Length: " + (1 << 20) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(new byte[1024]);
      out.flush();
      InputStream in = socket.getInputStream();
      StringBuilder line = new StringBuilder();
      for (int c = in.read(); c != -1 && c != '\r'; c = in.read()) {
        line.append((char) c);
      }
      return line.toString();
    }
  }

  @Test
  void aBatchWithoutATokenIsRefusedBeforeItsBodyArrives() throws IOException {
    assertThat(statusLineAfterOneKilobyte("/api/v1/reports/batch", "")).startsWith("HTTP/1.1 401");
    assertThat(statusLineAfterOneKilobyte("/api/v1/reports", "Authorization: Bearer not-a-token\r\n")).startsWith("HTTP/1.1 401");
  }

  @Test
  void anAlertActionWithoutASessionIsRefusedBeforeItsBodyArrives() throws IOException {
    assertThat(statusLineAfterOneKilobyte("/api/v1/alerts/some-id/resolve", "")).startsWith("HTTP/1.1 401");
  }
}
