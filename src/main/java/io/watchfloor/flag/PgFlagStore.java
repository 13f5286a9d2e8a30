package io.watchfloor.flag;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import io.watchfloor.storage.PgPoolStore;
import io.watchfloor.storage.PgPools;
import io.watchfloor.domain.Flag;
import io.watchfloor.store.DataRefused;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Flags in PostgreSQL, in the schema the report store migrates at start (V5__report_flag.sql). */
public final class PgFlagStore extends PgPoolStore implements FlagStore {
  public PgFlagStore(PgPools pools) {
    super(pools::alerts);
  }

  @Override
  public Future<Void> save(List<Flag> flags) {
    if (flags.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Tuple> rows = flags.stream().map(f -> Tuple.of(f.reportId(), f.metric(), f.site(), f.day(), f.value(), f.reason(),
        f.detail(), utc(f.flaggedAt()))).toList();
    return pool.preparedQuery(FlagQueries.SAVE).executeBatch(rows).<Void>mapEmpty().recover(PgFlagStore::unavailable);
  }

  @Override
  public Future<List<Flag>> list(LocalDate from, LocalDate to, List<String> sites) {
    return pool.preparedQuery(FlagQueries.LIST).execute(Tuple.of(from, to, sites.toArray(new String[0])))
        .map(PgFlagStore::toFlags).recover(PgFlagStore::unavailable);
  }

  @Override
  public Future<Optional<Flag>> find(UUID reportId, String metric) {
    return pool.preparedQuery(FlagQueries.FIND).execute(Tuple.of(reportId, metric))
        .map(rows -> toFlags(rows).stream().findFirst()).recover(PgFlagStore::unavailable);
  }

  @Override
  public Future<Flag> clear(UUID reportId, String metric, String by, String note, Instant at) {
    return pool.preparedQuery(FlagQueries.CLEAR).execute(Tuple.of(reportId, metric, by, utc(at), note))
        .compose(rows -> rows.size() == 1 ? Future.succeededFuture(toFlags(rows).get(0))
            : find(reportId, metric).compose(found -> Future.<Flag>failedFuture(found.isEmpty()
                ? new FlagFailure(404, "no such flag")
                : new FlagFailure(409, "flag already cleared by " + found.get().cleared().by()))))
        .recover(PgFlagStore::unavailable);
  }

  @Override
  public Future<Map<String, Long>> uncleared(String metric, LocalDate from, LocalDate to, List<String> sites) {
    return pool.preparedQuery(FlagQueries.UNCLEARED).execute(Tuple.of(metric, from, to, sites.toArray(new String[0])))
        .map(rows -> {
          Map<String, Long> bySite = new HashMap<>();
          rows.forEach(r -> bySite.put(r.getString("site"), r.getLong("flags")));
          return bySite;
        })
        .recover(PgFlagStore::unavailable);
  }

  @Override
  public Future<List<Reading>> readings(List<String> sites, Instant since, int perSeries, int perSite) {
    return pool.preparedQuery(FlagQueries.READINGS)
        .execute(Tuple.of(utc(since), perSeries, sites.toArray(String[]::new), perSite))
        .map(rows -> {
          List<Reading> readings = new ArrayList<>();
          rows.forEach(r -> readings.add(new Reading(r.getUUID("id"), r.getString("site"), r.getString("key"),
              r.getOffsetDateTime("observed_at").toInstant(), r.getDouble("v"))));
          return readings;
        })
        .recover(PgFlagStore::unavailable);
  }

  private static List<Flag> toFlags(RowSet<Row> rows) {
    List<Flag> flags = new ArrayList<>();
    rows.forEach(r -> {
      OffsetDateTime clearedAt = r.getOffsetDateTime("cleared_at");
      flags.add(new Flag(r.getUUID("report_id"), r.getString("metric"), r.getString("site"), r.getLocalDate("local_day"),
          r.getDouble("value"), r.getString("reason"), r.getString("detail"), r.getOffsetDateTime("flagged_at").toInstant(),
          clearedAt == null ? null : new Flag.Cleared(r.getString("cleared_by"), clearedAt.toInstant(), r.getString("clear_note"))));
    });
    return flags;
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static <T> Future<T> unavailable(Throwable e) {
    return e instanceof FlagFailure ? Future.failedFuture(e) : DataRefused.orUnanswered(e, 2);
  }
}
