package io.watchfloor.urge;

import io.vertx.core.Future;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * 催报 in this process's memory, for the demo: the newest urgings, at most {@link #MAX} (the oldest go first; the
 * demo's day never comes near it), and each site's last urging. Only its verticle's context calls it.
 */
public final class MemoryUrgeStore implements UrgeStore {
  static final int MAX = 50_000;

  /** Oldest first, as they were made: the clock only moves on. */
  private final Deque<Urging> urgings = new ArrayDeque<>();
  /** Each site's last urging, the one urged longest ago first, so the bound lets go of the stalest. */
  private final Map<String, Instant> last = new LinkedHashMap<>() {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
      return size() > MAX;
    }
  };

  @Override
  public Future<Void> open() {
    return Future.succeededFuture();
  }

  @Override
  public Future<Outcome> urge(List<Target> targets, String by, String note, Instant at, Duration limit) {
    List<Urging> urged = new ArrayList<>();
    List<Limited> limited = new ArrayList<>();
    for (Target t : ordered(targets)) {
      Instant was = last.get(t.site());
      if (was != null && was.isAfter(at.minus(limit))) {
        limited.add(new Limited(t.site(), was.plus(limit)));
        continue;
      }
      last.remove(t.site());
      last.put(t.site(), at);
      Urging u = new Urging(UUID.randomUUID(), t.site(), t.unit(), t.area(), by, at, note);
      urged.add(u);
      urgings.addLast(u);
      if (urgings.size() > MAX) {
        urgings.removeFirst();
      }
    }
    return Future.succeededFuture(new Outcome(urged, limited));
  }

  @Override
  public Future<List<Urging>> since(Collection<String> sites, Instant after, int max) {
    Set<String> wanted = new HashSet<>(sites);
    List<Urging> found = new ArrayList<>();
    for (Iterator<Urging> newest = urgings.descendingIterator(); newest.hasNext() && found.size() < max; ) {
      Urging u = newest.next();
      if (!u.at().isAfter(after)) {
        break;
      }
      if (wanted.contains(u.site())) {
        found.add(u);
      }
    }
    return Future.succeededFuture(found);
  }

  @Override
  public Future<List<Urging>> between(Collection<String> areas, Instant from, Instant to, int max) {
    Set<String> wanted = new HashSet<>(areas);
    return Future.succeededFuture(urgings.stream()
        .filter(u -> wanted.contains(u.area()) && !u.at().isBefore(from) && u.at().isBefore(to))
        .limit(max).toList());
  }

  /** One target per site, in the sites' order: the order both stores take turns in. */
  static List<Target> ordered(List<Target> targets) {
    Map<String, Target> bySite = new LinkedHashMap<>();
    targets.stream().sorted(Comparator.comparing(Target::site)).forEach(t -> bySite.putIfAbsent(t.site(), t));
    return List.copyOf(bySite.values());
  }
}
