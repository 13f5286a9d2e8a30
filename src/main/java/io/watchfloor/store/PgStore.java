package io.watchfloor.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import io.watchfloor.config.StoreConfig;
import io.watchfloor.domain.Outcome;
import io.watchfloor.domain.Ranking;
import io.watchfloor.domain.Report;
import io.watchfloor.domain.Series;
import io.watchfloor.domain.SiteDayStats;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/** The durable store: PostgreSQL through the reactive client, synchronous commit, one row per report. */
public final class PgStore implements ReportStore, CommitLog {
  /** SQLSTATE classes that blame the rows sent (data exception, integrity, program limit), not the database. */
  private static final Set<String> DATA_ERROR_CLASSES = Set.of("22", "23", "54");

  private final Vertx vertx;
  private final StoreConfig.Pg config;
  private final Partitions.Policy partitionPolicy;
  private Pool pool;
  private Pool readPool;
  private PgHistory history;
  private Partitions partitions;

  /** Partitions kept with the defaults: a late window of 7 days, 24 months kept, the system clock. */
  public PgStore(Vertx vertx, StoreConfig.Pg config) {
    this(vertx, config, Partitions.Policy.DEFAULT);
  }

  /**
   * @param lateWindow how old a report the ingest accepts: partitions are made ready back to it
   * @param retentionMonths {@code store.retention-months}; 0 keeps every month
   */
  public PgStore(Vertx vertx, StoreConfig.Pg config, Duration lateWindow, int retentionMonths, Clock clock) {
    this(vertx, config, new Partitions.Policy(lateWindow, retentionMonths, clock));
  }

  private PgStore(Vertx vertx, StoreConfig.Pg config, Partitions.Policy partitionPolicy) {
    this.vertx = vertx;
    this.config = config;
    this.partitionPolicy = partitionPolicy;
  }

  @Override
  public String kind() {
    return "postgres";
  }

  @Override
  public boolean durable() {
    return true;
  }

  @Override
  public Future<Void> open() {
    PgPools pools = new PgPools(vertx, config);
    return pools.ensureDatabase()
        .map(v -> {
          pool = pools.ingest();
          readPool = pools.reads();
          history = new PgHistory(readPool);
          return pool;
        })
        .compose(p -> new Migrator(vertx, p).migrate())
        .compose(v -> {
          partitions = new Partitions(pool, partitionPolicy);
          return partitions.start(vertx);
        });
  }

  @Override
  public Future<List<Outcome>> write(List<Report> batch) {
    List<Report> distinct = Batches.firstPerId(batch);
    return pool.withTransaction(conn -> insert(conn, distinct)
            .compose(inserted -> storedHashes(conn, distinct, inserted)
                .map(hashes -> Batches.outcomes(batch, inserted, hashes))))
        .recover(PgStore::notCommitted);
  }

  private static <T> Future<T> notCommitted(Throwable e) {
    if (e instanceof PgException pg && pg.getSqlState() != null && pg.getSqlState().length() == 5
        && DATA_ERROR_CLASSES.contains(pg.getSqlState().substring(0, 2))) {
      return Future.failedFuture(new StoreRefused("the database refused the data: " + pg.getErrorMessage()
          + " (SQLSTATE " + pg.getSqlState() + ")", e));
    }
    return Future.failedFuture(new StoreUnavailable("the database did not commit: " + e.getMessage(), 2, e));
  }

  private Future<Set<UUID>> insert(SqlConnection conn, List<Report> distinct) {
    return conn.preparedQuery(PgQueries.INSERT_BATCH)
        .execute(batchTuple(distinct))
        .map(rows -> {
          Set<UUID> inserted = new HashSet<>(rows.rowCount());
          rows.forEach(row -> inserted.add(row.getUUID(0)));
          return inserted;
        });
  }

