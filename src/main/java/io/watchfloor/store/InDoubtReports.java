package io.watchfloor.store;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.vertx.core.Future;
import io.watchfloor.domain.Report;
import io.watchfloor.ops.Meters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Reports whose write failed without saying whether it committed: the connection can die after
 * PostgreSQL commits and before its answer arrives. Each is looked up again once the store answers;
 * those found stored are handed to the live picture, which would otherwise miss them until a restart
 * if their unit never resends. Bounded: past the bound the oldest are forgotten (and counted), and an
 * id not found is dropped once it has been in doubt for the keep period, by when the lost commit
 * would long be visible. Runs on the store verticle's event loop only.
 */
final class InDoubtReports {
  private static final Logger LOG = LoggerFactory.getLogger(InDoubtReports.class);
  /** Lookups in flight at once: the store's pool has a bounded wait queue shared with ingest. */
  private static final int CHUNK = 16;
  /** Lookups per round, so one round never holds the pool for long. */
  private static final int PER_ROUND = 256;

  private final ReportStore store;
  private final int max;
  private final long keepNanos;
  private final Consumer<List<Report>> onFound;
  private final Map<UUID, Long> since = new LinkedHashMap<>();
  private final Counter found;
  private final Counter forgotten;
  private boolean checking;

  InDoubtReports(ReportStore store, int max, Duration keep, Consumer<List<Report>> onFound) {
    this.store = store;
    this.max = max;
    this.keepNanos = keep.toNanos();
    this.onFound = onFound;
    Gauge.builder("watchfloor.store.in_doubt", since, Map::size)
        .description("reports whose failed write may have committed, waiting to be looked up").register(Meters.registry());
    found = Counter.builder("watchfloor.store.in_doubt.found")
        .description("reports found committed after their write had failed").register(Meters.registry());
    forgotten = Counter.builder("watchfloor.store.in_doubt.forgotten")
        .description("in-doubt reports dropped unchecked because the list was full").register(Meters.registry());
  }

  void add(List<Report> reports) {
    long now = System.nanoTime();
    for (Report report : reports) {
      since.putIfAbsent(report.id(), now);
    }
    Iterator<UUID> oldest = since.keySet().iterator();
    int over = since.size() - max;
    for (int i = 0; i < over; i++) {
      oldest.next();
      oldest.remove();
      forgotten.increment();
    }
    if (over > 0) {
      LOG.warn("store: {} in-doubt reports forgotten unchecked; the live picture may miss them until a restart", over);
    }
  }

  /** One round of lookups; a round that meets a store still down stops and leaves the rest for later. */
  void check() {
    if (checking || since.isEmpty()) {
      return;
    }
    checking = true;
    List<UUID> round = new ArrayList<>(since.keySet()).subList(0, Math.min(PER_ROUND, since.size()));
    Future<Void> chain = Future.succeededFuture();
    for (int from = 0; from < round.size(); from += CHUNK) {
      List<UUID> chunk = round.subList(from, Math.min(from + CHUNK, round.size()));
      chain = chain.compose(v -> lookUp(chunk));
    }
    chain.onFailure(e -> LOG.debug("store: in-doubt reports not checked yet: {}", e.getMessage()))
        .onComplete(v -> checking = false);
  }

  private Future<Void> lookUp(List<UUID> ids) {
    List<Future<Optional<Report>>> lookups = ids.stream().map(store::find).toList();
    return Future.all(lookups).map(all -> {
      List<Report> stored = new ArrayList<>();
      long now = System.nanoTime();
      for (int i = 0; i < ids.size(); i++) {
        Optional<Report> report = lookups.get(i).result();
        UUID id = ids.get(i);
        Long doubtedAt = since.remove(id);
        if (report.isPresent()) {
          stored.add(report.get());
        } else if (doubtedAt != null && now - doubtedAt < keepNanos) {
          since.put(id, doubtedAt); // to the back: the others get their turn first
        }
      }
      if (!stored.isEmpty()) {
        found.increment(stored.size());
        LOG.info("store: {} reports whose write had failed were committed after all; now live", stored.size());
        onFound.accept(stored);
      }
      return null;
    });
  }
}
