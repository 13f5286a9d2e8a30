package io.watchfloor.screen;

import io.vertx.core.json.JsonObject;
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
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The district's wall screen (长岭区, the demo key's own scope) in headless Chromium against a whole
 * server: reports posted for sites of two towns show up as a leader would read them — the towns on
 * the map and in the bar chart with their own totals, the towns ranked by mean sanitation score and by
 * on-time reporting, each town's on-time rate with its worst villages named, and in the ticker only
 * what a town escalated to the district, marked 上报 with the town it came from.
 */
@BrowserTest
class DistrictScreenTest {
  /** Before the 17:00 and 18:00 deadlines, so what is posted counts as on time. */
  private static final ZonedDateTime MORNING = MutableClock.onDutyInstant();
  /** 许东镇's 8 villages less 金盆村 (both its sites reported) and 凉亭村 (one did): two sites each not on time. */
  private static final List<String> XUDONG_WORST = List.of("铺子嘴村", "柿树岭村", "天井村", "集镇社区", "殷家铺村", "许家牌村");

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

  private static TestServer server() {
    return TestServer.start(new JsonObject().put("ingest", new JsonObject()
        .put("rate-limit", new JsonObject().put("per-second", 10000).put("burst", 10000))), new MutableClock(MORNING.toInstant()));
  }

  private static void post(Api api, String token, String site, JsonObject metrics) {
    JsonObject body = new JsonObject().put("id", UUID.randomUUID().toString()).put("site", site)
        .put("observedAt", MORNING.minusMinutes(10).toOffsetDateTime().toString()).put("metrics", metrics);
    assertThat(api.postReport(token, body).statusCode()).as("report for %s", site).isEqualTo(201);
  }

  /** 许东镇 and 城关街道 report; 石桥镇 stays silent. */
  private static void postTwoTowns(Api api) {
    post(api, TestTown.CHECKPOINTS, "cp-highway-exit", new JsonObject().put("vehicles_checked", 40)
        .put("vehicles_turned_back", 3).put("persons_checked", 30).put("persons_turned_back", 7));
    post(api, TestTown.CHECKPOINTS, "cp-chengguan-toll", new JsonObject().put("vehicles_checked", 20)
        .put("vehicles_turned_back", 2).put("persons_checked", 10).put("persons_turned_back", 4));
    post(api, TestTown.PETITIONS, "pd-jinpen", new JsonObject().put("petitions_visit", 3));
    post(api, TestTown.PETITIONS, "pd-xijie", new JsonObject().put("petitions_visit", 2).put("petitions_hotline", 1));
    post(api, TestTown.SANITATION, "sn-jinpen", new JsonObject().put("score", 90));
    post(api, TestTown.SANITATION, "sn-liangting", new JsonObject().put("score", 80));
    post(api, TestTown.SANITATION, "sn-xijie", new JsonObject().put("score", 70));
  }

  private static JsonObject alert(String id, String severity, String site, String area, String desk, String escalatedTo,
                                  String title) {
    return new JsonObject().put("id", id).put("severity", severity).put("site", site).put("area", area)
        .put("desk", desk).put("escalatedTo", escalatedTo).put("escalated", escalatedTo != null)
        .put("title", title).put("state", "open").put("firstSeen", MORNING.toInstant().toString());
  }

  @Test
  void theDistrictShowsItsTownsRankedWithTheirRatesAndWhatTheyEscalated() {
    try (TestServer server = server()) {
      Api api = new Api(server);
      ScreenPage page = new ScreenPage(browser, ScreenPage.origin(server.port));
      browser.consoleErrors();
      page.open("?key=" + TestTown.DISPLAY_KEY);
      page.awaitLive();
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(browser.js("return window.watchfloorScreen.layout()")).isEqualTo("district"));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat((String) browser.js("return document.getElementById('title').textContent")).isEqualTo("长岭区 指挥中心实时态势"));

