package io.watchfloor.alert;

import io.vertx.core.Future;
import io.watchfloor.alert.AlertStore.Fired;
import io.watchfloor.domain.Firing;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Group commit for firings: those that arrive while a batch is being stored wait here and go together
 * in the next one. A lone firing is stored at once; a surge rule that fires on every report costs one
 * transaction per batch. One batch in flight, so a rule and subject's count is never raced by itself.
 * Bounded: past the bound a firing goes straight to the caller's failure path (the retry). Runs on the
 * alert verticle's event loop only.
 */
final class FiringBatches {
  private record Pending(Firing firing, Instant at) {
  }

  private final int maxBatch;
  private final int maxQueued;
  private final Function<List<Firing>, Future<List<Fired>>> store;
  private final Consumer<Fired> onChanged;
  private final BiConsumer<Firing, Instant> onFailed;
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private boolean busy;

  /**
   * @param store    stores the firings of one batch as fired now
   * @param onFailed a firing that was not stored, with the time it fired
   */
  FiringBatches(int maxBatch, int maxQueued, Function<List<Firing>, Future<List<Fired>>> store, Consumer<Fired> onChanged,
                BiConsumer<Firing, Instant> onFailed) {
    this.maxBatch = maxBatch;
    this.maxQueued = maxQueued;
    this.store = store;
    this.onChanged = onChanged;
    this.onFailed = onFailed;
  }

  /** Firings waiting for the next batch, the one in flight not counted. */
  int queued() {
    return queue.size();
  }

  void add(List<Firing> firings, Instant at) {
    for (Firing firing : firings) {
      if (queue.size() >= maxQueued) {
        onFailed.accept(firing, at);
      } else {
        queue.add(new Pending(firing, at));
      }
    }
    drain();
  }

  private void drain() {
    if (busy || queue.isEmpty()) {
      return;
    }
    busy = true;
    List<Pending> batch = new ArrayList<>(Math.min(maxBatch, queue.size()));
    while (batch.size() < maxBatch && !queue.isEmpty()) {
      batch.add(queue.poll());
    }
    store.apply(batch.stream().map(Pending::firing).toList()).onComplete(result -> {
      busy = false;
      if (result.succeeded()) {
        result.result().forEach(onChanged);
      } else {
        batch.forEach(p -> onFailed.accept(p.firing(), p.at()));
      }
      drain();
    });
  }
}
