package io.watchfloor.live;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.watchfloor.config.RuleJson;
import io.watchfloor.bus.Addresses;
import io.watchfloor.bus.Local;
import io.watchfloor.domain.AlertRule;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.domain.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.function.Consumer;

/**
 * Brings the rules' settings from the store to this node's engine: the set held at start, then each
 * newer version as it is published, from any node or this node's own version check. An older or
 * repeated version changes nothing, so the publish and the check may both arrive.
 */
final class RuleUpdates {
  private static final Logger LOG = LoggerFactory.getLogger(RuleUpdates.class);
  private static final DeliveryOptions LOCAL = Local.only(5000);

  private final Vertx vertx;
  private final Catalogue catalogue;
  private final Consumer<List<AlertRule>> apply;
  private long version = -1;

  RuleUpdates(Vertx vertx, Catalogue catalogue, Consumer<List<AlertRule>> apply) {
    this.vertx = vertx;
    this.catalogue = catalogue;
    this.apply = apply;
  }

  /** Listens from every node; asks for the current set once, and keeps the file's rules if none answers yet. */
  Future<Void> start() {
    return vertx.eventBus().<JsonObject>consumer(Addresses.RULES_CHANGED, m -> take(m.body())).completion()
        .onSuccess(v -> vertx.eventBus().<JsonObject>request(Addresses.RULES_LIST, "live", LOCAL)
            .onSuccess(reply -> take(reply.body()))
            .onFailure(e -> LOG.info("live: rules from the file until the store's settings arrive ({})", e.getMessage())));
  }

  long version() {
    return version;
  }

  private void take(JsonObject set) {
    long next = set.getLong("version", 0L);
    if (next <= version) {
      return;
    }
    List<AlertRule> rules;
    try {
      rules = RuleJson.enabled(set.getJsonArray("rules"), catalogue);
    } catch (ConfigException e) {
      // the API checks every change; a stored rule this catalogue cannot read is a configuration to fix
      LOG.error("live: the stored rules (version {}) do not fit this catalogue, keeping the ones in force: {}", next,
          e.getMessage());
      return;
    }
    version = next;
    apply.accept(rules);
    LOG.info("live: rules version {} in force, {} enabled", next, rules.size());
  }
}
