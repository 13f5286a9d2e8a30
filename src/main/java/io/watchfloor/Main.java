package io.watchfloor;

import io.watchfloor.cluster.ClusterInfo;
import io.watchfloor.config.Settings;
import io.vertx.core.Vertx;
import io.watchfloor.domain.ConfigException;
import io.watchfloor.ops.LogFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/** {@code java -jar watchfloor.jar [--config FILE] [--demo]} */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);
  private static final String DEFAULT_CONFIG = "config/application.json";

  private Main() {
  }

  public static void main(String[] args) {
    String configPath = DEFAULT_CONFIG;
    boolean demo = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--config" -> {
          if (i + 1 >= args.length) {
            usage("--config needs a file");
          }
          configPath = args[++i];
        }
        case "--demo" -> demo = true;
        case "--help", "-h" -> usage(null);
        default -> usage("unknown argument " + args[i]);
      }
    }
    long started = System.nanoTime();
    Settings settings = settings(configPath, demo);
    LogFormat.apply(settings.app().logFormat());
    Vertx vertx;
    try {
      // on the main thread, not an event loop: nothing else runs until this node is in its cluster
      vertx = Watchfloor.vertx(settings.app().cluster()).await();
    } catch (RuntimeException e) {
      LOG.error("Watchfloor could not join its cluster at {}: {}", settings.app().cluster().address(), e.getMessage(), e);
      System.exit(2);
      return;
    }
    // before the deployment: a stop during start-up undeploys what is up, within the same bound
    Shutdown.onExit(vertx, settings.app().shutdownTimeout());
    Watchfloor.deploy(vertx, settings, Clock.systemUTC())
        .onSuccess(v -> Banner.print(settings, ClusterInfo.of(vertx), (System.nanoTime() - started) / 1_000_000))
        .onFailure(Main::stop);
  }

  /**
   * The configuration is read with a Vert.x of its own (vertx-config needs one), closed before the
   * node's is built: whether that one is clustered, and where, is in what it reads.
   */
  private static Settings settings(String configPath, boolean demo) {
    Vertx loader = Vertx.vertx();
    try {
      return Settings.load(loader, configPath, demo).await();
    } catch (ConfigException e) {
      LOG.error("configuration error: {}", e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("Watchfloor could not read its configuration: {}", e.getMessage(), e);
    } finally {
      loader.close().await();
    }
    System.exit(2);
    return null;
  }

  /** Exits from a thread of its own: the shutdown hook's bounded close needs the event loop this runs on. */
  private static void stop(Throwable e) {
    if (e instanceof ConfigException) {
      LOG.error("configuration error: {}", e.getMessage());
    } else {
      LOG.error("Watchfloor could not start: {}", e.getMessage(), e);
    }
    new Thread(() -> System.exit(2), "watchfloor-exit").start();
  }

  private static void usage(String problem) {
    if (problem != null) {
      System.err.println("watchfloor: " + problem);
    }
    System.err.println("usage: java -jar target/watchfloor.jar [--config FILE] [--demo]");
    System.exit(problem == null ? 0 : 64);
  }
}
