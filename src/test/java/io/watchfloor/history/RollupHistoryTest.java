package io.watchfloor.history;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.watchfloor.Api;
import io.watchfloor.MutableClock;
import io.watchfloor.PgTest;
import io.watchfloor.TestDatabase;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;
import io.watchfloor.domain.Area;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.domain.Site;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random reports across the whole district (fixed seed), posted through the API into PostgreSQL;
 * then every area at every level must read exactly what was posted in its subtree, and exactly the
 * sum of its children plus the sites hung on it. Nothing here is worked out by the code under test:
 * the expected figures come from the posted rows alone.
 */
@PgTest
class RollupHistoryTest {
  private static final String DATABASE = "wf_test_history_rollup";
  private static final Catalogue CATALOGUE = TestTown.CATALOGUE;
  private static final ZoneOffset SHANGHAI = ZoneOffset.ofHours(8);
  private static final LocalDate FIRST = LocalDate.parse("2026-11-17");
  private static final int DAYS = 5;
  private static final LocalDate TODAY = FIRST.plusDays(DAYS - 1);
  /** Evening of the last day: both daily deadlines (17:00, 18:00) have passed. */
  private static final OffsetDateTime NOW = TODAY.atTime(20, 0).atOffset(SHANGHAI);
  private static final List<String> COUNTERS = List.of("vehicles_checked", "petitions_visit", "problems_found");
  private static final Map<String, String> TOKEN_BY_KIND = Map.of("checkpoint", TestTown.CHECKPOINTS,
      "community", TestTown.PETITIONS, "inspection", TestTown.SANITATION);

  private record Row(String site, LocalDate day, OffsetDateTime at, String metric, int value) {
  }

