package io.watchfloor.live;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.watchfloor.Addresses;
import io.watchfloor.live.LiveMessages.AlertFrame;
import io.watchfloor.live.LiveMessages.Delta;
import io.watchfloor.live.LiveMessages.Snapshot;
import io.watchfloor.ops.Meters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;

/**
 * The WebSocket side of the live protocol (DESIGN §5) for one HTTP verticle instance: a snapshot
 * first and after each resync, then deltas and alerts with a per-connection seq, pings every 15 s.
 * Clients that stop reading are closed with {@link #SLOW_CLIENT}; silent peers are dropped after 30 s.
 */
public final class LiveHub {
  private static final Logger LOG = LoggerFactory.getLogger(LiveHub.class);
  /** Close code for a client that fell too far behind; it reconnects and starts from a snapshot. */
  public static final short SLOW_CLIENT = 4001;
  public static final int MAX_PENDING_ALERTS = 100;

  private final Vertx vertx;
  private final Clock clock;
  private final int maxMerges;
  private final long silentAfterNanos;
  private final Set<LiveClient> clients = new HashSet<>();
  private final int writeQueueBytes;
  private final long pingTimer;
  private final long sweepTimer;
  private final Counter slowCloses;
  private final Map<String, Counter> frames = new HashMap<>();
  private final MeterRegistry registry = Meters.registry();

  /** @param config the {@code live} section: ping-seconds, silent-seconds, max-pending-merges */
  public LiveHub(Vertx vertx, Clock clock, JsonObject config) {
    this.vertx = vertx;
    this.clock = clock;
    this.maxMerges = config.getInteger("max-pending-merges", 240);
    this.silentAfterNanos = config.getInteger("silent-seconds", 30) * 1_000_000_000L;
    this.writeQueueBytes = config.getInteger("write-queue-bytes", 256 * 1024);
    long pingMs = config.getInteger("ping-seconds", 15) * 1000L;
    this.pingTimer = vertx.setPeriodic(pingMs, id -> ping());
    this.sweepTimer = vertx.setPeriodic(Math.min(pingMs, 5000), id -> dropSilent());
    this.slowCloses = Counter.builder("watchfloor.live.slow.closes").description("live clients closed for not reading")
        .register(registry);
    Gauge.builder("watchfloor.live.clients", clients, Set::size).description("connected live clients")
        .tag("hub", Integer.toHexString(System.identityHashCode(this))).register(registry);
  }

  public Future<Void> start() {
    return Future.join(
        vertx.eventBus().<Delta>consumer(Addresses.LIVE_DELTA, this::onDelta).completion(),
        vertx.eventBus().<AlertFrame>consumer(Addresses.LIVE_ALERT, this::onAlert).completion()).mapEmpty();
  }

  public int size() {
    return clients.size();
  }

  public void accept(ServerWebSocket socket, String who) {
    LiveClient client = new LiveClient(socket, who, System.nanoTime());
    clients.add(client);
    socket.setWriteQueueMaxSize(writeQueueBytes);
    socket.textMessageHandler(text -> onText(client, text));
    socket.pongHandler(pong -> client.lastHeardNanos = System.nanoTime());
    socket.closeHandler(v -> clients.remove(client));
    socket.exceptionHandler(e -> LOG.debug("live socket of {} failed: {}", who, e.getMessage()));
    socket.drainHandler(v -> flushPending(client));
    sendSnapshot(client);
  }

  private void onText(LiveClient client, String text) {
    client.lastHeardNanos = System.nanoTime();
    if (text.contains("\"resync\"") && "resync".equals(new JsonObject(text).getString("type"))) {
      client.pendingChanges = null;
      client.pendingMerges = 0;
      sendSnapshot(client);
    }
  }

  private void sendSnapshot(LiveClient client) {
    client.snapshotPending = true;
    vertx.eventBus().<Snapshot>request(Addresses.LIVE_SNAPSHOT_FRAME, "hub")
        .onSuccess(reply -> {
          if (clients.contains(client)) {
            Snapshot snapshot = reply.body();
            client.version = snapshot.version();
            client.snapshotPending = false;
            client.socket.writeFrame(Frames.frame("snapshot", client.nextSeq(), snapshot.tail()));
            sent("snapshot");
          }
        })
        .onFailure(e -> client.socket.close((short) 1011, "state unavailable"));
  }

