package io.watchfloor.cluster;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.watchfloor.live.JsonDelta;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A wall screen as the shipped page behaves (docs/live-protocol.md): applies the snapshot and every delta to its own
 * copy of the state, asks for a resync on a gap in {@code seq}, and reconnects by itself when its socket
 * closes. A screen given a node directly whose node cannot be reached moves to the load balancer for
 * good, as a kiosk whose URL names the balancer would have been there all along.
 */
public final class ClusterFaultScreen implements AutoCloseable {
  private static final long RECONNECT_MS = 300;

  public final String name;
  private final Vertx vertx;
  private final WebSocketClient client;
  private final String uri;
  private final int balancerPort;
  private volatile int port;
  private volatile boolean closed;
  private WebSocket socket;
  private JsonObject state;
  private long seq = -1;
  private boolean stale = true;
  public final AtomicLong snapshots = new AtomicLong();
  public final AtomicLong drops = new AtomicLong();
  public final AtomicLong resyncs = new AtomicLong();
  /** The frames that broke the socket's AsyncAPI description, the first few; a test asserts there are none. */
  private final java.util.List<String> violations = new java.util.ArrayList<>();
  /** When the last snapshot arrived (System.nanoTime), and when the last drop happened. */
  public volatile long lastSnapshotNanos;
  public volatile long lastDropNanos;
  /** When the first snapshot after the last (re)connection arrived: how long a moved screen was dark. */
  public volatile long reconnectedSnapshotNanos;
  private boolean firstOfConnection;
  private volatile Consumer<JsonObject> onAlert = a -> { };

  /**
   * @param port         where it connects first: a node, or the balancer
   * @param balancerPort where it goes when {@code port} cannot be reached
   * @param query        the socket's query string, e.g. {@code key=demo-display-key}
   */
  public ClusterFaultScreen(Vertx vertx, String name, int port, int balancerPort, String query) {
    this.vertx = vertx;
    this.name = name;
    this.port = port;
    this.balancerPort = balancerPort;
    this.uri = "/api/v1/live?" + query;
    // a district's snapshot is ~100 KB, over the client's default frame and message limits; a browser has none
    this.client = vertx.createWebSocketClient(new WebSocketClientOptions().setConnectTimeout(2000)
        .setMaxFrameSize(16 << 20).setMaxMessageSize(16 << 20));
  }

  public ClusterFaultScreen start() {
    connect();
    return this;
  }

  /** Called on an event loop with each alert frame's alert, as it arrives. */
  public void onAlert(Consumer<JsonObject> listener) {
    this.onAlert = listener;
  }

  public int port() {
    return port;
  }

  public boolean moved() {
    return port == balancerPort;
  }

  private void connect() {
    if (closed) {
      return;
    }
    client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI(uri))
        .onSuccess(this::opened)
        .onFailure(e -> {
          if (port != balancerPort) {
            port = balancerPort;
          }
          vertx.setTimer(RECONNECT_MS, id -> connect());
        });
  }

  private synchronized void opened(WebSocket opened) {
    socket = opened;
    stale = true;
    seq = -1;
    firstOfConnection = true;
    opened.textMessageHandler(text -> onFrame(opened, new JsonObject(text)));
    opened.closeHandler(v -> dropped(opened));
    opened.exceptionHandler(e -> { });
  }

  private synchronized void dropped(WebSocket which) {
    if (which != socket) {
      return;
    }
    socket = null;
    stale = true;
    drops.incrementAndGet();
    lastDropNanos = System.nanoTime();
    vertx.setTimer(RECONNECT_MS, id -> connect());
  }

  private synchronized void onFrame(WebSocket from, JsonObject frame) {
    if (from != socket) {
      return;
    }
    if (violations.size() < 5) {
      io.watchfloor.LiveContract.shared().violation(frame).ifPresent(violations::add);
    }
    String type = frame.getString("type");
    if ("ping".equals(type)) {
      return;
    }
    long next = frame.getLong("seq", -1L);
    if ("snapshot".equals(type)) {
      state = frame.getJsonObject("state").copy();
      seq = next;
      stale = false;
      snapshots.incrementAndGet();
      lastSnapshotNanos = System.nanoTime();
      if (firstOfConnection) {
        firstOfConnection = false;
        reconnectedSnapshotNanos = lastSnapshotNanos;
      }
      return;
    }
    if (seq >= 0 && next != seq + 1 && !stale) {
      // a gap: what we hold may miss a change; ask for a snapshot and ignore deltas until it comes
      stale = true;
      resyncs.incrementAndGet();
      from.writeTextMessage(new JsonObject().put("type", "resync").encode());
    }
    seq = next;
    if ("delta".equals(type) && !stale) {
      JsonDelta.merge(state, frame.getJsonObject("changes"));
    } else if ("alert".equals(type)) {
      onAlert.accept(frame.getJsonObject("alert"));
    }
  }

  /** A copy of the state this screen shows, or null while it has none it can trust (no snapshot since a drop or gap). */
  /** The frames heard that do not conform to the live socket's AsyncAPI description (the first five). */
  public synchronized java.util.List<String> violations() {
    return java.util.List.copyOf(violations);
  }

  public synchronized JsonObject state() {
    return state == null || stale ? null : state.copy();
  }

  @Override
  public void close() {
    closed = true;
    client.close();
  }
}
