package io.watchfloor.store;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.watchfloor.domain.Outcome;
import io.watchfloor.domain.Report;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Group commit: reports that arrive while earlier transactions are in flight wait here and share the
 * next one, so under load one fsync covers many reports while a lone report still commits at once.
 * A second transaction overlaps the first only when a batch's worth of reports waits. Under load (reports
 * arrived while the last transaction was in flight) the next one lingers a moment for its batch to fill, as
 * PostgreSQL's own commit_delay does, because the database pays per transaction far more than per row.
 * Runs on one event loop. The queue is bounded and refuses work past its bound, and each unit may
 * hold only a share of it, so one unit's flood cannot refuse the others' reports. A transaction the
 * database refuses for its data is split in halves until the one bad report is found: the reports
 * beside it, from any unit, still commit.
 */
final class GroupCommitter {
  private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);

  private record Pending(Report report, Promise<Outcome> promise) {
  }

  /**
   * @param maxQueued   reports waiting for a transaction, all units together
   * @param maxPerUnit  reports one unit may have waiting or in flight; at least one full batch
   * @param overlapFrom reports that must be waiting before a transaction starts beside one in flight:
   *                    below it they wait for the one in flight and then share a single commit
   */
  record Limits(int maxBatch, int maxInFlight, int maxQueued, int maxPerUnit, int overlapFrom, Linger linger) {
    /** Every free slot taken at once, never lingering. */
    Limits(int maxBatch, int maxInFlight, int maxQueued, int maxPerUnit) {
      this(maxBatch, maxInFlight, maxQueued, maxPerUnit, 1, Linger.NEVER);
    }
  }

  /**
   * How long a transaction may wait for more reports, and for how many: it starts once {@code until} reports
   * wait or {@code ms} have passed. Only under load: when fewer than {@code busyFrom} reports arrived while the
   * last transaction was in flight, a report commits at once.
   */
  record Linger(long ms, int until, int busyFrom) {
    static final Linger NEVER = new Linger(0, 1, Integer.MAX_VALUE);
  }

  /** One-shot timers: the event loop's in the verticle, a hand-driven clock in the tests. */
  interface Timers {
    long schedule(long ms, Runnable action);

    void cancel(long id);
  }

  static Timers timersOf(Vertx vertx) {
    return new Timers() {
      @Override
      public long schedule(long ms, Runnable action) {
        return vertx.setTimer(ms, id -> action.run());
      }

      @Override
      public void cancel(long id) {
        vertx.cancelTimer(id);
      }
    };
  }

  private final ReportStore store;
  private final Limits limits;
  private final Consumer<List<Report>> onCommitted;
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  /** Halves of a refused transaction, each committed on its own; never more than the batches in flight. */
  private final ArrayDeque<List<Pending>> isolated = new ArrayDeque<>();
  /** Only units with reports held have an entry, so it is bounded by the queue. */
  private final Map<String, Integer> heldByUnit = new HashMap<>();
  private final DistributionSummary perCommit;
  private final Timers timers;
  private int inFlight;
  /** Enough reports arrived during the last transaction that the next one should wait for more. */
  private boolean busy;
  private long lingering = -1;

  GroupCommitter(ReportStore store, Limits limits, MeterRegistry registry, Consumer<List<Report>> onCommitted) {
    this(store, limits, registry, onCommitted, null);
  }

  GroupCommitter(ReportStore store, Limits limits, MeterRegistry registry, Consumer<List<Report>> onCommitted,
                 Timers timers) {
    if (timers == null && limits.linger().ms() > 0) {
      throw new IllegalArgumentException("a committer that lingers needs timers");
    }
    this.store = store;
    this.limits = limits;
    this.onCommitted = onCommitted;
    this.timers = timers;
    this.perCommit = DistributionSummary.builder("watchfloor.store.commit.reports")
        .description("reports per commit: above 1 under load is group commit at work")
        .publishPercentileHistogram().minimumExpectedValue(1.0).maximumExpectedValue(10_000.0)
        .register(registry);
  }

  Future<List<Outcome>> submit(List<Report> reports) {
    Map<String, Integer> asked = new HashMap<>();
    reports.forEach(r -> asked.merge(r.unit(), 1, Integer::sum));
    for (Map.Entry<String, Integer> unit : asked.entrySet()) {
      if (heldByUnit.getOrDefault(unit.getKey(), 0) + unit.getValue() > limits.maxPerUnit()) {
        return Future.failedFuture(new UnitQueueFull("unit '" + unit.getKey() + "' already has "
            + heldByUnit.getOrDefault(unit.getKey(), 0) + " reports waiting to commit; wait for their answers"));
      }
    }
    if (queue.size() + reports.size() > limits.maxQueued()) {
      return Future.failedFuture(new StoreUnavailable("the commit queue is full (" + limits.maxQueued() + " reports)", 1, null));
    }
    asked.forEach((unit, n) -> heldByUnit.merge(unit, n, Integer::sum));
    List<Future<Outcome>> outcomes = new ArrayList<>(reports.size());
    for (Report report : reports) {
      Promise<Outcome> promise = Promise.promise();
      queue.add(new Pending(report, promise));
      outcomes.add(promise.future());
    }
    drain();
    return Future.all(outcomes).map(all -> all.list());
  }

  /**
   * A lone report commits at once. While a transaction is in flight, another starts beside it only
   * once enough reports wait to be worth a commit of their own; otherwise they wait the one commit out
   * and share the next, so under load the commits grow instead of multiplying (each costs a WAL flush).
   */
  private void drain() {
    while (inFlight < limits.maxInFlight() && (!isolated.isEmpty() || !queue.isEmpty())
        && (inFlight == 0 || !isolated.isEmpty() || queue.size() >= limits.overlapFrom())) {
      if (isolated.isEmpty() && shouldLinger()) {
        if (lingering < 0) {
          lingering = timers.schedule(limits.linger().ms(), this::lingered);
        }
        return;
      }
      stopLingering();
      commit(isolated.isEmpty() ? nextBatch() : isolated.poll());
    }
  }

  private boolean shouldLinger() {
    return busy && limits.linger().ms() > 0 && queue.size() < limits.linger().until();
  }

  /** The wait is over: what waits goes now, whatever its size. */
  private void lingered() {
    lingering = -1;
    busy = false;
    drain();
  }

  private void stopLingering() {
    if (lingering >= 0) {
      timers.cancel(lingering);
      lingering = -1;
    }
  }

  private List<Pending> nextBatch() {
    List<Pending> batch = new ArrayList<>(Math.min(limits.maxBatch(), queue.size()));
    while (batch.size() < limits.maxBatch() && !queue.isEmpty()) {
      batch.add(queue.poll());
    }
    return batch;
  }

  private void commit(List<Pending> batch) {
    inFlight++;
    perCommit.record(batch.size());
    store.write(batch.stream().map(Pending::report).toList())
        .onComplete(result -> {
          inFlight--;
          busy = queue.size() >= limits.linger().busyFrom();
          completed(batch, result);
          drain();
        });
  }

  private void completed(List<Pending> batch, AsyncResult<List<Outcome>> result) {
    if (result.succeeded()) {
      settle(batch, result.result());
    } else if (result.cause() instanceof StoreRefused && batch.size() > 1) {
      // Ahead of the queue, first half first, so the split costs the waiting reports little.
      isolated.addFirst(batch.subList(batch.size() / 2, batch.size()));
      isolated.addFirst(batch.subList(0, batch.size() / 2));
    } else if (result.cause() instanceof StoreRefused) {
      Pending refused = batch.get(0);
      LOG.warn("store refused report {} of unit {}: {}", refused.report().id(), refused.report().unit(),
          result.cause().getMessage());
      release(refused, Outcome.REFUSED);
    } else {
      batch.forEach(p -> {
        heldByUnit.computeIfPresent(p.report().unit(), (unit, n) -> n == 1 ? null : n - 1);
        p.promise().fail(result.cause());
      });
    }
  }

  /** Publishes what was accepted before anyone is answered, so a 201 is never ahead of the live picture. */
  private void settle(List<Pending> batch, List<Outcome> outcomes) {
    List<Report> accepted = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      if (outcomes.get(i) == Outcome.ACCEPTED) {
        accepted.add(batch.get(i).report());
      }
    }
    if (!accepted.isEmpty()) {
      onCommitted.accept(accepted);
    }
    for (int i = 0; i < batch.size(); i++) {
      release(batch.get(i), outcomes.get(i));
    }
  }

  private void release(Pending pending, Outcome outcome) {
    heldByUnit.computeIfPresent(pending.report().unit(), (unit, n) -> n == 1 ? null : n - 1);
    pending.promise().complete(outcome);
  }
}
