package io.watchfloor.rules;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The rules' settings for the embedded store: one node, gone with it, as the rest of the demo's store. */
public final class MemoryRuleStore implements RuleStore {
  private final Map<String, JsonObject> settings = new LinkedHashMap<>();
  private long version;

  @Override
  public Future<Void> open() {
    return Future.succeededFuture();
  }

  @Override
  public Future<Boolean> seedIfEmpty(List<JsonObject> rules, Instant at) {
    if (version > 0) {
      return Future.succeededFuture(false);
    }
    rules.forEach(rule -> settings.put(rule.getString("id"), RuleStore.setting(rule.getString("id"), true, rule.copy(), at, null)));
    version = 1;
    return Future.succeededFuture(true);
  }

  @Override
  public Future<RuleSet> all() {
    JsonArray list = new JsonArray();
    settings.values().forEach(s -> list.add(s.copy()));
    return Future.succeededFuture(new RuleSet(version, list));
  }

  @Override
  public Future<Long> version() {
    return Future.succeededFuture(version);
  }

  @Override
  public boolean auditsItself() {
    return false;
  }

  @Override
  public Future<Change> update(String id, boolean enabled, JsonObject rule, String by, String scope, Instant at) {
    JsonObject before = settings.get(id);
    if (before == null) {
      return Future.failedFuture(new RuleNotFound(id));
    }
    JsonObject after = RuleStore.setting(id, enabled, rule.copy(), at, by);
    settings.put(id, after);
    version++;
    return Future.succeededFuture(new Change(before.copy(), after.copy(), version));
  }
}
