package io.watchfloor.screen;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.watchfloor.BrowserTest;
import io.watchfloor.DocImages;
import io.watchfloor.Api;
import io.watchfloor.MutableClock;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The duty console (/console) in Debian's headless Chromium against a whole server in this JVM: an
 * officer signs in, sees alerts arrive without a reload, acknowledges and resolves them while the
 * wall screen's ticker follows, filters the queue, is told who acted first on a 409, reads the shift
 * handover, and arms the sound, whose self-test and tones are counted since nobody can hear them.
 */
@BrowserTest
class ConsoleTest {
  private static Chromium browser;

  @BeforeAll
  static void launch() {
    browser = Chromium.launch(1920, 1080, 1, WallScreenTest.OFFLINE);
  }

  @AfterAll
  static void quit() {
    if (browser != null) {
      browser.close();
    }
  }

  static TestServer server(MutableClock clock, JsonObject alerts) {
    return TestServer.start(new JsonObject().put("alerts", alerts).put("ingest", new JsonObject()
        .put("rate-limit", new JsonObject().put("per-second", 10000).put("burst", 10000))), clock);
  }

  /** Posts one report for `site` observed now by the server's clock, as the unit responsible for it. */
  static void report(TestServer server, String site, JsonObject metrics) {
    String token = site.startsWith("pd-") ? TestTown.PETITIONS : site.startsWith("cp-") ? TestTown.CHECKPOINTS : TestTown.SANITATION;
    String at = OffsetDateTime.ofInstant(server.clock.instant(), ZoneOffset.ofHours(8)).toString();
    HttpResponse<Buffer> response = new Api(server).postReport(token, TestTown.body(UUID.randomUUID(), site, at, metrics));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
  }

  /** Three open alerts for the console's queue: an escalated and a group petition (critical), a low score (warning). */
  static void threeAlerts(TestServer server) {
    report(server, "pd-jinpen", new JsonObject().put("escalated_petitions", 1));
    report(server, "pd-liangting", new JsonObject().put("group_petitions", 1));
    report(server, "sn-tianjing", new JsonObject().put("score", 48));
  }

  static HttpResponse<Buffer> act(TestServer server, String cookie, String alertId, String action, String note) {
    return server.client.post("/api/v1/alerts/" + alertId + "/" + action).putHeader("Cookie", cookie)
        .putHeader("Origin", new Api(server).origin()).sendJsonObject(new JsonObject().put("note", note)).await();
  }

  static ConsolePage signedIn(TestServer server, String query) {
    ConsolePage page = new ConsolePage(browser, ScreenPage.origin(server.port));
    browser.driver.manage().deleteAllCookies();
    page.open(query);
    page.signIn("duty", "duty-demo-pass");
    page.awaitLive();
    return page;
  }

