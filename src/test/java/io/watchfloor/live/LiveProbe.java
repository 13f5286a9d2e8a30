package io.watchfloor.live;

import io.vertx.core.Future;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.watchfloor.LiveContract;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A wall-screen-like client: keeps every frame with its arrival time and applies them to a local state, and
 * holds each frame to the socket's AsyncAPI description ({@link LiveContract}).
 */
final class LiveProbe implements AutoCloseable {
  record Frame(long arrivedNanos, JsonObject json) {
  }

  final WebSocketClient client;
  final WebSocket socket;
  final List<Frame> frames = new CopyOnWriteArrayList<>();
  private JsonObject state;
  volatile Short closeCode;
  /** Frames the description refuses: an error thrown on the event loop would only be logged, so {@link #close} fails. */
  final List<String> violations = new CopyOnWriteArrayList<>();
  private final LiveContract contract = LiveContract.shared();

  private LiveProbe(WebSocketClient client, WebSocket socket) {
    this.client = client;
    this.socket = socket;
  }

  static LiveProbe connect(TestServer server) {
    return connect(server, new WebSocketClientOptions(), null);
  }

  static LiveProbe connect(TestServer server, WebSocketClientOptions options, String origin) {
    return connect(server, "/api/v1/live?key=" + TestTown.DISPLAY_KEY, options, origin);
  }

  /** A socket on any URI, e.g. a town's key or a {@code scope=}. */
  static LiveProbe connect(TestServer server, String uri) {
    return connect(server, uri, new WebSocketClientOptions(), null);
  }

  private static LiveProbe connect(TestServer server, String uri, WebSocketClientOptions options, String origin) {
    WebSocketClient client = server.vertx.createWebSocketClient(options);
    WebSocketConnectOptions connect = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(server.port)
        .setURI(uri);
    if (origin != null) {
      connect.addHeader("Origin", origin);
    }
    return open(client, connect);
  }

  /**
   * The handlers are set before the socket connects. Set once the connect future completes, they missed
   * the first snapshot whenever the test's thread came to it after the event loop had completed the
   * connection and read the snapshot (seen once in a full run: a delta then met an empty state).
   */
  private static LiveProbe open(WebSocketClient client, WebSocketConnectOptions connect) {
    ClientWebSocket socket = client.webSocket();
    LiveProbe probe = new LiveProbe(client, socket);
    socket.textMessageHandler(text -> probe.onFrame(new JsonObject(text)));
    socket.closeHandler(v -> probe.closeCode = socket.closeStatusCode());
    socket.connect(connect).await();
    return probe;
  }

  /** An operator's console socket: the session cookie, and the server's own Origin as a browser sends it. */
  static LiveProbe connectAs(TestServer server, String cookie) {
    WebSocketClient client = server.vertx.createWebSocketClient();
    WebSocketConnectOptions connect = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(server.port)
        .setURI("/api/v1/live").addHeader("Cookie", cookie).addHeader("Origin", "http://127.0.0.1:" + server.port);
    return open(client, connect);
  }

  /**
   * A handshake on the caller's client, which the caller keeps and closes: a client nothing refers to is
   * closed with its sockets by Vert.x's cleaner at the next GC, once mid-handshake ("connection closed
   * while handshake in process").
   */
  static Future<WebSocket> attempt(WebSocketClient client, TestServer server, String uri, String origin) {
    WebSocketConnectOptions connect = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(server.port).setURI(uri);
    if (origin != null) {
      connect.addHeader("Origin", origin);
    }
    return client.connect(connect);
  }

  private synchronized void onFrame(JsonObject frame) {
    frames.add(new Frame(System.nanoTime(), frame));
    contract.violation(frame).ifPresent(violations::add);
    switch (frame.getString("type")) {
      case "snapshot" -> state = frame.getJsonObject("state").copy();
      case "delta" -> JsonDelta.merge(state, frame.getJsonObject("changes"));
      default -> { }
    }
  }

  synchronized JsonObject state() {
    return state == null ? null : state.copy();
  }

  List<JsonObject> ofType(String type) {
    List<JsonObject> list = new ArrayList<>();
    frames.forEach(f -> {
      if (f.json().getString("type").equals(type)) {
        list.add(f.json());
      }
    });
    return list;
  }

  /** How long a test waits for what a screen should see: long enough for a loaded shared machine, short of a hang. */
  static final Duration PATIENCE = Duration.ofSeconds(30);

  /** Waits until the condition holds on this probe; fails, naming {@code what}, if it does not within {@link #PATIENCE}. */
  void expect(String what, Predicate<LiveProbe> condition) {
    Awaitility.await(what).atMost(PATIENCE).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20))
        .until(() -> condition.test(this));
  }

  /** Waits up to {@code seconds} for the condition on this probe; true if it held. */
  boolean await(Predicate<LiveProbe> condition, int seconds) {
    try {
      Awaitility.await().atMost(Duration.ofSeconds(seconds)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20))
          .until(() -> condition.test(this));
      return true;
    } catch (ConditionTimeoutException e) {
      return false;
    }
  }

  void send(JsonObject message) {
    socket.writeTextMessage(message.encode()).await();
  }

  @Override
  public void close() {
    client.close().await();
    if (!violations.isEmpty()) {
      throw new AssertionError(violations.size() + " frame(s) the AsyncAPI description refuses; the first: "
          + violations.get(0));
    }
  }
}