  private static final List<Row> ROWS = new ArrayList<>();
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.postgres(TestDatabase.fresh(DATABASE), new MutableClock(NOW.toInstant()));
    Random random = new Random(11);
    List<Site> sites = List.copyOf(CATALOGUE.sites());
    Map<String, JsonArray> batches = new HashMap<>();
    for (int i = 0; i < 600; i++) {
      Site site = sites.get(random.nextInt(sites.size()));
      LocalDate day = FIRST.plusDays(random.nextInt(DAYS));
      OffsetDateTime at = day.atTime(LocalTime.ofSecondOfDay(random.nextInt(20 * 3600))).atOffset(SHANGHAI);
      String metric = switch (site.kind()) {
        case "checkpoint" -> "vehicles_checked";
        case "community" -> "petitions_visit";
        default -> random.nextInt(3) == 0 ? "problems_found" : "score";
      };
      int value = metric.equals("score") ? 50 + random.nextInt(51) : random.nextInt(40);
      ROWS.add(new Row(site.id(), day, at, metric, value));
      batches.computeIfAbsent(TOKEN_BY_KIND.get(site.kind()), t -> new JsonArray())
          .add(TestTown.body(UUID.randomUUID(), site.id(), at.toString(), new JsonObject().put(metric, value)));
    }
    Api api = new Api(server);
    batches.forEach((token, reports) -> {
      JsonObject result = api.postBatch(token, new JsonObject().put("reports", reports)).bodyAsJsonObject();
      assertThat(result.getInteger("accepted")).as(result.encode()).isEqualTo(reports.size());
    });
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static JsonObject read(String path, String... params) {
    HttpRequest<Buffer> request = server.client.get(path).addQueryParam("key", TestTown.DISPLAY_KEY);
    for (int i = 0; i < params.length; i += 2) {
      request.addQueryParam(params[i], params[i + 1]);
    }
    HttpResponse<Buffer> response = request.send().await();
    assertThat(response.statusCode()).as(path + " " + List.of(params) + ": " + response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  static List<Double> days(String metric, String where, String id) {
    JsonObject series = read("/api/v1/series", "metric", metric, where, id, "step", "1d",
        "from", FIRST.atStartOfDay().atOffset(SHANGHAI).toString(),
        "to", FIRST.plusDays(DAYS).atStartOfDay().atOffset(SHANGHAI).toString());
    return series.getJsonArray("points").stream().map(p -> ((JsonObject) p).getDouble("v")).toList();
  }

  static List<Double> posted(String metric, String area) {
    List<Double> sums = new ArrayList<>();
    for (int d = 0; d < DAYS; d++) {
      LocalDate day = FIRST.plusDays(d);
      sums.add((double) ROWS.stream().filter(r -> r.metric.equals(metric) && r.day.equals(day)
          && CATALOGUE.containsSite(area, r.site)).mapToInt(Row::value).sum());
    }
    return sums;
  }

  static List<Double> plus(List<Double> a, List<Double> b) {
    List<Double> sum = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      sum.add(a.get(i) + b.get(i));
    }
    return sum;
  }

  @Test
  void everyAreasDailyCountersAreWhatItsSubtreePostedAndTheSumOfItsChildren() {
    for (String metric : COUNTERS) {
      for (Area area : CATALOGUE.areas()) {
        List<Double> read = days(metric, "area", area.id());
        assertThat(read).as(metric + " of " + area.id()).isEqualTo(posted(metric, area.id()));
        List<Double> parts = new ArrayList<>(Collections.nCopies(DAYS, 0.0));
        for (Area child : CATALOGUE.children(area.id())) {
          parts = plus(parts, days(metric, "area", child.id()));
        }
        for (Site site : CATALOGUE.subtreeSites(area.id())) { // the sites hung on the area itself
          if (site.area().equals(area.id()) && CATALOGUE.metric(metric).orElseThrow().siteKind().equals(site.kind())) {
            parts = plus(parts, days(metric, "site", site.id()));
          }
        }
        assertThat(read).as(metric + " of " + area.id() + " against its children and its own sites").isEqualTo(parts);
      }
      assertThat(days(metric, "scope", CATALOGUE.root().id())).as("the scope itself is the district")
          .isEqualTo(posted(metric, CATALOGUE.root().id()));
    }
    assertThat(posted("vehicles_checked", "chengguan").stream().mapToDouble(Double::doubleValue).sum())
        .as("the checkpoints hung on a town count").isPositive();
  }

  /** The mean as the ranking shows it: to one decimal. */
  static Double mean(String area) {
    List<Row> scores = ROWS.stream().filter(r -> r.metric.equals("score") && CATALOGUE.containsSite(area, r.site)).toList();
    return scores.isEmpty() ? null
        : Math.round(scores.stream().mapToInt(Row::value).sum() / (double) scores.size() * 10.0) / 10.0;
  }

  static long readings(String area) {
    return ROWS.stream().filter(r -> r.metric.equals("score") && CATALOGUE.containsSite(area, r.site)).count();
  }

  @Test
  void theDistrictRanksItsTownsAndEachTownItsVillagesByTheMeanOfThePostedScores() {
    List<String> scopes = new ArrayList<>(List.of(CATALOGUE.root().id()));
    CATALOGUE.children(CATALOGUE.root().id()).forEach(town -> scopes.add(town.id()));
    for (String scope : scopes) {
      JsonObject ranking = read("/api/v1/rankings/score", "scope", scope, "month", "2026-11");
      List<String> ranked = new ArrayList<>();
      for (Object item : ranking.getJsonArray("areas")) {
        JsonObject entry = (JsonObject) item;
        String area = entry.getString("area");
        ranked.add(area);
        Double value = entry.getValue("value") == null ? null : entry.getDouble("value");
        assertThat(value).as(scope + " ranks " + area).isEqualTo(mean(area));
        assertThat(entry.getLong("readings")).as(scope + " ranks " + area).isEqualTo(readings(area));
      }
      assertThat(ranked).as("the children of " + scope)
          .containsExactlyInAnyOrderElementsOf(CATALOGUE.children(scope).stream().map(Area::id).toList());
    }
  }

  @Test
  void complianceOfEachChildAreaIsThatOfItsSitesAndATownsIsTheSumOfItsVillages() {
    JsonObject district = read("/api/v1/compliance", "date", TODAY.toString());
    assertThat(district.getString("scope")).isEqualTo(CATALOGUE.root().id());
    JsonObject towns = district.getJsonObject("areas");
    assertThat(towns.fieldNames()).containsExactlyElementsOf(
        CATALOGUE.children(CATALOGUE.root().id()).stream().map(Area::id).toList());
    for (Area town : CATALOGUE.children(CATALOGUE.root().id())) {
      assertThat(counts(towns.getJsonObject(town.id()))).as(town.id()).isEqualTo(expected(town.id()));
      JsonObject villages = read("/api/v1/compliance", "scope", town.id(), "date", TODAY.toString()).getJsonObject("areas");
      int[] sum = new int[5];
      for (Area village : CATALOGUE.children(town.id())) {
        int[] counts = counts(villages.getJsonObject(village.id()));
        assertThat(counts).as(village.id()).isEqualTo(expected(village.id()));
        for (int i = 0; i < sum.length; i++) {
          sum[i] += counts[i];
        }
      }
      assertThat(sum).as(town.id() + " is the sum of its villages").isEqualTo(expected(town.id()));
    }
  }

  static int[] counts(JsonObject area) {
    return new int[] {area.getInteger("expected"), area.getInteger("reported"), area.getInteger("onTime"),
        area.getInteger("late"), area.getInteger("missing")};
  }

  /** Expected, reported, on time, late, missing today, from the posted rows and each kind's deadline. */
  static int[] expected(String area) {
    int[] counts = new int[5];
    for (Site site : CATALOGUE.subtreeSites(area)) {
      LocalTime deadline = CATALOGUE.siteKind(site.kind()).orElseThrow().dailyDeadline();
      if (deadline == null) {
        continue;
      }
      OffsetDateTime first = ROWS.stream().filter(r -> r.site.equals(site.id()) && r.day.equals(TODAY))
          .map(Row::at).min(OffsetDateTime::compareTo).orElse(null);
      boolean late = first != null && first.isAfter(TODAY.atTime(deadline).atOffset(SHANGHAI));
      counts[0]++;
      counts[1] += first != null ? 1 : 0;
      counts[2] += first != null && !late ? 1 : 0;
      counts[3] += late ? 1 : 0;
      counts[4] += first == null ? 1 : 0;
    }
    return counts;
  }
}
