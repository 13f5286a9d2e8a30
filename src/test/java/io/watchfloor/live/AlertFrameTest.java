package io.watchfloor.live;

import io.vertx.core.json.JsonObject;
import io.watchfloor.Api;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** An alert reaches the screens at once, outside the delta coalescing, and joins the open list in the state. */
class AlertFrameTest {
  @Test
  void anAlertFrameArrivesAndTheOpenListFollows() throws InterruptedException {
    try (TestServer server = TestServer.memory(); LiveProbe probe = LiveProbe.connect(server)) {
      probe.await(p -> p.state() != null, 5);
      JsonObject report = new JsonObject().put("id", UUID.randomUUID().toString()).put("site", "pd-liangting")
          .put("observedAt", OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0).toString())
          .put("metrics", new JsonObject().put("group_petitions", 1));
      long posted = System.nanoTime();
      assertThat(new Api(server).postReport(TestTown.PETITIONS, report).statusCode()).isEqualTo(201);
      assertThat(probe.await(p -> !p.ofType("alert").isEmpty(), 5)).isTrue();
      LiveProbe.Frame frame = probe.frames.stream().filter(f -> f.json().getString("type").equals("alert")).findFirst().orElseThrow();
      assertThat((frame.arrivedNanos() - posted) / 1_000_000).as("ms from posting to the alert frame").isLessThan(1000);
      JsonObject alert = frame.json().getJsonObject("alert");
      assertThat(alert.getString("rule")).isEqualTo("group-petition");
      assertThat(alert.getString("state")).isEqualTo("open");
      assertThat(frame.json().getLong("seq")).isPositive();
      assertThat(probe.await(p -> p.state().getJsonObject("alerts").containsKey(alert.getString("id")), 5)).isTrue();
      assertThat(probe.state().getJsonObject("alerts").getJsonObject(alert.getString("id")).getString("site"))
          .isEqualTo("pd-liangting");
    }
  }
}
