package io.watchfloor.screen;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.watchfloor.BrowserTest;
import io.watchfloor.DocImages;
import io.watchfloor.bus.Addresses;
import io.watchfloor.Api;
import io.watchfloor.MutableClock;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;
import io.watchfloor.live.LiveMessages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A town's wall screen (许东镇, by its own display key or by {@code scope=xudong}) in Debian's headless
 * Chromium against a whole server in this JVM: every panel renders from the live feed with no console
 * error and nothing fetched from elsewhere, the numbers follow posted reports, the screen survives a
 * server restart without a reload, and a wrong key or a scope outside the key's says so on the screen.
 * Screenshots go to target/screenshots/ for a person to look at. The district's screen: DistrictScreenTest.
 */
@BrowserTest
class WallScreenTest {
  /** 许东镇's own wall: its scope is the town, so the screen is the town's layout. */
  static final String TOWN_KEY = "demo-display-key-xudong";
  static final Path SHOTS = Path.of("target", "screenshots");
  /** Any host name the page might try resolves to nothing, so a stray request fails loudly. */
  static final String OFFLINE = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1";

  private static Chromium browser;

  @BeforeAll
  static void launch() {
    browser = Chromium.launch(1920, 1080, 1, OFFLINE);
  }

  @AfterAll
  static void quit() {
    if (browser != null) {
      browser.close();
    }
  }

  static TestServer demo() {
    return TestServer.start(new JsonObject().put("demo", new JsonObject().put("enabled", true).put("tick-ms", 100)),
        MutableClock.onDuty());
  }

  static TestServer quiet(int port) {
    return TestServer.start(new JsonObject().put("ingest", new JsonObject()
        .put("rate-limit", new JsonObject().put("per-second", 10000).put("burst", 10000))), MutableClock.onDuty(), port);
  }

  /** Now by {@link MutableClock#onDuty()}: before the day's deadlines, whatever the hour of the run. */
  static OffsetDateTime now() {
    return MutableClock.onDutyInstant().toOffsetDateTime();
  }

  /**
   * An alert frame as the live verticle publishes them, for the sockets whose scope holds its area; the
   * screen shows alerts generically.
   */
  static void publishAlert(TestServer server, JsonObject alert) {
    String suffix = ",\"at\":\"" + server.clock.instant() + "\",\"alert\":" + alert.encode() + "}";
    Buffer bytes = Buffer.buffer(suffix.getBytes(StandardCharsets.UTF_8));
    server.vertx.eventBus().publish(Addresses.LIVE_ALERT, new LiveMessages.AlertFrame(alert.getString("area"), bytes, bytes));
  }

