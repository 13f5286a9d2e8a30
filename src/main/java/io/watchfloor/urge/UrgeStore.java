package io.watchfloor.urge;

import io.vertx.core.Future;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * 催报 in the store (PostgreSQL, or the embedded store for the demo): the urgings, and each site's last one,
 * which keeps a site from being urged again within the limit however many officers press at once.
 */
public interface UrgeStore {
  /** One site urged: {@code unit} the site's unit at the time (null: none), {@code area} the site's own area. */
  record Urging(UUID id, String site, String unit, String area, String by, Instant at, String note) {
  }

  /** A site to urge, as the HTTP side checked it. */
  record Target(String site, String unit, String area) {
  }

  /** A site not urged: it was urged less than the limit ago; it may be urged again from {@code until}. */
  record Limited(String site, Instant until) {
  }

  record Outcome(List<Urging> urged, List<Limited> limited) {
  }

  Future<Void> open();

  default Future<Void> close() {
    return Future.succeededFuture();
  }

  /**
   * Urges each target at {@code at} whose last urging is at least {@code limit} old (or that never was), all in
   * one transaction: a site urged within the limit, by this request's own duplicate too, is limited instead.
   */
  Future<Outcome> urge(List<Target> targets, String by, String note, Instant at, Duration limit);

  /** The urgings of these sites after {@code after} (exclusive), newest first, at most {@code max}. */
  Future<List<Urging>> since(Collection<String> sites, Instant after, int max);

  /** The urgings of sites in these areas in [{@code from}, {@code to}), oldest first, at most {@code max}. */
  Future<List<Urging>> between(Collection<String> areas, Instant from, Instant to, int max);
}
