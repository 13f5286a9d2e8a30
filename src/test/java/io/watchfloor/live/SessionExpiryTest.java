package io.watchfloor.live;

import io.watchfloor.PgTest;
import io.watchfloor.config.LiveConfig;

import io.watchfloor.web.LiveHub;
import io.watchfloor.http.Principal;
import io.watchfloor.web.Watcher;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.watchfloor.bus.Addresses;
import io.watchfloor.TestTown;
import io.watchfloor.Watchfloor;
import io.watchfloor.live.LiveMessages.Snapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An operator's socket ends when the session it was opened in would expire, even if the operator
 * never signs out; a display key's socket has no session and goes on. Sessions last hours, so the
 * hub is given one that is about to expire.
 */
@PgTest
class SessionExpiryTest {
  private static final String ROOT = TestTown.CATALOGUE.root().id();
  private Vertx vertx;
  private HttpServer server;
  private LiveHub hub;
  private final AtomicReference<Watcher> next = new AtomicReference<>();

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    Watchfloor.registerMessages(vertx);
    Buffer state = Buffer.buffer(",\"at\":\"2026-01-01T00:00:00Z\",\"state\":{}}");
    vertx.eventBus().consumer(Addresses.LIVE_SNAPSHOT_FRAME, m -> m.reply(new Snapshot(0, state, state)));
    hub = new LiveHub(vertx, Clock.systemUTC(), LiveConfig.of(new JsonObject()), TestTown.CATALOGUE);
    hub.start().await();
    server = vertx.createHttpServer().webSocketHandler(socket -> hub.accept(socket, null, next.get())).listen(0).await();
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  private WebSocket connect(Watcher watcher, AtomicReference<Short> closed) {
    next.set(watcher);
    WebSocketClient client = vertx.createWebSocketClient();
    WebSocket socket = client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(server.actualPort())
        .setURI("/")).await();
    socket.closeHandler(v -> closed.set(socket.closeStatusCode()));
    return socket;
  }

  @Test
  void anOperatorsSocketClosesWhenItsSessionWouldExpire() throws InterruptedException {
    AtomicReference<Short> expiring = new AtomicReference<>();
    AtomicReference<Short> wall = new AtomicReference<>();
    AtomicReference<Short> fresh = new AtomicReference<>();
    connect(Watcher.operator("duty", "s-expiring", 500, ROOT), expiring);
    connect(Watcher.wall(Principal.Kind.DISPLAY, "demo-wall", ROOT), wall);
    connect(Watcher.operator("admin", "s-fresh", 3_600_000, ROOT), fresh);
    await().atMost(Duration.ofSeconds(5)).until(() -> expiring.get() != null);
    assertThat(expiring.get()).as("close code of the expired session's socket").isEqualTo(LiveHub.SESSION_OVER);
    assertThat(wall.get()).isNull();
    assertThat(fresh.get()).isNull();
  }
}
