package io.watchfloor.admin;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.watchfloor.http.Principal;

/**
 * Where a rule's change is written down with its before and after. Until the audit log of the admin
 * API is in, the change's own record (who and when, on the rule) and the server log are its trail.
 */
public interface RuleAudit {
  RuleAudit NONE = (admin, change) -> Future.succeededFuture();

  /** {@code change} is {@code {before, after, version}} as the rule store answered it. */
  Future<Void> changed(Principal admin, JsonObject change);
}
