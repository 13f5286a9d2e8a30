package io.watchfloor.ingest;

import io.vertx.ext.web.Router;
import io.watchfloor.http.Guards;
import io.watchfloor.http.Routes;

/** POST /api/v1/reports and /batch, for field units only, each with its own body limit. */
public final class IngestRoutes implements Routes {
  private final IngestHandler reports;
  private final int bodyLimit;
  private final int batchBodyLimit;

  public IngestRoutes(IngestHandler reports, int bodyLimit, int batchBodyLimit) {
    this.reports = reports;
    this.bodyLimit = bodyLimit;
    this.batchBodyLimit = batchBodyLimit;
  }

  @Override
  public void mount(Router router, Guards guards) {
    Routes.postWithBody(router, "/api/v1/reports", guards.requireUnit(), bodyLimit, reports::single);
    Routes.postWithBody(router, "/api/v1/reports/batch", guards.requireUnit(), batchBodyLimit, reports::batch);
  }
}
