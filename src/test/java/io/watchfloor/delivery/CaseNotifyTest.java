package io.watchfloor.delivery;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.watchfloor.Api;
import io.watchfloor.MutableClock;
import io.watchfloor.PgTest;
import io.watchfloor.TestDatabase;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A case's steps reach the right WeCom groups: the unit it is dispatched to, through the unit's own contact
 * channel, with the field page's link; the town's duty group, through its route, with the console's; no other
 * unit's group and no other town's. Dispatch, the deadline clock's 临期 and 超期 (each once), an officer's
 * urging (催办) and a rework each make one message per group, under one stable 编号.
 */
@PgTest
class CaseNotifyTest {
  /** Monday 2026-12-07, 09:00 in Shanghai: a working day, so limits in minutes run as written. */
  static final Instant T0 = Instant.parse("2026-12-07T01:00:00Z");
  static final Duration PATIENCE = Duration.ofSeconds(30);
  static final String BASE = "https://wf.example.gov.cn";
  static final String[] CASE_EVENTS = {"case.dispatched", "case.near-due", "case.overdue", "case.urged", "case.reworked"};

  /** The groups: each demo unit's own, and 许东镇's and 石桥镇's duty groups, each routed its town's case steps. */
  static RecordingReceiver groups(Vertx vertx, NotifySql sql) {
    RecordingReceiver robot = RecordingReceiver.start(vertx);
    sql.channel("ch-sanitation", "wecom", robot.url("/sanitation?key=k1"), null, "none", null, "changling", "demo-sanitation", 20);
    sql.channel("ch-petitions", "wecom", robot.url("/petitions?key=k2"), null, "none", null, "changling", "demo-petitions", 20);
    // the checkpoints' group is 许东镇's checkpoints' only: its scope is the town
    sql.channel("ch-checkpoints", "wecom", robot.url("/checkpoints?key=k3"), null, "none", null, "xudong", "demo-checkpoints", 20);
    sql.channel("ch-xudong", "wecom", robot.url("/xudong?key=k4"), null, "none", null, "xudong", null, 20);
    sql.route("rt-xudong", "ch-xudong", "xudong", null, CASE_EVENTS);
    sql.channel("ch-shiqiao", "wecom", robot.url("/shiqiao?key=k5"), null, "none", null, "shiqiao", null, 20);
    sql.route("rt-shiqiao", "ch-shiqiao", "shiqiao", null, CASE_EVENTS);
    return robot;
  }

  static TestServer server(String url, MutableClock clock) {
    JsonObject overrides = NotifyWireTest.overrides(url)
        .put("cases", new JsonObject().put("deadline-check-seconds", 1));
    return TestServer.start(overrides, clock);
  }

