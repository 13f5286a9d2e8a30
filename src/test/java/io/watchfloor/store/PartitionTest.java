package io.watchfloor.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import io.watchfloor.PgTest;
import io.watchfloor.TestDatabase;
import io.watchfloor.TestTown;
import io.watchfloor.storage.Migrator;
import io.watchfloor.storage.PgPools;
import io.watchfloor.domain.Outcome;
import io.watchfloor.domain.Report;
import io.watchfloor.domain.Series;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The report table partitioned by month of local day, against PostgreSQL: migration, maintenance, retention, pruning. */
@PgTest
class PartitionTest {
  private static final String DATABASE = "wf_test_partitions";
  private static final ZoneOffset SHANGHAI = ZoneOffset.ofHours(8);
  private static final Instant NOW = Instant.parse("2026-11-20T04:00:00Z");
  private static final LocalDate TODAY = LocalDate.parse("2026-11-20");
  /** Every column as text, in id order: equal before and after a migration only if every row is. */
  private static final String CONTENT = """
      SELECT md5(string_agg(concat_ws('|', id, unit, site, observed_at, local_day, received_at, metrics::text, note,
                                      body_hash), ',' ORDER BY id)) FROM report""";

  private Vertx vertx;
  private String url;
  private PgStore store;
  private final List<Pool> opened = new ArrayList<>();

  @BeforeEach
  void database() {
    vertx = Vertx.vertx();
    url = TestDatabase.fresh(DATABASE);
  }

  @AfterEach
  void close() {
    if (store != null) {
      store.close().await();
    }
    opened.forEach(p -> p.close().await());
    vertx.close().await();
  }

  @Test
  void theMigrationKeepsEveryRowInItsMonthAndIdsStayIdempotent() {
    Pool pool = pool();
    new Migrator(vertx, pool).migrateUpTo(5).await();
    List<Report> reports = new ArrayList<>();
    for (String month : List.of("2026-09", "2026-10", "2026-11")) {
      for (int i = 0; i < 10; i++) {
        reports.add(report(OffsetDateTime.parse(month + "-1" + i + "T09:30:00+08:00"), i));
      }
    }
    pool.preparedQuery(V5_INSERT).execute(PgStore.batchTuple(reports)).await();
    String before = text(pool, CONTENT);

    store = open(24);

    assertThat(text(pool, CONTENT)).isEqualTo(before);
    assertThat(rowsPerPartition(pool)).containsExactly(Map.entry("report_y2026m09", 10L), Map.entry("report_y2026m10", 10L),
        Map.entry("report_y2026m11", 10L));
    assertThat(count(pool, "SELECT count(*) FROM report_key")).isEqualTo(30);
    assertThat(count(pool, "SELECT count(*) FROM report WHERE txid IS NULL")).isZero();
    assertThat(partitions(pool)).contains("report_y2026m12", "report_default");

    Report september = reports.get(3);
    assertThat(store.write(List.of(september)).await()).containsExactly(Outcome.DUPLICATE);
    Report sameIdInNovember = TestTown.report(TestTown.checkpointReport(september.id(),
        OffsetDateTime.parse("2026-11-19T10:00:00+08:00"), 3, 0), NOW);
    assertThat(store.write(List.of(sameIdInNovember)).await()).containsExactly(Outcome.CONFLICT);
    assertThat(store.find(september.id()).await()).get().extracting(Report::localDay).isEqualTo(september.localDay());
    assertThat(count(pool, "SELECT count(*) FROM report")).isEqualTo(30);
  }

