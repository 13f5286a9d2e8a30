package io.watchfloor.store;

import io.vertx.core.json.JsonObject;
import io.watchfloor.domain.Ranking;
import io.watchfloor.domain.Report;
import io.watchfloor.domain.Series;
import io.watchfloor.domain.Series.Aggregate;
import io.watchfloor.domain.Series.Step;
import io.watchfloor.domain.SiteDayStats;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.watchfloor.TestTown.reading;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The history reads of the store contract, with answers worked out by hand, in Asia/Shanghai
 * (UTC+8, so a local day starts at 16:00 UTC the day before). {@link ReportStoreContract} runs them
 * on each store.
 */
interface StoreHistoryContract {
  ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  List<String> CHECKPOINTS = List.of("cp-highway-exit", "cp-xudong-road");

  ReportStore store();

  default void save(Report... reports) {
    store().write(List.of(reports)).await();
  }

  default List<Series.Point> series(String metric, Aggregate aggregate, List<String> sites, Step step, String from, String to) {
    return store().series(query(metric, aggregate, sites, step, from, to)).await();
  }

  static Series.Query query(String metric, Aggregate aggregate, List<String> sites, Step step, String from, String to) {
    return Series.query(metric, aggregate, sites, step, SHANGHAI, OffsetDateTime.parse(from).toInstant(),
        OffsetDateTime.parse(to).toInstant());
  }

  static JsonObject vehicles(int n) {
    return new JsonObject().put("vehicles_checked", n);
  }

  static List<Double> values(List<Series.Point> points) {
    List<Double> values = new ArrayList<>();
    points.forEach(p -> values.add(p.v()));
    return values;
  }

  static List<Double> expect(Double... values) {
    return Arrays.asList(values);
  }

  static List<String> localTimes(List<Series.Point> points) {
    return points.stream().map(p -> p.t().atOffset(ZoneOffset.ofHours(8)).toLocalTime().toString()).toList();
  }

  @Test
  default void countersAddUpInLocalHourAndFiveMinuteBucketsWithTheEndLeftOut() {
    save(reading("cp-highway-exit", "2026-11-21T07:59:59+08:00", vehicles(1)),
        reading("cp-highway-exit", "2026-11-21T08:00:00+08:00", vehicles(2)),
        reading("cp-xudong-road", "2026-11-21T00:04:59Z", vehicles(4)), // 08:04:59 in Shanghai
        reading("cp-highway-exit", "2026-11-21T08:05:00+08:00", vehicles(8)),
        reading("cp-xudong-road", "2026-11-21T08:59:59+08:00", vehicles(16)),
        reading("cp-highway-exit", "2026-11-21T09:00:00+08:00", vehicles(32)),
        reading("cp-tianjingshan-south", "2026-11-21T08:30:00+08:00", vehicles(64)));

    List<Series.Point> hours = series("vehicles_checked", Aggregate.SUM, CHECKPOINTS, Step.HOUR,
        "2026-11-21T07:00:00+08:00", "2026-11-21T09:00:00+08:00");
    assertThat(localTimes(hours)).containsExactly("07:00", "08:00");
    assertThat(values(hours)).containsExactly(1.0, 30.0);

    List<Series.Point> fives = series("vehicles_checked", Aggregate.SUM, CHECKPOINTS, Step.FIVE_MINUTES,
        "2026-11-21T08:00:00+08:00", "2026-11-21T08:15:00+08:00");
    assertThat(localTimes(fives)).containsExactly("08:00", "08:05", "08:10");
    assertThat(values(fives)).as("an empty counter bucket counted nothing").containsExactly(6.0, 8.0, 0.0);

    assertThat(values(series("vehicles_checked", Aggregate.SUM, List.of("cp-xudong-road"), Step.HOUR,
        "2026-11-21T08:00:00+08:00", "2026-11-21T10:00:00+08:00"))).containsExactly(20.0, 0.0);
  }

  @Test
  default void anUnalignedRangeWidensToWholeLocalBuckets() {
    save(reading("cp-highway-exit", "2026-11-21T07:10:00+08:00", vehicles(1)),
        reading("cp-highway-exit", "2026-11-21T08:50:00+08:00", vehicles(2)));
    Series.Query query = query("vehicles_checked", Aggregate.SUM, CHECKPOINTS, Step.HOUR,
        "2026-11-21T07:30:00+08:00", "2026-11-21T00:30:00Z");
    assertThat(query.from()).isEqualTo(Instant.parse("2026-11-20T23:00:00Z"));
    assertThat(query.to()).isEqualTo(Instant.parse("2026-11-21T01:00:00Z"));
    assertThat(values(store().series(query).await())).containsExactly(1.0, 2.0);
  }