  @Test
  void aDispatchReachesTheUnitsGroupAndItsTownsAndNoOtherGroup() {
    String db = "wf_test_case_notify_dispatch";
    String url = TestDatabase.fresh(db);
    MutableClock clock = new MutableClock(T0);
    Vertx receivers = Vertx.vertx();
    NotifySql sql = new NotifySql(db);
    try (TestServer server = server(url, clock); RecordingReceiver robot = groups(receivers, sql)) {
      Desk desk = new Desk(server);

      String bin = desk.opened(bin("垃圾满溢", "sn-jinpen"));
      JsonObject dispatched = desk.act(bin, "dispatch", new JsonObject().put("unit", "demo-sanitation").put("note", "请当天清运"));
      assertThat(Instant.parse(dispatched.getString("dueAt"))).as("a sanitation case's sign limit: 30 minutes")
          .isEqualTo(T0.plus(Duration.ofMinutes(30)));

      await("the unit's group and the town's").atMost(PATIENCE)
          .until(() -> robot.at("/sanitation").size() == 1 && robot.at("/xudong").size() == 1);
      String toUnit = content(robot.at("/sanitation").get(0));
      assertThat(toUnit).contains("【事件派遣】垃圾满溢", "许东镇 金盆村 金盆村环境卫生", "时限：12-07 09:30", "请当天清运",
          "责任单位：环境卫生检查组（演示）",
          "[查看详情](" + BASE + "/report)", "编号 ");
      assertThat(toUnit).as("the unit's people are sent to their field page").doesNotContain("/console");
      String toTown = content(robot.at("/xudong").get(0));
      assertThat(toTown).contains("【事件派遣】垃圾满溢", "许东镇 金盆村 金盆村环境卫生", "时限：12-07 09:30",
          "[查看详情](" + BASE + "/console#cases/" + bin + ")");
      assertThat(number(toTown)).as("one step, one 编号 in every group").isEqualTo(number(toUnit));

      // a later case in 石桥镇, dispatched to the petition desks: it reaches their group and 石桥镇's, and is the
      // first thing either hears, so neither heard anything of the case in 许东镇 (routed and sent before it)
      String quarrel = desk.opened(new JsonObject().put("title", "邻里纠纷").put("category", "petition").put("urgency", "normal")
          .put("site", "pd-taoyuan").put("description", "两户因宅基地争执"));
      desk.act(quarrel, "dispatch", new JsonObject().put("unit", "demo-petitions"));
      await("石桥镇's case reaches its groups").atMost(PATIENCE)
          .until(() -> robot.at("/petitions").size() == 1 && robot.at("/shiqiao").size() == 1);
      assertThat(content(robot.at("/petitions").get(0))).contains("【事件派遣】邻里纠纷", "石桥镇 桃园村 桃园村信访工作站",
          BASE + "/report").doesNotContain("垃圾满溢");
      assertThat(content(robot.at("/shiqiao").get(0))).contains("【事件派遣】邻里纠纷", BASE + "/console#cases/" + quarrel)
          .doesNotContain("垃圾满溢");
      assertThat(robot.at("/xudong")).as("许东镇's group hears nothing of 石桥镇").hasSize(1);
      assertThat(robot.at("/sanitation")).as("nor does another unit's").hasSize(1);

      // a case in 城关街道, which no route takes, dispatched to a unit whose group is 许东镇's only: no message at all
      String toll = desk.opened(new JsonObject().put("title", "收费站拥堵").put("category", "checkpoint").put("urgency", "normal")
          .put("site", "cp-chengguan-toll").put("description", "出城车辆排队"));
      desk.act(toll, "dispatch", new JsonObject().put("unit", "demo-checkpoints"));
      await("the step outside every scope is routed").atMost(PATIENCE).until(() -> sql.count(
          "SELECT count(*) FROM notify_event WHERE kind = 'case.dispatched' AND ref = '" + toll + "' AND routed") == 1);
      assertThat(sql.count("SELECT count(*) FROM notify_outbox WHERE key LIKE 'case.dispatched:" + toll + ":%'"))
          .as("a step outside every route's and channel's scope makes no message").isZero();
      String exit = desk.opened(new JsonObject().put("title", "出口车辆积压").put("category", "checkpoint").put("urgency", "normal")
          .put("site", "cp-highway-exit").put("description", "高速出口排队"));
      desk.act(exit, "dispatch", new JsonObject().put("unit", "demo-checkpoints"));
      await("许东镇's checkpoint case reaches the checkpoints' group").atMost(PATIENCE)
          .until(() -> robot.at("/checkpoints").size() == 1 && robot.at("/xudong").size() == 2);
      assertThat(content(robot.at("/checkpoints").get(0))).contains("【事件派遣】出口车辆积压").doesNotContain("收费站拥堵");
      assertThat(robot.at("/shiqiao")).hasSize(1);
      assertThat(robot.taken.stream().map(CaseNotifyTest::content)).noneMatch(c -> c.contains("收费站拥堵"));

      assertThat(sql.count("SELECT count(*) FROM notify_outbox WHERE kind = 'case.dispatched'"))
          .as("垃圾满溢 ×2, 邻里纠纷 ×2, 出口车辆积压 ×2").isEqualTo(6);
      assertOneRowPerChannelAndKey(sql);
    } finally {
      receivers.close().await();
    }
  }