      // nobody has reported yet: every town at 0 % is a tie, not three winners, and no honour at 0 % (issue 28)
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(boardRanks("onTime"))
          .as("three towns at 0 %%").containsExactly("并列第1", "并列第1", "并列第1"));
      assertThat(boardNames("onTime")).containsExactlyInAnyOrder("许东镇", "城关街道", "石桥镇");
      assertThat(text("[data-board=onTime] .tr-red")).as("nobody on the red list").isNull();
      assertThat(text("[data-board=onTime] .tr-black")).as("a tie has no worst either").isNull();
      assertThat(text("[data-board=onTime] .tr-value")).isEqualTo("0%");
      assertThat(text("#panel-rank-ontime [data-month]")).isEqualTo("红榜须达 80%");
      ScreenPage.settle(1500);
      browser.screenshot(WallScreenTest.SHOTS.resolve("district-ontime-all-zero.png"));

      postTwoTowns(api);
      WallScreenTest.publishAlert(server, alert("esc-1", "critical", "pd-jinpen", "jinpen", "xudong", "changling", "越级访 1 起"));
      WallScreenTest.publishAlert(server, alert("own-1", "warning", "pd-xijie", "xijie", "chengguan", null, "信访积案增加"));

      assertThat(Chromium.await(Duration.ofSeconds(20), () -> page.kpi("turnedBack") == 11 && page.kpi("petitions") == 6))
          .as("the district's tiles add up both towns").isTrue();
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.kpiText("vehicles")).isEqualTo("60"));

      // the bars redraw at most twice a second, so they may lag the tiles by a frame or two
      Chromium.await(Duration.ofSeconds(15), () -> List.of(7, 4, 0).equals(ints(view("bars"), "劝返人员"))
          && List.of(3, 3, 0).equals(ints(view("bars"), "信访受理")));
      Map<String, Object> bars = view("bars");
      assertThat(bars.get("towns")).as("the towns in the bar chart").isEqualTo(List.of("许东镇", "城关街道", "石桥镇"));
      assertThat(ints(bars, "劝返人员")).isEqualTo(List.of(7, 4, 0));
      assertThat(ints(bars, "劝返车辆")).isEqualTo(List.of(3, 2, 0));
      assertThat(ints(bars, "信访受理")).isEqualTo(List.of(3, 3, 0));

      assertThat(Chromium.await(Duration.ofSeconds(15), () -> boardNames("score").size() == 3
          && "18.8%".equals(text("#panel-town-compliance [data-area=xudong] .tc-rate"))
          && "16.7%".equals(text("#panel-town-compliance [data-area=chengguan] .tc-rate"))
          && "70.0".equals(text("[data-board=score] [data-area=chengguan] .tr-value"))))
          .as("rankings and rates drawn; score board %s", boardNames("score")).isTrue();
      assertThat(boardNames("score")).as("towns by mean score: 85, 70, none yet").containsExactly("许东镇", "城关街道", "石桥镇");
      assertThat(text("[data-board=score] .tr-red .tr-name")).isEqualTo("许东镇");
      assertThat(text("[data-board=score] .tr-black .tr-name")).isEqualTo("城关街道");
      assertThat(text("[data-board=score] [data-area=xudong] .tr-value")).isEqualTo("85.0");
      assertThat(text("[data-board=score] [data-area=shiqiao] .tr-value")).isEqualTo("暂无");

      assertThat(boardNames("onTime")).as("towns by on-time reporting: 3/16, 2/12, 0/12").containsExactly("许东镇", "城关街道", "石桥镇");
      assertThat(boardRanks("onTime")).containsExactly("1", "2", "3");
      assertThat(text("[data-board=onTime] .tr-red")).as("18.8 %% leads, below the 80 %% floor: no honour").isNull();
      assertThat(text("[data-board=onTime] .tr-black .tr-name")).isEqualTo("石桥镇");

      assertThat(text("#panel-town-compliance [data-area=chengguan] .tc-rate")).isEqualTo("16.7%");
      assertThat(text("#panel-town-compliance [data-area=shiqiao] .tc-rate")).isEqualTo("0%");
      String worst = text("#panel-town-compliance [data-area=xudong] .tc-worst");
      assertThat(worst).startsWith("报送最差：");
      List<String> named = List.of(worst.substring("报送最差：".length()).split("、"));
      assertThat(named).as("worst villages of 许东镇").isNotEmpty().allMatch(XUDONG_WORST::contains);

      Map<String, Object> labels = view("mapLabels");
      assertThat((String) labels.get("xudong")).contains("许东镇").contains("按时 18.8%");
      assertThat((String) labels.get("chengguan")).contains("城关街道").contains("16.7%");
      assertThat((String) labels.get("shiqiao")).contains("石桥镇");
      assertThat(Chromium.await(Duration.ofSeconds(10), () -> "critical".equals(page.mapStates().get("xudong")))).isTrue();
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.mapStates()).containsEntry("chengguan", "warning").containsEntry("shiqiao", "low"));

      assertThat(Chromium.await(Duration.ofSeconds(10), () -> page.tickerItems().size() == 1))
          .as("only the escalated alert runs in the district's ticker: %s", page.tickerItems()).isTrue();
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.tickerItems().get(0)).contains("严重").contains("上报 · 许东镇").contains("金盆村").contains("越级访 1 起"));
      assertThat(text("#ticker .ticker-label")).isEqualTo("镇街上报");

      JsonObject snapshot = api.snapshot();
      JsonObject screen = new JsonObject(page.state());
      assertThat(screen.getJsonObject("totals")).isEqualTo(snapshot.getJsonObject("totals"));
      assertThat(screen.getJsonObject("ranking")).isEqualTo(snapshot.getJsonObject("ranking"));

      ScreenPage.settle(2500);
      browser.screenshot(WallScreenTest.SHOTS.resolve("district-1920.png"));
      DocImages.keep(WallScreenTest.SHOTS.resolve("district-1920.png"), "district-wall.png");
      assertThat(browser.consoleErrors()).as("console errors").isEmpty();

      page.open("?key=" + TestTown.DISPLAY_KEY + "&lang=en");
      page.awaitLive();
      assertThat(Chromium.await(Duration.ofSeconds(15), () -> boardNames("score").size() == 3)).isTrue();
      assertThat(text("#panel-town-map .panel-title")).isEqualTo("Towns");
      assertThat(boardNames("score")).containsExactly("Xudong Town", "Chengguan Sub-district", "Shiqiao Town");
      ScreenPage.settle(2500);
      browser.screenshot(WallScreenTest.SHOTS.resolve("district-en-1920.png"));
    }
  }

  @Test
  void theDistrictFillsA4kWallWithSharpCanvases() {
    try (TestServer server = server(); Chromium big = Chromium.launch(3840, 2160, 1, WallScreenTest.OFFLINE)) {
      postTwoTowns(new Api(server));
      ScreenPage page = new ScreenPage(big, ScreenPage.origin(server.port));
      page.open("?key=" + TestTown.DISPLAY_KEY);
      page.awaitLive();
      String scaleScript = """
          const c = document.querySelector('#panel-town-map canvas');
          return { transform: document.getElementById('stage').style.transform, ratio: c.width / c.clientWidth };""";
      assertThat(Chromium.await(Duration.ofSeconds(30), () -> Double.valueOf(2.0).equals(
          ((Number) WallScreenTest.cast((Map<?, ?>) big.js(scaleScript)).get("ratio")).doubleValue()))).isTrue();
      assertThat((String) WallScreenTest.cast((Map<?, ?>) big.js(scaleScript)).get("transform")).contains("scale(2)");
      ScreenPage.settle(2500);
      big.screenshot(WallScreenTest.SHOTS.resolve("district-3840.png"));
      assertThat(big.consoleErrors()).isEmpty();
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> view(String part) {
    return (Map<String, Object>) browser.js("return window.watchfloorScreen.view()[arguments[0]];", part);
  }

  @SuppressWarnings("unchecked")
  private static List<Integer> ints(Map<String, Object> bars, String series) {
    return ((List<Number>) ((Map<String, Object>) bars.get("series")).get(series)).stream().map(Number::intValue).toList();
  }

  @SuppressWarnings("unchecked")
  private static List<String> boardNames(String board) {
    return (List<String>) browser.js("return [...document.querySelectorAll('[data-board=\"' + arguments[0] + '\"] .tr-name')]"
        + ".map(e => e.textContent);", board);
  }

  @SuppressWarnings("unchecked")
  private static List<String> boardRanks(String board) {
    return (List<String>) browser.js("return [...document.querySelectorAll('[data-board=\"' + arguments[0] + '\"] .tr-rank')]"
        + ".map(e => e.textContent);", board);
  }

  private static String text(String selector) {
    return (String) browser.js("const e = document.querySelector(arguments[0]); return e ? e.textContent : null;", selector);
  }
}
