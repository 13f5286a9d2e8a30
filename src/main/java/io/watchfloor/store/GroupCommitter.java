package io.watchfloor.store;

import io.micrometer.core.instrument.DistributionSummary;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.watchfloor.domain.Outcome;
import io.watchfloor.domain.Report;
import io.watchfloor.ops.Meters;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Group commit: reports that arrive while earlier transactions are in flight wait here and share the
 * next one, so under load one fsync covers many reports while a lone report still commits at once.
 * Runs on one event loop; the queue is bounded and refuses work past its bound.
 */
final class GroupCommitter {
  private record Pending(Report report, Promise<Outcome> promise) {
  }

  private final ReportStore store;
  private final int maxBatch;
  private final int maxInFlight;
  private final int maxQueued;
  private final Consumer<List<Report>> onCommitted;
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private final DistributionSummary perCommit = DistributionSummary.builder("watchfloor.store.commit.reports")
      .description("reports per commit: above 1 under load is group commit at work")
      .publishPercentileHistogram().minimumExpectedValue(1.0).maximumExpectedValue(10_000.0)
      .register(Meters.registry());
  private int inFlight;

  GroupCommitter(ReportStore store, int maxBatch, int maxInFlight, int maxQueued, Consumer<List<Report>> onCommitted) {
    this.store = store;
    this.maxBatch = maxBatch;
    this.maxInFlight = maxInFlight;
    this.maxQueued = maxQueued;
    this.onCommitted = onCommitted;
  }

  Future<List<Outcome>> submit(List<Report> reports) {
    if (queue.size() + reports.size() > maxQueued) {
      return Future.failedFuture(new StoreUnavailable("the commit queue is full (" + maxQueued + " reports)", 1, null));
    }
    List<Future<Outcome>> outcomes = new ArrayList<>(reports.size());
    for (Report report : reports) {
      Promise<Outcome> promise = Promise.promise();
      queue.add(new Pending(report, promise));
      outcomes.add(promise.future());
    }
    drain();
    return Future.all(outcomes).map(all -> all.list());
  }

  int queued() {
    return queue.size();
  }

  private void drain() {
    while (inFlight < maxInFlight && !queue.isEmpty()) {
      List<Pending> batch = new ArrayList<>(Math.min(maxBatch, queue.size()));
      while (batch.size() < maxBatch && !queue.isEmpty()) {
        batch.add(queue.poll());
      }
      inFlight++;
      perCommit.record(batch.size());
      store.write(batch.stream().map(Pending::report).toList())
          .onComplete(result -> {
            inFlight--;
            settle(batch, result.succeeded() ? result.result() : null, result.cause());
            drain();
          });
    }
  }

  private void settle(List<Pending> batch, List<Outcome> outcomes, Throwable failure) {
    if (outcomes == null) {
      batch.forEach(p -> p.promise().fail(failure));
      return;
    }
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
      batch.get(i).promise().complete(outcomes.get(i));
    }
  }
}
