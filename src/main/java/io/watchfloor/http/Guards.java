package io.watchfloor.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.watchfloor.domain.Role;

/** The checks a route puts ahead of its handler: each lets the caller through, or fails it with 401 or 403. */
public interface Guards {
  /** An operator of at least this role, or a display key for a viewer's reads. */
  Handler<RoutingContext> requireRole(Role role);

  /** A field unit's bearer token. */
  Handler<RoutingContext> requireUnit();

  /** A signed-in operator, whatever the role: not a unit, not a screen. */
  Handler<RoutingContext> requireOperator();

  /** Anyone known: an operator, a unit or a screen. */
  Handler<RoutingContext> requireSignedIn();
}