  /** The batch as the parallel arrays {@link #insertStatement} takes; public so the benchmark's ceiling uses the same rows. */
  public static Tuple batchTuple(List<Report> reports) {
    int n = reports.size();
    UUID[] ids = new UUID[n];
    String[] units = new String[n];
    String[] sites = new String[n];
    OffsetDateTime[] observed = new OffsetDateTime[n];
    LocalDate[] days = new LocalDate[n];
    OffsetDateTime[] received = new OffsetDateTime[n];
    String[] metrics = new String[n];
    String[] notes = new String[n];
    String[] hashes = new String[n];
    for (int i = 0; i < n; i++) {
      Report r = reports.get(i);
      ids[i] = r.id();
      units[i] = r.unit();
      sites[i] = r.site();
      observed[i] = r.observedAt();
      days[i] = r.localDay();
      received[i] = r.receivedAt().atOffset(ZoneOffset.UTC);
      metrics[i] = new JsonObject(new TreeMap<String, Object>(r.metrics())).encode();
      notes[i] = r.note();
      hashes[i] = r.bodyHash();
    }
    return Tuple.of(ids, units, sites, observed, days, received).addArrayOfString(metrics)
        .addArrayOfString(notes).addArrayOfString(hashes);
  }

  /**
   * The store's batch insert aimed at another table of the same shape, for the benchmark's ceiling;
   * it still claims its ids in report_key, as the server's does.
   */
  public static String insertStatement(String table) {
    return PgQueries.INSERT_BATCH.replaceFirst("INSERT INTO report ", "INSERT INTO " + table + " ");
  }

  private Future<Map<UUID, String>> storedHashes(SqlConnection conn, List<Report> distinct, Set<UUID> inserted) {
    Map<UUID, String> hashes = new HashMap<>();
    List<UUID> others = new ArrayList<>();
    for (Report r : distinct) {
      if (inserted.contains(r.id())) {
        hashes.put(r.id(), r.bodyHash());
      } else {
        others.add(r.id());
      }
    }
    if (others.isEmpty()) {
      return Future.succeededFuture(hashes);
    }
    return conn.preparedQuery(PgQueries.STORED_HASHES)
        .execute(Tuple.of(others.toArray(UUID[]::new)))
        .map(rows -> {
          rows.forEach(row -> hashes.put(row.getUUID("id"), row.getString("body_hash")));
          return hashes;
        });
  }

