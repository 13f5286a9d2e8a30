package io.watchfloor.admin;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.domain.FieldUnit;
import io.watchfloor.domain.Site;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A field unit as the store keeps it: its sites named one by one, or by kind within its scope (so a
 * site added to the tree later is the kind's unit's too). Only hashes of its tokens; the previous one
 * is still taken until {@code previousUntil}, the grace the admin chose when rotating.
 */
public record UnitRecord(String id, String name, String scope, List<String> sites, List<String> siteKinds,
                         String tokenSha256, String previousTokenSha256, Instant previousUntil, boolean disabled,
                         boolean demo) {
  public UnitRecord {
    sites = List.copyOf(sites);
    siteKinds = List.copyOf(siteKinds);
  }

  /** The sites it may post for, in the order the field page offers them: its own, then each kind's. */
  public Set<String> reach(Catalogue catalogue) {
    Set<String> reach = new LinkedHashSet<>();
    sites.stream().filter(s -> catalogue.site(s).isPresent()).forEach(reach::add);
    for (String kind : siteKinds) {
      catalogue.subtreeSites(scope).stream().filter(s -> s.kind().equals(kind)).map(Site::id).forEach(reach::add);
    }
    return Collections.unmodifiableSet(reach);
  }

  public FieldUnit toFieldUnit(Catalogue catalogue) {
    return new FieldUnit(id, name, reach(catalogue), tokenSha256);
  }

  public UnitRecord withToken(String sha256, String previousSha256, Instant until) {
    return new UnitRecord(id, name, scope, sites, siteKinds, sha256, previousSha256, until, disabled, demo);
  }

  /** Disabling ends a rotation's grace too: enabling again must not bring back a token the admin retired. */
  public UnitRecord withDisabled(boolean value) {
    return value ? new UnitRecord(id, name, scope, sites, siteKinds, tokenSha256, null, null, true, demo)
        : new UnitRecord(id, name, scope, sites, siteKinds, tokenSha256, previousTokenSha256, previousUntil, false, demo);
  }

  /** What the admin page and the audit show: never a token, never a hash. */
  public JsonObject toJson(Catalogue catalogue) {
    return new JsonObject().put("id", id).put("name", name).put("scope", scope)
        .put("sites", new JsonArray(List.copyOf(reach(catalogue)))).put("siteKinds", new JsonArray(siteKinds))
        .put("disabled", disabled).put("demo", demo)
        .put("previousTokenUntil", previousUntil == null ? null : previousUntil.toString());
  }
}