  @Test
  void anOfficerSeesAnAlertArriveAcknowledgesAndResolvesItAndTheWallScreenFollows() {
    try (TestServer server = server(MutableClock.onDuty(), new JsonObject());
         Chromium wallBrowser = Chromium.launch(1920, 1080, 1, WallScreenTest.OFFLINE)) {
      ScreenPage wall = new ScreenPage(wallBrowser, ScreenPage.origin(server.port));
      // 许东镇's own wall: its ticker shows every alert of the town (the district's shows only those escalated to it)
      wall.open("?key=demo-display-key-xudong");
      wall.awaitLive();

      ConsolePage page = new ConsolePage(browser, ScreenPage.origin(server.port));
      browser.driver.manage().deleteAllCookies();
      browser.consoleErrors();
      page.open("");
      assertThat(Chromium.await(Duration.ofSeconds(30), () -> page.visible("login"))).isTrue();
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.text(".login-title")).contains("值班员登录"));
      page.signIn("duty", "wrong-password");
      assertThat(Chromium.await(Duration.ofSeconds(30), () -> "用户名或密码错误".equals(page.text("#login-error")))).isTrue();
      page.signIn("duty", "duty-demo-pass");
      page.awaitLive();
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.text("#title")).as("the district officer's desk").isEqualTo("长岭区 值班台"));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.text("#user")).contains("值班员"));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.text("#badge")).isEqualTo("实时"));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.text("#queue-empty")).isEqualTo("当前无未处置告警"));
      browser.js("window.__sameDocument = 'yes';");

      report(server, "pd-jinpen", new JsonObject().put("escalated_petitions", 1));
      assertThat(page.awaitRows(1)).as("the alert arrives without a reload").isTrue();
      Map<String, String> row = page.rows().get(0);
      assertThat(row).containsEntry("severity", "critical").containsEntry("state", "open").containsEntry("kind", "any");
      assertThat(row.get("text")).contains("严重").contains("待签收").contains("越级访").contains("金盆村信访工作站");
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(browser.js("return window.__sameDocument")).isEqualTo("yes"));
      String id = row.get("id");
      assertThat(Chromium.await(Duration.ofSeconds(15), () -> wall.tickerItems().size() == 1)).isTrue();
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(wall.tickerItems().get(0)).contains("越级访").contains("金盆村信访工作站"));

      page.clickRow(id, null);
      assertThat(Chromium.await(Duration.ofSeconds(15), () -> "open".equals(page.detailState()))).isTrue();
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.text("#detail .detail-title")).isEqualTo("越级访"));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.field("where")).isEqualTo("金盆村信访工作站"));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.historyActions()).containsExactly("fired"));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.text("#detail table.reports")).as("the site's recent reports").contains("越级访 1"));

      page.click("#detail button[data-act='ack']");
      page.confirm("已电话联系村信访专干");
      assertThat(Chromium.await(Duration.ofSeconds(15), () -> "acknowledged".equals(page.detailState()))).isTrue();
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.field("acknowledged")).contains("duty").contains("已电话联系村信访专干"));
      assertThat(Chromium.await(Duration.ofSeconds(15), () -> "acknowledged".equals(page.rows().get(0).get("state")))).isTrue();
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.text("#toasts")).contains("已签收"));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(wall.tickerItems()).hasSize(1));

      page.click("#detail button[data-act='resolve']");
      page.confirm("");
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.text("#act-error")).isEqualTo("处置告警须填写处置情况"));
      page.confirm("当事人已劝返，情况已上报街道");
      assertThat(Chromium.await(Duration.ofSeconds(15), () -> "resolved".equals(page.detailState()))).isTrue();
      assertThat(page.awaitRows(0)).as("a resolved alert leaves the queue").isTrue();
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.field("resolved")).contains("duty").contains("当事人已劝返，情况已上报街道"));
      assertThat(Chromium.await(Duration.ofSeconds(15), () -> page.historyActions().size() == 3)).isTrue();
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.historyActions()).containsExactly("fired", "acknowledged", "resolved"));
      assertThat(Chromium.await(Duration.ofSeconds(15), () -> wall.tickerItems().isEmpty())).as("the wall's ticker drops it").isTrue();

      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.foreignRequests()).as("requests that left the server's origin").isEmpty());
      assertThat(page.unexpectedConsoleErrors()).as("console errors").isEmpty();
      assertThat(wallBrowser.consoleErrors()).isEmpty();
    }
  }

  @Test
  void filtersNarrowTheQueueAndAColleagueWhoActedFirstIsNamed() {
    MutableClock clock = MutableClock.onDuty();
    try (TestServer server = server(clock, new JsonObject())) {
      ConsolePage page = signedIn(server, "");
      browser.consoleErrors();
      // one a minute by the server's clock, each in the queue before the clock moves on
      List<Map.Entry<String, JsonObject>> reports = List.of(
          Map.entry("pd-jinpen", new JsonObject().put("escalated_petitions", 1)),
          Map.entry("sn-tianjing", new JsonObject().put("score", 52)),
          Map.entry("pd-liangting", new JsonObject().put("group_petitions", 1).put("petitions_visit", 6)),
          Map.entry("cp-xudong-road", new JsonObject().put("persons_checked", 80).put("persons_turned_back", 60)));
      for (int i = 0; i < reports.size(); i++) {
        report(server, reports.get(i).getKey(), reports.get(i).getValue());
        assertThat(page.awaitRows(i + 1)).isTrue();
        clock.advance(Duration.ofMinutes(1));
      }
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.rows()).extracting(r -> r.get("text").split("\t")[2].strip())
          .as("most severe first, newest first within a severity")
          .containsExactly("集体访", "越级访", "1小时劝返人员超过50人", "环境卫生得分低于60分"));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.text("#queue-count")).isEqualTo("显示 4 / 共 4 条未处置"));

      page.filter("severity", "warning");
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.rows()).extracting(r -> r.get("severity")).containsExactly("warning", "warning"));
      page.filter("severity", "");
      page.filter("kind", "any");
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.rows()).extracting(r -> r.get("kind")).containsExactly("any", "any"));
      page.filter("kind", "threshold");
      page.filter("area", "tianjing");
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.rows()).singleElement().satisfies(r -> assertThat(r.get("text")).contains("天井村")));
      page.filter("kind", "spike");
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.rows()).isEmpty());
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.text("#queue-empty")).isEqualTo("没有符合筛选条件的告警"));
      page.click("#f-reset");
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.rows()).hasSize(4));

      String admin = new Api(server).signIn("admin", "admin-demo-pass");
      Map<String, String> score = page.rows().get(3);
      assertThat(act(server, admin, score.get("id"), "ack", "已通知环卫组复查").statusCode()).isEqualTo(200);
      page.filter("state", "acknowledged");
      assertThat(Chromium.await(Duration.ofSeconds(15), () -> page.rows().size() == 1)).isTrue();
      page.filter("state", "");
      String escalated = page.rows().get(1).get("id");
      page.clickRow(escalated, null);
      assertThat(Chromium.await(Duration.ofSeconds(15), () -> "open".equals(page.detailState())
          && page.text("#detail table.reports") != null)).isTrue();
      ScreenPage.settle(300);
      browser.screenshot(WallScreenTest.SHOTS.resolve("console-1920x1080.png"));
      DocImages.keep(WallScreenTest.SHOTS.resolve("console-1920x1080.png"), "console.png");

      String group = page.rows().get(0).get("id");
      page.clickRow(group, "resolve");
      assertThat(Chromium.await(Duration.ofSeconds(15), page::dialogOpen)).isTrue();
      assertThat(act(server, admin, group, "resolve", "已由镇领导现场接访").statusCode()).isEqualTo(200);
      assertThat(Chromium.await(Duration.ofSeconds(15), () -> page.rows().size() == 3))
          .as("the colleague's resolution reaches the queue").isTrue();
      page.confirm("已安排人员接访");
      assertThat(Chromium.await(Duration.ofSeconds(15), () -> page.text("#act-error") != null
          && page.text("#act-error").contains("已被 admin 处理"))).as("the 409 names who acted first").isTrue();
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.text("#act-error")).isEqualTo("已被 admin 处理（已处置），列表已刷新。"));
      browser.screenshot(WallScreenTest.SHOTS.resolve("console-conflict.png"));
      page.click("#act-cancel");
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.dialogOpen()).isFalse());
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.rows()).extracting(r -> r.get("id")).doesNotContain(group));
      assertThat(page.unexpectedConsoleErrors()).as("console errors besides the handled 409").isEmpty();

      page.open("?lang=en");
      page.awaitLive();
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.text("#title")).isEqualTo("Changling District Duty console"));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.text("#badge")).isEqualTo("LIVE"));
      assertThat(page.awaitRows(3)).isTrue();
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.rows().get(0).get("text")).contains("CRITICAL").contains("Escalated petition"));
      browser.screenshot(WallScreenTest.SHOTS.resolve("console-en-1920x1080.png"));
    }
  }

  @Test
  void theHandoverListsTheShiftsEventsAndWhatRemainsOpen() {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-20T23:50:00Z")); // 07:50 in Shanghai
    try (TestServer server = server(clock, new JsonObject().put("escalate-critical-after", "PT24H"))) {
      String duty = new Api(server).signIn("duty", "duty-demo-pass");
      report(server, "pd-jizhen", new JsonObject().put("escalated_petitions", 1));
      String night = awaitAlert(server, duty, "pd-jizhen");
      clock.set(Instant.parse("2026-11-21T01:00:00Z")); // 09:00, the day shift
      assertThat(act(server, duty, night, "ack", "夜班已派人跟进").statusCode()).isEqualTo(200);
      report(server, "pd-liangting", new JsonObject().put("group_petitions", 1));
      String group = awaitAlert(server, duty, "pd-liangting");
      clock.set(Instant.parse("2026-11-21T01:30:00Z"));
      assertThat(act(server, duty, group, "resolve", "群众诉求已受理，人员已散").statusCode()).isEqualTo(200);
      clock.set(Instant.parse("2026-11-21T02:00:00Z"));
      report(server, "sn-tianjing", new JsonObject().put("score", 48));
      String score = awaitAlert(server, duty, "sn-tianjing");
      clock.set(Instant.parse("2026-11-21T03:30:00Z")); // 11:30

      ConsolePage page = signedIn(server, "");
      browser.consoleErrors();
      page.click(".tab[data-view='handover']");
      assertThat(Chromium.await(Duration.ofSeconds(30), () -> page.text("#handover [data-section='open']") != null)).isTrue();
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat((String) browser.js("return document.getElementById('h-date').value")).isEqualTo("2026-11-21"));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat((String) browser.js("return document.getElementById('h-shift').value")).isEqualTo("day"));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat((String) browser.js("return document.getElementById('handover').dataset.from")).isEqualTo("2026-11-21T08:00:00+08:00"));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.text("#handover .handover-summary")).isEqualTo("新增 2 条 · 签收 1 次 · 处置 1 次 · 升级 0 次 · 仍未处置 2 条"));
      assertThat(sectionRows("in")).containsExactly(group + " fired", score + " fired");
      assertThat(sectionRows("done")).containsExactly(night + " acknowledged", group + " resolved");
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.text("#handover [data-section='done']")).contains("夜班已派人跟进").contains("群众诉求已受理，人员已散")
          .contains("duty").contains("集体访 · 凉亭村信访工作站"));
      assertThat(sectionRows("open")).containsExactly(night + " acknowledged", score + " open");
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.text("#handover [data-section='open']")).contains("越级访").contains("环境卫生得分低于60分"));
      ScreenPage.settle(300);
      browser.screenshot(WallScreenTest.SHOTS.resolve("console-handover.png"));
      browser.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
      browser.screenshot(WallScreenTest.SHOTS.resolve("console-handover-print.png"));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat((String) browser.js("return getComputedStyle(document.querySelector('.bar')).display")).isEqualTo("none"));
      browser.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));

      browser.js("const s = document.getElementById('h-shift'); s.value = 'night'; s.dispatchEvent(new Event('change'));");
      assertThat(Chromium.await(Duration.ofSeconds(15), () -> "2026-11-21T20:00:00+08:00".equals(
          browser.js("return document.getElementById('handover').dataset.from")))).isTrue();
      browser.js("const d = document.getElementById('h-date'); d.value = '2026-11-20'; d.dispatchEvent(new Event('change'));");
      assertThat(Chromium.await(Duration.ofSeconds(15), () -> "2026-11-21T08:00:00+08:00".equals(
          browser.js("return document.getElementById('handover').dataset.to")))).isTrue();
      assertThat(sectionRows("in")).as("the night before: the petition at 07:50").containsExactly(night + " fired");
      assertThat(sectionRows("done")).isEmpty();
      assertThat(page.unexpectedConsoleErrors()).isEmpty();
    }
  }

  @SuppressWarnings("unchecked")
  private static List<String> sectionRows(String section) {
    return (List<String>) browser.js("return [...document.querySelectorAll(\"#handover [data-section='\" + arguments[0] + \"'] tbody tr\")]"
        + ".map(r => r.dataset.alert + ' ' + r.dataset.action);", section);
  }

  private static String awaitAlert(TestServer server, String cookie, String subject) {
    return await("an alert on " + subject).atMost(Duration.ofSeconds(30)).until(() -> {
      HttpResponse<Buffer> response = server.client.get("/api/v1/alerts").putHeader("Cookie", cookie).send().await();
      return response.bodyAsJsonObject().getJsonArray("alerts").stream().map(JsonObject.class::cast)
          .filter(a -> subject.equals(a.getString("subject"))).map(a -> a.getString("id")).findFirst();
    }, Optional::isPresent).orElseThrow();
  }


  @Test
  void armingTheSoundSetsTheBadgeTheSelfTestRunsAndEscalationSoundsAgain() {
    MutableClock clock = MutableClock.onDuty();
    try (TestServer server = server(clock, new JsonObject().put("escalate-critical-after", "PT5M").put("escalation-check-seconds", 1))) {
      browser.driver.executeCdpCommand("Browser.grantPermissions",
          Map.of("origin", ScreenPage.origin(server.port), "permissions", List.of("notifications")));
      ConsolePage page = signedIn(server, "?selftest=2s");
      browser.consoleErrors();
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.find("#sound").getDomAttribute("data-state")).isEqualTo("off"));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.text("#sound")).contains("声音未启用"));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.text("#selftest")).isEqualTo("尚未自检"));

      page.click("#sound");
      assertThat(Chromium.await(Duration.ofSeconds(15), () -> "armed".equals(page.find("#sound").getDomAttribute("data-state"))))
          .as("one click arms the sound").isTrue();
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.text("#sound")).contains("声音已启用"));
      assertThat(Chromium.await(Duration.ofSeconds(30), () -> page.sound("selftests").intValue() >= 3))
          .as("a self-test every 2 s").isTrue();
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.find("#selftest").getDomAttribute("data-count")).isNotEqualTo("0"));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.text("#selftest")).matches("自检 \\d\\d:\\d\\d:\\d\\d"));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.sound("played.selftest").intValue()).isGreaterThanOrEqualTo(3));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.text("#notify-state")).isEqualTo("桌面通知：开"));

      report(server, "pd-jinpen", new JsonObject().put("escalated_petitions", 1));
      assertThat(Chromium.await(Duration.ofSeconds(15), () -> page.sound("played.critical").intValue() == 1)).isTrue();
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.sound("notified").intValue()).isEqualTo(1));
      report(server, "sn-tianjing", new JsonObject().put("score", 40));
      assertThat(Chromium.await(Duration.ofSeconds(15), () -> page.sound("played.warning").intValue() == 1)).isTrue();
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.find("#sound").getDomAttribute("data-last-tone")).isEqualTo("warning"));

      clock.advance(Duration.ofMinutes(6));
      assertThat(Chromium.await(Duration.ofSeconds(30), () -> page.sound("played.critical").intValue() == 2))
          .as("an escalated alert sounds again").isTrue();
      assertThat(Chromium.await(Duration.ofSeconds(15), () -> page.rows().get(0).get("text").contains("上报 · 许东镇")))
          .as("the district's queue marks it escalated here from 许东镇").isTrue();
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.sound("played.warning").intValue()).isEqualTo(1));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.find("#sound").getDomAttribute("data-state")).isEqualTo("armed"));
      browser.screenshot(WallScreenTest.SHOTS.resolve("console-sound-armed.png"));
      assertThat(page.unexpectedConsoleErrors()).isEmpty();
    }
  }
}