  @Test
  void theDeadlineClockTellsTheUnitNearDueThenOverdueEachOnce() {
    String db = "wf_test_case_notify_clock";
    String url = TestDatabase.fresh(db);
    MutableClock clock = new MutableClock(T0);
    Vertx receivers = Vertx.vertx();
    NotifySql sql = new NotifySql(db);
    try (TestServer server = server(url, clock); RecordingReceiver robot = groups(receivers, sql)) {
      Desk desk = new Desk(server);
      String bin = desk.opened(bin("垃圾满溢", "sn-jinpen"));
      desk.act(bin, "dispatch", new JsonObject().put("unit", "demo-sanitation"));
      await("dispatched").atMost(PATIENCE).until(() -> robot.at("/sanitation").size() == 1);

      clock.set(T0.plus(Duration.ofMinutes(25)));
      await("near due: 24 of its 30 minutes gone").atMost(PATIENCE).until(() -> robot.at("/sanitation").size() == 2);
      assertThat(content(robot.at("/sanitation").get(1))).contains("【事件临期】垃圾满溢", "时限：12-07 09:30", BASE + "/report");

      clock.set(T0.plus(Duration.ofMinutes(31)));
      await("overdue").atMost(PATIENCE).until(() -> robot.at("/sanitation").size() == 3);
      assertThat(content(robot.at("/sanitation").get(2))).contains("【事件超期】垃圾满溢", "时限：12-07 09:30", BASE + "/report");

      // more rounds of the clock: a second case, dispatched now, goes near due 24 minutes on and overdue after 30;
      // its messages arriving show the clock came by again, and the first case's were not sent again
      String pile = desk.opened(bin("建筑垃圾堆放", "sn-liangting"));
      desk.act(pile, "dispatch", new JsonObject().put("unit", "demo-sanitation"));
      await("the second case dispatched").atMost(PATIENCE).until(() -> robot.at("/sanitation").size() == 4);
      clock.set(T0.plus(Duration.ofMinutes(31 + 25)));
      await("the second near due").atMost(PATIENCE).until(() -> robot.at("/sanitation").size() == 5);
      clock.set(T0.plus(Duration.ofMinutes(31 + 31)));
      // each group is its own channel, sent on its own: the town's may come a moment after the unit's
      await("the second overdue, in both groups").atMost(PATIENCE)
          .until(() -> robot.at("/sanitation").size() == 6 && robot.at("/xudong").size() == 6);
      List<String> heard = robot.at("/sanitation").stream().map(CaseNotifyTest::content).map(CaseNotifyTest::heading).toList();
      assertThat(heard).as("each step once, in order").containsExactly("【事件派遣】垃圾满溢", "【事件临期】垃圾满溢",
          "【事件超期】垃圾满溢", "【事件派遣】建筑垃圾堆放", "【事件临期】建筑垃圾堆放", "【事件超期】建筑垃圾堆放");
      assertThat(robot.at("/xudong").stream().map(CaseNotifyTest::content).map(CaseNotifyTest::heading).toList())
          .as("the town's duty group, the same").isEqualTo(heard);
      assertThat(robot.at("/petitions")).as("another unit's group").isEmpty();
      assertThat(robot.at("/shiqiao")).as("another town's group").isEmpty();

      for (String id : List.of(bin, pile)) {
        for (String kind : List.of("case.near-due", "case.overdue")) {
          assertThat(sql.count("SELECT count(*) FROM notify_outbox WHERE channel = 'ch-sanitation' AND kind = '" + kind
              + "' AND key LIKE '" + kind + ":" + id + ":%'")).as(kind + " of " + id + " to the unit, once").isEqualTo(1);
          assertThat(sql.count("SELECT count(*) FROM notify_outbox WHERE channel = 'ch-xudong' AND kind = '" + kind
              + "' AND key LIKE '" + kind + ":" + id + ":%'")).as(kind + " of " + id + " to the town, once").isEqualTo(1);
        }
      }
      assertOneRowPerChannelAndKey(sql);
    } finally {
      receivers.close().await();
    }
  }

