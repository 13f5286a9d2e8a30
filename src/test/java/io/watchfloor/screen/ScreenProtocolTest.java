package io.watchfloor.screen;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.watchfloor.BrowserTest;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The screen's side of the live protocol (docs/live-protocol.md) against a scripted feed: deltas merge into the
 * snapshot, a seq gap asks for a resync, silence turns the screen stale and replaces the socket, a
 * slow-client close reconnects, and the clock on screen is the server's.
 */
@BrowserTest
class ScreenProtocolTest {
  private static final String SERVER_AT = "2030-01-02T03:04:05.123456789Z"; // 11:04 in Asia/Shanghai
  private static JsonObject base;
  private static FakeLiveServer fake;
  private static Chromium browser;
  private static ScreenPage page;

  @BeforeAll
  static void start() {
    try (TestServer real = TestServer.memory()) {
      base = real.client.get("/api/v1/snapshot").addQueryParam("key", TestTown.DISPLAY_KEY).addQueryParam("scope", "xudong")
          .send().await().bodyAsJsonObject();
    }
    base.remove("at");
    base.getJsonObject("totals").put("vehicles_checked", 100);
    fake = new FakeLiveServer(base.copy(), SERVER_AT);
    browser = Chromium.launch(1920, 1080, 1);
    page = new ScreenPage(browser, fake.origin());
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (fake != null) {
      fake.close();
    }
  }

  @BeforeEach
  void openLive() {
    openLive("");
  }

  private static void openLive(String extra) {
    fake.state = base.copy();
    fake.at = SERVER_AT;
    fake.received.clear();
    page.open("?key=" + TestTown.DISPLAY_KEY + "&scope=xudong" + extra); // 许东镇's screen: its sites on the map
    page.awaitLive();
    assertThat(Chromium.await(Duration.ofSeconds(15), () -> page.kpi("vehicles") == 100)).isTrue();
  }

  @Test
  void deltasMergeLeafByLeafNullRemovesAndArraysReplaceWhole() {
    fake.send("delta", "changes", new JsonObject().put("totals", new JsonObject().put("vehicles_checked", 150)));
    assertThat(Chromium.await(Duration.ofSeconds(15), () -> page.kpi("vehicles") == 150)).isTrue();

    fake.send("delta", "changes", new JsonObject()
        .put("sites", new JsonObject().put("cp-highway-exit", new JsonObject().put("lastReportAt", (Object) null)))
        .put("trend", new JsonObject().put("today", new JsonObject().put("vehicles_checked", new JsonArray().add(1).add(2).add(3)))));
    assertThat(Chromium.await(Duration.ofSeconds(15), () -> {
      JsonObject state = new JsonObject(page.state());
      return !state.getJsonObject("sites").getJsonObject("cp-highway-exit").containsKey("lastReportAt")
          && state.getJsonObject("trend").getJsonObject("today").getJsonArray("vehicles_checked").size() == 3;
    })).isTrue();
    JsonObject state = new JsonObject(page.state());
    assertThat(state.getJsonObject("sites").getJsonObject("cp-highway-exit").containsKey("today")).isTrue();
    assertThat(state.getJsonObject("totals").getLong("vehicles_checked")).isEqualTo(150);
    assertThat(page.counter("resyncs")).isZero();
  }

  @Test
  void aSeqGapAsksForAResyncAndIgnoresFramesUntilTheSnapshot() {
    fake.sendWithGap(1, "delta", "changes", new JsonObject().put("totals", new JsonObject().put("vehicles_checked", 999)));
    assertThat(Chromium.await(Duration.ofSeconds(15), () -> fake.received.contains("{\"type\":\"resync\"}"))).isTrue();
    long deltas = page.counter("deltas");
    long pings = page.counter("pings");
    fake.send("delta", "changes", new JsonObject().put("totals", new JsonObject().put("vehicles_checked", 998)));
    // Frames are handled in order, so once the ping after it is counted the delta has been dealt with.
    fake.ping();
    assertThat(Chromium.await(Duration.ofSeconds(15), () -> page.counter("pings") > pings)).isTrue();
    assertThat(new JsonObject(page.state()).getJsonObject("totals").getLong("vehicles_checked"))
        .as("nothing applied past a gap").isEqualTo(100);
    assertThat(page.counter("deltas")).isEqualTo(deltas);
    assertThat(page.kpi("vehicles")).isEqualTo(100);

    fake.send("snapshot", "state", base.copy().put("totals", base.getJsonObject("totals").copy().put("vehicles_checked", 200)));
    assertThat(Chromium.await(Duration.ofSeconds(15), () -> page.kpi("vehicles") == 200)).isTrue();
    fake.send("delta", "changes", new JsonObject().put("totals", new JsonObject().put("vehicles_checked", 201)));
    assertThat(Chromium.await(Duration.ofSeconds(15), () -> page.kpi("vehicles") == 201)).isTrue();
    assertThat(page.counter("resyncs")).isEqualTo(1);
    assertThat(page.badge()).isEqualTo("live");
  }

