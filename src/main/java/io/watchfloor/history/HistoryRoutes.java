package io.watchfloor.history;

import io.vertx.ext.web.Router;
import io.watchfloor.domain.Role;
import io.watchfloor.http.Guards;
import io.watchfloor.http.Routes;

/** The history reads: series, rankings and compliance for viewers and screens, a site's recent reports for officers. */
public final class HistoryRoutes implements Routes {
  private final HistoryHandler history;

  public HistoryRoutes(HistoryHandler history) {
    this.history = history;
  }

  @Override
  public void mount(Router router, Guards guards) {
    router.get("/api/v1/series").handler(guards.requireRole(Role.VIEWER)).handler(history::series);
    router.get("/api/v1/rankings/:metric").handler(guards.requireRole(Role.VIEWER)).handler(history::ranking);
    router.get("/api/v1/compliance").handler(guards.requireRole(Role.VIEWER)).handler(history::compliance);
    router.get("/api/v1/reports").handler(guards.requireRole(Role.OFFICER)).handler(history::recent);
  }
}
