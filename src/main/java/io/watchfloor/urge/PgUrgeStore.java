package io.watchfloor.urge;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import io.watchfloor.storage.PgPoolStore;
import io.watchfloor.storage.PgPools;
import io.watchfloor.store.DataRefused;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** 催报 in PostgreSQL (V13__urging.sql), on the case store's pool: a few writes a day, read by field pages. */
public final class PgUrgeStore extends PgPoolStore implements UrgeStore {
  private static final int RETRY_AFTER_SECONDS = 2;

  public PgUrgeStore(PgPools pools) {
    super(pools::cases);
  }

  /** The turns, the urgings and the limited sites' times in one transaction: all of a request or none. */
  @Override
  public Future<Outcome> urge(List<Target> targets, String by, String note, Instant at, Duration limit) {
    List<Target> ordered = MemoryUrgeStore.ordered(targets);
    String[] sites = ordered.stream().map(Target::site).toArray(String[]::new);
    return pool.withTransaction(conn -> conn.preparedQuery(UrgeQueries.TAKE_TURNS)
            .execute(Tuple.of(sites, utc(at), utc(at.minus(limit))))
            .compose(taken -> write(conn, ordered, siteSet(taken), by, note, at, limit)))
        .recover(PgUrgeStore::unavailable);
  }

  private static Future<Outcome> write(SqlConnection conn, List<Target> ordered, Set<String> taken, String by, String note,
                                       Instant at, Duration limit) {
    List<Urging> urged = new ArrayList<>();
    List<Tuple> rows = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    for (Target t : ordered) {
      if (taken.contains(t.site())) {
        Urging u = new Urging(UUID.randomUUID(), t.site(), t.unit(), t.area(), by, at, note);
        urged.add(u);
        rows.add(Tuple.of(u.id(), u.site(), u.unit(), u.area(), by, utc(at), note));
      } else {
        refused.add(t.site());
      }
    }
    Future<?> inserted = rows.isEmpty() ? Future.succeededFuture() : conn.preparedQuery(UrgeQueries.INSERT).executeBatch(rows);
    Future<Map<String, Instant>> last = refused.isEmpty() ? Future.succeededFuture(Map.of())
        : inserted.compose(v -> conn.preparedQuery(UrgeQueries.LAST_URGED).execute(Tuple.of((Object) refused.toArray(String[]::new))))
            .map(PgUrgeStore::lastBySite);
    return inserted.compose(v -> last).map(lastAt -> new Outcome(urged, refused.stream()
        .map(site -> new Limited(site, lastAt.getOrDefault(site, at).plus(limit))).toList()));
  }

  @Override
  public Future<List<Urging>> since(Collection<String> sites, Instant after, int max) {
    return pool.preparedQuery(UrgeQueries.SINCE).execute(Tuple.of(sites.toArray(String[]::new), utc(after), max))
        .map(PgUrgeStore::urgings).recover(PgUrgeStore::unavailable);
  }

  @Override
  public Future<List<Urging>> between(Collection<String> areas, Instant from, Instant to, int max) {
    return pool.preparedQuery(UrgeQueries.BETWEEN).execute(Tuple.of(areas.toArray(String[]::new), utc(from), utc(to), max))
        .map(PgUrgeStore::urgings).recover(PgUrgeStore::unavailable);
  }

  private static Set<String> siteSet(RowSet<Row> rows) {
    Set<String> sites = new HashSet<>();
    rows.forEach(row -> sites.add(row.getString("site")));
    return sites;
  }

  private static Map<String, Instant> lastBySite(RowSet<Row> rows) {
    Map<String, Instant> last = new HashMap<>();
    rows.forEach(row -> last.put(row.getString("site"), row.getOffsetDateTime("last_at").toInstant()));
    return last;
  }

  private static List<Urging> urgings(RowSet<Row> rows) {
    List<Urging> list = new ArrayList<>();
    rows.forEach(row -> list.add(new Urging(row.getUUID("id"), row.getString("site"), row.getString("unit"),
        row.getString("area"), row.getString("by"), row.getOffsetDateTime("at").toInstant(), row.getString("note"))));
    return list;
  }

  private static OffsetDateTime utc(Instant at) {
    return at.atOffset(ZoneOffset.UTC);
  }

  private static <T> Future<T> unavailable(Throwable e) {
    return DataRefused.orUnanswered(e, RETRY_AFTER_SECONDS);
  }
}