  @Override
  public Future<Optional<Report>> find(UUID id) {
    return pool.preparedQuery(PgQueries.FIND).execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? Optional.<Report>empty() : Optional.of(toReport(rows.iterator().next())))
        .recover(this::unavailable);
  }

  @Override
  public Future<List<Report>> reportsOn(LocalDate day) {
    return pool.preparedQuery(PgQueries.REPORTS_ON_DAY).execute(Tuple.of(day))
        .map(PgStore::toReports)
        .recover(this::unavailable);
  }

  @Override
  public Future<List<Report>> viewerDay(LocalDate day, List<String> sites) {
    Tuple params = Tuple.of(day).addValue(sites == null ? null : sites.toArray(String[]::new));
    return readPool.preparedQuery(PgQueries.VIEWER_DAY).execute(params)
        .map(PgStore::toReports)
        .recover(this::unavailable);
  }

  @Override
  public Future<List<StoreMessages.HourSum>> hourSums(StoreMessages.HourSumsRequest r) {
    Tuple params = Tuple.of(r.from(), r.to()).addValue(r.sites().toArray(String[]::new)).addString(r.metric());
    return readPool.preparedQuery(PgQueries.HOUR_SUMS).execute(params)
        .map(rows -> {
          List<StoreMessages.HourSum> sums = new ArrayList<>(rows.size());
          rows.forEach(row -> sums.add(new StoreMessages.HourSum(row.getString("site"),
              java.time.Instant.ofEpochSecond(row.getLong("hour") * 3600), row.getDouble("total"))));
          return sums;
        })
        .recover(this::unavailable);
  }

  @Override
  public Future<List<Report>> recent(String site, int limit) {
    return readPool.preparedQuery(PgQueries.RECENT_OF_SITE).execute(Tuple.of(site, limit))
        .map(PgStore::toReports)
        .recover(this::unavailable);
  }

  @Override
  public Future<List<Series.Point>> series(Series.Query query) {
    return history.series(query).recover(this::unavailable);
  }

  @Override
  public Future<Map<String, Ranking.Sum>> monthSums(String metric, YearMonth month, Map<String, String> areaBySite) {
    return history.monthSums(metric, month, areaBySite, null).recover(this::unavailable);
  }

  @Override
  public Future<Map<String, Ranking.Sum>> monthSums(String metric, YearMonth month, Map<String, String> areaBySite,
                                                     long below) {
    return history.monthSums(metric, month, areaBySite, below).recover(this::unavailable);
  }

  @Override
  public Future<List<Report>> reportsOn(LocalDate day, long below) {
    return pool.preparedQuery(PgQueries.REPORTS_ON_DAY_BELOW).execute(Tuple.of(day, Long.toString(below)))
        .map(PgStore::toReports)
        .recover(this::unavailable);
  }

  @Override
  public Future<Long> horizon() {
    return pool.query(PgQueries.HORIZON).execute()
        .map(rows -> Long.parseLong(rows.iterator().next().getString("horizon")))
        .recover(this::unavailable);
  }

  /** On the ingest pool: the tail is what the live picture waits for, never queued behind history reads. */
  @Override
  public Future<StoreMessages.TailRows> tail(StoreMessages.TailPosition after, int limit) {
    return pool.preparedQuery(PgQueries.TAIL).execute(Tuple.of(Long.toString(after.txid()), after.id(), limit))
        .map(rows -> {
          List<Report> reports = new ArrayList<>(rows.size());
          StoreMessages.TailPosition last = after;
          for (Row row : rows) {
            Report report = toReport(row);
            reports.add(report);
            last = new StoreMessages.TailPosition(Long.parseLong(row.getString("txid")), report.id());
          }
          return new StoreMessages.TailRows(reports, last);
        })
        .recover(this::unavailable);
  }

  @Override
  public Future<Map<String, SiteDayStats>> dayStats(LocalDate day) {
    return history.dayStats(day).recover(this::unavailable);
  }

  @Override
  public Future<List<StoreMessages.SiteDaySum>> siteDaySums(StoreMessages.SiteDaySumsRequest request) {
    return history.siteDaySums(request).recover(this::unavailable);
  }

  @Override
  public Future<Map<LocalDate, Map<String, SiteDayStats>>> dayStatsRange(LocalDate from, LocalDate to, List<String> sites) {
    return history.dayStatsRange(from, to, sites).recover(this::unavailable);
  }

  private static List<Report> toReports(RowSet<Row> rows) {
    List<Report> reports = new ArrayList<>(rows.size());
    rows.forEach(row -> reports.add(toReport(row)));
    return reports;
  }

  private static Report toReport(Row row) {
    Map<String, Double> metrics = new TreeMap<>();
    row.getJsonObject("metrics").forEach(e -> metrics.put(e.getKey(), ((Number) e.getValue()).doubleValue()));
    return new Report(row.getUUID("id"), row.getString("unit"), row.getString("site"),
        row.getOffsetDateTime("observed_at"), row.getLocalDate("local_day"),
        row.getOffsetDateTime("received_at").toInstant(), Map.copyOf(metrics), row.getString("note"),
        row.getString("body_hash"));
  }

  private <T> Future<T> unavailable(Throwable e) {
    return Future.failedFuture(new StoreUnavailable("the database did not answer: " + e.getMessage(), 2, e));
  }

  @Override
  public Future<Void> ping() {
    return pool.query(PgQueries.PING).execute().<Void>mapEmpty().recover(this::unavailable);
  }

  @Override
  public Future<Void> close() {
    if (partitions != null) {
      partitions.stop();
    }
    return pool == null ? Future.succeededFuture() : Future.join(pool.close(), readPool.close()).mapEmpty();
  }
}
