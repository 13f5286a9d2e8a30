package io.watchfloor.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * N duty consoles on the live socket, each with an officer's session cookie as the console page opens it.
 * Every socket notes when each {@code case} frame arrived, by the case's id and state, found by a plain scan
 * of the text: parsing every frame of every socket would take the CPU the server needs on a shared machine.
 */
final class ConsoleSockets implements AutoCloseable {
  /** A case frame seen by one socket. */
  record Seen(int socket, String key, long arrivedNanos) {
  }

  final ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();
  final AtomicLong frames = new AtomicLong();
  private final WebSocketClient client;
  private final List<WebSocket> sockets = new ArrayList<>();

  ConsoleSockets(Vertx vertx) {
    // a district's snapshot with its open cases is larger than the client's default 64 KB frame limit
    this.client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(10_000)
        .setConnectTimeout(30_000).setMaxFrameSize(16 << 20).setMaxMessageSize(16 << 20));
  }

  void connect(int port, String cookie, int count) {
    List<Future<WebSocket>> connects = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int index = i;
      connects.add(client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
              .setURI("/api/v1/live").addHeader("Cookie", cookie).addHeader("Origin", "http://127.0.0.1:" + port))
          .map(socket -> listen(socket, index)));
    }
    Future.all(connects).await();
    connects.forEach(f -> sockets.add(f.result()));
  }

  private WebSocket listen(WebSocket socket, int index) {
    // a message may come as a text frame and its continuation
    StringBuilder message = new StringBuilder();
    socket.frameHandler(frame -> {
      if (frame.isText() || frame.isContinuation()) {
        message.append(frame.textData());
      }
      if (frame.isFinal()) {
        frames.incrementAndGet();
        String key = caseKey(message);
        if (key != null) {
          seen.add(new Seen(index, key, System.nanoTime()));
        }
        message.setLength(0);
      }
    });
    return socket;
  }

  /** {@code id|state} of a case frame, or null for any other frame. */
  static String caseKey(CharSequence text) {
    String s = text.toString();
    if (!s.startsWith("{\"type\":\"case\"")) {
      return null;
    }
    int body = s.indexOf("\"case\":{");
    String id = field(s, "\"id\":\"", body);
    String state = field(s, "\"state\":\"", body);
    return id == null || state == null ? null : id + "|" + state;
  }

  private static String field(String s, String name, int from) {
    int at = from < 0 ? -1 : s.indexOf(name, from);
    if (at < 0) {
      return null;
    }
    int start = at + name.length();
    int end = s.indexOf('"', start);
    return end < 0 ? null : s.substring(start, end);
  }

  int size() {
    return sockets.size();
  }

  @Override
  public void close() {
    sockets.forEach(WebSocket::close);
    client.close().await();
  }
}