  @Test
  default void daysAreLocalDaysByTheStoredDayAcrossMidnight() {
    save(reading("cp-highway-exit", "2026-11-20T23:30:00+08:00", vehicles(1)),
        reading("cp-highway-exit", "2026-11-20T16:30:00Z", vehicles(2)), // 00:30 on the 21st in Shanghai
        reading("cp-xudong-road", "2026-11-21T23:59:59+08:00", vehicles(4)),
        reading("cp-highway-exit", "2026-11-22T00:00:00+08:00", vehicles(8)));

    List<Series.Point> days = series("vehicles_checked", Aggregate.SUM, CHECKPOINTS, Step.DAY,
        "2026-11-20T00:00:00+08:00", "2026-11-22T00:00:00+08:00");
    assertThat(days).extracting(Series.Point::t)
        .containsExactly(Instant.parse("2026-11-19T16:00:00Z"), Instant.parse("2026-11-20T16:00:00Z"));
    assertThat(values(days)).containsExactly(1.0, 6.0);

    assertThat(values(series("vehicles_checked", Aggregate.SUM, CHECKPOINTS, Step.DAY,
        "2026-11-20T00:00:00Z", "2026-11-21T00:00:00Z")))
        .as("UTC midnights fall at 08:00 local, inside the 20th and the 21st").containsExactly(1.0, 6.0);

    assertThat(values(series("vehicles_checked", Aggregate.SUM, CHECKPOINTS, Step.HOUR,
        "2026-11-20T23:00:00+08:00", "2026-11-21T01:00:00+08:00"))).containsExactly(1.0, 2.0);
  }

  @Test
  default void gaugesAverageTakeTheHighestOrSumEachSitesLastReading() {
    List<String> inspections = List.of("sn-jinpen", "sn-liangting");
    save(reading("sn-jinpen", "2026-11-21T09:00:00+08:00", new JsonObject().put("score", 70)),
        reading("sn-jinpen", "2026-11-21T09:30:00+08:00", new JsonObject().put("score", 90)),
        reading("sn-liangting", "2026-11-21T09:10:00+08:00", new JsonObject().put("score", 81)),
        reading("sn-jinpen", "2026-11-21T09:40:00+08:00", new JsonObject().put("problems_found", 3)),
        reading("sn-liangting", "2026-11-21T11:00:00+08:00", new JsonObject().put("score", 77.5)));
    String from = "2026-11-21T09:00:00+08:00";
    String to = "2026-11-21T12:00:00+08:00";
    assertThat(values(series("score", Aggregate.MEAN, inspections, Step.HOUR, from, to)))
        .as("(70 + 90 + 81) / 3 to one decimal; a report without a score is no reading")
        .isEqualTo(expect(80.3, null, 77.5));
    assertThat(values(series("score", Aggregate.MAX, inspections, Step.HOUR, from, to))).isEqualTo(expect(90.0, null, 77.5));
    assertThat(values(series("score", Aggregate.MEAN, inspections, Step.DAY, from, to)))
        .as("318.5 / 4 = 79.625").containsExactly(79.6);

    List<String> desks = List.of("pd-jinpen", "pd-liangting");
    JsonObject seven = new JsonObject().put("backlog_cases", 7);
    save(reading("pd-jinpen", "2026-11-21T09:10:00+08:00", new JsonObject().put("backlog_cases", 5)),
        reading("pd-jinpen", "2026-11-21T09:50:00+08:00", new JsonObject().put("backlog_cases", 3)),
        reading("pd-liangting", "2026-11-21T09:55:00+08:00", new JsonObject().put("backlog_cases", 6)));
    save(reading("pd-liangting", "2026-11-21T09:20:00+08:00", new JsonObject().put("backlog_cases", 4)), // arrives late
        reading(UUID.fromString("00000000-0000-4000-8000-000000000001"), "pd-jinpen", "2026-11-21T11:05:00+08:00", seven),
        reading(UUID.fromString("f0000000-0000-4000-8000-000000000000"), "pd-jinpen", "2026-11-21T11:05:00+08:00",
            new JsonObject().put("backlog_cases", 2)));
    assertThat(values(series("backlog_cases", Aggregate.SUM_OF_LAST, desks, Step.HOUR, from, to)))
        .as("3 + 6 at 09:00; at 11:00 two readings at the same instant, the greater id (f0…, as PostgreSQL orders uuids) wins")
        .isEqualTo(expect(9.0, null, 2.0));
    assertThat(values(series("backlog_cases", Aggregate.SUM_OF_LAST, desks, Step.DAY, from, to))).containsExactly(8.0);
    assertThat(values(series("problems_found", Aggregate.SUM, inspections, Step.HOUR, from, to))).containsExactly(3.0, 0.0, 0.0);
  }