  @Test
  void retentionDropsWholeOldMonthsWithTheirKeysAndFlags() {
    store = open(24);
    Pool pool = pool();
    Partitions longAgo = new Partitions(pool, new Partitions.Policy(Duration.ofDays(7), 0, Clock.systemUTC()));
    LocalDate thirtyMonthsAgo = TODAY.minusMonths(30);
    assertThat(longAgo.maintain(thirtyMonthsAgo).await().created()).contains("report_y2024m05");
    Report old = report(OffsetDateTime.parse("2024-05-18T09:00:00+08:00"), 1);
    Report recent = report(OffsetDateTime.parse("2026-11-18T09:00:00+08:00"), 2);
    Report oldWithoutItsMonth = report(OffsetDateTime.parse("2024-08-10T09:00:00+08:00"), 3);
    assertThat(store.write(List.of(old, recent, oldWithoutItsMonth)).await()).containsOnly(Outcome.ACCEPTED);
    assertThat(rowsPerPartition(pool)).containsEntry("report_default", 1L);
    flag(pool, old);
    flag(pool, recent);

    Partitions.Changes changes = new Partitions(pool, new Partitions.Policy(Duration.ofDays(7), 24, Clock.systemUTC()))
        .maintain(TODAY).await();

    assertThat(changes.dropped()).contains("report_y2024m05").doesNotContain("report_y2024m11", "report_y2026m11");
    assertThat(partitions(pool)).doesNotContain("report_y2024m05").contains("report_y2026m11");
    assertThat(store.find(old.id()).await()).isEmpty();
    assertThat(rowsPerPartition(pool)).containsOnlyKeys("report_y2026m11");
    assertThat(store.find(recent.id()).await()).isPresent();
    assertThat(count(pool, "SELECT count(*) FROM report_key")).isEqualTo(1);
    assertThat(count(pool, "SELECT count(*) FROM report_flag")).isEqualTo(1);
  }

  @Test
  void aSeriesOverTwoMonthsReadsBothAndOneMonthReadsOnlyItsOwnPartition() {
    store = open(24);
    Pool pool = pool();
    new Partitions(pool, new Partitions.Policy(Duration.ofDays(7), 24, Clock.systemUTC()))
        .maintain(LocalDate.parse("2026-11-03")).await();
    List<Report> october = List.of(report(OffsetDateTime.parse("2026-10-30T10:00:00+08:00"), 7),
        report(OffsetDateTime.parse("2026-10-31T23:30:00+08:00"), 11));
    List<Report> november = List.of(report(OffsetDateTime.parse("2026-11-01T00:10:00+08:00"), 13),
        report(OffsetDateTime.parse("2026-11-02T10:00:00+08:00"), 17));
    store.write(october).await();
    store.write(november).await();
    assertThat(rowsPerPartition(pool)).containsEntry("report_y2026m10", 2L).containsEntry("report_y2026m11", 2L);

    for (Series.Step step : List.of(Series.Step.DAY, Series.Step.HOUR)) {
      List<Series.Point> both = store.series(series(step, "2026-10-25T00:00:00+08:00", "2026-11-05T00:00:00+08:00")).await();
      assertThat(both.stream().mapToDouble(Series.Point::v).sum()).as("%s", step).isEqualTo(7 + 11 + 13 + 17);
    }

    Series.Query dayQuery = series(Series.Step.DAY, "2026-11-01T00:00:00+08:00", "2026-12-01T00:00:00+08:00");
    String dayPlan = plan(pool, PgQueries.SERIES_BY_DAY, Tuple.of("vehicles_checked", new String[] {"cp-highway-exit"},
        dayQuery.firstDay(), dayQuery.endDay()));
    assertThat(dayPlan).contains("report_y2026m11").doesNotContain("report_y2026m10", "report_y2026m12", "report_default");
    assertThat(store.series(dayQuery).await().stream().mapToDouble(Series.Point::v).sum()).isEqualTo(13 + 17);

    Series.Query hourQuery = series(Series.Step.HOUR, "2026-11-10T00:00:00+08:00", "2026-11-12T00:00:00+08:00");
    Tuple hourParams = Tuple.of("vehicles_checked", new String[] {"cp-highway-exit"}, hourQuery.from().atOffset(ZoneOffset.UTC),
            hourQuery.to().atOffset(ZoneOffset.UTC), hourQuery.bounds().stream().map(t -> t.atOffset(ZoneOffset.UTC))
                .toArray(OffsetDateTime[]::new))
        .addLocalDate(LocalDate.parse("2026-11-08")).addLocalDate(LocalDate.parse("2026-11-13"));
    String hourPlan = plan(pool, PgQueries.SERIES_BY_BOUNDS, hourParams);
    assertThat(hourPlan).contains("report_y2026m11").doesNotContain("report_y2026m10", "report_y2026m12", "report_default");
  }

