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

  private static long xudongReadings(JsonObject snapshot) {
    return snapshot.getJsonObject("ranking").getJsonArray("areas").stream().map(JsonObject.class::cast)
        .filter(a -> a.getString("area").equals("xudong")).findFirst().orElseThrow().getLong("readings");
  }
}
