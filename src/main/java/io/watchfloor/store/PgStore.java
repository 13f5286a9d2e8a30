package io.watchfloor.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import io.watchfloor.config.StoreConfig;
import io.watchfloor.storage.Migrator;
import io.watchfloor.storage.PgPools;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The durable store: PostgreSQL through the reactive client, synchronous commit, one row per report.
 * Its rows read in commit order are {@link #commitLog()}, a {@link PgCommitLog} on the same pools.
 */
public final class PgStore implements ReportStore {
  private final Vertx vertx;
  private final PgPools pools;
  private final Partitions.Policy partitionPolicy;
  private Pool pool;
  private Pool readPool;
  private PgHistory history;
  private PgCommitLog commitLog;
  private PgBatchWrite writes;
  private Partitions partitions;

  /** Partitions kept with the defaults: a late window of 7 days, 24 months kept, the system clock. */
  public PgStore(Vertx vertx, StoreConfig.Pg config) {
    this(vertx, new PgPools(vertx, config), Partitions.Policy.DEFAULT);
  }

  /**
   * @param lateWindow how old a report the ingest accepts: partitions are made ready back to it
   * @param retentionMonths {@code store.retention-months}; 0 keeps every month
   */
  public PgStore(Vertx vertx, PgPools pools, Duration lateWindow, int retentionMonths, Clock clock) {
    this(vertx, pools, new Partitions.Policy(lateWindow, retentionMonths, clock));
  }

  private PgStore(Vertx vertx, PgPools pools, Partitions.Policy partitionPolicy) {
    this.vertx = vertx;
    this.pools = pools;
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
    return pools.ensureDatabase()
        .map(v -> {
          if (pool == null) {
            pool = pools.commits();
            readPool = pools.reads(sql -> !PgQueries.PLANNED_EACH_TIME.contains(sql));
            history = new PgHistory(readPool);
            commitLog = new PgCommitLog(pool, history);
            writes = new PgBatchWrite(pool);
          }
          return pool;
        })
        .compose(p -> new Migrator(vertx, p).migrate())
        .compose(v -> {
          partitions = new Partitions(pool, partitionPolicy);
          return partitions.start(vertx);
        });
  }

  /** Once open: the committed rows, in order, for the live tail and the rebuild below a horizon. */
  @Override
  public Optional<CommitLog> commitLog() {
    return Optional.ofNullable(commitLog);
  }

  @Override
  public Future<List<Outcome>> write(List<Report> batch) {
    return writes.write(batch);
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

  @Override
  public Future<Optional<Report>> find(UUID id) {
    return pool.preparedQuery(PgQueries.FIND).execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? Optional.<Report>empty() : Optional.of(ReportRows.toReport(rows.iterator().next())))
        .recover(ReportRows::unavailable);
  }

  @Override
  public Future<List<Report>> reportsOn(LocalDate day) {
    return pool.preparedQuery(PgQueries.REPORTS_ON_DAY).execute(Tuple.of(day))
        .map(ReportRows::toReports)
        .recover(ReportRows::unavailable);
  }

  /** The rebuild's on the commits' pool, never queued behind viewers; a viewer's on the viewers' bounded pool. */
  @Override
  public Future<List<StoreMessages.HourlySum>> hourlySums(StoreMessages.HourlySumsRequest r) {
    Future<RowSet<Row>> rows = r.viewer()
        ? readPool.preparedQuery(PgQueries.HOURLY_SUMS_OF_METRIC)
            .execute(Tuple.of(r.from(), r.to()).addValue(r.sites().toArray(String[]::new)).addString(r.metric()))
        : pool.preparedQuery(PgQueries.HOURLY_SUMS)
            .execute(Tuple.of(r.from(), r.to(), r.below() == null ? null : Long.toString(r.below())));
    return rows.map(ReportRows::toHourlySums).recover(ReportRows::unavailable);
  }

  @Override
  public Future<List<Report>> viewerDay(LocalDate day, List<String> sites) {
    Tuple params = Tuple.of(day).addValue(sites == null ? null : sites.toArray(String[]::new));
    return readPool.preparedQuery(PgQueries.VIEWER_DAY).execute(params)
        .map(ReportRows::toReports)
        .recover(ReportRows::unavailable);
  }

  @Override
  public Future<List<Report>> recent(String site, int limit) {
    return readPool.preparedQuery(PgQueries.RECENT_OF_SITE).execute(Tuple.of(site, limit))
        .map(ReportRows::toReports)
        .recover(ReportRows::unavailable);
  }

  @Override
  public Future<List<Series.Point>> series(Series.Query query) {
    return history.series(query).recover(ReportRows::unavailable);
  }

  @Override
  public Future<Map<String, Ranking.Sum>> monthSums(String metric, YearMonth month, Map<String, String> areaBySite) {
    return history.monthSums(metric, month, areaBySite, null).recover(ReportRows::unavailable);
  }

  @Override
  public Future<Map<String, SiteDayStats>> dayStats(LocalDate day) {
    return history.dayStats(day).recover(ReportRows::unavailable);
  }

  @Override
  public Future<List<StoreMessages.SiteDaySum>> siteDaySums(StoreMessages.SiteDaySumsRequest request) {
    return history.siteDaySums(request).recover(ReportRows::unavailable);
  }

  @Override
  public Future<Map<LocalDate, Map<String, SiteDayStats>>> dayStatsRange(LocalDate from, LocalDate to, List<String> sites) {
    return history.dayStatsRange(from, to, sites).recover(ReportRows::unavailable);
  }

  /** Ready means a server that takes writes answers: a standby, or a read-only primary, is refused. */
  @Override
  public Future<Void> ping() {
    return server().compose(answer -> answer.writable() ? Future.<Void>succeededFuture()
        : Future.failedFuture(new StoreUnavailable("the database answers read-only (" + answer.server()
            + "): a standby, or a primary being demoted; no write can commit", 2, null)));
  }

  /** The server the commits' pool reaches now, and whether it takes writes: for the failover watch. */
  public Future<PrimaryWatch.Answer> server() {
    return pool.query(PgQueries.PING).execute()
        .map(rows -> {
          Row row = rows.iterator().next();
          Integer port = row.getInteger("port");
          return new PrimaryWatch.Answer(new PrimaryWatch.Server(row.getString("address"), port == null ? 0 : port,
              row.getString("started_at")), Boolean.TRUE.equals(row.getBoolean("writable")));
        })
        .recover(ReportRows::unavailable);
  }

  @Override
  public Future<Void> close() {
    if (partitions != null) {
      partitions.stop();
    }
    return pool == null ? Future.succeededFuture() : Future.join(pool.close(), readPool.close()).mapEmpty();
  }
}