  @Test
  void theReviewsDaysReadOnlyTheirMonthsEvenUnderAGenericPlan() {
    store = open(24);
    Pool pool = pool();
    new Partitions(pool, new Partitions.Policy(Duration.ofDays(7), 24, Clock.systemUTC()))
        .maintain(LocalDate.parse("2026-11-03")).await();
    store.write(List.of(report(OffsetDateTime.parse("2026-10-20T10:00:00+08:00"), 3),
        report(OffsetDateTime.parse("2026-11-17T10:00:00+08:00"), 5))).await();
    // EXPLAIN through the client would plan with the values bound; PREPARE … EXECUTE keeps the generic plan
    String plan = pool.withConnection(conn -> conn.query("SET plan_cache_mode = force_generic_plan").execute()
        .compose(v -> conn.query("PREPARE review_sums(date[], text[], text) AS " + PgQueries.siteDaySums(1, 0)).execute())
        .compose(v -> conn.query("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) EXECUTE review_sums("
            + "'{2026-11-10,2026-11-17}', '{cp-highway-exit}', 'vehicles_checked')").execute())
        .map(rows -> {
          StringBuilder text = new StringBuilder();
          rows.forEach(row -> text.append(row.getString(0)).append('\n'));
          return text.toString();
        })).await();
    assertThat(plan).contains("report_y2026m11");
    assertThat(plan.lines().filter(line -> line.contains(" on report_y2026m10") || line.contains(" on report_default")))
        .as(plan).allMatch(line -> line.contains("never executed"));
    List<StoreMessages.SiteDaySum> sums = store.siteDaySums(new StoreMessages.SiteDaySumsRequest(
        List.of(LocalDate.parse("2026-10-20"), LocalDate.parse("2026-11-17")), List.of("cp-highway-exit"),
        List.of("vehicles_checked"), List.of())).await();
    assertThat(sums).extracting(StoreMessages.SiteDaySum::total).containsExactlyInAnyOrder(3.0, 5.0);
  }

  @Test
  void aReportGoesIntoTheMonthMaintenanceCreatedAndStrandedRowsMoveThere() {
    store = open(0);
    Pool pool = pool();
    Report march = report(OffsetDateTime.parse("2027-03-02T09:00:00+08:00"), 4);
    assertThat(store.write(List.of(march)).await()).containsExactly(Outcome.ACCEPTED);
    assertThat(rowsPerPartition(pool)).containsExactly(Map.entry("report_default", 1L));

    Partitions.Changes changes = new Partitions(pool, new Partitions.Policy(Duration.ofDays(7), 0, Clock.systemUTC()))
        .maintain(LocalDate.parse("2027-03-20")).await();

    assertThat(changes.created()).containsExactly("report_y2027m03", "report_y2027m04");
    assertThat(rowsPerPartition(pool)).containsExactly(Map.entry("report_y2027m03", 1L));
    Report april = report(OffsetDateTime.parse("2027-04-01T00:30:00+08:00"), 5);
    assertThat(store.write(List.of(april)).await()).containsExactly(Outcome.ACCEPTED);
    assertThat(rowsPerPartition(pool)).containsEntry("report_y2027m04", 1L);
    assertThat(store.find(march.id()).await()).isPresent();
    assertThat(store.write(List.of(march, april)).await()).containsExactly(Outcome.DUPLICATE, Outcome.DUPLICATE);
  }