  @Test
  void theClockAndAgesOnScreenAreTheServersNotTheKiosks() {
    // The screen's clock runs on from the server's last "at" (11:04:05), so the seconds depend on how
    // long a loaded machine took to get here; hour and minute are the server's either way.
    fake.ping();
    assertThat(Chromium.await(Duration.ofSeconds(15), () -> ((String) browser.js(
        "return document.getElementById('clock-time').textContent")).startsWith("11:04:"))).isTrue();
    await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat((String) browser.js("return document.getElementById('clock-date').textContent")).contains("2030年1月2日"));
    // a report 5 minutes before the server's now is 5 minutes old, whatever the kiosk's clock says
    String fiveMinutesEarlier = Instant.parse(SERVER_AT).minusSeconds(300).toString();
    JsonObject sites = new JsonObject();
    for (String id : List.of("cp-highway-exit", "cp-xudong-road", "cp-tianjingshan-south", "cp-yinjiapu-bridge")) {
      sites.put(id, new JsonObject().put("lastReportAt", fiveMinutesEarlier));
    }
    fake.send("delta", "changes", new JsonObject().put("sites", sites));
    assertThat(Chromium.await(Duration.ofSeconds(15), () -> ((String) browser.js(
        "return document.querySelector('[data-kpi=vehicles] .kpi-age').textContent")).equals("最新数据 5分钟前"))).isTrue();
    assertThat(page.mapStates().get("cp-highway-exit")).isEqualTo("ok");
    assertThat(page.mapStates().get("cp-xudong-road")).isEqualTo("ok");
  }

  @Test
  void silenceMakesTheScreenStaleAndTheSilentSocketIsReplaced() {
    openLive("&staleAfter=3");
    int before = fake.sockets.size();
    // The stale badge lasts only until the screen reconnects, so the page records it for us.
    page.recordBadges();
    assertThat(Chromium.await(Duration.ofSeconds(15), () -> page.badgeHistory().contains("stale 数据已过时 自 11:04")))
        .as("badges: %s", page.badgeHistory()).isTrue();
    assertThat(Chromium.await(Duration.ofSeconds(20), () -> fake.sockets.size() > before))
        .as("the screen dropped the silent socket and connected again").isTrue();
    assertThat(Chromium.await(Duration.ofSeconds(15), () -> "live".equals(page.badge()))).isTrue();
    // Pings every half second for longer than staleAfter: a sixfold margin for a loaded machine, and
    // the page records any moment it went stale, which a last look could miss.
    page.recordBadges();
    for (int i = 0; i < 9; i++) {
      fake.ping();
      ScreenPage.settle(500);
    }
    assertThat(page.badge()).as("pings alone keep it live").isEqualTo("live");
    assertThat(page.badgeHistory()).as("never stale meanwhile").noneMatch(b -> b.startsWith("stale"));
  }

  @Test
  void aSlowClientCloseReconnectsAndStartsFromASnapshot() {
    long snapshots = page.counter("snapshots");
    int before = fake.sockets.size();
    fake.state = base.copy().put("totals", base.getJsonObject("totals").copy().put("vehicles_checked", 300));
    fake.current().close((short) 4001, "too slow; reconnect").await();
    assertThat(Chromium.await(Duration.ofSeconds(20), () -> fake.sockets.size() > before && page.kpi("vehicles") == 300)).isTrue();
    assertThat(page.counter("snapshots")).isGreaterThan(snapshots);
    assertThat(page.badge()).isEqualTo("live");
  }

  @Test
  void openAlertsOfTheSnapshotAndAlertFramesShowGenerically() {
    JsonObject alerts = new JsonObject()
        .put("x-1", new JsonObject().put("id", "x-1").put("severity", "warning").put("site", "sn-liangting")
            .put("title", "得分低于60分").put("firstSeen", "2030-01-02T02:00:00Z"));
    fake.state = base.copy().put("alerts", alerts);
    fake.current().close((short) 4001, "reconnect").await();
    assertThat(Chromium.await(Duration.ofSeconds(20), () -> page.tickerItems().size() == 1)).isTrue();
    assertThat(page.tickerItems().get(0)).contains("警告").contains("10:00").contains("凉亭村环境卫生").contains("得分低于60分");

    fake.send("alert", "alert", new JsonObject().put("id", "x-2").put("severity", "critical").put("site", "cp-xudong-road")
        .put("title", "劝返人员超过阈值").put("firstSeen", "2030-01-02T03:00:00Z").put("state", "open"));
    assertThat(Chromium.await(Duration.ofSeconds(15), () -> page.tickerItems().size() == 2)).isTrue();
    List<String> items = page.tickerItems();
    assertThat(items.get(0)).as("newest first").contains("严重").contains("许东公路检测点");
    assertThat(page.mapStates().get("cp-xudong-road")).isEqualTo("critical");

    fake.send("alert", "alert", new JsonObject().put("id", "x-2").put("state", "resolved"));
    assertThat(Chromium.await(Duration.ofSeconds(15), () -> page.tickerItems().size() == 1)).isTrue();
    Map<String, String> states = page.mapStates();
    assertThat(states.get("cp-xudong-road")).isNotEqualTo("critical");
  }
}
