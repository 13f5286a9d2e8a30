package io.watchfloor.rules;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.List;

/**
 * The alert rules' settings in the store (PostgreSQL, or the embedded store for the demo): each rule in
 * the file's shape with whether it is enabled, and one version for the whole set, raised by every
 * change, that lets every node see it has fallen behind.
 */
public interface RuleStore {
  /** A setting as the API shows it: {@code {id, enabled, rule, updatedAt, updatedBy}}, in the file's order. */
  record RuleSet(long version, JsonArray settings) {
  }

  /** One change: the setting before and after, and the set's version that now holds it. */
  record Change(JsonObject before, JsonObject after, long version) {
  }

  Future<Void> open();

  /** Lets go of what {@link #open} took. */
  default Future<Void> close() {
    return Future.succeededFuture();
  }

  /** Seeds an empty store with the file's rules, once: a store that was ever seeded is left as it is. */
  Future<Boolean> seedIfEmpty(List<JsonObject> rules, Instant at);

  Future<RuleSet> all();

  Future<Long> version();

  /** Audit action of a rule's change; its target is the rule's id, before and after its settings. */
  String AUDIT_ACTION = "rule.update";

  /**
   * Replaces a rule's settings in one transaction with the version's rise and, where the store holds
   * the audit too, the audit line ({@code by}, {@code scope}); fails with {@link RuleNotFound}.
   */
  Future<Change> update(String id, boolean enabled, JsonObject rule, String by, String scope, Instant at);

  /** Whether {@link #update} wrote the audit line itself; if not, the caller writes it to the audit log. */
  boolean auditsItself();

  /** No rule has the id asked for. */
  final class RuleNotFound extends RuntimeException {
    public RuleNotFound(String id) {
      super("no rule " + id, null, false, false);
    }
  }

  static JsonObject setting(String id, boolean enabled, JsonObject rule, Instant updatedAt, String updatedBy) {
    return new JsonObject().put("id", id).put("enabled", enabled).put("rule", rule)
        .put("updatedAt", updatedAt == null ? null : updatedAt.toString()).put("updatedBy", updatedBy);
  }
}
