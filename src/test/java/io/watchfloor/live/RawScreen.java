package io.watchfloor.live;

import io.watchfloor.TestServer;
import io.watchfloor.TestTown;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A wall screen on a bare TCP socket that never reads a byte: with a small receive buffer, the
 * server's frames to it soon wait in the server's own queue. It can still send frames of its own.
 */
final class RawScreen implements AutoCloseable {
  final Socket socket = new Socket();
  private final OutputStream out;

  RawScreen(TestServer server) throws IOException {
    socket.setReceiveBufferSize(4096);
    socket.connect(new InetSocketAddress("127.0.0.1", server.port));
    out = socket.getOutputStream();
    out.write(("GET /api/v1/live?key=" + TestTown.DISPLAY_KEY + " HTTP/1.1\r\nHost: 127.0.0.1:" + server.port
        + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
        + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  void sendText(String text) throws IOException {
    out.write(frame(0x81, text.getBytes(StandardCharsets.UTF_8)));
    out.flush();
  }

  /** The client's half of the close handshake (1000); it still does not read the server's answer. */
  void sendClose() throws IOException {
    out.write(frame(0x88, new byte[] {0x03, (byte) 0xE8}));
    out.flush();
  }

  /** A client's frame: masked, as RFC 6455 requires of clients, with a zero mask. */
  private static byte[] frame(int first, byte[] payload) {
    byte[] frame = new byte[6 + payload.length];
    frame[0] = (byte) first;
    frame[1] = (byte) (0x80 | payload.length);
    System.arraycopy(payload, 0, frame, 6, payload.length);
    return frame;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
