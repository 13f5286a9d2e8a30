package io.watchfloor;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Child processes of the tests and benchmarks (servers, nodes, HAProxy), and waiting between steps. */
public final class Processes {
  private Processes() {
  }

  /**
   * SIGTERM first, so a server's own shutdown hook closes its pool cleanly; SIGKILL if it has not
   * gone within {@code grace}. Returns once the process is gone, or after five more seconds.
   */
  public static void stop(Process process, Duration grace) {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** A step of a scenario that lets a load run for a while; never a wait for a condition (Awaitility does that). */
  public static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
