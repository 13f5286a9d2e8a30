package io.watchfloor.http;

import io.vertx.ext.web.RoutingContext;
import io.watchfloor.domain.Catalogue;

import java.util.Optional;

/**
 * The {@code scope=} of every read: an area of the tree, by default the caller's own. An area outside
 * the caller's scope and one that does not exist get the same 403 with the same body, so a town's
 * officer cannot learn even which areas exist elsewhere.
 */
public final class Scopes {
  public static final String PARAM = "scope";

  private Scopes() {
  }

  /** The scope the request asks for, if the caller may see it; otherwise the request has failed with 403. */
  public static Optional<String> resolve(RoutingContext ctx, Catalogue catalogue) {
    String own = Principal.of(ctx).map(Principal::scope).orElse(null);
    String asked = ctx.request().getParam(PARAM);
    String scope = asked == null || asked.isEmpty() ? own : asked;
    if (own == null || !catalogue.contains(own, scope)) {
      ctx.fail(outside());
      return Optional.empty();
    }
    return Optional.of(scope);
  }

  public static ApiError outside() {
    return ApiError.forbidden("outside your scope");
  }
}
