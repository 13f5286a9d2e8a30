package io.watchfloor.alert;

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
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.watchfloor.alert.AlertApiTest.PATIENCE;
import static io.watchfloor.alert.AlertApiTest.escalated;
import static io.watchfloor.alert.TreeAlerts.alert;
import static io.watchfloor.alert.TreeAlerts.alerts;
import static io.watchfloor.alert.TreeAlerts.byField;
import static io.watchfloor.alert.TreeAlerts.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every alert endpoint cut to the caller's scope (docs/api.md#the-tree-of-areas-and-scopes): 许东镇's officer lists, reads and acts
 * on 许东镇's alerts only; 石桥镇's and the district's own are a 403 that reads exactly like the one for
 * an area that does not exist, and leave the alert as it was. The handover covers the scope's subtree.
 */
@PgTest
class AlertScopeTest {
  static final Instant NOON = Instant.parse("2026-11-21T04:00:00Z");
  static final Map<String, String> SHIFT = Map.of("from", "2026-11-21T08:00:00+08:00", "to", "2026-11-21T20:00:00+08:00");

  private static List<String> subjects(JsonArray alerts) {
    return alerts.stream().map(a -> ((JsonObject) a).getString("subject")).toList();
  }

  private static HttpResponse<Buffer> list(TestServer server, String cookie, String scope) {
    return get(server, cookie, "/api/v1/alerts", Map.of("scope", scope));
  }

  @Test
  void aTownOfficerSeesAndActsOnTheTownsAlertsOnlyAndTheRestIsTheSame403() {
    MutableClock clock = new MutableClock(NOON);
    try (TestServer server = TreeAlerts.server(TestDatabase.fresh("wf_test_alert_scope"), clock)) {
      String district = new Api(server).signIn(TreeAlerts.DISTRICT, TreeAlerts.DISTRICT_PASS);
      String town = new Api(server).signIn(TreeAlerts.XUDONG, TreeAlerts.XUDONG_PASS);
      Api api = new Api(server);
      assertThat(api.postReport(TestTown.PETITIONS, escalated(NOON, "pd-jinpen")).statusCode()).isEqualTo(201);
      assertThat(api.postReport(TestTown.PETITIONS, escalated(NOON, "pd-hekou")).statusCode()).isEqualTo(201);
      TreeAlerts.fireOnDistrict(server);
      JsonArray all = await("three alerts in the district").atMost(PATIENCE).until(() -> alerts(server, district), a -> a.size() == 3);
      String jinpen = byField(all, "subject", "pd-jinpen").getString("id");
      String hekou = byField(all, "subject", "pd-hekou").getString("id");
      String own = byField(all, "subject", "changling").getString("id");
      assertThat(byField(all, "id", hekou).getString("desk")).isEqualTo("shiqiao");

      assertThat(subjects(alerts(server, town))).as("许东镇's officer, by default their scope").containsExactly("pd-jinpen");
      assertThat(subjects(list(server, town, "jinpen").bodyAsJsonObject().getJsonArray("alerts")))
          .as("a village of their town").containsExactly("pd-jinpen");
      assertThat(subjects(list(server, district, "shiqiao").bodyAsJsonObject().getJsonArray("alerts")))
          .as("the district asks for 石桥镇").containsExactly("pd-hekou");
      assertThat(subjects(list(server, district, "xudong").bodyAsJsonObject().getJsonArray("alerts"))).containsExactly("pd-jinpen");

      HttpResponse<Buffer> unknown = list(server, town, "atlantis");
      assertThat(unknown.statusCode()).isEqualTo(403);
      String refusal = unknown.bodyAsString();
      for (HttpResponse<Buffer> outside : List.of(list(server, town, "shiqiao"), list(server, town, "changling"),
          list(server, town, "hekou"),
          get(server, town, "/api/v1/alerts/" + hekou, Map.of()), get(server, town, "/api/v1/alerts/" + own, Map.of()),
          TreeAlerts.act(server, town, hekou, "ack", "不是我镇的"), TreeAlerts.act(server, town, own, "resolve", "越权处置"),
          TreeAlerts.act(server, town, hekou, "resolve", "越权处置"),
          get(server, town, "/api/v1/handover", Map.of("scope", "shiqiao", "from", SHIFT.get("from"), "to", SHIFT.get("to"))))) {
        assertThat(outside.statusCode()).isEqualTo(403);
        assertThat(outside.getHeader("Content-Type")).isEqualTo("application/problem+json");
        assertThat(outside.bodyAsString()).as("reveals nothing: the same body as for no such area").isEqualTo(refusal);
      }

      for (String id : List.of(hekou, own)) {
        JsonObject untouched = alert(server, district, id);
        assertThat(untouched.getJsonObject("alert").getString("state")).as("nothing changed").isEqualTo("open");
        assertThat(untouched.getJsonArray("history").stream().map(e -> ((JsonObject) e).getString("action")))
            .containsExactly("fired");
      }
      assertThat(alert(server, town, jinpen).getJsonObject("alert").getString("area")).isEqualTo("jinpen");
      assertThat(TreeAlerts.act(server, town, jinpen, "ack", "镇里已派人").statusCode()).isEqualTo(200);
      assertThat(TreeAlerts.act(server, district, hekou, "ack", "区里已通知石桥镇").statusCode())
          .as("the district acts anywhere below it").isEqualTo(200);

      HttpResponse<Buffer> townShift = get(server, town, "/api/v1/handover", SHIFT);
      assertThat(townShift.statusCode()).isEqualTo(200);
      assertThat(townShift.bodyAsJsonObject().getJsonArray("events").stream()
          .map(e -> ((JsonObject) e).getString("alertId")).distinct()).as("许东镇's shift").containsExactly(jinpen);
      assertThat(subjects(townShift.bodyAsJsonObject().getJsonArray("unresolved"))).containsExactly("pd-jinpen");
      JsonObject districtShift = get(server, district, "/api/v1/handover", SHIFT).bodyAsJsonObject();
      assertThat(districtShift.getJsonArray("events")).hasSize(5);
      assertThat(districtShift.getJsonArray("unresolved")).hasSize(3);
      JsonObject shiqiaoShift = get(server, district, "/api/v1/handover",
          Map.of("scope", "shiqiao", "from", SHIFT.get("from"), "to", SHIFT.get("to"))).bodyAsJsonObject();
      assertThat(shiqiaoShift.getJsonArray("events").stream().map(e -> ((JsonObject) e).getString("action")))
          .containsExactly("fired", "acknowledged");
    }
  }
}
