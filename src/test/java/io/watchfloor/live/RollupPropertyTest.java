package io.watchfloor.live;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.watchfloor.Api;
import io.watchfloor.MutableClock;
import io.watchfloor.PgTest;
import io.watchfloor.TestDatabase;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;
import io.watchfloor.domain.Area;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.domain.MetricDef;
import io.watchfloor.domain.PlausibilityCheck;
import io.watchfloor.domain.Rollup;
import io.watchfloor.domain.Site;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Random reports across the whole district, stored in PostgreSQL, then every area at every level as
 * its own screen shows it: its figures are those of the rows posted in its subtree, the rollup of its
 * children's (and of the sites hung on it directly), the district's view of it, and its trend.
 */
@PgTest
class RollupPropertyTest {
  private static final Catalogue CATALOGUE = TestTown.CATALOGUE;
  private static final int REPORTS = 400;
  private static final Map<String, String> TOKEN_BY_KIND = Map.of("checkpoint", TestTown.CHECKPOINTS,
      "community", TestTown.PETITIONS, "inspection", TestTown.SANITATION);

  private static TestServer server;
  /** Per site, per metric: counters summed, gauges the newest reading; what was stored. */
  private static final Map<String, Map<String, Double>> posted = new HashMap<>();

  @BeforeAll
  static void postAcrossTheDistrict() {
    server = TestServer.start(new JsonObject()
        .put("store", new JsonObject().put("kind", "postgres")
            .put("pg", new JsonObject().put("url", TestDatabase.fresh("wf_test_rollup")).put("connect-timeout-ms", 1000)))
        .put("ingest", new JsonObject().put("rate-limit", new JsonObject().put("per-second", 100000).put("burst", 100000))),
        MutableClock.system());
    Api api = new Api(server);
    Random random = new Random(20261121);
    List<Site> sites = List.copyOf(CATALOGUE.sites());
    // one second apart, oldest first, so the newest gauge reading of a site is never a tie
    OffsetDateTime first = OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0).minusSeconds(REPORTS + 5);
    for (int i = 0; i < REPORTS; i++) {
      Site site = sites.get(random.nextInt(sites.size()));
      JsonObject metrics = metrics(site.kind(), random);
      HttpResponse<Buffer> response = api.postReport(TOKEN_BY_KIND.get(site.kind()),
          TestTown.body(UUID.randomUUID(), site.id(), first.plusSeconds(i).toString(), metrics));
      assertThat(response.statusCode()).as("%s: %s", site.id(), response.bodyAsString()).isEqualTo(201);
      Map<String, Double> values = posted.computeIfAbsent(site.id(), s -> new TreeMap<>());
      metrics.forEach(e -> {
        double value = ((Number) e.getValue()).doubleValue();
        if (CATALOGUE.metric(e.getKey()).orElseThrow().isCounter()) {
          values.merge(e.getKey(), value, Double::sum);
        } else {
          values.put(e.getKey(), value);
        }
      });
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** Every metric of the kind, small whole numbers inside its bounds and the plausibility checks. */
  private static JsonObject metrics(String kind, Random random) {
    JsonObject metrics = new JsonObject();
    for (MetricDef def : CATALOGUE.metricsOf(kind)) {
      long low = (long) Math.ceil(def.min());
      long high = (long) Math.min(def.max(), def.isCounter() ? low + 9 : low + 100);
      metrics.put(def.key(), low + random.nextInt((int) (high - low + 1)));
    }
    for (PlausibilityCheck check : CATALOGUE.checks()) {
      if (metrics.containsKey(check.metric()) && metrics.containsKey(check.atMost())) {
        metrics.put(check.metric(), Math.min(metrics.getLong(check.metric()), metrics.getLong(check.atMost())));
      }
    }
    return metrics;
  }

  private static JsonObject snapshot(String scope) {
    HttpResponse<Buffer> response = server.client.get("/api/v1/snapshot").addQueryParam("key", TestTown.DISPLAY_KEY)
        .addQueryParam("scope", scope).send().await();
    assertThat(response.statusCode()).as("snapshot of %s: %s", scope, response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  /** The metric's rollup over values, as the product rounds an average (one decimal). */
  private static Double rollup(String metric, List<Double> values) {
    if (values.isEmpty()) {
      return null;
    }
    Rollup rollup = CATALOGUE.metric(metric).orElseThrow().rollup();
    double sum = values.stream().mapToDouble(Double::doubleValue).sum();
    return switch (rollup) {
      case SUM -> sum;
      case AVG -> Math.round(sum / values.size() * 10.0) / 10.0;
      case MAX -> values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    };
  }

  private static Map<String, Double> expectedOf(List<Map<String, Double>> parts) {
    Map<String, List<Double>> byMetric = new TreeMap<>();
    parts.forEach(values -> values.forEach((k, v) -> byMetric.computeIfAbsent(k, x -> new java.util.ArrayList<>()).add(v)));
    Map<String, Double> result = new TreeMap<>();
    byMetric.forEach((k, v) -> result.put(k, rollup(k, v)));
    return result;
  }

  private static Map<String, Double> doubles(JsonObject json) {
    Map<String, Double> map = new TreeMap<>();
    json.forEach(e -> map.put(e.getKey(), ((Number) e.getValue()).doubleValue()));
    return map;
  }

  private static void assertSame(String what, Map<String, Double> actual, Map<String, Double> expected) {
    assertThat(actual.keySet()).as(what).isEqualTo(expected.keySet());
    expected.forEach((k, v) -> assertThat(actual.get(k)).as("%s: %s", what, k).isCloseTo(v, within(1e-9)));
  }

  @Test
  void everyAreaAtEveryLevelIsTheRollupOfItsSubtreeAndOfItsChildren() {
    JsonObject district = snapshot(CATALOGUE.root().id());
    int levelsSeen = 0;
    for (Area area : CATALOGUE.areas()) {
      JsonObject state = snapshot(area.id());
      assertThat(state.getString("scope")).isEqualTo(area.id());
      assertThat(state.getString("level")).isEqualTo(area.level());
      Map<String, Double> totals = doubles(state.getJsonObject("totals"));

      // the stored rows of its subtree
      List<Map<String, Double>> rows = CATALOGUE.subtreeSites(area.id()).stream()
          .map(s -> posted.getOrDefault(s.id(), Map.of())).toList();
      assertSame(area.id() + " against the rows posted in it", totals, expectedOf(rows));

      // its own screen names exactly its subtree
      assertThat(state.getJsonObject("areas").fieldNames())
          .containsExactlyInAnyOrderElementsOf(CATALOGUE.subtreeAreas(area.id()).stream().map(Area::id).toList());
      assertThat(state.getJsonObject("sites").fieldNames())
          .containsExactlyInAnyOrderElementsOf(CATALOGUE.subtreeSites(area.id()).stream().map(Site::id).toList());

      // its children's figures as its own screen shows them, and the sites hung on it directly
      for (String metric : totals.keySet()) {
        Rollup rollup = CATALOGUE.metric(metric).orElseThrow().rollup();
        if (rollup == Rollup.AVG) {
          continue; // an average of averages is not the average: the rows above already pin it
        }
        double fromChildren = 0;
        double maxOfChildren = Double.NEGATIVE_INFINITY;
        for (Area child : CATALOGUE.children(area.id())) {
          Number value = (Number) state.getJsonObject("areas").getJsonObject(child.id()).getJsonObject("today")
              .getValue(metric);
          if (value != null) {
            fromChildren += value.doubleValue();
            maxOfChildren = Math.max(maxOfChildren, value.doubleValue());
          }
        }
        for (Site site : CATALOGUE.sites()) {
          if (site.area().equals(area.id())) {
            Number value = (Number) state.getJsonObject("sites").getJsonObject(site.id()).getJsonObject("today")
                .getValue(metric);
            if (value != null) {
              fromChildren += value.doubleValue();
              maxOfChildren = Math.max(maxOfChildren, value.doubleValue());
            }
          }
        }
        assertThat(totals.get(metric)).as("%s: %s from its children", area.id(), metric)
            .isCloseTo(rollup == Rollup.MAX ? maxOfChildren : fromChildren, within(1e-9));
      }

      // the district's screen shows the same figures for it
      assertSame(area.id() + " on the district's screen",
          doubles(district.getJsonObject("areas").getJsonObject(area.id()).getJsonObject("today")), totals);

      // the trend of a counter adds up to its total
      JsonObject trend = state.getJsonObject("trend").getJsonObject("today");
      for (String metric : totals.keySet()) {
        if (CATALOGUE.metric(metric).orElseThrow().isCounter()) {
          JsonArray hours = trend.getJsonArray(metric);
          double sum = 0;
          for (int h = 0; h < hours.size(); h++) {
            sum += hours.getNumber(h).doubleValue();
          }
          assertThat(sum).as("%s: trend of %s", area.id(), metric).isCloseTo(totals.get(metric), within(1e-9));
        }
      }

      // compliance of each child: as many expected as its sites with a daily deadline
      JsonObject byChild = state.getJsonObject("compliance").getJsonObject("areas");
      assertThat(byChild.fieldNames()).containsExactlyInAnyOrderElementsOf(
          CATALOGUE.children(area.id()).stream().map(Area::id).toList());
      for (Area child : CATALOGUE.children(area.id())) {
        long deadlined = CATALOGUE.subtreeSites(child.id()).stream()
            .filter(s -> CATALOGUE.siteKind(s.kind()).orElseThrow().dailyDeadline() != null).count();
        assertThat(byChild.getJsonObject(child.id()).getLong("expected")).as("%s expected", child.id()).isEqualTo(deadlined);
      }
      levelsSeen++;
    }
    assertThat(levelsSeen).isEqualTo(CATALOGUE.areas().size());
    assertThat(CATALOGUE.sites().stream().anyMatch(s -> CATALOGUE.hasChildren(s.area())))
        .as("the sample has checkpoints hung directly on a town").isTrue();
  }
}