  @Test
  void anUrgingAndAReworkReachTheUnitsGroupWithTheOfficersNote() {
    String db = "wf_test_case_notify_rework";
    String url = TestDatabase.fresh(db);
    MutableClock clock = new MutableClock(T0);
    Vertx receivers = Vertx.vertx();
    NotifySql sql = new NotifySql(db);
    try (TestServer server = server(url, clock); RecordingReceiver robot = groups(receivers, sql)) {
      Desk desk = new Desk(server);
      String bin = desk.opened(bin("垃圾满溢", "sn-jinpen"));
      desk.act(bin, "dispatch", new JsonObject().put("unit", "demo-sanitation"));
      await("dispatched").atMost(PATIENCE).until(() -> robot.at("/sanitation").size() == 1);

      clock.advance(Duration.ofMinutes(5));
      desk.act(bin, "urge", new JsonObject().put("note", "群众再次来电，请尽快签收"));
      await("the urging").atMost(PATIENCE).until(() -> robot.at("/sanitation").size() == 2 && robot.at("/xudong").size() == 2);
      String urged = content(robot.at("/sanitation").get(1));
      // 催办, as the console's button and the field page's trail say: 督办 is the leaders' yellow or red card
      assertThat(urged).contains("【事件催办】垃圾满溢", "许东镇 金盆村 金盆村环境卫生", "群众再次来电，请尽快签收", BASE + "/report");
      assertThat(content(robot.at("/xudong").get(1))).contains("【事件催办】垃圾满溢", BASE + "/console#cases/" + bin);

      clock.advance(Duration.ofMinutes(5));
      desk.task(TestTown.SANITATION, bin, "accept", new JsonObject());
      clock.advance(Duration.ofHours(2));
      desk.task(TestTown.SANITATION, bin, "report", new JsonObject().put("note", "已清运"));
      clock.advance(Duration.ofMinutes(20));
      JsonObject rework = desk.act(bin, "verify", new JsonObject().put("passed", false).put("note", "周边还有散落垃圾"));
      assertThat(rework.getString("state")).isEqualTo("handling");
      await("the rework").atMost(PATIENCE).until(() -> robot.at("/sanitation").size() == 3 && robot.at("/xudong").size() == 3);
      String reworked = content(robot.at("/sanitation").get(2));
      assertThat(reworked).contains("【事件返工】垃圾满溢", "说明：周边还有散落垃圾", BASE + "/report");
      assertThat(reworked).as("the handle stage runs again from 11:30, with its full working day").contains("时限：12-08 11:30");
      assertThat(content(robot.at("/xudong").get(2))).contains("【事件返工】垃圾满溢", "周边还有散落垃圾");

      // the report back (and signing for) are no message; closing it neither
      clock.advance(Duration.ofHours(1));
      desk.task(TestTown.SANITATION, bin, "report", new JsonObject().put("note", "散落垃圾已清理"));
      assertThat(desk.act(bin, "verify", new JsonObject().put("passed", true).put("note", "核查通过")).getString("state"))
          .isEqualTo("closed");
      String quarrel = desk.opened(new JsonObject().put("title", "邻里纠纷").put("category", "petition").put("urgency", "normal")
          .put("site", "pd-jinpen").put("description", "两户因宅基地争执"));
      desk.act(quarrel, "dispatch", new JsonObject().put("unit", "demo-petitions"));
      await("a later case in the town").atMost(PATIENCE).until(() -> robot.at("/xudong").size() == 4);
      assertThat(content(robot.at("/xudong").get(3))).contains("【事件派遣】邻里纠纷");
      assertThat(robot.at("/sanitation")).as("nothing of the close").hasSize(3);
      assertThat(robot.at("/petitions")).hasSize(1);
      assertThat(robot.at("/shiqiao")).isEmpty();
      assertThat(sql.count("SELECT count(*) FROM notify_outbox WHERE key LIKE 'case.urged:" + bin + ":%'")).isEqualTo(2);
      assertThat(sql.count("SELECT count(*) FROM notify_outbox WHERE key LIKE 'case.reworked:" + bin + ":%'")).isEqualTo(2);
      assertOneRowPerChannelAndKey(sql);
    } finally {
      receivers.close().await();
    }
  }

  static void assertOneRowPerChannelAndKey(NotifySql sql) {
    assertThat(sql.count("SELECT count(*) FROM (SELECT channel, key FROM notify_outbox GROUP BY channel, key"
        + " HAVING count(*) > 1) twice")).as("the same step never makes two messages to one channel").isZero();
  }

  static JsonObject bin(String title, String site) {
    return new JsonObject().put("title", title).put("category", "sanitation").put("urgency", "normal")
        .put("site", site).put("description", "群众来电反映");
  }

  static String content(RecordingReceiver.Received message) {
    return message.json().getJsonObject("markdown").getString("content");
  }

  /** The message's title line, without markdown's heading mark. */
  static String heading(String content) {
    return content.lines().findFirst().orElse("").replace("### ", "");
  }

  static String number(String content) {
    return content.substring(content.indexOf("编号 "));
  }

  /** The case API as the console (the district's duty officer) and the field page call it. */
  static final class Desk {
    final TestServer server;
    final Api api;
    final String duty;

    Desk(TestServer server) {
      this.server = server;
      this.api = new Api(server);
      this.duty = api.signIn("duty", "duty-demo-pass");
    }

    String opened(JsonObject body) {
      return ok(officer(server.client.post("/api/v1/cases")).sendJsonObject(body).await(), 201).getString("id");
    }

    JsonObject act(String id, String action, JsonObject body) {
      return ok(officer(server.client.post("/api/v1/cases/" + id + "/" + action)).sendJsonObject(body).await(), 200);
    }

    JsonObject task(String token, String id, String action, JsonObject body) {
      return ok(server.client.post("/api/v1/tasks/" + id + "/" + action).putHeader("Authorization", "Bearer " + token)
          .sendJsonObject(body).await(), 200);
    }

    private HttpRequest<Buffer> officer(HttpRequest<Buffer> request) {
      return request.putHeader("Cookie", duty).putHeader("Origin", api.origin());
    }

    static JsonObject ok(HttpResponse<Buffer> response, int status) {
      assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
      return response.bodyAsJsonObject();
    }
  }
}