  @Test
  void nodesMaintainingAtOnceTakeTurns() {
    store = open(24);
    Partitions.Policy policy = new Partitions.Policy(Duration.ofDays(40), 24, Clock.systemUTC());
    List<Future<Partitions.Changes>> runs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      runs.add(new Partitions(pool(), policy).maintain(LocalDate.parse("2027-06-15")));
    }
    Future.all(runs).await();
    List<String> created = runs.stream().flatMap(r -> r.result().created().stream()).toList();
    assertThat(created).containsExactlyInAnyOrder("report_y2027m05", "report_y2027m06", "report_y2027m07");
  }

  /**
   * A node holds the rule evaluator's advisory lock for as long as it lives: maintenance, which takes
   * an advisory lock of its own, must not wait on it (they once shared a key, and every run timed out).
   */
  @Test
  void maintenanceRunsWhileANodeHoldsTheRuleEvaluatorsLock() {
    store = open(24);
    io.watchfloor.alert.EvaluatorLock lock = io.watchfloor.alert.EvaluatorLock.of(vertx,
        io.watchfloor.storage.Storage.postgres(vertx, ReportStoreContract.pgConfig(url)), 100);
    java.util.concurrent.CompletableFuture<Boolean> held = new java.util.concurrent.CompletableFuture<>();
    vertx.runOnContext(v -> lock.start(held::complete));
    try {
      assertThat(held.join()).isTrue();
      long started = System.nanoTime();
      new Partitions(pool(), new Partitions.Policy(Duration.ofDays(7), 24, Clock.systemUTC()))
          .maintain(LocalDate.parse("2027-09-15")).await();
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    } finally {
      vertx.runOnContext(v -> lock.stop());
    }
  }

  // --- helpers ---

  /** The V5 statement, without report_key, to fill a database at the schema before partitions. */
  private static final String V5_INSERT = """
      INSERT INTO report (id, unit, site, observed_at, local_day, received_at, metrics, note, body_hash)
      SELECT t.id, t.unit, t.site, t.observed_at, t.local_day, t.received_at, t.metrics::jsonb, t.note, t.body_hash
        FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[], $5::date[], $6::timestamptz[],
                    $7::text[], $8::text[], $9::text[])
             AS t(id, unit, site, observed_at, local_day, received_at, metrics, note, body_hash)""";

  private static Report report(OffsetDateTime at, int vehicles) {
    return TestTown.report(TestTown.checkpointReport(UUID.randomUUID(), at, vehicles, 0), at.toInstant().plusSeconds(60));
  }

  private static Series.Query series(Series.Step step, String from, String to) {
    return Series.query("vehicles_checked", Series.Aggregate.SUM, List.of("cp-highway-exit"), step, ZoneId.of("Asia/Shanghai"),
        OffsetDateTime.parse(from).toInstant(), OffsetDateTime.parse(to).toInstant());
  }

  private PgStore open(int retentionMonths) {
    PgStore opened = new PgStore(vertx, new PgPools(vertx, ReportStoreContract.pgConfig(url)), Duration.ofDays(7), retentionMonths,
        Clock.fixed(NOW, ZoneOffset.UTC));
    opened.open().await();
    return opened;
  }

  private Pool pool() {
    PgPools pools = new PgPools(vertx, ReportStoreContract.pgConfig(url));
    pools.ensureDatabase().await();
    Pool pool = pools.commits();
    opened.add(pool);
    return pool;
  }

  private static void flag(Pool pool, Report report) {
    pool.preparedQuery("""
            INSERT INTO report_flag (report_id, metric, site, local_day, value, reason, detail, flagged_at)
            VALUES ($1, 'vehicles_checked', $2, $3, 1, 'outlier', 'test', now())""")
        .execute(Tuple.of(report.id(), report.site(), report.localDay())).await();
  }

  private static String plan(Pool pool, String sql, Tuple params) {
    StringBuilder plan = new StringBuilder();
    pool.preparedQuery("EXPLAIN " + sql).execute(params).await().forEach(row -> plan.append(row.getString(0)).append('\n'));
    return plan.toString();
  }

  private static Map<String, Long> rowsPerPartition(Pool pool) {
    Map<String, Long> rows = new TreeMap<>();
    pool.query("SELECT tableoid::regclass::text AS part, count(*) FROM report GROUP BY 1").execute().await()
        .forEach(row -> rows.put(row.getString(0), row.getLong(1)));
    return rows;
  }

  private static List<String> partitions(Pool pool) {
    List<String> names = new ArrayList<>();
    pool.query(PgQueries.PARTITIONS).execute().await().forEach(row -> names.add(row.getString(0)));
    return names;
  }

  private static String text(Pool pool, String sql) {
    Row row = pool.query(sql).execute().await().iterator().next();
    return row.getString(0);
  }

  private static long count(Pool pool, String sql) {
    return pool.query(sql).execute().await().iterator().next().getLong(0);
  }
}
