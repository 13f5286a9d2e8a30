package io.watchfloor.cases;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.watchfloor.domain.FieldUnit;

import java.util.Collection;
import java.util.Optional;
import java.util.UUID;

/**
 * What the case routes need of other features, given by the HTTP side, which knows them all: the case
 * feature itself stays apart from alerts and administration (docs/architecture.md).
 */
public interface CaseNeighbours {
  /** The alert as the alert API shows it, if it exists and lies in the scope; fails only when alerts do not answer. */
  Future<Optional<JsonObject>> alert(UUID id, String scope);

  /**
   * The alert a case was opened from follows the case: acknowledged ({@code resolved} false) when the case is
   * opened, resolved when it is closed, by the officer who did it. Never fails: an alert already acknowledged,
   * resolved or gone is left as it is, and the case stands whatever the alert does.
   */
  Future<Void> alertFollows(UUID alert, boolean resolved, String by, String note, String scope);

  /** The enabled field unit of this id, with the sites it reaches. */
  Optional<FieldUnit> unit(String id);

  /** Every enabled field unit, with the sites it reaches. */
  Collection<FieldUnit> units();
}