  @Test
  default void monthSumsGoByTheLocalDayOfEachReading() {
    Map<String, String> areaBySite = Map.of("sn-jinpen", "jinpen", "sn-liangting", "liangting", "sn-puzizui", "puzizui");
    save(reading("sn-jinpen", "2026-10-31T23:59:00+08:00", new JsonObject().put("score", 10)),
        reading("sn-jinpen", "2026-10-31T16:30:00Z", new JsonObject().put("score", 80)), // 1 November, 00:30 local
        reading("sn-jinpen", "2026-11-15T10:00:00+08:00", new JsonObject().put("score", 90)),
        reading("sn-liangting", "2026-11-20T10:00:00+08:00", new JsonObject().put("score", 85.5)),
        reading("sn-liangting", "2026-11-30T23:59:59+08:00", new JsonObject().put("score", 70)),
        reading("sn-liangting", "2026-11-10T10:00:00+08:00", new JsonObject().put("problems_found", 1)),
        reading("sn-liangting", "2026-12-01T00:00:00+08:00", new JsonObject().put("score", 20)),
        reading("sn-tianjing", "2026-11-12T10:00:00+08:00", new JsonObject().put("score", 50)));

    assertThat(store().monthSums("score", YearMonth.of(2026, 11), areaBySite).await()).isEqualTo(Map.of(
        "jinpen", new Ranking.Sum(170, 2), "liangting", new Ranking.Sum(155.5, 2)));
    assertThat(store().monthSums("score", YearMonth.of(2026, 10), areaBySite).await())
        .isEqualTo(Map.of("jinpen", new Ranking.Sum(10, 1)));
    assertThat(store().monthSums("score", YearMonth.of(2026, 12), areaBySite).await())
        .isEqualTo(Map.of("liangting", new Ranking.Sum(20, 1)));
    assertThat(store().monthSums("score", YearMonth.of(2026, 9), areaBySite).await()).isEmpty();
  }

  /** What the live picture's rebuild reads of the week before yesterday: sums per site, metric and UTC hour. */
  @Test
  default void hourlySumsAddUpEachSitesMetricsPerHourOverTheLocalDaysAsked() {
    save(reading("cp-highway-exit", "2026-11-20T10:05:00+08:00", new JsonObject().put("vehicles_checked", 3).put("persons_checked", 7)),
        reading("cp-highway-exit", "2026-11-20T10:55:00+08:00", vehicles(4)),
        reading("cp-highway-exit", "2026-11-20T11:00:00+08:00", vehicles(5)),
        reading("cp-xudong-road", "2026-11-20T10:30:00+08:00", vehicles(6)),
        // 21 November locally, 20 November in UTC: outside the days asked
        reading("cp-highway-exit", "2026-11-20T16:10:00Z", vehicles(100)),
        // 19 November locally, 23:30: inside
        reading("cp-xudong-road", "2026-11-19T23:30:00+08:00", vehicles(2)),
        reading("cp-xudong-road", "2026-11-18T23:30:00+08:00", vehicles(1000)));

    List<StoreMessages.HourlySum> sums = store().hourlySums(StoreMessages.HourlySumsRequest.forRebuild(LocalDate.of(2026, 11, 19), LocalDate.of(2026, 11, 21), null)).await();

    assertThat(sums).containsExactlyInAnyOrder(
        new StoreMessages.HourlySum("cp-highway-exit", "vehicles_checked", Instant.parse("2026-11-20T02:00:00Z"), 7.0),
        new StoreMessages.HourlySum("cp-highway-exit", "persons_checked", Instant.parse("2026-11-20T02:00:00Z"), 7.0),
        new StoreMessages.HourlySum("cp-highway-exit", "vehicles_checked", Instant.parse("2026-11-20T03:00:00Z"), 5.0),
        new StoreMessages.HourlySum("cp-xudong-road", "vehicles_checked", Instant.parse("2026-11-20T02:00:00Z"), 6.0),
        new StoreMessages.HourlySum("cp-xudong-road", "vehicles_checked", Instant.parse("2026-11-19T15:00:00Z"), 2.0));
    assertThat(store().hourlySums(StoreMessages.HourlySumsRequest.forRebuild(LocalDate.of(2026, 11, 22), LocalDate.of(2026, 11, 25), null))
        .await()).isEmpty();
    // a rule preview's: one metric of its scope's sites only
    assertThat(store().hourlySums(StoreMessages.HourlySumsRequest.forViewer(LocalDate.of(2026, 11, 19), LocalDate.of(2026, 11, 21),
        List.of("cp-highway-exit"), "vehicles_checked")).await()).containsExactlyInAnyOrder(
        new StoreMessages.HourlySum("cp-highway-exit", "vehicles_checked", Instant.parse("2026-11-20T02:00:00Z"), 7.0),
        new StoreMessages.HourlySum("cp-highway-exit", "vehicles_checked", Instant.parse("2026-11-20T03:00:00Z"), 5.0));
  }

