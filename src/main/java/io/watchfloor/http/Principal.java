package io.watchfloor.http;

import io.vertx.ext.web.RoutingContext;
import io.watchfloor.domain.FieldUnit;
import io.watchfloor.domain.Role;

import java.util.Optional;

/**
 * Who is calling: a field unit (bearer token), an operator (session cookie) or a wall screen (display
 * key). {@code scope} is the area whose subtree an operator or a screen may see; a unit has none, its
 * sites are its reach.
 */
public record Principal(Kind kind, String id, String name, Role role, FieldUnit unit, String scope) {
  public enum Kind { UNIT, OPERATOR, DISPLAY }

  public static final String KEY = "principal";

  public static Optional<Principal> of(RoutingContext ctx) {
    return Optional.ofNullable(ctx.get(KEY));
  }

  /** The calling unit; only valid behind the unit guard (a unit token checked). */
  public static FieldUnit unit(RoutingContext ctx) {
    return ctx.<Principal>get(KEY).unit();
  }
}
