package io.watchfloor.web;

import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;

/** Ends a live socket: forgotten at once, closed with a code, and its connection cut should the peer never read. */
final class LiveEnding {
  private final Vertx vertx;
  private final LiveClients clients;
  private final long closingTimeoutMs;

  LiveEnding(Vertx vertx, LiveClients clients, long closingTimeoutMs) {
    this.vertx = vertx;
    this.clients = clients;
    this.closingTimeoutMs = closingTimeoutMs;
  }

  /**
   * The close frame goes behind whatever the peer has not read yet, and the server's closing timeout
   * only starts once it is written: a peer that never reads would keep its connection until the
   * idle timeout. So a connection still open a closing timeout after the close frame is cut
   * ({@link ConnectionCut}).
   */
  void end(LiveClient client, short code, String reason) {
    clients.forget(client);
    ServerWebSocket socket = client.socket;
    if (socket.isClosed()) {
      return;
    }
    socket.close(code, reason);
    long cut = vertx.setTimer(closingTimeoutMs + 500, id -> ConnectionCut.cut(client.connection));
    socket.closeHandler(v -> vertx.cancelTimer(cut));
  }
}
