package io.watchfloor.domain;

import io.vertx.core.json.JsonObject;
import io.watchfloor.TestTown;
import io.watchfloor.UnitTest;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every area's totals and hourly trend, kept per area and built from its children's, against the same sums
 * taken over every site of its subtree as the picture did before, after each step of random reports.
 */
@UnitTest
class AreaSumsTest {
  private static final Catalogue TOWN = TestTown.CATALOGUE;

  @Test
  void areasKeptFromTheirChildrenEqualTheSumOverEverySiteOfTheirSubtree() {
    Random random = new Random(29);
    List<Site> sites = new ArrayList<>(TOWN.sites());
    DayPicture day = new DayPicture(TOWN, LocalDate.parse("2026-11-21"));
    // the trend as the reports say it, per area on the site's path: independent of the picture
    Map<String, Map<String, double[]>> trends = new TreeMap<>();
    int applied = 0;
    for (int step = 0; step < 400; step++) {
      Site site = sites.get(random.nextInt(sites.size()));
      JsonObject metrics = new JsonObject();
      for (MetricDef metric : TOWN.metricsOf(site.kind())) {
        if (random.nextInt(3) > 0) {
          metrics.put(metric.key(), (int) Math.max(metric.min(), Math.min(metric.max(), random.nextInt(40))));
        }
      }
      if (metrics.isEmpty()) {
        continue;
      }
      int hour = random.nextInt(24);
      String at = String.format("2026-11-21T%02d:%02d:00+08:00", hour, random.nextInt(60));
      Report report;
      try {
        report = TestTown.reading(UUID.randomUUID(), site.id(), at, metrics);
      } catch (ReportRejected e) {
        continue; // figures the reader refuses together (more turned back than checked): not this test's concern
      }
      applied++;
      assertThat(day.apply(report)).isTrue();
      for (String area : TOWN.path(site.area())) {
        metrics.forEach(m -> {
          if (TOWN.metric(m.getKey()).orElseThrow().isCounter()) {
            trends.computeIfAbsent(area, a -> new TreeMap<>()).computeIfAbsent(m.getKey(), k -> new double[24])[hour]
                += ((Number) m.getValue()).doubleValue();
          }
        });
      }
      // asked now and then, so that some areas are kept across several changes below them
      if (step % 7 == 0 || step > 380) {
        for (Area area : TOWN.areas()) {
          assertThat(day.area(area.id())).as("%s after step %d", area.id(), step).isEqualTo(flatRollup(day, area.id()));
          assertThat(day.hourlyCounters(area.id())).as("%s's trend after step %d", area.id(), step)
              .usingRecursiveComparison().isEqualTo(trends.getOrDefault(area.id(), Map.of()));
        }
      }
    }
    assertThat(applied).as("reports applied").isGreaterThan(200);
    assertThat(day.totals()).isEqualTo(flatRollup(day, TOWN.root().id())).isNotEmpty();
  }

  @Test
  void aTrendHandedOutCannotChangeTheOneKept() {
    DayPicture day = new DayPicture(TOWN, LocalDate.parse("2026-11-21"));
    day.apply(TestTown.reading(UUID.randomUUID(), "cp-highway-exit", "2026-11-21T09:10:00+08:00",
        new JsonObject().put("vehicles_checked", 4)));
    day.hourlyCounters(TOWN.root().id()).get("vehicles_checked")[9] = 1000;
    assertThat(day.hourlyCounters(TOWN.root().id()).get("vehicles_checked")[9]).isEqualTo(4.0);
  }

  private static Map<String, Double> flatRollup(DayPicture day, String areaId) {
    Map<String, double[]> acc = new TreeMap<>();
    for (Site site : TOWN.subtreeSites(areaId)) {
      day.site(site.id()).forEach((key, value) -> {
        double[] a = acc.computeIfAbsent(key, k -> new double[] {0, 0, Double.NEGATIVE_INFINITY});
        a[0] += value;
        a[1]++;
        a[2] = Math.max(a[2], value);
      });
    }
    Map<String, Double> result = new TreeMap<>();
    acc.forEach((key, a) -> result.put(key, switch (TOWN.metric(key).orElseThrow().rollup()) {
      case SUM -> a[0];
      case AVG -> Math.round(a[0] / a[1] * 10.0) / 10.0;
      case MAX -> a[2];
    }));
    return result;
  }

  @Test
  void anAreaOutsideTheTreeHasNoFigures() {
    DayPicture day = new DayPicture(TOWN, LocalDate.parse("2026-11-21"));
    day.apply(TestTown.reading(UUID.randomUUID(), "cp-highway-exit", "2026-11-21T09:10:00+08:00",
        new JsonObject().put("vehicles_checked", 4)));
    assertThat(day.area("no-such-area")).isEmpty();
    assertThat(day.hourlyCounters("no-such-area")).isEmpty();
  }
}
