package io.watchfloor.live;

import io.vertx.core.json.JsonObject;
import io.watchfloor.Api;
import io.watchfloor.PgTest;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An alert reaches the screens as a frame of its own and joins the open list in the state. How fast it
 * arrives is measured by the benchmark (bench/live.sh), not here, where the machine may be loaded.
 */
@PgTest
class AlertFrameTest {
  @Test
  void anAlertFrameArrivesAndTheOpenListFollows() {
    try (TestServer server = TestServer.memory(); LiveProbe probe = LiveProbe.connect(server)) {
      probe.expect("the first snapshot", p -> p.state() != null);
      JsonObject report = new JsonObject().put("id", UUID.randomUUID().toString()).put("site", "pd-liangting")
          .put("observedAt", OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0).toString())
          .put("metrics", new JsonObject().put("group_petitions", 1));
      assertThat(new Api(server).postReport(TestTown.PETITIONS, report).statusCode()).isEqualTo(201);
      probe.expect("an alert frame", p -> !p.ofType("alert").isEmpty());
      JsonObject frame = probe.ofType("alert").get(0);
      JsonObject alert = frame.getJsonObject("alert");
      assertThat(alert.getString("rule")).isEqualTo("group-petition");
      assertThat(alert.getString("state")).isEqualTo("open");
      assertThat(frame.getLong("seq")).isPositive();
      probe.expect("the alert in the state's open list", p -> p.state().getJsonObject("alerts").containsKey(alert.getString("id")));
      assertThat(probe.state().getJsonObject("alerts").getJsonObject(alert.getString("id")).getString("site"))
          .isEqualTo("pd-liangting");
    }
  }
}