  private void onDelta(Message<Delta> message) {
    Delta delta = message.body();
    for (LiveClient client : List.copyOf(clients)) {
      if (client.snapshotPending || delta.version() <= client.version) {
        continue;
      }
      client.version = delta.version();
      if (client.hasPending() || client.socket.writeQueueFull()) {
        hold(client, delta);
      } else {
        client.socket.writeFrame(Frames.frame("delta", client.nextSeq(), delta.tail()));
        sent("delta");
      }
    }
  }

  private void hold(LiveClient client, Delta delta) {
    if (client.pendingChanges == null) {
      client.pendingChanges = delta.changes().copy();
    } else {
      JsonDelta.merge(client.pendingChanges, delta.changes());
    }
    client.pendingAt = delta.at();
    if (++client.pendingMerges > maxMerges) {
      close(client, "fell " + client.pendingMerges + " deltas behind");
    }
  }

  private void onAlert(Message<AlertFrame> message) {
    for (LiveClient client : List.copyOf(clients)) {
      if (client.snapshotPending) {
        continue; // the snapshot it is about to get carries the open alerts
      }
      if (client.hasPending() || client.socket.writeQueueFull()) {
        client.pendingAlerts.add(message.body().tail());
        if (client.pendingAlerts.size() > MAX_PENDING_ALERTS) {
          close(client, MAX_PENDING_ALERTS + " alerts waiting");
        }
      } else {
        client.socket.writeFrame(Frames.frame("alert", client.nextSeq(), message.body().tail()));
        sent("alert");
      }
    }
  }

  /** Alerts first, they matter most; then the one merged delta. */
  private void flushPending(LiveClient client) {
    while (!client.pendingAlerts.isEmpty() && !client.socket.writeQueueFull()) {
      client.socket.writeFrame(Frames.frame("alert", client.nextSeq(), client.pendingAlerts.poll()));
      sent("alert");
    }
    if (client.pendingChanges != null && client.pendingAlerts.isEmpty() && !client.socket.writeQueueFull()) {
      byte[] tail = Frames.tail(client.pendingAt, "changes", client.pendingChanges.encode());
      client.pendingChanges = null;
      client.pendingMerges = 0;
      client.socket.writeFrame(Frames.frame("delta", client.nextSeq(), tail));
      sent("delta");
    }
  }

  /** Counts a frame written to one client, by type. */
  private void sent(String type) {
    frames.computeIfAbsent(type, t -> Counter.builder("watchfloor.live.frames").description("frames written to live clients")
        .tag("type", t).register(registry)).increment();
  }

  private void close(LiveClient client, String why) {
    slowCloses.increment();
    LOG.warn("closing slow live client {}: {}", client.who, why);
    clients.remove(client);
    client.pendingChanges = null;
    client.pendingAlerts.clear();
    client.socket.close(SLOW_CLIENT, "too slow; reconnect");
  }

  private void ping() {
    String at = clock.instant().toString();
    for (LiveClient client : clients) {
      if (!client.socket.writeQueueFull()) {
        client.socket.writeFrame(Frames.ping(at));
        client.socket.writePing(Buffer.buffer());
        sent("ping");
      }
    }
  }

  /** A peer that answers neither pings nor anything else is gone; free it rather than wait for TCP. */
  private void dropSilent() {
    long now = System.nanoTime();
    for (LiveClient client : List.copyOf(clients)) {
      if (now - client.lastHeardNanos > silentAfterNanos) {
        LOG.info("dropping silent live client {}", client.who);
        clients.remove(client);
        client.socket.close((short) 1001, "no answer to pings");
      }
    }
  }

  public void closeAll() {
    vertx.cancelTimer(pingTimer);
    vertx.cancelTimer(sweepTimer);
    for (LiveClient client : List.copyOf(clients)) {
      client.socket.close((short) 1001, "server stopping");
    }
    clients.clear();
  }
}
