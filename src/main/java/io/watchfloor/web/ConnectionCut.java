package io.watchfloor.web;

import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;

import java.nio.channels.ClosedChannelException;

/**
 * The one use of a Vert.x internal: cutting an upgraded connection whose peer no longer reads.
 * <p>
 * Vert.x 5.0 has no public hard close. {@link HttpConnection#close()}, {@link HttpConnection#shutdown}
 * (any timeout), {@code ServerWebSocket.close/shutdown} and the server's closing timeout all put a close
 * message on the connection's outbound queue, behind the bytes the peer has not read, so the channel
 * is never closed while the peer keeps its receive window shut (tried: close() and shutdown(1 s) both
 * leave the connection open). A failure sent down the pipeline instead makes the WebSocket's own
 * handler close the channel beneath it, at once, with no second close frame.
 * <p>
 * Guarded by {@code SlowScreenCloseTest}: a screen closed with 4001 that never reads loses its TCP
 * connection within seconds. Should a Vert.x upgrade stop making the connection a {@code ConnectionBase},
 * this falls back to the graceful close and that test fails; should it remove the class, this stops compiling.
 */
final class ConnectionCut {
  private ConnectionCut() {
  }

  static void cut(HttpConnection connection) {
    if (connection instanceof ConnectionBase base) {
      base.fail(new ClosedChannelException());
    } else if (connection != null) {
      connection.close();
    }
  }
}
