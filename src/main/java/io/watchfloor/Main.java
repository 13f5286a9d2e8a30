package io.watchfloor;

import io.watchfloor.admin.SetupLink;
import io.watchfloor.cluster.ClusterInfo;
import io.watchfloor.config.Settings;
import io.vertx.core.Vertx;
import io.watchfloor.domain.ConfigException;
import io.watchfloor.ops.LogFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * {@code java -jar watchfloor.jar [--config FILE] [--demo]}, or {@code --setup-link} to print a one-time link
 * that creates an admin of the whole jurisdiction when none is enabled, and exit.
 */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);
  private static final String DEFAULT_CONFIG = "config/application.json";

  private Main() {
  }

  public static void main(String[] args) {
    String configPath = DEFAULT_CONFIG;
    boolean demo = false;
    boolean setupLink = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--config" -> {
          if (i + 1 >= args.length) {
            usage("--config needs a file");
          }
          configPath = args[++i];
        }
        case "--demo" -> demo = true;
        case "--setup-link" -> setupLink = true;
        case "--help", "-h" -> usage(null);
        default -> usage("unknown argument " + args[i]);
      }
    }
    long started = System.nanoTime();
    Settings settings = settings(configPath, demo);
    LogFormat.apply(settings.app().logFormat());
    if (setupLink) {
      printSetupLink(settings);
      return;
    }
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

  /** Recovery of an instance left with no enabled admin: the link goes to stdout (and the log); 1 if refused. */
  private static void printSetupLink(Settings settings) {
    Vertx vertx = Vertx.vertx();
    int status = 0;
    try {
      System.out.println(SetupLink.recover(vertx, settings, Clock.systemUTC()).await());
    } catch (RuntimeException e) {
      System.err.println("watchfloor: no setup link: " + e.getMessage());
      status = 1;
    } finally {
      vertx.close().await();
    }
    System.exit(status);
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
    System.err.println("       java -jar target/watchfloor.jar [--config FILE] --setup-link   (no enabled admin left: print a one-time link)");
    System.exit(problem == null ? 0 : 64);
  }
}
