package io.watchfloor.ranking;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.watchfloor.audit.AuditEntry;
import io.watchfloor.audit.AuditLog;
import io.watchfloor.bus.Addresses;
import io.watchfloor.storage.Storage;
import io.watchfloor.store.DataRefused;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.function.Function;

/**
 * Owns the red and black lists' settings in the store and this node's {@link RankingFloor}. A change is stored
 * with its audit line, taken on this node, then published to every node; should the publish be lost (a node
 * joining, or dying between its commit and its publish), each node's check of the store's version every half
 * second makes it up. Until the store first answers, and while no admin has set a floor, the config's holds.
 */
public final class RankingVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(RankingVerticle.class);
  static final long CHECK_MS = 500;
  static final String AUDIT_ACTION = "ranking.update";
  static final String AUDIT_TARGET = "ranking";

  private final Clock clock;
  private final int configured;
  private final Storage storage;
  private RankingStore store;
  private AuditLog audit;
  /** The version this node's floor comes from; -1 before the store first answered. */
  private long held = -1;
  private boolean checking;
  private long timer;

  /** @param configured the config file's floor (percent), in force while no admin has set one */
  public RankingVerticle(Clock clock, int configured, Storage storage) {
    this.clock = clock;
    this.configured = configured;
    this.storage = storage;
  }

  @Override
  public Future<?> start() {
    store = storage.choose(MemoryRankingStore::new, PgRankingStore::new);
    audit = new AuditLog(vertx, clock);
    RankingFloor.set(vertx, configured);
    return store.open()
        .compose(v -> Future.join(List.of(
            vertx.eventBus().localConsumer(Addresses.RANKING_SETTINGS, this::onGet).completion(),
            vertx.eventBus().<JsonObject>localConsumer(Addresses.RANKING_SETTINGS_UPDATE, this::onUpdate).completion(),
            vertx.eventBus().consumer(Addresses.RANKING_CHANGED, m -> check()).completion(),
            vertx.eventBus().localConsumer(Addresses.STORE_OPENED, m -> check()).completion())))
        // a store that is down at start is not a reason not to start: the check reads it once it answers
        .compose(v -> store.get().onSuccess(this::take).otherwiseEmpty())
        .onSuccess(v -> timer = vertx.setPeriodic(CHECK_MS, id -> check()));
  }

  private void check() {
    if (checking) {
      return;
    }
    checking = true;
    store.version().compose(version -> version == held ? Future.succeededFuture()
            : store.get().onSuccess(this::take).mapEmpty())
        .onComplete(r -> checking = false);
  }

  private void take(RankingStore.Setting setting) {
    if (setting.version() > held) {
      held = setting.version();
      RankingFloor.set(vertx, floor(setting));
    }
  }

  private int floor(RankingStore.Setting setting) {
    return setting.onTimeRedFloor() == null ? configured : setting.onTimeRedFloor();
  }

  private JsonObject json(RankingStore.Setting setting) {
    return new JsonObject().put("onTimeRedFloor", floor(setting)).put("default", configured)
        .put("version", setting.version())
        .put("updatedAt", setting.updatedAt() == null ? null : setting.updatedAt().toString())
        .put("updatedBy", setting.updatedBy());
  }

  private void onGet(Message<Object> message) {
    store.get().onSuccess(setting -> message.reply(json(setting)))
        .onFailure(e -> message.reply(DataRefused.or503(e, 2)));
  }

  private void onUpdate(Message<JsonObject> message) {
    JsonObject update = message.body();
    String by = update.getString("by");
    Function<RankingStore.Change, AuditEntry> line = change -> audit.line(by, AUDIT_ACTION, AUDIT_TARGET,
        update.getString("scope"), new JsonObject().put("onTimeRedFloor", floor(change.before())),
        new JsonObject().put("onTimeRedFloor", floor(change.after())));
    store.setFloor(update.getInteger("onTimeRedFloor"), by, clock.instant(), line)
        .compose(change -> store.auditsItself() ? Future.succeededFuture(change) : audit.record(line.apply(change)).map(change))
        .onSuccess(change -> {
          take(change.after());
          vertx.eventBus().publish(Addresses.RANKING_CHANGED, new JsonObject().put("version", change.after().version()));
          LOG.info("ranking: the on-time board's red floor set to {} % by {} (version {})",
              floor(change.after()), by, change.after().version());
          message.reply(json(change.after()));
        })
        .onFailure(e -> message.reply(DataRefused.or503(e, 2)));
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return store == null ? Future.succeededFuture() : store.close();
  }
}
