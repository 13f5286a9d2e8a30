package io.watchfloor.screen;

import io.vertx.core.json.JsonObject;
import io.watchfloor.BrowserTest;
import io.watchfloor.DocImages;
import io.watchfloor.Api;
import io.watchfloor.MutableClock;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Cookie;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The daily review (/review) in headless Chromium against a whole server whose clock the test moves:
 * checkpoint reports are posted at 09:10, 10:20 and 11:10 of the day, the sheet prints on one A4 page,
 * and the replay scrubbed to 10:00 shows that hour's totals in the wall screen's own KPI tiles.
 * Screenshots: target/screenshots/review-1920.png and review-print*.png (the print media at A4 width), with the PDFs.
 */
@BrowserTest
class ReviewPageTest {
  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  static final Path SHOTS = Path.of("target", "screenshots");
  /** vehicles_checked posted at 09:10, 10:20 and 11:10: the totals at the end of hours 9, 10 and 11. */
  static final int[] POSTED = {30, 12, 100};

  private static Chromium browser;
  private static ReviewPage page;

  @BeforeAll
  static void launch() {
    browser = Chromium.launch(1920, 1080, 1, WallScreenTest.OFFLINE);
    page = new ReviewPage(browser);
  }

  @AfterAll
  static void quit() {
    if (browser != null) {
      browser.close();
    }
  }

  /** Demo access (the district's display key) without the simulated units: only the test's reports count. */
  static TestServer server(MutableClock clock) {
    return TestServer.start(new JsonObject()
        .put("demo", new JsonObject().put("enabled", true).put("simulate", false))
        .put("ingest", new JsonObject().put("rate-limit", new JsonObject().put("per-second", 10000).put("burst", 10000))), clock);
  }

  static OffsetDateTime at(LocalDate day, int hour, int minute) {
    return OffsetDateTime.of(day, LocalTime.of(hour, minute), ZoneOffset.ofHours(8));
  }

