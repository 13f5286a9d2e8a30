package io.watchfloor.web;

import io.watchfloor.admin.AccessView;
import io.watchfloor.config.LiveConfig;
import io.watchfloor.live.LiveMessages;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.watchfloor.bus.Addresses;
import io.watchfloor.bus.Local;
import io.watchfloor.live.LiveMessages.AlertFrame;
import io.watchfloor.live.LiveMessages.CaseFrame;
import io.watchfloor.live.LiveMessages.Delta;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.live.LiveMessages.Snapshot;
import io.watchfloor.live.LiveMessages.SnapshotFrameRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * The WebSocket side of the live protocol (docs/live-protocol.md) for one HTTP verticle instance: a snapshot
 * first and after each resync, then deltas, alerts and cases with a per-connection seq, pings every 15 s.
 * Each socket shows one scope: it gets that scope's snapshots and deltas, and the alerts of areas in
 * it, never anything of another town.
 * Clients that stop reading are closed with {@link #SLOW_CLIENT}; silent peers are dropped after 30 s;
 * an operator's sockets end with the session.
 */
public final class LiveHub {
  private static final Logger LOG = LoggerFactory.getLogger(LiveHub.class);
  /** Close code for a client that fell too far behind; it reconnects and starts from a snapshot. */
  public static final short SLOW_CLIENT = 4001;
  /** Close code for an operator whose session ended: signed out or expired; reconnecting asks again. */
  public static final short SESSION_OVER = 4003;
  /**
   * Close code for a screen whose display key was revoked: the screen asks the server, is told 401, and
   * shows its wrong-key notice (webroot/js/main.js), as for a key that was never right.
   */
  public static final short KEY_REVOKED = 4401;
  public static final int MAX_PENDING_ALERTS = 100;
  private static final DeliveryOptions LOCAL = Local.only();

  private final Vertx vertx;
  private final Clock clock;
  private final Catalogue catalogue;
  private final int maxMerges;
  private final LiveClients clients;
  private final LiveEnding ending;
  private final LiveInbound inbound;
  private final LiveEvictions evictions;
  private final int writeQueueBytes;
  private final long pingTimer;
  private final long sweepTimer;
  private final LiveMeters meters;

  public LiveHub(Vertx vertx, Clock clock, LiveConfig config, Catalogue catalogue) {
    this.vertx = vertx;
    this.clock = clock;
    this.catalogue = catalogue;
    this.maxMerges = config.maxPendingMerges();
    this.writeQueueBytes = config.writeQueueBytes();
    this.clients = new LiveClients(vertx);
    this.ending = new LiveEnding(vertx, clients, config.closingTimeoutSeconds() * 1000L);
    this.inbound = new LiveInbound(vertx, clients, ending, config.resyncGapMs() * 1_000_000L, this::sendSnapshot, this::close);
    this.evictions = new LiveEvictions(clients, ending, config.silentSeconds() * 1_000_000_000L);
    long pingMs = config.pingSeconds() * 1000L;
    this.pingTimer = vertx.setPeriodic(pingMs, id -> ping());
    this.sweepTimer = vertx.setPeriodic(Math.min(pingMs, 5000), id -> evictions.dropSilent());
    this.meters = new LiveMeters(this, clients.view());
  }

  /**
   * Deltas and alert frames are this node's own (every node projects the committed reports itself) and
   * travel by reference, so they are heard on this node only. A session, though, may be used on any
   * node: its end, a plain String, is heard cluster-wide.
   */
  public Future<Void> start() {
    return Future.join(
        vertx.eventBus().<Delta>localConsumer(Addresses.LIVE_DELTA, this::onDelta).completion(),
        vertx.eventBus().<AlertFrame>localConsumer(Addresses.LIVE_ALERT, this::onAlert).completion(),
        vertx.eventBus().<CaseFrame>localConsumer(Addresses.LIVE_CASE, this::onCase).completion(),
        vertx.eventBus().<String>consumer(Addresses.SESSION_ENDED, m -> evictions.sessionEnded(m.body())).completion()).mapEmpty();
  }

  /** @param connection the upgraded request's, to cut should the close handshake never finish; null leaves
   *     it to the server's closing timeout */
  public void accept(ServerWebSocket socket, HttpConnection connection, Watcher watcher) {
    LiveClient client = new LiveClient(socket, connection, watcher, System.nanoTime());
    clients.add(client);
    socket.setWriteQueueMaxSize(writeQueueBytes);
    socket.textMessageHandler(text -> inbound.onText(client, text));
    socket.pongHandler(pong -> client.lastHeardNanos = System.nanoTime());
    socket.closeHandler(v -> clients.forget(client));
    socket.exceptionHandler(e -> LOG.debug("live socket of {} failed: {}", watcher.who(), e.getMessage()));
    socket.drainHandler(v -> flushPending(client));
    if (watcher.sessionId() != null) {
      // the session outlives its timeout only if used; the client reconnects and is asked again
      client.sessionTimer = vertx.setTimer(Math.max(1, watcher.sessionLeftMillis()),
          id -> ending.end(client, SESSION_OVER, "session expired"));
    }
    sendSnapshot(client);
  }

  private void sendSnapshot(LiveClient client) {
    client.snapshotPending = true;
    // this node's picture, the one its deltas build on; the request goes by reference
    vertx.eventBus().<Snapshot>request(Addresses.LIVE_SNAPSHOT_FRAME,
            new SnapshotFrameRequest(client.watcher.scope()), LOCAL)
        .onSuccess(reply -> writeSnapshot(client, reply.body()))
        .onFailure(e -> ending.end(client, (short) 1011, "state unavailable"));
  }

  /** The snapshot holds every change still pending, so those go; waiting alerts follow it. */
  private void writeSnapshot(LiveClient client, Snapshot snapshot) {
    if (!clients.contains(client)) {
      return;
    }
    if (client.socket.isClosed()) {
      clients.forget(client);
      return;
    }
    if (client.socket.writeQueueFull()) {
      close(client, "write queue full at snapshot");
      return;
    }
    client.version = snapshot.version();
    client.snapshotPending = false;
    client.pendingChanges = null;
    client.pendingMerges = 0;
    client.lastSnapshotNanos = System.nanoTime();
    Frames.write(client.socket, "snapshot", client.nextSeq(), snapshot.suffix(client.operator()));
    meters.sent("snapshot");
    flushPending(client);
  }

  private void onDelta(Message<Delta> message) {
    Delta delta = message.body();
    long start = System.nanoTime();
    clients.forEachOpen(client -> sendDelta(client, delta));
    meters.fannedOut("delta", start);
  }

  private void sendDelta(LiveClient client, Delta delta) {
    if (!delta.scope().equals(client.watcher.scope()) || client.snapshotPending || delta.version() <= client.version) {
      return;
    }
    client.version = delta.version();
    Buffer suffix = delta.suffix(client.operator());
    if (suffix == null) {
      return; // only officer text changed, which this client does not see
    }
    if (client.hasPending() || client.socket.writeQueueFull()) {
      hold(client, delta.changes(client.operator()), delta.at());
    } else {
      Frames.write(client.socket, "delta", client.nextSeq(), suffix);
      meters.sent("delta");
    }
  }

  private void hold(LiveClient client, JsonObject changes, String at) {
    if (client.hold(changes, at) > maxMerges) {
      close(client, "fell " + client.pendingMerges + " deltas behind");
    }
  }

  private void onAlert(Message<AlertFrame> message) {
    AlertFrame alert = message.body();
    long start = System.nanoTime();
    clients.forEachOpen(client -> sendAtOnce(client, "alert", alert.area(), alert.suffix(client.operator())));
    meters.fannedOut("alert", start);
  }

  private void onCase(Message<CaseFrame> message) {
    CaseFrame frame = message.body();
    clients.forEachOpen(client -> sendAtOnce(client, "case", frame.area(), frame.suffix(client.operator())));
  }

  /** An alert or case frame goes at once, behind what the socket holds already. */
  private void sendAtOnce(LiveClient client, String type, String area, Buffer suffix) {
    if (!shows(client, area) || client.snapshotPending) {
      return; // not its scope's; or the snapshot it is about to get carries the open alerts and cases
    }
    if (client.hasPending() || client.socket.writeQueueFull()) {
      client.pendingFrames.add(new LiveClient.Held(type, suffix));
      if (client.pendingFrames.size() > MAX_PENDING_ALERTS) {
        close(client, MAX_PENDING_ALERTS + " alert and case frames waiting");
      }
    } else {
      Frames.write(client.socket, type, client.nextSeq(), suffix);
      meters.sent(type);
    }
  }

  /** An alert or case of no known area is shown only on the whole jurisdiction's screens, as the open list does. */
  private boolean shows(LiveClient client, String area) {
    String scope = client.watcher.scope();
    return area == null || catalogue.area(area).isEmpty() ? catalogue.root().id().equals(scope)
        : catalogue.contains(scope, area);
  }

  /** Alerts and cases first, they matter most; then the one merged delta. */
  private void flushPending(LiveClient client) {
    if (client.socket.isClosed()) {
      clients.forget(client);
      return;
    }
    while (!client.pendingFrames.isEmpty() && !client.socket.writeQueueFull()) {
      LiveClient.Held held = client.pendingFrames.poll();
      Frames.write(client.socket, held.type(), client.nextSeq(), held.suffix());
      meters.sent(held.type());
    }
    if (client.pendingChanges != null && client.pendingFrames.isEmpty() && !client.socket.writeQueueFull()) {
      Frames.write(client.socket, "delta", client.nextSeq(), client.takeHeld());
      meters.sent("delta");
    }
  }

  private void close(LiveClient client, String why) {
    meters.slowClose();
    LOG.warn("closing slow live client {}: {}", client.watcher.who(), why);
    ending.end(client, SLOW_CLIENT, "too slow; reconnect");
  }

  /**
   * A new picture of who may do what: the sockets of an operator now disabled, or whose password was
   * reset (their epoch moved), end as their sessions do; those of a revoked display key end with {@link #KEY_REVOKED}.
   */
  public void accessChanged(AccessView before, AccessView after) {
    evictions.accessChanged(before, after);
  }

  private void ping() {
    String at = clock.instant().toString();
    clients.forEachOpen(client -> {
      if (!client.socket.writeQueueFull()) {
        client.socket.writeFrame(Frames.ping(at));
        client.socket.writePing(Buffer.buffer());
        meters.sent("ping");
      }
    });
  }

  public void closeAll() {
    vertx.cancelTimer(pingTimer);
    vertx.cancelTimer(sweepTimer);
    for (LiveClient client : clients.all()) {
      ending.end(client, (short) 1001, "server stopping");
    }
  }
}
