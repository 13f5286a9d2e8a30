package io.watchfloor.bench;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;

import java.util.Arrays;

/** The floor any push can reach on this machine: a WebSocket echo round trip, measured in the same run. */
final class EchoBaseline {
  private EchoBaseline() {
  }

  /** @return round-trip times in microseconds, sorted */
  static long[] measure(Vertx vertx, int rounds) {
    HttpServer server = vertx.createHttpServer()
        .webSocketHandler(socket -> socket.textMessageHandler(socket::writeTextMessage))
        .listen(0, "127.0.0.1").await();
    WebSocketClient client = vertx.createWebSocketClient();
    try {
      WebSocket socket = client.connect(server.actualPort(), "127.0.0.1", "/").await();
      long[] micros = new long[rounds];
      for (int i = 0; i < rounds; i++) {
        Promise<Void> back = Promise.promise();
        socket.textMessageHandler(text -> back.tryComplete());
        long start = System.nanoTime();
        socket.writeTextMessage("{\"type\":\"ping\",\"seq\":" + i + "}");
        back.future().await();
        micros[i] = (System.nanoTime() - start) / 1000;
      }
      Arrays.sort(micros);
      return micros;
    } finally {
      client.close().await();
      server.close().await();
    }
  }
}