  @Test
  void everyPanelRendersWithNoConsoleErrorAndNoRequestLeavesTheServer() {
    try (TestServer server = demo()) {
      ScreenPage page = new ScreenPage(browser, ScreenPage.origin(server.port));
      browser.consoleErrors();
      page.open("?key=" + TOWN_KEY);
      page.awaitLive();
      assertThat(Chromium.await(Duration.ofSeconds(15), () -> page.kpi("vehicles") > 0 && page.kpi("score") != null))
          .as("the demo moves the screen within seconds").isTrue();

      String panelsScript = """
          const count = (sel) => document.querySelectorAll(sel).length;
          const canvases = [...document.querySelectorAll('[data-chart] canvas')];
          return {
            charts: document.querySelectorAll('[data-chart]').length,
            drawnCharts: new Set(canvases.filter(c => c.width > 100 && c.height > 100).map(c => c.closest('[data-chart]'))).size,
            kpis: count('.kpi'),
            kpiAges: [...document.querySelectorAll('.kpi-age')].filter(e => e.textContent.trim()).length,
            chips: count('.cmp-chip'),
            pendingChips: count('.cmp-chip:not([data-state])'),
            rankLists: [...document.querySelectorAll('.rank-list span')].map(e => e.textContent).join('|'),
            ticker: document.getElementById('ticker').innerText.trim(),
            title: document.getElementById('title').textContent,
            clock: document.getElementById('clock-time').textContent,
            legend: count('.map-legend span'),
          };""";
      // Panels fill in as their data and the render loop get to them, later on a loaded machine: wait
      // for the last of them, then check each (the checks below say what is missing if one never does).
      Chromium.await(Duration.ofSeconds(30), () -> {
        Map<String, Object> p = js(panelsScript);
        return ((Number) p.get("pendingChips")).intValue() == 0 && ((Number) p.get("drawnCharts")).intValue() == 5
            && ((Number) p.get("kpiAges")).intValue() == 5 && ((String) p.get("ticker")).contains("告警");
      });
      Map<String, Object> panels = js(panelsScript);
      assertThat(((Number) panels.get("charts")).intValue()).isEqualTo(5);
      assertThat(((Number) panels.get("drawnCharts")).intValue()).as("each chart drew a canvas").isEqualTo(5);
      assertThat(((Number) panels.get("kpis")).intValue()).isEqualTo(5);
      assertThat(((Number) panels.get("kpiAges")).intValue()).as("every tile shows its data's age").isEqualTo(5);
      assertThat(((Number) panels.get("chips")).intValue()).isEqualTo(16);
      assertThat(((Number) panels.get("pendingChips")).intValue()).isZero();
      assertThat((String) panels.get("rankLists")).isNotBlank();
      assertThat((String) panels.get("ticker")).contains("告警");
      assertThat((String) panels.get("title")).contains("许东镇");
      assertThat((String) panels.get("clock")).matches("\\d\\d:\\d\\d:\\d\\d");
      assertThat(((Number) panels.get("legend")).intValue()).isEqualTo(7);
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.mapStates()).hasSize(20));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.mapStates().get("pd-xujiapai")).as("the quiet desk greys out").isEqualTo("overdue"));

      List<String> foreign = jsList("""
          return performance.getEntriesByType('resource').concat(performance.getEntriesByType('navigation'))
            .map(e => e.name).filter(n => !n.startsWith(location.origin + '/'));""");
      assertThat(foreign).as("requests that left the server's origin").isEmpty();
      List<String> loaded = jsList("return performance.getEntriesByType('resource').map(e => e.name);");
      assertThat(loaded).anyMatch(n -> n.endsWith("/vendor/echarts/echarts.esm.min.mjs"));
      assertThat(browser.consoleErrors()).as("console errors").isEmpty();
    }
  }

  @Test
  void theNumbersOnScreenFollowAPostedReportAndMatchTheSnapshot() {
    try (TestServer server = quiet(TestServer.freePort())) {
      Api api = new Api(server);
      ScreenPage page = new ScreenPage(browser, ScreenPage.origin(server.port));
      page.open("?key=" + TOWN_KEY);
      page.awaitLive();
      // the badge turns live with the snapshot; the tiles draw in the next animation frame
      assertThat(Chromium.await(Duration.ofSeconds(15), () -> Double.valueOf(0).equals(page.kpi("vehicles"))))
          .as("the vehicles tile shows the empty day").isTrue();

      assertThat(api.postReport(TestTown.CHECKPOINTS, TestTown.checkpointReport(UUID.randomUUID(), now(), 42, 5)
          .put("metrics", new JsonObject().put("vehicles_checked", 42).put("persons_checked", 50)
              .put("persons_turned_back", 7))).statusCode()).isEqualTo(201);
      assertThat(api.postReport(TestTown.PETITIONS, new JsonObject().put("id", UUID.randomUUID().toString())
          .put("site", "pd-jinpen").put("observedAt", now().toString())
          .put("metrics", new JsonObject().put("petitions_visit", 3).put("petitions_hotline", 2)
              .put("escalated_petitions", 1).put("disputes_screened", 4).put("disputes_resolved", 3))).statusCode())
          .isEqualTo(201);
      assertThat(api.postReport(TestTown.SANITATION, new JsonObject().put("id", UUID.randomUUID().toString())
          .put("site", "sn-jinpen").put("observedAt", now().toString())
          .put("metrics", new JsonObject().put("score", 91.5))).statusCode()).isEqualTo(201);

      assertThat(Chromium.await(Duration.ofSeconds(15), () -> page.kpi("vehicles") == 42 && page.kpi("score") != null
          && page.kpi("petitions") == 5)).as("the screen shows the posted numbers").isTrue();
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.kpiText("vehicles")).isEqualTo("42"));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.kpiText("turnedBack")).isEqualTo("7"));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.kpiText("disputes")).isEqualTo("3 / 4"));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.kpiText("score")).isEqualTo("91.5"));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat((String) browser.js("return document.querySelector('[data-kpi=petitions] .kpi-extra').textContent"))
          .isEqualTo("越级访 1"));

      JsonObject snapshot = townSnapshot(server);
      JsonObject screen = new JsonObject(page.state());
      JsonObject totals = snapshot.getJsonObject("totals");
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.kpi("vehicles")).isEqualTo(totals.getDouble("vehicles_checked")));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.kpi("turnedBack")).isEqualTo(totals.getDouble("persons_turned_back")));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.kpi("score")).isEqualTo(totals.getDouble("score")));
      assertThat(screen.getJsonObject("totals")).isEqualTo(totals);
      assertThat(screen.getJsonObject("sites")).isEqualTo(snapshot.getJsonObject("sites"));
      assertThat(screen.getJsonObject("areas")).isEqualTo(snapshot.getJsonObject("areas"));
      assertThat(screen.getJsonObject("ranking")).isEqualTo(snapshot.getJsonObject("ranking"));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.mapStates().get("cp-highway-exit")).isEqualTo("ok"));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat((String) browser.js("return document.querySelector('[data-site=pd-jinpen]').dataset.state"))
          .isIn("ok", "late"));
    }
  }

  @Test
  void aStoppedServerShowsReconnectingThenStaleAndARestartedOneBringsTheScreenBackWithoutAReload() {
    int port = TestServer.freePort();
    TestServer server = quiet(port);
    try {
      ScreenPage page = new ScreenPage(browser, ScreenPage.origin(port));
      page.open("?key=" + TOWN_KEY + "&staleAfter=4");
      page.awaitLive();
      browser.js("window.__sameDocument = 'yes';");

      page.recordBadges();
      server.close();
      assertThat(Chromium.await(Duration.ofSeconds(30), () -> "stale".equals(page.badge())))
          .as("badges after the server stopped: %s", page.badgeHistory()).isTrue();
      List<String> badges = page.badgeHistory();
      assertThat(badges).as("reconnecting first").first().isEqualTo("reconnecting 重连中");
      assertThat(badges).as("then stale, since the last frame").anyMatch(b -> b.matches("stale 数据已过时 自 \\d\\d:\\d\\d"));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat((Boolean) browser.js("return document.getElementById('stale-frame').hidden")).isFalse());
      ScreenPage.settle(600);
      browser.screenshot(SHOTS.resolve("screen-stale-1920x1080.png"));

      server = quiet(port);
      new Api(server).postReport(TestTown.CHECKPOINTS, TestTown.checkpointReport(UUID.randomUUID(), now(), 17, 1));
      assertThat(Chromium.await(Duration.ofSeconds(45), () -> "live".equals(page.badge())))
          .as("back live after the restart, without a reload").isTrue();
      assertThat(Chromium.await(Duration.ofSeconds(15), () -> page.kpi("vehicles") == 17)).isTrue();
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(browser.js("return window.__sameDocument")).isEqualTo("yes"));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.badgeText()).isEqualTo("实时"));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat((Boolean) browser.js("return document.getElementById('stale-frame').hidden")).isTrue());
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.counter("snapshots")).isGreaterThanOrEqualTo(2));
    } finally {
      server.close();
    }
  }

  /** The snapshot a town's screen gets: its own key's scope. */
  static JsonObject townSnapshot(TestServer server) {
    return server.client.get("/api/v1/snapshot").addQueryParam("key", TOWN_KEY).send().await().bodyAsJsonObject();
  }

  @Test
  void theDistrictKeyWithAScopeShowsTheTownAndATownKeyCannotAskForTheDistrict() {
    try (TestServer server = quiet(TestServer.freePort())) {
      ScreenPage page = new ScreenPage(browser, ScreenPage.origin(server.port));
      page.open("?key=" + TestTown.DISPLAY_KEY + "&scope=xudong");
      page.awaitLive();
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(browser.js("return window.watchfloorScreen.layout()")).isEqualTo("town"));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat((String) browser.js("return document.getElementById('title').textContent")).isEqualTo("许东镇 指挥中心实时态势"));
      assertThat(Chromium.await(Duration.ofSeconds(15), () -> page.mapStates().size() == 20)).as("许东镇's 20 sites on its map").isTrue();
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(((Number) browser.js("return document.querySelectorAll('.cmp-chip').length")).intValue()).isEqualTo(16));

      page.open("?key=" + TOWN_KEY + "&scope=changling");
      assertThat(Chromium.await(Duration.ofSeconds(30), () -> "notice.badScope".equals(page.notice())))
          .as("a scope outside the key's is refused on screen; notice %s", page.notice()).isTrue();
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.noticeText()).contains("无权查看该区域").contains("403").contains("scope="));
      long requests = ((Number) browser.js("return performance.getEntriesByType('resource')"
          + ".filter(e => e.name.includes('/api/v1/')).length")).longValue();
      ScreenPage.settle(3000);
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(((Number) browser.js("return performance.getEntriesByType('resource')"
          + ".filter(e => e.name.includes('/api/v1/')).length")).longValue())
          .as("no retry loop: nothing more is asked after the 403").isEqualTo(requests));
      browser.screenshot(SHOTS.resolve("screen-bad-scope-1920x1080.png"));
      browser.consoleErrors(); // the refused catalogue request is logged; expected here
    }
  }

  @Test
  void aWrongOrMissingKeyShowsAMessageNotABlankPage() {
    try (TestServer server = quiet(TestServer.freePort())) {
      ScreenPage page = new ScreenPage(browser, ScreenPage.origin(server.port));
      page.open("?key=wrong-key");
      assertThat(Chromium.await(Duration.ofSeconds(30), () -> "notice.badKey".equals(page.notice()))).isTrue();
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.noticeText()).contains("显示密钥无效").contains("Display key not accepted").contains("401"));
      browser.screenshot(SHOTS.resolve("screen-wrong-key-1920x1080.png"));

      page.open("");
      assertThat(Chromium.await(Duration.ofSeconds(30), () -> "notice.noKey".equals(page.notice()))).isTrue();
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.noticeText()).contains("缺少显示密钥").contains("Display key missing"));
      browser.consoleErrors(); // the refused catalogue request is logged; expected here
    }
  }

  @Test
  void alertsRunInTheTickerNewestFirstAndACriticalSitePulses() {
    try (TestServer server = quiet(TestServer.freePort())) {
      ScreenPage page = new ScreenPage(browser, ScreenPage.origin(server.port));
      page.open("?key=" + TOWN_KEY);
      page.awaitLive();
      publishAlert(server, alert("a-1", "warning", "cp-highway-exit", "劝返人员 1小时内超过50人", server.clock.instant().minusSeconds(600)));
      publishAlert(server, alert("a-2", "critical", "pd-jinpen", "越级访 1 起", server.clock.instant()));
      assertThat(Chromium.await(Duration.ofSeconds(15), () -> page.tickerItems().size() == 2)).isTrue();
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.tickerItems().get(0)).contains("严重").contains("金盆村信访工作站").contains("越级访 1 起"));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.tickerItems().get(1)).contains("警告").contains("高速出口检测点"));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.mapStates().get("pd-jinpen")).isEqualTo("critical"));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.mapStates().get("cp-highway-exit")).isEqualTo("warning"));

      publishAlert(server, alert("a-2", "critical", "pd-jinpen", "越级访 1 起", server.clock.instant()).put("state", "resolved"));
      assertThat(Chromium.await(Duration.ofSeconds(15), () -> page.tickerItems().size() == 1)).isTrue();
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.mapStates().get("pd-jinpen")).isNotEqualTo("critical"));
    }
  }

  /** An alert on a site, with its area as alerts carry it: a socket gets only the alerts of its scope. */
  static JsonObject alert(String id, String severity, String site, String title, Instant firstSeen) {
    String area = TestTown.CATALOGUE.site(site).orElseThrow().area();
    return new JsonObject().put("id", id).put("severity", severity).put("site", site).put("area", area)
        .put("title", title).put("state", "open").put("firstSeen", firstSeen.toString());
  }

  @Test
  void screenshotsAt1080pAnd4kAreSharpAndFull() {
    try (TestServer server = demo()) {
      ScreenPage page = new ScreenPage(browser, ScreenPage.origin(server.port));
      page.open("?key=" + TOWN_KEY);
      page.awaitLive();
      assertThat(Chromium.await(Duration.ofSeconds(20), () -> page.kpi("score") != null && page.kpi("petitions") > 0)).isTrue();
      publishAlert(server, alert("s-1", "critical", "pd-jinpen", "越级访 1 起", server.clock.instant()));
      publishAlert(server, alert("s-2", "warning", "cp-highway-exit", "1小时劝返人员超过50人", server.clock.instant().minusSeconds(300)));
      publishAlert(server, alert("s-3", "info", "sn-liangting", "环境卫生得分低于60分", server.clock.instant().minusSeconds(900)));
      ScreenPage.settle(2500);
      browser.screenshot(SHOTS.resolve("town-1920.png"));
      DocImages.keep(SHOTS.resolve("town-1920.png"), "town-wall.png");

      page.open("?key=" + TOWN_KEY + "&lang=en");
      page.awaitLive();
      ScreenPage.settle(2500);
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.badgeText()).isEqualTo("LIVE"));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat((String) browser.js("return document.getElementById('title').textContent")).contains("Xudong Town"));
      browser.screenshot(SHOTS.resolve("screen-en-1920x1080.png"));
    }
    try (TestServer server = demo(); Chromium big = Chromium.launch(3840, 2160, 1, OFFLINE)) {
      ScreenPage page = new ScreenPage(big, ScreenPage.origin(server.port));
      page.open("?key=" + TOWN_KEY);
      page.awaitLive();
      assertThat(Chromium.await(Duration.ofSeconds(20), () -> page.kpi("score") != null)).isTrue();
      publishAlert(server, alert("s-1", "critical", "pd-jinpen", "越级访 1 起", server.clock.instant()));
      String scaleScript = """
          const c = document.querySelector('#panel-map canvas');
          return { transform: document.getElementById('stage').style.transform, ratio: c.width / c.clientWidth };
          """;
      Chromium.await(Duration.ofSeconds(30), () -> Double.valueOf(2.0).equals(
          ((Number) cast((Map<?, ?>) big.js(scaleScript)).get("ratio")).doubleValue()));
      ScreenPage.settle(2500); // lets chart animations finish before the screenshot
      Map<String, Object> scale = cast((Map<?, ?>) big.js(scaleScript));
      assertThat((String) scale.get("transform")).contains("scale(2)");
      assertThat(((Number) scale.get("ratio")).doubleValue()).as("canvas pixels per stage pixel at 4K").isEqualTo(2.0);
      big.screenshot(SHOTS.resolve("screen-3840x2160.png"));
      assertThat(big.consoleErrors()).isEmpty();
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> cast(Map<?, ?> map) {
    return (Map<String, Object>) map;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> js(String script) {
    return (Map<String, Object>) browser.js(script);
  }

  @SuppressWarnings("unchecked")
  static List<String> jsList(String script) {
    return (List<String>) browser.js(script);
  }
}
