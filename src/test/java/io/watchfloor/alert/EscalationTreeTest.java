package io.watchfloor.alert;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.watchfloor.Api;
import io.watchfloor.MutableClock;
import io.watchfloor.PgTest;
import io.watchfloor.TestDatabase;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;
import io.watchfloor.bus.Addresses;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.watchfloor.alert.AlertApiTest.PATIENCE;
import static io.watchfloor.alert.AlertApiTest.escalated;
import static io.watchfloor.alert.TreeAlerts.alert;
import static io.watchfloor.alert.TreeAlerts.alerts;
import static io.watchfloor.alert.TreeAlerts.byField;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Escalation up the tree (docs/api.md#the-tree-of-areas-and-scopes) on PostgreSQL with a clock the test moves: a critical alert that
 * 许东镇's desk leaves unacknowledged climbs to 长岭区 after the delay and not before, audited and
 * published; an acknowledgement at either level ends it; the district's own alert is marked once and stops.
 */
@PgTest
class EscalationTreeTest {
  static final Instant NOON = Instant.parse("2026-11-21T04:00:00Z");

  private static List<String> actions(JsonObject detail) {
    return detail.getJsonArray("history").stream().map(e -> ((JsonObject) e).getString("action")).toList();
  }

  @Test
  void anUnacknowledgedTownAlertClimbsToTheDistrictAfterTheDelayAndAnAcknowledgementAtEitherLevelEndsIt() {
    MutableClock clock = new MutableClock(NOON);
    try (TestServer server = TreeAlerts.server(TestDatabase.fresh("wf_test_escalation_tree"), clock)) {
      List<JsonObject> changed = new CopyOnWriteArrayList<>();
      server.vertx.eventBus().<JsonObject>consumer(Addresses.ALERTS_CHANGED, m -> changed.add(m.body()));
      String district = new Api(server).signIn(TreeAlerts.DISTRICT, TreeAlerts.DISTRICT_PASS);
      String town = new Api(server).signIn(TreeAlerts.XUDONG, TreeAlerts.XUDONG_PASS);
      Api api = new Api(server);

      assertThat(api.postReport(TestTown.PETITIONS, escalated(NOON, "pd-jinpen")).statusCode()).isEqualTo(201);
      JsonObject first = await("the first alert").atMost(PATIENCE)
          .until(() -> byField(alerts(server, town), "subject", "pd-jinpen"), a -> a != null);
      assertThat(first.getString("desk")).as("金盆村 has no desk; 许东镇's owns it").isEqualTo("xudong");
      assertThat(first.getString("escalatedTo")).isNull();
      assertThat(first.getBoolean("escalated")).isFalse();
      String firstId = first.getString("id");

      // A second alert four minutes later: the check that escalates the first sees it too, so its staying
      // put shows the delay is kept without sleeping through a check.
      clock.advance(Duration.ofMinutes(4));
      assertThat(api.postReport(TestTown.PETITIONS, escalated(clock.instant(), "pd-liangting")).statusCode()).isEqualTo(201);
      String secondId = await("the second alert").atMost(PATIENCE)
          .until(() -> byField(alerts(server, town), "subject", "pd-liangting"), a -> a != null).getString("id");
      clock.advance(Duration.ofMinutes(1));
      JsonArray seen = await("the first alert climbs to the district").atMost(PATIENCE)
          .until(() -> alerts(server, district), a -> "changling".equals(byField(a, "id", firstId).getString("escalatedTo")));
      JsonObject climbed = byField(seen, "id", firstId);
      assertThat(climbed.getBoolean("escalated")).isTrue();
      assertThat(climbed.getString("desk")).isEqualTo("xudong");
      assertThat(climbed.getString("escalatedAt")).isEqualTo(NOON.plus(Duration.ofMinutes(5)).toString());
      assertThat(byField(seen, "id", secondId).getString("escalatedTo")).as("not before the delay").isNull();
      assertThat(byField(alerts(server, town), "id", firstId).getString("escalatedTo"))
          .as("许东镇 still sees it, escalated to the district").isEqualTo("changling");

      JsonObject trail = alert(server, district, firstId);
      assertThat(actions(trail)).containsExactly("fired", "escalated");
      JsonObject step = trail.getJsonArray("history").getJsonObject(1);
      assertThat(step.getString("actor")).isEqualTo("system");
      assertThat(step.getString("note")).isEqualTo("xudong → changling");
      await("the step is published for the live picture").atMost(PATIENCE).until(() -> changed.stream()
          .anyMatch(a -> firstId.equals(a.getString("id")) && "changling".equals(a.getString("escalatedTo"))));

      // the district is the top: another delay takes the second alert up, the first nowhere further
      clock.advance(Duration.ofMinutes(5));
      await("the second alert climbs too").atMost(PATIENCE)
          .until(() -> "changling".equals(byField(alerts(server, district), "id", secondId).getString("escalatedTo")));
      assertThat(actions(alert(server, district, firstId))).as("at the top it stays").containsExactly("fired", "escalated");

      // 许东镇 acknowledges the first, the district the second: either level ends it for both
      assertThat(TreeAlerts.act(server, town, firstId, "ack", "镇里已派人").statusCode()).isEqualTo(200);
      assertThat(TreeAlerts.act(server, district, secondId, "ack", "区里已接手").statusCode()).isEqualTo(200);
      assertThat(byField(alerts(server, district), "id", firstId).getString("state")).isEqualTo("acknowledged");
      assertThat(byField(alerts(server, town), "id", secondId).getString("state")).isEqualTo("acknowledged");
      assertThat(TreeAlerts.act(server, district, firstId, "ack", null).statusCode())
          .as("acknowledged by the town, nothing left for the district to acknowledge").isEqualTo(409);
      int published = changed.size();
      clock.advance(Duration.ofMinutes(30));
      assertThat(api.postReport(TestTown.PETITIONS, escalated(clock.instant(), "pd-puzizui")).statusCode()).isEqualTo(201);
      await("a later alert shows the checks ran meanwhile").atMost(PATIENCE)
          .until(() -> byField(alerts(server, town), "subject", "pd-puzizui") != null);
      clock.advance(Duration.ofMinutes(5));
      await("the later alert escalates, so a check has run since").atMost(PATIENCE)
          .until(() -> byField(alerts(server, town), "subject", "pd-puzizui").getBoolean("escalated"));
      assertThat(actions(alert(server, town, firstId))).containsExactly("fired", "escalated", "acknowledged");
      assertThat(actions(alert(server, district, secondId))).containsExactly("fired", "escalated", "acknowledged");
      assertThat(changed.subList(published, changed.size())).extracting(a -> a.getString("id"))
          .as("nothing more about the acknowledged ones").doesNotContain(firstId, secondId);
    }
  }

  @Test
  void anAlertOnTheDistrictsOwnDeskIsMarkedEscalatedOnceAndStops() {
    MutableClock clock = new MutableClock(NOON);
    try (TestServer server = TreeAlerts.server(TestDatabase.fresh("wf_test_escalation_top"), clock)) {
      String district = new Api(server).signIn(TreeAlerts.DISTRICT, TreeAlerts.DISTRICT_PASS);
      String town = new Api(server).signIn(TreeAlerts.XUDONG, TreeAlerts.XUDONG_PASS);
      TreeAlerts.fireOnDistrict(server);
      JsonObject own = await("the district's alert").atMost(PATIENCE)
          .until(() -> byField(alerts(server, district), "rule", "district-matter"), a -> a != null);
      assertThat(own.getString("desk")).isEqualTo("changling");
      String id = own.getString("id");
      assertThat(byField(alerts(server, town), "id", id)).as("not 许东镇's").isNull();

      clock.advance(Duration.ofMinutes(5));
      await("marked escalated at its own desk").atMost(PATIENCE)
          .until(() -> byField(alerts(server, district), "id", id).getBoolean("escalated"));
      assertThat(byField(alerts(server, district), "id", id).getString("escalatedTo")).isEqualTo("changling");

      clock.advance(Duration.ofMinutes(5));
      assertThat(new Api(server).postReport(TestTown.PETITIONS, escalated(clock.instant(), "pd-jinpen")).statusCode()).isEqualTo(201);
      await("another alert").atMost(PATIENCE).until(() -> byField(alerts(server, district), "subject", "pd-jinpen") != null);
      clock.advance(Duration.ofMinutes(5));
      await("a check has run since: the later alert climbed").atMost(PATIENCE)
          .until(() -> byField(alerts(server, district), "subject", "pd-jinpen").getBoolean("escalated"));
      JsonObject trail = alert(server, district, id);
      assertThat(actions(trail)).as("once, then never again").containsExactly("fired", "escalated");
      assertThat(trail.getJsonArray("history").getJsonObject(1).getString("note")).isEqualTo("changling → changling");
    }
  }
}
