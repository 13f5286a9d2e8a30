package io.watchfloor.review;

import io.vertx.ext.web.Router;
import io.watchfloor.domain.Role;
import io.watchfloor.http.Guards;
import io.watchfloor.http.Routes;

/** The daily review and its replay of the wall screen, for viewers and screens of the scope. */
public final class ReviewRoutes implements Routes {
  private final ReviewHandler review;

  public ReviewRoutes(ReviewHandler review) {
    this.review = review;
  }

  @Override
  public void mount(Router router, Guards guards) {
    router.get("/api/v1/review").handler(guards.requireRole(Role.VIEWER)).handler(review::review);
    router.get("/api/v1/review/replay").handler(guards.requireRole(Role.VIEWER)).handler(review::replay);
  }
}
