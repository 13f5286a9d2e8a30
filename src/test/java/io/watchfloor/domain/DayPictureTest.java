package io.watchfloor.domain;

import io.vertx.core.json.JsonObject;
import io.watchfloor.TestTown;
import io.watchfloor.UnitTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@UnitTest
class DayPictureTest {
  static final Instant NOW = Instant.parse("2026-11-21T04:00:00Z");

  static Report score(String site, String at, double score) {
    JsonObject body = new JsonObject().put("id", UUID.randomUUID().toString()).put("site", site).put("observedAt", at)
        .put("metrics", new JsonObject().put("score", score).put("problems_found", 2));
    return new ReportReader(TestTown.CATALOGUE, IngestPolicy.defaults())
        .read(io.vertx.core.json.jackson.DatabindCodec.mapper().valueToTree(body.getMap()), TestTown.unit("demo-sanitation"), NOW);
  }

  @Test
  void countersSumGaugesKeepTheNewestReadingAndAreasAverageScores() {
    DayPicture day = new DayPicture(TestTown.CATALOGUE, LocalDate.parse("2026-11-21"));
    day.apply(score("sn-jinpen", "2026-11-21T10:00:00+08:00", 70));
    day.apply(score("sn-jinpen", "2026-11-21T09:00:00+08:00", 50)); // older reading arriving late
    day.apply(score("sn-liangting", "2026-11-21T09:30:00+08:00", 91));

    assertThat(day.site("sn-jinpen")).containsEntry("score", 70.0).containsEntry("problems_found", 4.0);
    assertThat(day.totals()).containsEntry("score", 80.5).containsEntry("problems_found", 6.0);
    assertThat(day.area("jinpen")).containsEntry("score", 70.0);
    assertThat(day.lastReportAt("sn-jinpen")).contains(Instant.parse("2026-11-21T02:00:00Z"));
  }

  @Test
  void aReportOfAnotherLocalDayIsNotCountedToday() {
    DayPicture day = new DayPicture(TestTown.CATALOGUE, LocalDate.parse("2026-11-21"));
    assertThat(day.apply(score("sn-jinpen", "2026-11-20T23:59:00+08:00", 70))).isFalse();
    assertThat(day.apply(score("sn-jinpen", "2026-11-20T16:01:00Z", 71))).as("00:01 in Shanghai").isTrue();
    assertThat(day.totals()).containsEntry("score", 71.0);
  }

  static Report vehicles(String site, String at, int count) {
    JsonObject body = new JsonObject().put("id", UUID.randomUUID().toString()).put("site", site).put("observedAt", at)
        .put("metrics", new JsonObject().put("vehicles_checked", count));
    return new ReportReader(TestTown.CATALOGUE, IngestPolicy.defaults())
        .read(io.vertx.core.json.jackson.DatabindCodec.mapper().valueToTree(body.getMap()), TestTown.unit("demo-checkpoints"), NOW);
  }

  /** A town's trend is its own checkpoints', a village's its own; the district's holds them all. */
  @Test
  void eachAreasHourlyTrendIsThatOfItsOwnSubtree() {
    String townCheckpoint = TestTown.CATALOGUE.sites().stream()
        .filter(s -> s.kind().equals("checkpoint") && TestTown.CATALOGUE.hasChildren(s.area())).findFirst().orElseThrow().id();
    String town = TestTown.CATALOGUE.site(townCheckpoint).orElseThrow().area();
    DayPicture day = new DayPicture(TestTown.CATALOGUE, LocalDate.parse("2026-11-21"));
    day.apply(vehicles("cp-highway-exit", "2026-11-21T09:10:00+08:00", 4)); // on jinpen, a village of xudong
    day.apply(vehicles("cp-xudong-road", "2026-11-21T09:50:00+08:00", 5));
    day.apply(vehicles(townCheckpoint, "2026-11-21T11:00:00+08:00", 7)); // hung on its town directly

    assertThat(day.hourlyCounters("jinpen").get("vehicles_checked")[9]).isEqualTo(4);
    assertThat(day.hourlyCounters("xudong").get("vehicles_checked")[9]).isEqualTo(9);
    assertThat(day.hourlyCounters("xudong").get("vehicles_checked")[11]).as("not another town's").isZero();
    assertThat(day.hourlyCounters(town).get("vehicles_checked")[11]).isEqualTo(7);
    assertThat(day.hourlyCounters(town).get("vehicles_checked")[9]).isZero();
    assertThat(day.hourlyCounters(TestTown.CATALOGUE.root().id()).get("vehicles_checked")).as("the district")
        .containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 0, 9, 0, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    assertThat(day.hourlyCounters("liangting")).as("a village without reports").isEmpty();
    assertThat(day.area(town)).containsEntry("vehicles_checked", 7.0);
  }
}
