package io.watchfloor.delivery;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.watchfloor.Api;
import io.watchfloor.MutableClock;
import io.watchfloor.PgTest;
import io.watchfloor.TestDatabase;
import io.watchfloor.TestServer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 催报 reaches the urged unit's own group, with the field page's link, and the town's duty group through its
 * route, with the console's; another unit's group hears nothing of it.
 */
@PgTest
class UrgeNotifyTest {
  static final List<String> UNITS = List.of("demo-sanitation", "demo-petitions", "demo-checkpoints");

  @Test
  void anUrgingReachesTheUnitsOwnGroupAndTheTownsButNoOtherUnits() {
    String db = "wf_test_urge_notify";
    String url = TestDatabase.fresh(db);
    MutableClock clock = new MutableClock(NotifyWireTest.NOON);
    Vertx receivers = Vertx.vertx();
    try (RecordingReceiver robot = RecordingReceiver.start(receivers);
         TestServer server = TestServer.start(NotifyWireTest.overrides(url), clock)) {
      NotifySql sql = new NotifySql(db);
      for (String unit : UNITS) {
        sql.channel("ch-" + unit, "wecom", robot.url("/" + unit + "?key=k"), null, "none", null, "changling", unit, 20);
      }
      sql.channel("ch-town", "wecom", robot.url("/xudong?key=k"), null, "none", null, "xudong", null, 20);
      sql.route("rt-town", "ch-town", "xudong", null, "compliance.urged");

      Api api = new Api(server);
      String duty = api.signIn("duty", "duty-demo-pass");
      HttpResponse<Buffer> urged = server.client.post("/api/v1/compliance/urge").putHeader("Cookie", duty)
          .putHeader("Origin", api.origin())
          .sendJsonObject(new JsonObject().put("sites", new JsonArray().add("sn-jinpen")).put("note", "请于 17 时前上报")).await();
      assertThat(urged.statusCode()).as(urged.bodyAsString()).isEqualTo(200);
      String unit = urged.bodyAsJsonObject().getJsonArray("urged").getJsonObject(0).getString("unit");
      assertThat(UNITS).contains(unit);

      await("the unit's group and the town's").atMost(NotifyWireTest.PATIENCE)
          .until(() -> robot.at("/" + unit).size() == 1 && robot.at("/xudong").size() == 1);
      String toUnit = robot.at("/" + unit).get(0).json().getJsonObject("markdown").getString("content");
      assertThat(toUnit).contains("【催报】", "请尽快上报", "请于 17 时前上报", "https://wf.example.gov.cn/report");
      assertThat(robot.at("/xudong").get(0).json().getJsonObject("markdown").getString("content"))
          .contains("【催报】", "https://wf.example.gov.cn/console");
      for (String other : UNITS) {
        if (!other.equals(unit)) {
          assertThat(robot.at("/" + other)).as(other + "'s group").isEmpty();
        }
      }
      assertThat(sql.count("SELECT count(*) FROM notify_outbox WHERE kind = 'compliance.urged'")).isEqualTo(2);
    } finally {
      receivers.close().await();
    }
  }
}
