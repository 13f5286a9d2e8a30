package io.watchfloor.cases;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.watchfloor.Api;
import io.watchfloor.MutableClock;
import io.watchfloor.PgTest;
import io.watchfloor.TestTown;
import io.watchfloor.bus.Addresses;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.watchfloor.cases.CaseDesk.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * The closed loop over HTTP on PostgreSQL (docs/api.md, cases): a case opened from an alert and one by hand,
 * dispatched, signed for, reported back with photos, sent back for rework, reported again and closed; the
 * trail tells it all, the photos come back byte for byte, and every change is published for the live pictures.
 */
@PgTest
class CaseApiTest {
  static final Instant NOON = Instant.parse("2026-12-07T04:00:00Z");
  static final Duration PATIENCE = Duration.ofSeconds(30);

  static JsonObject escalated(Instant now, String site) {
    return new JsonObject().put("id", UUID.randomUUID().toString()).put("site", site)
        .put("observedAt", OffsetDateTime.ofInstant(now, ZoneOffset.ofHours(8)).toString())
        .put("metrics", new JsonObject().put("escalated_petitions", 1));
  }

  @Test
  void aCaseGoesRoundTheWholeLoopAndItsTrailAndPhotosTellIt() {
    MutableClock clock = new MutableClock(NOON);
    CaseDesk desk = CaseDesk.postgres("wf_test_case_api", clock);
    try (desk.server) {
      List<JsonObject> published = new CopyOnWriteArrayList<>();
      desk.server.vertx.eventBus().<JsonObject>consumer(Addresses.CASES_CHANGED, m -> published.add(m.body()));
      String duty = desk.signIn(CaseDesk.DISTRICT);

      UUID id = UUID.randomUUID();
      JsonObject bin = CaseDesk.bin().put("id", id.toString());
      JsonObject opened = desk.opened(duty, bin);
      assertThat(opened.getString("id")).isEqualTo(id.toString());
      assertThat(opened.getString("state")).isEqualTo("new");
      assertThat(opened.getString("area")).as("the site's area").isEqualTo("jinpen");
      assertThat(opened.getString("source")).isEqualTo("officer");
      assertThat(opened.getString("openedBy")).isEqualTo("operator:duty");
      assertThat(opened.getJsonArray("allowed").getList()).contains("dispatch", "park", "cancel", "supervise");
      JsonObject again = ok(desk.open(duty, bin), 200);
      assertThat(again).as("the same opening sent again is the stored case").isEqualTo(opened);
      assertThat(desk.open(duty, bin.copy().put("title", "另一件事")).statusCode()).as("same id, other case").isEqualTo(409);

      JsonObject dispatched = ok(desk.act(duty, id.toString(), "dispatch",
          new JsonObject().put("unit", "demo-sanitation").put("note", "请当天清运")), 200);
      assertThat(dispatched.getString("state")).isEqualTo("dispatched");
      assertThat(dispatched.getString("unit")).isEqualTo("demo-sanitation");
      assertThat(dispatched.getString("stage")).isEqualTo("sign");
      assertThat(dispatched.getString("dueAt")).isNotNull();
      assertThat(desk.tasks(TestTown.SANITATION).stream().map(t -> ((JsonObject) t).getString("id")))
          .containsExactly(id.toString());
      assertThat(desk.tasks(TestTown.PETITIONS)).as("another unit's task list").isEmpty();

      clock.advance(Duration.ofMinutes(10));
      JsonObject accepted = ok(desk.task(TestTown.SANITATION, id.toString(), "accept", new JsonObject()), 200);
      assertThat(accepted.getString("state")).isEqualTo("handling");
      assertThat(accepted.getString("stage")).isEqualTo("handle");

      Buffer first = CaseDesk.jpeg(300_000, 1);
      Buffer second = CaseDesk.png(120_000, 2);
      clock.advance(Duration.ofHours(2));
      // the unit lets locations go: the first photo has one, the second (a screenshot) none
      JsonObject reported = ok(CaseDesk.multipart(desk.unit(desk.server.client.post("/api/v1/tasks/" + id + "/report"),
          TestTown.SANITATION), CaseDesk.located("已清运，现场照片两张", List.of(first, second),
          List.of("31.2304", ""), List.of("121.4737", ""))).await(), 200);
      assertThat(reported.getString("state")).isEqualTo("reported");
      assertThat(reported.getString("reportedBy")).isEqualTo("unit:demo-sanitation");

      JsonObject rework = ok(desk.act(duty, id.toString(), "verify",
          new JsonObject().put("passed", false).put("note", "周边还有散落垃圾")), 200);
      assertThat(rework.getString("state")).isEqualTo("handling");
      assertThat(rework.getInteger("reworks")).isEqualTo(1);

      Buffer third = CaseDesk.webp(50_000, 3);
      clock.advance(Duration.ofHours(1));
      ok(desk.report(TestTown.SANITATION, id.toString(), "散落垃圾已清理", List.of(third)), 200);
      JsonObject closed = ok(desk.act(duty, id.toString(), "verify",
          new JsonObject().put("passed", true).put("note", "核查通过")), 200);
      assertThat(closed.getString("state")).isEqualTo("closed");
      assertThat(closed.getString("closedAt")).isNotNull();
      assertThat(closed.getString("stage")).isNull();
      assertThat(closed.getJsonArray("allowed")).isEmpty();
      assertThat(desk.tasks(TestTown.SANITATION)).as("a closed case is no task").isEmpty();

      JsonObject detail = desk.detail(duty, id.toString());
      assertThat(detail.getJsonObject("case")).isEqualTo(closed);
      assertThat(desk.trail(duty, id.toString()))
          .containsExactly("open", "dispatch", "accept", "report", "verify", "report", "verify");
      JsonObject dispatchLine = detail.getJsonArray("trail").getJsonObject(1);
      assertThat(dispatchLine.getString("by")).isEqualTo("operator:duty");
      assertThat(dispatchLine.getString("from")).isEqualTo("new");
      assertThat(dispatchLine.getString("to")).isEqualTo("dispatched");
      assertThat(dispatchLine.getString("note")).isEqualTo("请当天清运");
      assertThat(dispatchLine.getJsonObject("detail").getString("unit")).isEqualTo("demo-sanitation");
      assertThat(detail.getJsonArray("trail").getJsonObject(4).getJsonObject("detail").getBoolean("passed")).isFalse();

      JsonArray photos = detail.getJsonArray("photos");
      assertThat(photos).hasSize(3);
      assertThat(photos.stream().map(p -> ((JsonObject) p).getInteger("seq"))).containsExactly(4, 4, 6);
      List<Buffer> sent = List.of(first, second, third);
      List<String> types = List.of("image/jpeg", "image/png", "image/webp");
      assertThat(photos.getJsonObject(0).getDouble("lat")).as("where the first was taken").isEqualTo(31.2304);
      assertThat(photos.getJsonObject(0).getDouble("lon")).isEqualTo(121.4737);
      for (int i = 1; i < 3; i++) {
        assertThat(photos.getJsonObject(i).fieldNames()).as("no location sent, none shown").doesNotContain("lat", "lon");
      }
      for (int i = 0; i < 3; i++) {
        JsonObject photo = photos.getJsonObject(i);
        assertThat(photo.getString("mediaType")).isEqualTo(types.get(i));
        HttpResponse<Buffer> bytes = desk.get(duty, photo.getString("url"));
        assertThat(bytes.statusCode()).isEqualTo(200);
        assertThat(bytes.getHeader("Content-Type")).isEqualTo(types.get(i));
        assertThat(bytes.getHeader("Cache-Control")).isEqualTo("private");
        assertThat(bytes.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(bytes.body()).as("photo " + i + " byte for byte").isEqualTo(sent.get(i));
      }
      JsonObject unitDetail = ok(desk.unit(desk.server.client.get("/api/v1/tasks/" + id), TestTown.SANITATION).send().await(), 200);
      String unitUrl = unitDetail.getJsonArray("photos").getJsonObject(0).getString("url");
      assertThat(unitDetail.getJsonArray("photos")).isEqualTo(photos.stream().map(p -> {
        JsonObject copy = ((JsonObject) p).copy();
        return copy.put("url", copy.getString("url").replace("/api/v1/cases/", "/api/v1/tasks/"));
      }).collect(JsonArray::new, JsonArray::add, JsonArray::addAll));
      assertThat(unitUrl).startsWith("/api/v1/tasks/" + id + "/photos/");
      assertThat(desk.unit(desk.server.client.get(unitUrl), TestTown.SANITATION).send().await().body()).isEqualTo(first);

      await("every change published").atMost(PATIENCE).until(() -> published.stream()
          .filter(c -> c.getString("id").equals(id.toString())).count() == 7);
      assertThat(published.get(published.size() - 1)).isEqualTo(closed);
    }
  }

  @Test
  void aCaseOpenedFromAnAlertIsLinkedToItAndItsAlertOpensNoSecond() {
    MutableClock clock = new MutableClock(NOON);
    CaseDesk desk = CaseDesk.postgres("wf_test_case_alert", clock);
    try (desk.server) {
      String duty = desk.signIn(CaseDesk.DISTRICT);
      assertThat(new Api(desk.server).postReport(TestTown.PETITIONS, escalated(NOON, "pd-jinpen")).statusCode()).isEqualTo(201);
      String alert = await("the escalated petition's alert").atMost(PATIENCE).until(() -> desk.get(duty, "/api/v1/alerts")
              .bodyAsJsonObject().getJsonArray("alerts").stream().map(JsonObject.class::cast).findFirst(), Optional::isPresent)
          .orElseThrow().getString("id");
      JsonObject fromAlert = new JsonObject().put("title", "越级访").put("category", "petition").put("urgency", "urgent")
          .put("alert", alert).put("description", "金盆村村民越级上访，请村里做好劝返");
      JsonObject opened = desk.opened(duty, fromAlert);
      assertThat(opened.getString("source")).isEqualTo("alert");
      assertThat(opened.getString("alert")).isEqualTo(alert);
      assertThat(opened.getString("site")).as("the alert's site").isEqualTo("pd-jinpen");
      assertThat(opened.getString("area")).isEqualTo("jinpen");

      HttpResponse<Buffer> second = desk.open(duty, fromAlert.copy().put("title", "越级访（重复）"));
      assertThat(second.statusCode()).isEqualTo(409);
      assertThat(second.bodyAsJsonObject().getString("case")).as("names the open case").isEqualTo(opened.getString("id"));

      String id = opened.getString("id");
      ok(desk.act(duty, id, "dispatch", new JsonObject().put("unit", "demo-petitions")), 200);
      JsonObject handedBack = ok(desk.task(TestTown.PETITIONS, id, "return", new JsonObject().put("reason", "不属本村管辖")), 200);
      assertThat(handedBack.getString("state")).isEqualTo("new");
      assertThat(handedBack.getString("unit")).isNull();
      assertThat(handedBack.getInteger("returns")).isEqualTo(1);
      JsonObject cancelled = ok(desk.act(duty, id, "cancel", new JsonObject().put("note", "已由信访局直接处理")), 200);
      assertThat(cancelled.getString("state")).isEqualTo("cancelled");
      String again = desk.opened(duty, fromAlert).getString("id");
      assertThat(again).as("a cancelled case frees its alert").isNotEqualTo(id);
      assertThat(desk.trail(duty, id)).containsExactly("open", "dispatch", "return", "cancel");

      // the alert follows its case: acknowledged when the case was opened, resolved when the case is closed
      JsonObject acknowledged = alert(desk, duty, alert);
      assertThat(acknowledged.getString("state")).as("the case's deadlines run now, not the alert's escalation")
          .isEqualTo("acknowledged");
      assertThat(acknowledged.encode()).contains("已转事件：越级访");
      ok(desk.act(duty, again, "dispatch", new JsonObject().put("unit", "demo-petitions")), 200);
      ok(desk.task(TestTown.PETITIONS, again, "accept", new JsonObject()), 200);
      ok(desk.task(TestTown.PETITIONS, again, "report", new JsonObject().put("note", "已劝返，当事人已回村")), 200);
      assertThat(alert(desk, duty, alert).getString("state")).as("open while its case is").isEqualTo("acknowledged");
      ok(desk.act(duty, again, "verify", new JsonObject().put("passed", true).put("note", "电话回访属实")), 200);
      await("the alert resolved with its case").atMost(PATIENCE)
          .until(() -> "resolved".equals(alert(desk, duty, alert).getString("state")));
      assertThat(alert(desk, duty, alert).encode()).contains("事件已核查结案：电话回访属实");
    }
  }

  private static JsonObject alert(CaseDesk desk, String cookie, String id) {
    return ok(desk.get(cookie, "/api/v1/alerts/" + id), 200).getJsonObject("alert");
  }

  @Test
  void theFiguresOfAPeriodRollUpTheTreeAndCountEachUnit() {
    MutableClock clock = new MutableClock(NOON);
    CaseDesk desk = CaseDesk.postgres("wf_test_case_stats", clock);
    try (desk.server) {
      String duty = desk.signIn(CaseDesk.DISTRICT);
      String jinpen = desk.opened(duty, CaseDesk.bin()).getString("id");
      desk.opened(duty, CaseDesk.bin().put("site", "sn-liangting"));
      desk.opened(duty, CaseDesk.bin().put("site", "sn-hekou"));
      ok(desk.act(duty, jinpen, "dispatch", new JsonObject().put("unit", "demo-sanitation")), 200);
      ok(desk.task(TestTown.SANITATION, jinpen, "accept", new JsonObject()), 200);
      ok(desk.report(TestTown.SANITATION, jinpen, "已清运", List.of()), 200);
      ok(desk.act(duty, jinpen, "verify", new JsonObject().put("passed", true).put("note", "核查通过")), 200);

      JsonObject byArea = ok(desk.get(duty, "/api/v1/cases/stats?from=2026-12-07&to=2026-12-07&by=area"), 200);
      assertThat(byArea.getString("scope")).isEqualTo("changling");
      assertThat(byArea.getString("from")).as("the day in the jurisdiction's zone").isEqualTo("2026-12-06T16:00:00Z");
      assertThat(byArea.getString("to")).isEqualTo("2026-12-07T16:00:00Z");
      JsonObject figures = byArea.getJsonObject("figures");
      assertThat(figures.getJsonObject("changling").getLong("opened")).isEqualTo(3);
      assertThat(figures.getJsonObject("xudong").getLong("opened")).isEqualTo(2);
      assertThat(figures.getJsonObject("shiqiao").getLong("opened")).isEqualTo(1);
      assertThat(figures.getJsonObject("jinpen").getLong("closed")).isEqualTo(1);
      assertThat(figures.getJsonObject("changling").getDouble("closedRate")).isCloseTo(1.0 / 3, within(1e-9));
      assertThat(figures.getJsonObject("changling").getLong("openNow")).isEqualTo(2);
      assertThat(byArea.getJsonObject("total")).isEqualTo(figures.getJsonObject("changling"));
      for (String parent : List.of("changling", "xudong", "chengguan", "shiqiao")) {
        long children = TestTown.CATALOGUE.children(parent).stream()
            .mapToLong(a -> figures.getJsonObject(a.id()).getLong("opened")).sum();
        assertThat(figures.getJsonObject(parent).getLong("opened")).as(parent + " is the sum of its children")
            .isEqualTo(children);
      }

      JsonObject byUnit = ok(desk.get(duty, "/api/v1/cases/stats?from=2026-12-07&to=2026-12-07&by=unit"), 200);
      assertThat(byUnit.getJsonObject("figures").fieldNames()).containsExactly("demo-sanitation");
      assertThat(byUnit.getJsonObject("figures").getJsonObject("demo-sanitation").getLong("closedOnTime")).isEqualTo(1);
      assertThat(byUnit.getJsonObject("total").getLong("opened")).isEqualTo(3);

      String xudong = desk.signIn(CaseDesk.XUDONG);
      JsonObject town = ok(desk.get(xudong, "/api/v1/cases/stats?from=2026-12-07&to=2026-12-07"), 200);
      assertThat(town.getJsonObject("figures").fieldNames()).contains("xudong", "jinpen").doesNotContain("shiqiao", "changling");
      assertThat(town.getJsonObject("total").getLong("opened")).isEqualTo(2);
      assertThat(desk.get(xudong, "/api/v1/cases/stats?from=2026-12-07&to=2026-12-07&scope=shiqiao").statusCode())
          .isEqualTo(403);
      JsonObject before = ok(desk.get(duty, "/api/v1/cases/stats?from=2026-12-01&to=2026-12-06"), 200);
      assertThat(before.getJsonObject("total").getLong("opened")).as("nothing opened before the 7th").isZero();
    }
  }
}
