package io.watchfloor;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;

import java.time.Duration;

/**
 * A process for {@link ShutdownTest}: a node whose one verticle never finishes stopping, with the
 * server's own shutdown hook. Prints {@link #DEPLOYED} once the verticle is up.
 * Argument: the shutdown bound in milliseconds.
 */
public final class StuckStopNode {
  static final String DEPLOYED = "stuck-stop-node deployed";

  private StuckStopNode() {
  }

  public static void main(String[] args) {
    Vertx vertx = Watchfloor.vertx();
    Shutdown.onExit(vertx, Duration.ofMillis(Long.parseLong(args[0])));
    vertx.deployVerticle(new NeverStops()).await();
    System.out.println(DEPLOYED);
    System.out.flush();
  }

  /** Its stop's future is never completed, as a verticle waiting on something that never answers. */
  static final class NeverStops extends VerticleBase {
    @Override
    public Future<?> stop() {
      return Promise.promise().future();
    }
  }
}
