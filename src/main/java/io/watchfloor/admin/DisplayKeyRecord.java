package io.watchfloor.admin;

import io.vertx.core.json.JsonObject;
import io.watchfloor.domain.DisplayKey;

/** A wall screen's read-only key for a scope; only its SHA-256 is kept. A revoked key stays, for the audit. */
public record DisplayKeyRecord(String id, String label, String scope, String keySha256, boolean revoked, boolean demo) {

  public DisplayKey toDisplayKey() {
    return new DisplayKey(id, label, keySha256, scope);
  }

  public DisplayKeyRecord revoke() {
    return new DisplayKeyRecord(id, label, scope, keySha256, true, demo);
  }

  /** Never the key nor its hash. */
  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("label", label).put("scope", scope).put("revoked", revoked).put("demo", demo);
  }
}
