package io.watchfloor.admin;

import io.vertx.core.json.JsonObject;
import io.watchfloor.domain.Operator;
import io.watchfloor.domain.Role;

/**
 * An operator as the store keeps it. {@code epoch} moves when the operator is disabled or their
 * password reset: a session carries the epoch it began in, and ends when they differ.
 */
public record OperatorRecord(String username, String name, Role role, String scope, String passwordHash,
                             boolean mustChange, boolean disabled, int epoch, boolean demo) {

  public Operator toOperator() {
    return new Operator(username, name, role, passwordHash, scope);
  }

  public OperatorRecord withDisabled(boolean value) {
    return new OperatorRecord(username, name, role, scope, passwordHash, mustChange, value, value ? epoch + 1 : epoch, demo);
  }

  /** A new password; a reset by an admin also ends the sessions made with the old one. */
  public OperatorRecord withPassword(String hash, boolean mustChangeNext, boolean endSessions) {
    int next = endSessions ? epoch + 1 : epoch;
    return new OperatorRecord(username, name, role, scope, hash, mustChangeNext, disabled, next, demo);
  }

  /** Never the hash. */
  public JsonObject toJson() {
    return new JsonObject().put("username", username).put("name", name).put("role", role.key()).put("scope", scope)
        .put("mustChangePassword", mustChange).put("disabled", disabled).put("demo", demo);
  }
}
