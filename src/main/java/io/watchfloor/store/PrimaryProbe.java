package io.watchfloor.store;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The failover watch on the PostgreSQL store: every {@code store.primary-probe-ms} asks which server the commits'
 * pool reaches and whether it takes writes, and hands the answer to {@link PrimaryWatch}, which decides what it
 * means. One probe at a time; one that does not answer within a few intervals counts as failed, so a primary
 * that vanished without closing its connections opens a gap too. Logs each change once; /metrics shows the
 * failovers and the seconds without a primary.
 */
final class PrimaryProbe {
  private static final Logger LOG = LoggerFactory.getLogger(PrimaryProbe.class);

  private final Vertx vertx;
  private final Supplier<Future<PrimaryWatch.Answer>> server;
  private final PrimaryWatch watch = new PrimaryWatch();
  private final long timeoutMs;
  private final long timer;
  private boolean probing;

  PrimaryProbe(Vertx vertx, Supplier<Future<PrimaryWatch.Answer>> server, long intervalMs, MeterRegistry registry) {
    this.vertx = vertx;
    this.server = server;
    this.timeoutMs = Math.max(3 * intervalMs, 2000);
    FunctionCounter.builder("watchfloor.store.failovers", watch, PrimaryWatch::failovers)
        .description("times the server taking the store's writes changed: failovers, switchovers, restarts")
        .register(registry);
    FunctionCounter.builder("watchfloor.store.unavailable", watch, w -> w.unavailableSeconds(System.nanoTime()))
        .baseUnit("seconds")
        .description("seconds during which no server took the store's writes (down, or only a standby answering)")
        .register(registry);
    this.timer = vertx.setPeriodic(intervalMs, id -> probe());
    probe();
  }

  private void probe() {
    if (probing) {
      return;
    }
    probing = true;
    server.get().timeout(timeoutMs, TimeUnit.MILLISECONDS)
        .onSuccess(answer -> log(watch.answered(System.nanoTime(), answer), answer.server().toString()))
        .onFailure(e -> log(watch.failed(System.nanoTime()), e.getMessage()))
        .onComplete(r -> probing = false);
  }

  private void log(PrimaryWatch.Change change, String what) {
    switch (change) {
      case FOUND -> LOG.info("store: the primary is {}", what);
      case LOST -> LOG.warn("store: no server takes writes now ({}); writes get 503 until one does", what);
      case BACK -> LOG.info("store: the primary {} takes writes again ({} s without one since start)", what, gapSeconds());
      case FAILOVER -> LOG.warn("store: the primary changed from {} to {} (failover {}; {} s without one since start)",
          watch.previous(), what, watch.failovers(), gapSeconds());
      case NONE -> { }
    }
  }

  private String gapSeconds() {
    return String.format(java.util.Locale.ROOT, "%.1f", watch.unavailableSeconds(System.nanoTime()));
  }

  void stop() {
    vertx.cancelTimer(timer);
  }
}