  @Test
  default void dayStatsCountEachSitesReportsOfTheLocalDayWithTheFirstAndLast() {
    save(reading("cp-highway-exit", "2026-11-20T23:59:59+08:00", vehicles(1)),
        reading("cp-highway-exit", "2026-11-21T08:15:00+08:00", vehicles(2)),
        reading("cp-highway-exit", "2026-11-20T16:00:00Z", vehicles(3)), // 00:00 on the 21st in Shanghai
        reading("cp-highway-exit", "2026-11-21T23:59:59+08:00", vehicles(4)),
        reading("pd-jinpen", "2026-11-21T12:00:00+08:00", new JsonObject().put("petitions_visit", 1)));

    Instant noon = Instant.parse("2026-11-21T04:00:00Z");
    assertThat(store().dayStats(LocalDate.parse("2026-11-21")).await()).isEqualTo(Map.of(
        "cp-highway-exit", new SiteDayStats("cp-highway-exit", 3, Instant.parse("2026-11-20T16:00:00Z"),
            Instant.parse("2026-11-21T15:59:59Z")),
        "pd-jinpen", new SiteDayStats("pd-jinpen", 1, noon, noon)));
    assertThat(store().dayStats(LocalDate.parse("2026-11-20")).await())
        .containsOnlyKeys("cp-highway-exit").extractingByKey("cp-highway-exit").extracting(SiteDayStats::reports).isEqualTo(1L);
    assertThat(store().dayStats(LocalDate.parse("2026-11-22")).await()).isEmpty();
  }

  /** A district's series asks for every site of its subtree at once, however many; sites hang on towns too. */
  @Test
  default void aSeriesOverAThousandSitesAndMonthSumsKeyedByTownOrVillage() {
    save(reading("cp-highway-exit", "2026-11-21T08:10:00+08:00", vehicles(1)),
        reading("cp-chengguan-toll", "2026-11-21T08:20:00+08:00", vehicles(10)),
        reading("cp-shiqiao-bridge", "2026-11-21T09:30:00+08:00", vehicles(100)),
        reading("sn-jinpen", "2026-11-21T09:00:00+08:00", new JsonObject().put("score", 80)));
    List<String> district = new ArrayList<>(List.of("cp-highway-exit", "cp-chengguan-toll", "cp-shiqiao-bridge"));
    for (int i = district.size(); i < 1000; i++) {
      district.add("cp-generated-" + i);
    }
    assertThat(values(series("vehicles_checked", Aggregate.SUM, district, Step.HOUR,
        "2026-11-21T08:00:00+08:00", "2026-11-21T10:00:00+08:00"))).containsExactly(11.0, 100.0);
    assertThat(values(series("vehicles_checked", Aggregate.SUM, List.of(), Step.DAY,
        "2026-11-21T00:00:00+08:00", "2026-11-22T00:00:00+08:00"))).as("an area without such sites").containsExactly(0.0);

    save(reading("cp-chengguan-toll", "2026-11-21T10:00:00+08:00", new JsonObject().put("vehicles_checked", 3)));
    assertThat(store().monthSums("vehicles_checked", YearMonth.of(2026, 11),
        Map.of("cp-highway-exit", "jinpen", "cp-chengguan-toll", "chengguan")).await())
        .as("a checkpoint hung on a town is summed under the town").isEqualTo(Map.of(
            "jinpen", new Ranking.Sum(1, 1), "chengguan", new Ranking.Sum(13, 2)));
  }
}
