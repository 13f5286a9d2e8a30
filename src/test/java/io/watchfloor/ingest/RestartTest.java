package io.watchfloor.ingest;

import io.vertx.core.json.JsonObject;
import io.watchfloor.Api;
import io.watchfloor.MutableClock;
import io.watchfloor.PgTest;
import io.watchfloor.TestDatabase;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** On PostgreSQL, a restarted server shows the same day it showed before, gauges included. */
@PgTest
class RestartTest {
  @Test
  void todaysPictureSurvivesARestart() {
    String url = TestDatabase.fresh("wf_test_restart");
    MutableClock clock = new MutableClock(java.time.Instant.parse("2026-11-21T04:00:00Z")); // noon in Shanghai
    OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.ofHours(8)).withNano(0);
    JsonObject before;
    try (TestServer first = TestServer.postgres(url, clock)) {
      Api api = new Api(first);
      for (int i = 1; i <= 5; i++) {
        assertThat(api.postReport(TestTown.CHECKPOINTS, TestTown.checkpointReport(UUID.randomUUID(), now.minusMinutes(i), i * 10, i))
            .statusCode()).isEqualTo(201);
      }
      JsonObject score = new JsonObject().put("id", UUID.randomUUID().toString()).put("site", "sn-jinpen")
          .put("observedAt", now.minusMinutes(30).toString()).put("metrics", new JsonObject().put("score", 81.5));
      JsonObject laterScore = score.copy().put("id", UUID.randomUUID().toString())
          .put("observedAt", now.minusMinutes(5).toString()).put("metrics", new JsonObject().put("score", 64));
      assertThat(api.postReport(TestTown.SANITATION, laterScore).statusCode()).isEqualTo(201);
      JsonObject earlierThisMonth = score.copy().put("id", UUID.randomUUID().toString()).put("site", "sn-liangting")
          .put("observedAt", now.minusDays(3).toString()).put("metrics", new JsonObject().put("score", 91));
      assertThat(api.postReport(TestTown.SANITATION, earlierThisMonth).statusCode()).isEqualTo(201);
      assertThat(api.postReport(TestTown.SANITATION, score).statusCode()).isEqualTo(201);
      // a report of a day no longer live reaches the month's ranking through the commit tail, within
      // its poll (500 ms), not before its 201: wait for it, then take the picture the restart must keep
      before = await("the three-days-old score in the month's ranking").atMost(Duration.ofSeconds(10))
          .until(api::snapshot, snapshot -> xudongReadings(snapshot) == 3);
    }
    assertThat(before.getJsonObject("totals").getLong("vehicles_checked")).isEqualTo(150);
    assertThat(before.getJsonObject("sites").getJsonObject("sn-jinpen").getJsonObject("today").getDouble("score"))
        .as("the newest reading wins, whatever the arrival order").isEqualTo(64.0);

    // the district ranks its towns: 许东镇's mean counts all three of its readings this month
    assertThat(xudongReadings(before)).as("a score from three days ago ranks in this month").isEqualTo(3);

    try (TestServer second = TestServer.postgres(url, clock)) {
      JsonObject after = new Api(second).snapshot();
      before.remove("at");
      after.remove("at");
      assertThat(after).isEqualTo(before);
    }
  }

  /**
   * The rebuild takes the live days summed, without the reports' ids: a resend of a report stored before
   * the restart must still count once, on yesterday's trend as on today's totals, while a new report counts.
   */
  @Test
  void aResendAfterARestartCountsOnce() {
    String url = TestDatabase.fresh("wf_test_restart_resend");
    MutableClock clock = new MutableClock(java.time.Instant.parse("2026-11-21T04:00:00Z")); // noon in Shanghai
    OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.ofHours(8)).withNano(0);
    JsonObject yesterday = TestTown.checkpointReport(UUID.randomUUID(), now.minusDays(1).minusMinutes(10), 7, 1);
    JsonObject today = TestTown.checkpointReport(UUID.randomUUID(), now.minusMinutes(10), 40, 4);
    try (TestServer first = TestServer.postgres(url, clock)) {
      Api api = new Api(first);
      assertThat(api.postReport(TestTown.CHECKPOINTS, yesterday).statusCode()).isEqualTo(201);
      assertThat(api.postReport(TestTown.CHECKPOINTS, today).statusCode()).isEqualTo(201);
      await("both counted").atMost(Duration.ofSeconds(10))
          .until(api::snapshot, s -> yesterdaysVehicles(s) == 7 && s.getJsonObject("totals").getLong("vehicles_checked") == 40);
    }
    try (TestServer second = TestServer.postgres(url, clock)) {
      Api api = new Api(second);
      JsonObject rebuilt = api.snapshot();
      assertThat(yesterdaysVehicles(rebuilt)).isEqualTo(7);
      assertThat(rebuilt.getJsonObject("totals").getLong("vehicles_checked")).isEqualTo(40);
      assertThat(api.postReport(TestTown.CHECKPOINTS, yesterday).statusCode()).as("a resend is acknowledged").isIn(200, 201);
      assertThat(api.postReport(TestTown.CHECKPOINTS, today).statusCode()).isIn(200, 201);
      // a new report of yesterday after them: once it shows, the resends had their chance to show first
      JsonObject another = TestTown.checkpointReport(UUID.randomUUID(), now.minusDays(1).minusMinutes(5), 2, 0);
      assertThat(api.postReport(TestTown.CHECKPOINTS, another).statusCode()).isEqualTo(201);
      JsonObject after = await("the new report counted").atMost(Duration.ofSeconds(10))
          .until(api::snapshot, s -> yesterdaysVehicles(s) >= 9);
      assertThat(yesterdaysVehicles(after)).as("yesterday: 7 once, and the new 2").isEqualTo(9);
      assertThat(after.getJsonObject("totals").getLong("vehicles_checked")).as("today's resend counts once").isEqualTo(40);
    }
  }

  private static long yesterdaysVehicles(JsonObject snapshot) {
    JsonObject trend = snapshot.getJsonObject("trend").getJsonObject("yesterday");
    return !trend.containsKey("vehicles_checked") ? 0
        : trend.getJsonArray("vehicles_checked").stream().mapToLong(v -> ((Number) v).longValue()).sum();
  }

  private static long xudongReadings(JsonObject snapshot) {
    return snapshot.getJsonObject("ranking").getJsonArray("areas").stream().map(JsonObject.class::cast)
        .filter(a -> a.getString("area").equals("xudong")).findFirst().orElseThrow().getLong("readings");
  }
}
