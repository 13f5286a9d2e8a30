package io.watchfloor.alert;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.watchfloor.domain.Firing;
import io.watchfloor.ops.Meters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.function.BiFunction;

/**
 * Firings the alert store could not take, tried again oldest first with a growing pause until they
 * are stored: the rules see each report once, so a firing dropped here (an escalated petition, say)
 * would never come back. Bounded; past the bound the oldest is dropped with an error in the log and
 * on a counter, never silently. Runs on the alert verticle's event loop only.
 */
final class FiringRetry {
  private static final Logger LOG = LoggerFactory.getLogger(FiringRetry.class);

  private record Pending(Firing firing, Instant at) {
  }

  private final Vertx vertx;
  private final int max;
  private final long firstPauseMs;
  private final long maxPauseMs;
  private final BiFunction<Firing, Instant, Future<?>> store;
  private final ArrayDeque<Pending> pending = new ArrayDeque<>();
  private final Counter dropped;
  private long pauseMs;
  private boolean busy;

  /** @param store stores one firing as fired at the given instant, and publishes it */
  FiringRetry(Vertx vertx, int max, Duration firstPause, Duration maxPause, BiFunction<Firing, Instant, Future<?>> store) {
    this.vertx = vertx;
    this.max = max;
    this.firstPauseMs = Math.max(1, firstPause.toMillis());
    this.maxPauseMs = Math.max(firstPauseMs, maxPause.toMillis());
    this.store = store;
    this.pauseMs = firstPauseMs;
    Gauge.builder("watchfloor.alerts.retrying", pending, ArrayDeque::size)
        .description("firings waiting to be stored again after the alert store failed").register(Meters.registry());
    dropped = Counter.builder("watchfloor.alerts.dropped")
        .description("firings dropped unstored because the retry queue was full").register(Meters.registry());
  }

  /** Keeps a firing the store refused, with the time it fired, and tries it again later. */
  void add(Firing firing, Instant at) {
    if (pending.size() >= max) {
      Pending lost = pending.poll();
      dropped.increment();
      LOG.error("alert store: retry queue full ({}); dropped the firing of {} on {} ({}) from {}", max,
          lost.firing().rule().id(), lost.firing().subject(), lost.firing().detail(), lost.at());
    }
    pending.add(new Pending(firing, at));
    schedule();
  }

  int size() {
    return pending.size();
  }

  /** One timer or one try at a time, so a firing is never stored twice by two tries at once. */
  private void schedule() {
    if (!busy && !pending.isEmpty()) {
      busy = true;
      vertx.setTimer(pauseMs, id -> retryHead());
    }
  }

  private void retryHead() {
    Pending head = pending.peek();
    if (head == null) {
      busy = false;
      return;
    }
    store.apply(head.firing(), head.at())
        .onSuccess(v -> {
          pending.remove(head);
          pauseMs = firstPauseMs;
          retryHead();
        })
        .onFailure(e -> {
          pauseMs = Math.min(maxPauseMs, pauseMs * 2);
          LOG.warn("alert store: {} firings still unstored ({}); next try in {} ms", pending.size(), e.getMessage(), pauseMs);
          busy = false;
          schedule();
        });
  }
}
