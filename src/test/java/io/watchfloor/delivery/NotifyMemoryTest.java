package io.watchfloor.delivery;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.watchfloor.Api;
import io.watchfloor.MutableClock;
import io.watchfloor.PgTest;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * On the embedded store (the demo's), where no trigger records events: channels and routes made through the
 * admin API, an alert and an urging heard on the bus, both reach their groups.
 */
@PgTest
class NotifyMemoryTest {
  @Test
  void theDemoStoreSendsWhatTheAdminRoutedFromWhatItHeard() {
    MutableClock clock = new MutableClock(NotifyWireTest.NOON);
    Vertx receivers = Vertx.vertx();
    try (RecordingReceiver robot = RecordingReceiver.start(receivers);
         TestServer server = TestServer.start(new JsonObject().put("notify", new JsonObject().put("check-ms", 100)), clock)) {
      NotifyCalls calls = new NotifyCalls(server);
      String admin = calls.signIn("admin", "admin-demo-pass");
      HttpResponse<Buffer> town = calls.post("/api/v1/admin/channels", admin, new JsonObject().put("name", "许东镇值班群")
          .put("type", "wecom").put("url", robot.url("/town?key=wk-0123456789")).put("scope", "xudong"));
      assertThat(town.statusCode()).as(town.bodyAsString()).isEqualTo(201);
      HttpResponse<Buffer> route = calls.post("/api/v1/admin/routes", admin, new JsonObject()
          .put("channel", town.bodyAsJsonObject().getString("id")).put("scope", "xudong")
          .put("events", new JsonArray().add("alert.fired").add("compliance.urged")));
      assertThat(route.statusCode()).as(route.bodyAsString()).isEqualTo(201);

      assertThat(new Api(server).postReport(TestTown.PETITIONS, NotifyWireTest.escalated(NotifyWireTest.NOON, "pd-jinpen"))
          .statusCode()).isEqualTo(201);
      await("the alert").atMost(NotifyWireTest.PATIENCE).until(() -> robot.at("/town").size() == 1);
      assertThat(robot.at("/town").get(0).json().getJsonObject("markdown").getString("content")).contains("【告警】越级访");

      String duty = calls.signIn("duty", "duty-demo-pass");
      HttpResponse<Buffer> urged = calls.post("/api/v1/compliance/urge", duty,
          new JsonObject().put("sites", new JsonArray().add("sn-jinpen")));
      assertThat(urged.statusCode()).as(urged.bodyAsString()).isEqualTo(200);
      await("the urging").atMost(NotifyWireTest.PATIENCE).until(() -> robot.at("/town").size() == 2);
      assertThat(robot.at("/town").get(1).json().getJsonObject("markdown").getString("content")).contains("【催报】");
    } finally {
      receivers.close().await();
    }
  }
}
