package io.watchfloor.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/** A feature's part of the HTTP API: it mounts its own routes, each behind the guard its callers must pass. */
public interface Routes {
  void mount(Router router, Guards guards);

  /**
   * A POST whose guard has a route of its own ahead of the body's, because Vert.x wants a body handler
   * first on its route; this way a caller without the right credentials is refused before a byte of the
   * body is read.
   */
  static void postWithBody(Router router, String path, Handler<RoutingContext> guard, int bodyLimit,
                           Handler<RoutingContext> handler) {
    router.post(path).handler(guard);
    router.post(path).handler(BodyHandler.create(false).setBodyLimit(bodyLimit)).handler(handler);
  }
}
