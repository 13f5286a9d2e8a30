package io.watchfloor.rules;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.watchfloor.config.RuleJson;
import io.watchfloor.bus.Addresses;
import io.watchfloor.bus.Local;
import io.watchfloor.config.StoreConfig;
import io.watchfloor.storage.Storage;
import io.watchfloor.domain.AlertRule;
import io.watchfloor.store.StoreUnavailable;
import io.watchfloor.audit.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;

/**
 * Owns the rules' settings in the store. Seeds an empty store from the rules file once, answers the
 * admin API, and tells the live picture of every node when the set changes: at once by a cluster-wide
 * publish, and, should that be lost (a node joining, or dying between its commit and its publish),
 * by comparing the store's version with the one it last told, every half second.
 */
public final class RuleVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(RuleVerticle.class);
  /** Half the 1 s every node has to take a change: a publish lost is made up within it. */
  static final long CHECK_MS = 500;
  private static final DeliveryOptions LOCAL = Local.only();

  private final Clock clock;
  private final List<JsonObject> seed;
  private final Storage storage;
  private RuleStore store;
  private AuditLog audit;
  private boolean loaded;
  /** The version this node's live picture was last told; -1 before the first. */
  private long told = -1;
  private boolean checking;
  private long timer;

  public RuleVerticle(Clock clock, List<AlertRule> fileRules, Storage storage) {
    this.clock = clock;
    this.seed = fileRules.stream().map(RuleJson::of).toList();
    this.storage = storage;
  }

  @Override
  public Future<?> start() {
    store = storage.choose(MemoryRuleStore::new, PgRuleStore::new);
    audit = new AuditLog(vertx, clock);
    return store.open()
        .compose(v -> Future.join(List.of(
            vertx.eventBus().localConsumer(Addresses.RULES_LIST, this::onList).completion(),
            vertx.eventBus().<JsonObject>localConsumer(Addresses.RULES_UPDATE, this::onUpdate).completion(),
            vertx.eventBus().localConsumer(Addresses.STORE_OPENED, m -> check()).completion())))
        // a store that is down at start is not a reason not to start: the check seeds it once it answers
        .compose(v -> load().otherwiseEmpty())
        .onSuccess(v -> timer = vertx.setPeriodic(CHECK_MS, id -> check()));
  }

  /** Seeds the store if it never was, then tells this node's live picture the set. */
  private Future<Void> load() {
    return store.seedIfEmpty(seed, clock.instant())
        .onSuccess(seeded -> {
          if (seeded) {
            LOG.info("rules: seeded the store with the {} rules of the rules file", seed.size());
          }
        })
        .compose(seeded -> store.all())
        .onSuccess(set -> {
          loaded = true;
          tell(set);
        })
        .onFailure(e -> LOG.warn("rules: cannot read the rules' settings yet ({}); the file's rules hold until then",
            e.getMessage()))
        .mapEmpty();
  }

  private void check() {
    if (checking) {
      return;
    }
    checking = true;
    Future<Void> round = !loaded ? load()
        : store.version().compose(version -> version == told ? Future.succeededFuture()
            : store.all().onSuccess(set -> tell(set)).mapEmpty());
    round.onComplete(r -> checking = false);
  }

  /** To this node's live picture only: the other nodes' own checks tell theirs. */
  private void tell(RuleStore.RuleSet set) {
    if (set.version() > told) {
      told = set.version();
      vertx.eventBus().publish(Addresses.RULES_CHANGED, json(set), LOCAL);
    }
  }

  private static JsonObject json(RuleStore.RuleSet set) {
    return new JsonObject().put("version", set.version()).put("rules", set.settings());
  }

  private void onList(Message<Object> message) {
    store.all().onSuccess(set -> message.reply(json(set))).onFailure(e -> fail(message, e));
  }

  /**
   * Stored first, then published to every node with the whole set, so each takes it as one version;
   * only then answered, so the caller's next report already meets the new rules on this node.
   */
  private void onUpdate(Message<JsonObject> message) {
    JsonObject body = message.body();
    String by = body.getString("by");
    String scope = body.getString("scope");
    store.update(body.getString("id"), body.getBoolean("enabled"), body.getJsonObject("rule"), by, scope, clock.instant())
        // the embedded store's audit is the admin verticle's; PostgreSQL wrote it in the change's transaction
        .compose(change -> store.auditsItself() ? Future.succeededFuture(change)
            : audit.record(by, RuleStore.AUDIT_ACTION, body.getString("id"), scope, change.before(), change.after()).map(change))
        .compose(change -> store.all().map(set -> {
          told = Math.max(told, set.version());
          vertx.eventBus().publish(Addresses.RULES_CHANGED, json(set));
          return change;
        }))
        .onSuccess(change -> {
          LOG.info("rules: {} changed by {} (version {})", body.getString("id"), body.getString("by"), change.version());
          message.reply(new JsonObject().put("before", change.before()).put("after", change.after())
              .put("version", change.version()));
        })
        .onFailure(e -> fail(message, e));
  }

  private static void fail(Message<?> message, Throwable e) {
    if (e instanceof RuleStore.RuleNotFound) {
      message.fail(404, e.getMessage());
    } else {
      message.fail(StoreUnavailable.STATUS, e.getMessage());
    }
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return store == null ? Future.succeededFuture() : store.close();
  }
}
