package io.watchfloor.audit;

import io.vertx.core.json.JsonObject;

import java.time.Instant;

/**
 * One line of the audit: who did what to which target, when, and the target before and after (null
 * for none: before a creation, after a deletion, or a failed sign-in). {@code scope} is the area the
 * change concerns, so a town's admin sees the lines of its town. Never holds a secret or a hash.
 */
public record AuditEntry(long id, Instant at, String actor, String action, String target, String scope,
                         JsonObject before, JsonObject after) {

  public static AuditEntry of(Instant at, String actor, String action, String target, String scope,
                              JsonObject before, JsonObject after) {
    return new AuditEntry(0, at, actor, action, target, scope, before, after);
  }

  public AuditEntry withId(long value) {
    return new AuditEntry(value, at, actor, action, target, scope, before, after);
  }

  /** The {@code after} of a line that stands for repeated tries: how many, and when the last was. */
  public static JsonObject attempts(long count, Instant last) {
    return new JsonObject().put("attempts", count).put("lastAt", last.toString());
  }

  /** The line with one more try counted, the last at {@code last}. */
  public AuditEntry withAttempt(Instant last) {
    long count = after == null ? 1 : after.getLong("attempts", 1L);
    return new AuditEntry(id, at, actor, action, target, scope, before, attempts(count + 1, last));
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("at", at.toString()).put("actor", actor).put("action", action)
        .put("target", target).put("scope", scope).put("before", before).put("after", after);
  }
}
