package io.watchfloor.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * N wall screens on the live socket. Every client counts frames and bytes; only a sample of them parse
 * frames and time what they wait for, so the load generator does not eat the CPU the server needs.
 */
final class FanoutClients implements AutoCloseable {
  /** When a probe saw an alert for a subject, or a watched value change in a delta. */
  record Seen(int probe, String kind, String key, long value, long arrivedNanos) {
  }

  final AtomicLong frames = new AtomicLong();
  final AtomicLong bytes = new AtomicLong();
  final ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();
  private final WebSocketClient client;
  private final List<WebSocket> sockets = new ArrayList<>();
  private final String watchSite;
  private final String watchMetric;

  FanoutClients(Vertx vertx, String watchSite, String watchMetric) {
    this.client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(50_000)
        .setConnectTimeout(30_000));
    this.watchSite = watchSite;
    this.watchMetric = watchMetric;
  }

  /** Connects {@code count} more clients, in waves so the server's accept queue never overflows. */
  void connect(int port, String key, int count, int probes) {
    connectWith(port, "key=" + key, count, probes);
  }

  /** The same, with the socket's whole query string, e.g. a key and a scope. */
  void connectWith(int port, String query, int count, int probes) {
    for (int done = 0; done < count; ) {
      int wave = Math.min(250, count - done);
      List<Future<WebSocket>> connects = new ArrayList<>();
      for (int i = 0; i < wave; i++) {
        int index = sockets.size() + connects.size();
        connects.add(client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
                .setURI("/api/v1/live?" + query))
            .map(socket -> listen(socket, index < probes ? index : -1)));
      }
      Future.all(connects).await();
      connects.forEach(f -> sockets.add(f.result()));
      done += wave;
    }
  }

  /** @param probe this client's probe number, or -1 if it only counts */
  private WebSocket listen(WebSocket socket, int probe) {
    // the server sends a message as a text frame with its prefix and a continuation with the shared rest
    StringBuilder message = new StringBuilder();
    socket.frameHandler(frame -> {
      if (frame.isFinal()) {
        frames.incrementAndGet();
      }
      bytes.addAndGet(frame.binaryData().length());
      if (probe >= 0 && (frame.isText() || frame.isContinuation())) {
        message.append(frame.textData());
        if (frame.isFinal()) {
          inspect(probe, new JsonObject(message.toString()), System.nanoTime());
          message.setLength(0);
        }
      }
    });
    return socket;
  }

  private void inspect(int probe, JsonObject frame, long now) {
    switch (frame.getString("type")) {
      case "alert" -> {
        JsonObject alert = frame.getJsonObject("alert");
        seen.add(new Seen(probe, "alert", alert.getString("subject"), alert.getLong("count"), now));
      }
      case "delta" -> {
        JsonObject site = frame.getJsonObject("changes").getJsonObject("sites", new JsonObject()).getJsonObject(watchSite);
        JsonObject today = site == null ? null : site.getJsonObject("today");
        if (today != null && today.containsKey(watchMetric)) {
          seen.add(new Seen(probe, "delta", watchSite, today.getLong(watchMetric), now));
        }
      }
      default -> { }
    }
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
