package io.watchfloor.bench;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;

import java.util.UUID;

/**
 * The floor of the ingest benchmark: a bare Vert.x HTTP server, no router, no JSON, no store, that reads each
 * report's body and answers 201 with an acknowledgement of the server's size. Run by {@link IngestBench} as a
 * process of its own, at the same rate, the same connections and the same generator as the server, so its
 * CPU per request and its latency are what HTTP/1.1 alone costs on this machine beside PostgreSQL and the
 * generator. Usage: FloorServer PORT INSTANCES.
 */
public final class FloorServer extends VerticleBase {
  private final int port;

  private FloorServer(int port) {
    this.port = port;
  }

  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    int instances = Integer.parseInt(args[1]);
    Vertx vertx = Vertx.vertx();
    vertx.deployVerticle(() -> new FloorServer(port), new DeploymentOptions().setInstances(instances))
        .onFailure(e -> {
          e.printStackTrace();
          System.exit(1);
        })
        .onSuccess(id -> System.out.println("floor server on port " + port + ", " + instances + " event loop(s)"));
  }

  @Override
  public Future<?> start() {
    return vertx.createHttpServer().requestHandler(this::handle).listen(port, "127.0.0.1");
  }

  private void handle(HttpServerRequest request) {
    if (request.path().equals("/health/ready")) {
      request.response().end("ready");
      return;
    }
    request.body().onSuccess(body -> request.response().setStatusCode(201)
        .putHeader("Content-Type", "application/json")
        .end("{\"id\":\"" + UUID.randomUUID() + "\",\"status\":\"accepted\"}"));
  }
}
