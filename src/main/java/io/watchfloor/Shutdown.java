package io.watchfloor;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.internal.deployment.DeploymentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The process's stop: Vert.x is closed (every verticle undeployed, pools closed) within a bound.
 * A verticle whose stop never completes would otherwise keep a SIGTERMed process alive until SIGKILL;
 * past the bound, what is still deployed is logged and the JVM halts (exit would wait for this very hook).
 */
final class Shutdown {
  private static final Logger LOG = LoggerFactory.getLogger(Shutdown.class);
  static final int HALT_STATUS = 3;

  private Shutdown() {
  }

  static void onExit(Vertx vertx, Duration bound) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> closeOrHalt(vertx, bound), "watchfloor-shutdown"));
  }

  /** Called from a thread that is not Vert.x's (the JVM's shutdown hook). */
  static void closeOrHalt(Vertx vertx, Duration bound) {
    if (!awaitWithin(vertx.close(), bound)) {
      LOG.error("Watchfloor did not stop within {} ms; still deployed: {}; halting", bound.toMillis(), stillDeployed(vertx));
      Runtime.getRuntime().halt(HALT_STATUS);
    }
  }

  /** Whether {@code done} completed, succeeded or failed, within {@code bound}; a failure is logged. */
  static boolean awaitWithin(Future<?> done, Duration bound) {
    try {
      done.await(bound.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (RuntimeException e) {
      LOG.warn("Watchfloor stopped with an error: {}", e.getMessage(), e);
      return true;
    }
  }

  /** The verticles not yet undeployed, by class, for the log; Vert.x's public API has their ids only. */
  static List<String> stillDeployed(Vertx vertx) {
    if (!(vertx instanceof VertxInternal internal)) {
      return List.copyOf(vertx.deploymentIDs());
    }
    return internal.deploymentManager().deployments().stream()
        .map(Shutdown::describe)
        .sorted()
        .toList();
  }

  private static String describe(DeploymentContext context) {
    return context.deployment().identifier() + " (" + context.id() + ")";
  }
}
