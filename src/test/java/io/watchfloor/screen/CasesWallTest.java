package io.watchfloor.screen;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.watchfloor.Api;
import io.watchfloor.BrowserTest;
import io.watchfloor.DocImages;
import io.watchfloor.MutableClock;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The closed loop on the wall (docs/pages.md, the wall screen) in headless Chromium against a whole server:
 * a case dispatched in 金盆村 shows in 许东镇's cases panel at once, and when its 30 minutes to be signed for
 * run out (the server's clock moved on, the deadline clock marks it) the panel counts it overdue and the
 * ticker leads with it. The daily review then lists it. Screenshots to target/screenshots/, one kept as
 * docs/img/wall-cases.png.
 */
@BrowserTest
class CasesWallTest {
  /** How long the page may take to show a change on a loaded shared machine; CaseFrameTest times the frames. */
  private static final Duration PATIENCE = Duration.ofSeconds(30);
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

  /**
   * The demo's simulated units post, so the wall around the cases is a working day's, but its simulated units
   * do not touch cases: they would sign this test's cases once the clock jumps. The deadline clock looks
   * every second, so a case turns overdue within a second of its deadline.
   */
  private static TestServer server() {
    return TestServer.start(new JsonObject().put("demo", new JsonObject().put("enabled", true).put("tick-ms", 100)
        .put("simulate-cases", false))
        .put("cases", new JsonObject().put("deadline-check-seconds", 1)), MutableClock.onDuty());
  }

  private static JsonObject post(TestServer server, String cookie, String path, JsonObject body) {
    HttpRequest<Buffer> request = server.client.post(path).putHeader("Cookie", cookie)
        .putHeader("Origin", new Api(server).origin());
    HttpResponse<Buffer> response = request.sendJsonObject(body).await();
    assertThat(response.statusCode()).as(response.bodyAsString()).isBetween(200, 201);
    return response.bodyAsJsonObject();
  }

  /** Opens a case at a site and dispatches it to the sanitation unit. */
  private static String dispatch(TestServer server, String cookie, String site, String title, String urgency) {
    String id = UUID.randomUUID().toString();
    post(server, cookie, "/api/v1/cases", new JsonObject().put("id", id).put("title", title).put("category", "sanitation")
        .put("urgency", urgency).put("site", site).put("description", "群众来电，联系人 13800000000"));
    post(server, cookie, "/api/v1/cases/" + id + "/dispatch", new JsonObject().put("unit", "demo-sanitation"));
    return id;
  }

  @Test
  void aDispatchedCaseShowsOnTheWallAndGoingOverdueLeadsTheTicker() {
    try (TestServer server = server()) {
      String duty = new Api(server).signIn("duty", "duty-demo-pass");
      ScreenPage page = new ScreenPage(browser, ScreenPage.origin(server.port));
      page.open("?key=" + WallScreenTest.TOWN_KEY);
      page.awaitLive();
      assertThat(Chromium.await(PATIENCE, () -> "0".equals(page.caseRows().get("jinpen").get("open"))))
          .as("the panel's rows, zero to start").isTrue();

      dispatch(server, duty, "sn-jinpen", "垃圾满溢", "normal");
      String later = dispatch(server, duty, "sn-liangting", "道路积水", "normal");
      assertThat(Chromium.await(PATIENCE, () -> "1".equals(page.caseRows().get("jinpen").get("open"))))
          .as("金盆村's open case on the panel: %s", page.caseRows().get("jinpen")).isTrue();
      assertThat(page.caseRows().get("jinpen").get("overdue")).isEqualTo("0");
      assertThat(Chromium.await(PATIENCE, () -> "2".equals(page.caseTotal().get("open")))).as("%s", page.caseTotal()).isTrue();
      assertThat(page.tickerItems()).noneMatch(item -> item.contains("垃圾满溢"));

      // 道路积水 is signed for; 垃圾满溢 is not, and its 30 minutes run out; an urgent one of 天井村, under red
      // supervision, has 10; one of 集镇社区 dispatched 5 minutes later is at 26 of its 30 (near due)
      HttpResponse<Buffer> accepted = server.client.post("/api/v1/tasks/" + later + "/accept")
          .putHeader("Authorization", "Bearer " + TestTown.SANITATION).sendJsonObject(new JsonObject()).await();
      assertThat(accepted.statusCode()).as(accepted.bodyAsString()).isEqualTo(200);
      String urgent = dispatch(server, duty, "sn-tianjing", "河道漂浮物", "urgent");
      post(server, duty, "/api/v1/cases/" + urgent + "/supervise", new JsonObject().put("level", "red").put("note", "限时处理"));
      server.clock.advance(Duration.ofMinutes(5));
      dispatch(server, duty, "sn-jizhen", "占道经营", "normal");
      server.clock.advance(Duration.ofMinutes(26));
      assertThat(Chromium.await(PATIENCE, () -> "1".equals(page.caseRows().get("jinpen").get("overdue"))))
          .as("金盆村's case overdue on the panel: %s", page.caseRows().get("jinpen")).isTrue();
      assertThat(Chromium.await(PATIENCE, () -> "1".equals(page.caseRows().get("jizhen").get("nearDue"))))
          .as("集镇社区's case near due: %s", page.caseRows().get("jizhen")).isTrue();
      assertThat(Chromium.await(PATIENCE, () -> page.tickerItems().size() >= 2
          && page.tickerItems().get(0).contains("超期") && page.tickerItems().get(0).contains("红色督办")
          && page.tickerItems().get(0).contains("天井村 · 河道漂浮物")
          && page.tickerItems().get(1).contains("超期") && page.tickerItems().get(1).contains("金盆村 · 垃圾满溢")))
          .as("the ticker leads with the overdue cases, the longest overdue first: %s", page.tickerItems()).isTrue();
      assertThat(page.caseRows().get("liangting").get("overdue")).isEqualTo("0");
      assertThat(Chromium.await(PATIENCE, () -> "2".equals(page.caseTotal().get("overdue"))
          && "4".equals(page.caseTotal().get("open")) && "1".equals(page.caseTotal().get("nearDue")))).as("%s", page.caseTotal()).isTrue();
      // today's rates are the case figures, read again a moment after each change
      assertThat(Chromium.await(PATIENCE, () -> "100%".equals(page.caseTotal().get("signedOnTime"))))
          .as("of today's cases signed for (one), all on time: %s", page.caseTotal()).isTrue();
      assertThat((String) browser.js("return document.body.innerText;")).doesNotContain("13800000000");
      assertThat(browser.consoleErrors()).isEmpty();
      ScreenPage.settle(1500);
      browser.screenshot(WallScreenTest.SHOTS.resolve("wall-cases.png"));
      DocImages.keep(WallScreenTest.SHOTS.resolve("wall-cases.png"), "wall-cases.png");

      page.open("?key=" + WallScreenTest.TOWN_KEY + "&lang=en");
      page.awaitLive();
      assertThat(Chromium.await(PATIENCE, () -> page.tickerItems().stream().anyMatch(i -> i.contains("OVERDUE"))))
          .as("in English: %s", page.tickerItems()).isTrue();
      ScreenPage.settle(1500);
      browser.screenshot(WallScreenTest.SHOTS.resolve("wall-cases-en.png"));

      page.open("?key=" + TestTown.DISPLAY_KEY);
      page.awaitLive();
      assertThat(Chromium.await(PATIENCE, () -> "2".equals(page.caseRows().get("xudong").get("overdue"))))
          .as("the district counts it in 许东镇: %s", page.caseRows().get("xudong")).isTrue();
      ScreenPage.settle(1500);
      browser.screenshot(WallScreenTest.SHOTS.resolve("wall-cases-district.png"));

      String day = LocalDate.ofInstant(server.clock.instant(), TestTown.CATALOGUE.jurisdiction().timezone()).toString();
      ReviewPage review = new ReviewPage(browser);
      browser.driver.get("http://127.0.0.1:" + server.port + "/review?key=" + WallScreenTest.TOWN_KEY + "&date=" + day);
      assertThat(Chromium.await(Duration.ofSeconds(30), review::ready)).as("the review loaded").isTrue();
      assertThat(review.text("#rv-cases")).contains("当日立案 4 件").contains("超期在办 2").contains("按时签收率 100%")
          .contains("金盆村").contains("环境卫生检查组（演示）");
      assertThat(review.text("#rv-case-rank")).contains("综合评价").contains("红榜");
      System.out.println("review sheet: content ends at " + browser.js(
          "const s = document.getElementById('rv-sheet'); const last = s.lastElementChild.getBoundingClientRect();"
          + " return (last.bottom - s.getBoundingClientRect().top) / (96 / 25.4) + ' mm of 297';"));
      browser.screenshot(WallScreenTest.SHOTS.resolve("review-cases.png"));
      review.printShot(WallScreenTest.SHOTS.resolve("review-cases-print.png"));
      assertThat(review.printedPages(WallScreenTest.SHOTS.resolve("review-cases.pdf"))).as("still one A4 page").isEqualTo(1);
      assertThat(List.of(browser.consoleErrors())).allSatisfy(errors -> assertThat(errors).isEmpty());
    }
  }
}
