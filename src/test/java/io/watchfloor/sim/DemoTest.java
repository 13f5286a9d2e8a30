package io.watchfloor.sim;

import io.vertx.core.json.JsonObject;
import io.watchfloor.Api;
import io.watchfloor.MutableClock;
import io.watchfloor.PgTest;
import io.watchfloor.TestServer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** With --demo, the sample district's simulated units post through the API and the picture fills up. */
@PgTest
class DemoTest {
  @Test
  void theDemoUnitsMakeDataFlowWithinSeconds() {
    JsonObject demo = new JsonObject().put("demo", new JsonObject().put("enabled", true).put("simulate", true).put("tick-ms", 100));
    try (TestServer server = TestServer.start(demo, MutableClock.system())) {
      Api api = new Api(server);
      Awaitility.await("the demo units' reports in the totals").atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            JsonObject totals = api.totals();
            assertThat(totals.getLong("vehicles_checked", 0L)).isPositive();
            assertThat(totals.getValue("score")).isNotNull();
          });
      // checkpoints post often enough that each of the three towns' is heard from within seconds
      Awaitility.await("a report from every checkpoint of the district").atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            JsonObject sites = api.snapshot().getJsonObject("sites");
            for (String checkpoint : List.of("cp-highway-exit", "cp-xudong-road", "cp-tianjingshan-south",
                "cp-yinjiapu-bridge", "cp-chengguan-toll", "cp-railway-station", "cp-shiqiao-bridge", "cp-qingshiling-pass")) {
              assertThat(sites.getJsonObject(checkpoint).getString("lastReportAt")).as(checkpoint).isNotNull();
            }
          });
      JsonObject sites = api.snapshot().getJsonObject("sites");
      assertThat(sites.getJsonObject("pd-xujiapai").getString("lastReportAt"))
          .as("one petition desk stays quiet so a missed report can be shown").isNull();
    }
  }
}
