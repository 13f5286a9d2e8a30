package io.watchfloor.flag;

import io.vertx.core.Future;
import io.watchfloor.domain.Flag;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Flags of the embedded store, lost on stop like its reports. Bounded: past {@code max} flags the
 * oldest go first, as the embedded report store drops its oldest reports.
 */
public final class MemoryFlagStore implements FlagStore {
  private record Key(UUID reportId, String metric) {
  }

  private final int max;
  private final LinkedHashMap<Key, Flag> flags = new LinkedHashMap<>();

  public MemoryFlagStore(int max) {
    this.max = max;
  }

  @Override
  public Future<Void> open() {
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> save(List<Flag> added) {
    for (Flag f : added) {
      flags.putIfAbsent(new Key(f.reportId(), f.metric()), f);
    }
    while (flags.size() > max) {
      flags.remove(flags.keySet().iterator().next());
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<List<Flag>> list(LocalDate from, LocalDate to, List<String> sites) {
    List<Flag> found = new ArrayList<>();
    for (Flag f : flags.values()) {
      if (!f.day().isBefore(from) && f.day().isBefore(to) && sites.contains(f.site())) {
        found.add(f);
      }
    }
    // as PostgreSQL orders them (FlagQueries.LIST): a uuid's text sorts as its bytes do, UUID.compareTo does not
    found.sort(Comparator.comparing(Flag::day).thenComparing(Flag::flaggedAt)
        .thenComparing(f -> f.reportId().toString()).thenComparing(Flag::metric));
    return Future.succeededFuture(found);
  }

  @Override
  public Future<Optional<Flag>> find(UUID reportId, String metric) {
    return Future.succeededFuture(Optional.ofNullable(flags.get(new Key(reportId, metric))));
  }

  @Override
  public Future<Flag> clear(UUID reportId, String metric, String by, String note, Instant at) {
    Key key = new Key(reportId, metric);
    Flag f = flags.get(key);
    if (f == null) {
      return Future.failedFuture(new FlagFailure(404, "no such flag"));
    }
    if (f.cleared() != null) {
      return Future.failedFuture(new FlagFailure(409, "flag already cleared by " + f.cleared().by()));
    }
    Flag cleared = f.clearedBy(by, at, note);
    flags.put(key, cleared);
    return Future.succeededFuture(cleared);
  }

  @Override
  public Future<Map<String, Long>> uncleared(String metric, LocalDate from, LocalDate to, List<String> sites) {
    Map<String, Long> bySite = new HashMap<>();
    for (Flag f : flags.values()) {
      if (f.cleared() == null && f.metric().equals(metric) && !f.day().isBefore(from) && f.day().isBefore(to)
          && sites.contains(f.site())) {
        bySite.merge(f.site(), 1L, Long::sum);
      }
    }
    return Future.succeededFuture(bySite);
  }

  /** Nothing: the embedded report store keeps nothing across a restart, and the check is fed from the first report on. */
  @Override
  public Future<List<Reading>> readings(List<String> sites, Instant since, int perSeries, int perSite) {
    return Future.succeededFuture(List.of());
  }

  @Override
  public Future<Void> close() {
    return Future.succeededFuture();
  }
}