  @Test
  void theReviewPrintsOnOneA4PageAndTheReplayAtTenShowsThatHoursTotals() throws Exception {
    LocalDate day = LocalDate.now(ZONE).minusDays(1);
    MutableClock clock = new MutableClock(at(day, 0, 30).toInstant());
    try (TestServer server = server(clock)) {
      Api api = new Api(server);
      int total = 0;
      int[][] when = {{9, 10}, {10, 20}, {11, 10}};
      for (int i = 0; i < POSTED.length; i++) {
        clock.set(at(day, when[i][0], when[i][1]).toInstant());
        assertThat(api.postReport(TestTown.CHECKPOINTS, TestTown.checkpointReport(UUID.randomUUID(),
            at(day, when[i][0], when[i][1]), POSTED[i], 1)).statusCode()).isEqualTo(201);
        total += POSTED[i];
        int expected = total;
        assertThat(Chromium.await(Duration.ofSeconds(10),
            () -> api.totals().getInteger("vehicles_checked", 0) == expected)).isTrue();
      }
      clock.set(at(day, 23, 50).toInstant());

      browser.viewport(1920, 1080, 1);
      browser.consoleErrors();
      browser.driver.get("http://127.0.0.1:" + server.port + "/review?key=" + TestTown.DISPLAY_KEY + "&date=" + day);
      assertThat(Chromium.await(Duration.ofSeconds(20),
          page::ready))
          .as("the review and its replay loaded: %s", browser.js("return document.getElementById('rv-message').textContent;"))
          .isTrue();
      assertThat(page.text("#rv-title")).contains("长岭区").contains("一日一研判");
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(browser.driver.getTitle()).isEqualTo("长岭区 一日一研判 · " + day));
      assertThat(page.text("#rv-figures")).contains("车辆").contains("许东镇");
      assertThat(page.text(".rv-sign")).contains("研判人").contains("审核人").contains("日期");

      // the replay: scrubbed to 10:00 the wall screen's tiles show the totals at the end of that hour
      page.scrub(10);
      assertThat(Chromium.await(Duration.ofSeconds(10), () -> page.kpi("vehicles") == POSTED[0] + POSTED[1]))
          .as("vehicles tile at 10:00, shows %s", page.kpiText("vehicles")).isTrue();
      assertThat(page.kpiText("vehicles")).isEqualTo(String.valueOf(POSTED[0] + POSTED[1]));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat((String) browser.js("return document.getElementById('clock-time').textContent;")).isEqualTo("10:59:59"));
      page.scrub(8);
      assertThat(Chromium.await(Duration.ofSeconds(10), () -> page.kpi("vehicles") == 0)).as("back to 08:00: none yet").isTrue();
      // the replay's on-time board at 08:00, every town at 0 %: a tie, not three winners, and no honour (issue 28)
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(browser.js(
          "return [...document.querySelectorAll('[data-board=onTime] .tr-rank')].map(e => e.textContent);"))
          .isEqualTo(List.of("并列第1", "并列第1", "并列第1")));
      assertThat(browser.js("return document.querySelectorAll('[data-board=onTime] .tr-red').length;")).isEqualTo(0L);
      page.scrub(10);
      Chromium.await(Duration.ofSeconds(10), () -> page.kpi("vehicles") == POSTED[0] + POSTED[1]);
      // a picture for the docs, not a check: the charts redraw at most twice a second and leave no trace to wait for
      Thread.sleep(800);
      browser.screenshot(SHOTS.resolve("review-1920.png"));
      DocImages.keep(SHOTS.resolve("review-1920.png"), "review.png");

      // played, it moves on by an hour a second, and the tiles follow
      browser.js("document.getElementById('rv-play').click();");
      assertThat(Chromium.await(Duration.ofSeconds(5), () -> page.hour() >= 12)).as("played on from 10:00").isTrue();
      assertThat(Chromium.await(Duration.ofSeconds(5), () -> page.kpi("vehicles") == POSTED[0] + POSTED[1] + POSTED[2])).isTrue();
      browser.js("document.getElementById('rv-play').click();");

      // printed: one A4 page (no replay, no controls)
      page.printShot(SHOTS.resolve("review-print.png"));
      assertThat(page.printedPages(SHOTS.resolve("review.pdf"))).as("pages of the printed review").isEqualTo(1);

      // in English too, one page
      browser.driver.get("http://127.0.0.1:" + server.port + "/review?key=" + TestTown.DISPLAY_KEY + "&date=" + day + "&lang=en");
      assertThat(Chromium.await(Duration.ofSeconds(20),
          page::ready)).isTrue();
      assertThat(page.text("#rv-title")).contains("daily review");
      page.printShot(SHOTS.resolve("review-print-en.png"));
      assertThat(page.printedPages(SHOTS.resolve("review-en.pdf"))).as("pages in English").isEqualTo(1);
      assertThat(browser.consoleErrors()).as("console errors").isEmpty();
    }
  }

  @AfterEach
  void removeShims() {
    page.removeFixtures();
  }

  @Test
  void aBusyDayOfATownWithEightVillagesStillPrintsOnOnePage() throws Exception {
    LocalDate day = LocalDate.now(ZONE).minusDays(1);
    try (TestServer server = server(new MutableClock(at(day, 23, 0).toInstant()))) {
      page.installFixture(day, new Api(server).snapshot(), "review-town-busy.json");
      browser.viewport(1920, 1080, 1);
      browser.driver.get("http://127.0.0.1:" + server.port + "/review?key=" + WallScreenTest.TOWN_KEY + "&date=" + day);
      assertThat(Chromium.await(Duration.ofSeconds(20),
          page::ready)).isTrue();
      assertThat(page.text("#rv-alerts")).contains("另有 5 条未列出");
      assertThat(page.text("#rv-compliance")).contains("漏报").contains("…");
      page.printShot(SHOTS.resolve("review-print-busy.png"));
      assertThat(page.printedPages(SHOTS.resolve("review-busy.pdf"))).as("pages of a busy town day").isEqualTo(1);
      browser.driver.get(browser.driver.getCurrentUrl() + "&lang=en");
      assertThat(Chromium.await(Duration.ofSeconds(20),
          page::ready)).isTrue();
      page.printShot(SHOTS.resolve("review-print-busy-en.png"));
      assertThat(page.printedPages(SHOTS.resolve("review-en.pdf"))).as("pages in English").isEqualTo(1);
    }
  }

  @Test
  void aTownKeyPicksOnlyItsOwnAreasAndAScopeOutsideItSaysSoInEitherLanguage() {
    LocalDate day = LocalDate.now(ZONE).minusDays(1);
    try (TestServer server = server(new MutableClock(at(day, 23, 0).toInstant()))) {
      String base = "http://127.0.0.1:" + server.port + "/review?key=" + WallScreenTest.TOWN_KEY + "&date=" + day;
      browser.driver.get(base);
      assertThat(Chromium.await(Duration.ofSeconds(20),
          page::ready)).isTrue();
      @SuppressWarnings("unchecked")
      List<String> options = (List<String>) browser.js(
          "return [...document.getElementById('rv-scope').options].map(o => o.value);");
      assertThat(options).as("the scope picker offers the town and its villages only").first().isEqualTo("xudong");
      assertThat(options).contains("liangting").doesNotContain("changling", "chengguan", "shiqiao");
      // a town's sheet has more child areas (8 villages) and still prints on one page
      browser.js("document.getElementById('rv-sheet').scrollIntoView();");
      page.printShot(SHOTS.resolve("review-print-town.png"));
      assertThat(page.printedPages(SHOTS.resolve("review-town.pdf"))).as("pages of a town's review").isEqualTo(1);

      browser.driver.get(base + "&scope=changling");
      assertThat(Chromium.await(Duration.ofSeconds(10), () -> page.text("#rv-message").contains("无权查看"))).isTrue();
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat((Boolean) browser.js("return document.getElementById('rv-sheet').hidden;")).isTrue());
      browser.driver.get(base + "&scope=changling&lang=en");
      assertThat(Chromium.await(Duration.ofSeconds(10), () -> page.text("#rv-message").contains("outside yours"))).isTrue();
      assertThat(page.text(".rv-controls")).contains("Date").contains("Area").contains("中文");

      // an officer's session instead of a key: the same picker, cut to the officer's scope
      String cookie = new Api(server).signIn("xudong-duty", "xudong-duty-demo-pass");
      browser.driver.manage().deleteAllCookies();
      browser.driver.manage().addCookie(new Cookie(cookie.substring(0, cookie.indexOf('=')),
          cookie.substring(cookie.indexOf('=') + 1), "/"));
      browser.driver.get("http://127.0.0.1:" + server.port + "/review?date=" + day);
      assertThat(Chromium.await(Duration.ofSeconds(20),
          page::ready))
          .as("signed in, no key: %s", page.text("#rv-message")).isTrue();
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat((String) browser.js("return document.getElementById('rv-scope').value;")).isEqualTo("xudong"));
      browser.driver.manage().deleteAllCookies();

      // neither: the page says how to get in
      browser.driver.get("http://127.0.0.1:" + server.port + "/review");
      assertThat(Chromium.await(Duration.ofSeconds(10), () -> page.text("#rv-message").contains("请先登录值班台"))).isTrue();
    }
  }
}
