package io.watchfloor.cluster;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A process that stands in for a node behind the balancer: ready on /health/ready, and every other
 * request answered with its own name. A process of its own, so that a test can kill it as a crash would.
 * Usage: StandInNode PORT NAME
 */
public final class StandInNode {
  private StandInNode() {
  }

  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(args[0]);
    byte[] name = args[1].getBytes(StandardCharsets.UTF_8);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
    server.createContext("/", exchange -> {
      try (InputStream body = exchange.getRequestBody(); OutputStream out = exchange.getResponseBody()) {
        body.readAllBytes();
        exchange.sendResponseHeaders(exchange.getRequestURI().getPath().equals("/health/ready") ? 200 : 201, name.length);
        out.write(name);
      }
    });
    server.start();
  }
}
