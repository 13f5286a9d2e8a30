package io.watchfloor.screen;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.watchfloor.Api;
import io.watchfloor.MutableClock;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;
import io.watchfloor.live.JsonDelta;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Pdf;
import org.openqa.selenium.print.PageMargin;
import org.openqa.selenium.print.PageSize;
import org.openqa.selenium.print.PrintOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The daily review (/review) in headless Chromium against a whole server whose clock the test moves:
 * checkpoint reports are posted at 09:10, 10:20 and 11:10 of the day, the sheet prints on one A4 page,
 * and the replay scrubbed to 10:00 shows that hour's totals in the wall screen's own KPI tiles.
 * Screenshots: target/screenshots/review-1920.png and review-print.png.
 */
class ReviewPageTest {
  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  static final Path SHOTS = Path.of("target", "screenshots");
  /** vehicles_checked posted at 09:10, 10:20 and 11:10: the totals at the end of hours 9, 10 and 11. */
  static final int[] POSTED = {30, 12, 100};

  private static Chromium browser;
  /** The fetch shims of the test running, removed after it so the next test starts clean. */
  private static final java.util.List<String> shims = new java.util.ArrayList<>();

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
      JsonArray states = new JsonArray().add(api.snapshot());
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
        states.add(api.snapshot());
      }
      clock.set(at(day, 23, 50).toInstant());
      installFixtures(day, states);

      browser.viewport(1920, 1080, 1);
      browser.driver.get("http://127.0.0.1:" + server.port + "/review?key=" + TestTown.DISPLAY_KEY + "&date=" + day);
      assertThat(Chromium.await(Duration.ofSeconds(20),
          () -> Boolean.TRUE.equals(browser.js("return !!(window.watchfloorReview && window.watchfloorReview.ready);"))))
          .as("the review and its replay loaded: %s", browser.js("return document.getElementById('rv-message').textContent;"))
          .isTrue();
      assertThat(text("#rv-title")).contains("长岭区").contains("一日一研判");
      assertThat(text("#rv-figures")).contains("车辆").contains("许东镇");
      assertThat(text(".rv-sign")).contains("研判人").contains("审核人").contains("日期");

      // the replay: scrubbed to 10:00 the wall screen's tiles show the totals at the end of that hour
      scrub(10);
      assertThat(Chromium.await(Duration.ofSeconds(10), () -> kpi("vehicles") == POSTED[0] + POSTED[1]))
          .as("vehicles tile at 10:00, shows %s", kpiText("vehicles")).isTrue();
      assertThat(kpiText("vehicles")).isEqualTo(String.valueOf(POSTED[0] + POSTED[1]));
      assertThat((String) browser.js("return document.getElementById('clock-time').textContent;")).isEqualTo("10:59:59");
      scrub(8);
      assertThat(Chromium.await(Duration.ofSeconds(10), () -> kpi("vehicles") == 0)).as("back to 08:00: none yet").isTrue();
      scrub(10);
      Chromium.await(Duration.ofSeconds(10), () -> kpi("vehicles") == POSTED[0] + POSTED[1]);
      Thread.sleep(800); // the charts redraw at most twice a second
      browser.screenshot(SHOTS.resolve("review-1920.png"));

      // played, it moves on by an hour a second, and the tiles follow
      browser.js("document.getElementById('rv-play').click();");
      assertThat(Chromium.await(Duration.ofSeconds(5), () -> hour() >= 12)).as("played on from 10:00").isTrue();
      assertThat(Chromium.await(Duration.ofSeconds(5), () -> kpi("vehicles") == POSTED[0] + POSTED[1] + POSTED[2])).isTrue();
      browser.js("document.getElementById('rv-play').click();");

      // printed: one A4 page (no replay, no controls)
      PrintOptions options = a4();
      Pdf pdf = browser.driver.print(options);
      byte[] bytes = Base64.getDecoder().decode(pdf.getContent());
      Files.write(SHOTS.resolve("review.pdf"), bytes);
      printShot(SHOTS.resolve("review-print.png"));
      assertThat(pages(bytes)).as("pages of the printed review").isEqualTo(1);

      // in English too, one page
      browser.driver.get("http://127.0.0.1:" + server.port + "/review?key=" + TestTown.DISPLAY_KEY + "&date=" + day + "&lang=en");
      assertThat(Chromium.await(Duration.ofSeconds(20),
          () -> Boolean.TRUE.equals(browser.js("return !!(window.watchfloorReview && window.watchfloorReview.ready);")))).isTrue();
      assertThat(text("#rv-title")).contains("daily review");
      printShot(SHOTS.resolve("review-print-en.png"));
      assertThat(pages(Base64.getDecoder().decode(browser.driver.print(options).getContent()))).as("pages in English").isEqualTo(1);
      assertThat(browser.consoleErrors().stream().filter(e -> !e.contains("/api/v1/review"))).as("console errors").isEmpty();
    }
  }

  @org.junit.jupiter.api.AfterEach
  void removeShims() {
    for (String id : shims) {
      browser.driver.executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", id));
    }
    shims.clear();
  }

  @Test
  void aBusyDayOfATownWithEightVillagesStillPrintsOnOnePage() throws Exception {
    LocalDate day = LocalDate.now(ZONE).minusDays(1);
    try (TestServer server = server(new MutableClock(at(day, 23, 0).toInstant()))) {
      installFixtures(day, new JsonArray().add(new Api(server).snapshot()), "review-town-busy.json", true);
      browser.viewport(1920, 1080, 1);
      browser.driver.get("http://127.0.0.1:" + server.port + "/review?key=" + WallScreenTest.TOWN_KEY + "&date=" + day);
      assertThat(Chromium.await(Duration.ofSeconds(20),
          () -> Boolean.TRUE.equals(browser.js("return !!(window.watchfloorReview && window.watchfloorReview.ready);")))).isTrue();
      assertThat(text("#rv-alerts")).contains("另有 5 条未列出");
      assertThat(text("#rv-compliance")).contains("漏报").contains("…");
      printShot(SHOTS.resolve("review-print-busy.png"));
      assertThat(pages(Base64.getDecoder().decode(browser.driver.print(a4()).getContent()))).as("pages of a busy town day").isEqualTo(1);
      browser.driver.get(browser.driver.getCurrentUrl() + "&lang=en");
      assertThat(Chromium.await(Duration.ofSeconds(20),
          () -> Boolean.TRUE.equals(browser.js("return !!(window.watchfloorReview && window.watchfloorReview.ready);")))).isTrue();
      printShot(SHOTS.resolve("review-print-busy-en.png"));
      assertThat(pages(Base64.getDecoder().decode(browser.driver.print(a4()).getContent()))).as("pages in English").isEqualTo(1);
    }
  }

  @Test
  void aTownKeyPicksOnlyItsOwnAreasAndAScopeOutsideItSaysSoInEitherLanguage() {
    LocalDate day = LocalDate.now(ZONE).minusDays(1);
    try (TestServer server = server(new MutableClock(at(day, 23, 0).toInstant()))) {
      JsonObject snapshot = new Api(server).snapshot();
      installFixtures(day, new JsonArray().add(snapshot));
      String base = "http://127.0.0.1:" + server.port + "/review?key=" + WallScreenTest.TOWN_KEY + "&date=" + day;
      browser.driver.get(base);
      assertThat(Chromium.await(Duration.ofSeconds(20),
          () -> Boolean.TRUE.equals(browser.js("return !!(window.watchfloorReview && window.watchfloorReview.ready);")))).isTrue();
      @SuppressWarnings("unchecked")
      java.util.List<String> options = (java.util.List<String>) browser.js(
          "return [...document.getElementById('rv-scope').options].map(o => o.value);");
      assertThat(options).as("the scope picker offers the town and its villages only").first().isEqualTo("xudong");
      assertThat(options).contains("liangting").doesNotContain("changling", "chengguan", "shiqiao");
      // a town's sheet has more child areas (8 villages) and still prints on one page
      browser.js("document.getElementById('rv-sheet').scrollIntoView();");
      printShot(SHOTS.resolve("review-print-town.png"));
      assertThat(pages(Base64.getDecoder().decode(browser.driver.print(a4()).getContent()))).as("pages of a town's review").isEqualTo(1);

      browser.driver.get(base + "&scope=changling");
      assertThat(Chromium.await(Duration.ofSeconds(10), () -> text("#rv-message").contains("无权查看"))).isTrue();
      assertThat((Boolean) browser.js("return document.getElementById('rv-sheet').hidden;")).isTrue();
      browser.driver.get(base + "&scope=changling&lang=en");
      assertThat(Chromium.await(Duration.ofSeconds(10), () -> text("#rv-message").contains("outside yours"))).isTrue();
      assertThat(text(".rv-controls")).contains("Date").contains("Area").contains("中文");

      // an officer's session instead of a key: the same picker, cut to the officer's scope
      String cookie = new Api(server).signIn("xudong-duty", "xudong-duty-demo-pass");
      browser.driver.manage().deleteAllCookies();
      browser.driver.manage().addCookie(new org.openqa.selenium.Cookie(cookie.substring(0, cookie.indexOf('=')),
          cookie.substring(cookie.indexOf('=') + 1), "/"));
      browser.driver.get("http://127.0.0.1:" + server.port + "/review?date=" + day);
      assertThat(Chromium.await(Duration.ofSeconds(20),
          () -> Boolean.TRUE.equals(browser.js("return !!(window.watchfloorReview && window.watchfloorReview.ready);"))))
          .as("signed in, no key: %s", text("#rv-message")).isTrue();
      assertThat((String) browser.js("return document.getElementById('rv-scope').value;")).isEqualTo("xudong");
      browser.driver.manage().deleteAllCookies();
    }
  }

  private static String text(String selector) {
    return (String) browser.js("return [...document.querySelectorAll(arguments[0])].map(e => e.innerText).join(' ');", selector);
  }

  /** A4 with no margins of the printer's own: the page's @page rule and padding set them. */
  static PrintOptions a4() {
    PrintOptions options = new PrintOptions();
    options.setPageSize(new PageSize(29.7, 21.0));
    options.setPageMargin(new PageMargin(0, 0, 0, 0));
    options.setBackground(true);
    return options;
  }

  private static int hour() {
    return ((Number) browser.js("return window.watchfloorReview.hour();")).intValue();
  }

  private static void scrub(int hour) {
    browser.js("const s = document.getElementById('rv-hour'); s.value = arguments[0]; s.dispatchEvent(new Event('input'));", hour);
  }

  private static double kpi(String id) {
    String raw = (String) browser.js("return document.querySelector('[data-kpi=\"' + arguments[0] + '\"] [data-value]').dataset.raw;", id);
    return raw == null || raw.isEmpty() ? -1 : Double.parseDouble(raw);
  }

  private static String kpiText(String id) {
    return (String) browser.js("return document.querySelector('[data-kpi=\"' + arguments[0] + '\"] [data-value]').textContent;", id);
  }

  /** Chromium writes each page as an object of /Type /Page. */
  static int pages(byte[] pdf) {
    var m = Pattern.compile("/Type\\s*/Page(?![s\\w])").matcher(new String(pdf, StandardCharsets.ISO_8859_1));
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  /** The page as the printer gets it: print media at A4's width in CSS pixels, the whole height. */
  private static void printShot(Path file) {
    browser.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
    browser.viewport(794, 1123, 1);
    try {
      browser.fullPageScreenshot(file);
    } finally {
      browser.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
      browser.viewport(1920, 1080, 1);
    }
  }

  /**
   * Until the review API is on this branch, the page's GET /api/v1/review and /replay that the server
   * answers 404 get the fixture: the sheet from src/test/resources/review, the replay built from the
   * server's own snapshots taken after each posted report (hour 0's state, then JsonDelta changes).
   */
  private static void installFixtures(LocalDate day, JsonArray states) {
    installFixtures(day, states, "review-fixture.json", false);
  }

  /** @param always serve the fixture even when the server answers (a day shaped on purpose) */
  private static void installFixtures(LocalDate day, JsonArray states, String file, boolean always) {
    String review;
    try (var in = ReviewPageTest.class.getResourceAsStream("/review/" + file)) {
      review = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("@DATE@", day.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    JsonArray hours = new JsonArray();
    JsonObject previous = null;
    for (int h = 0; h < 24; h++) {
      JsonObject state = states.getJsonObject(h < 9 ? 0 : Math.min(h - 8, states.size() - 1));
      hours.add(previous == null ? new JsonObject().put("hour", h).put("state", state)
          : new JsonObject().put("hour", h).put("changes", JsonDelta.diff(previous, state)));
      previous = state;
    }
    JsonObject replay = new JsonObject().put("date", day.toString()).put("scope", "changling").put("hours", hours);
    String shim = """
        (() => {
          const fixtures = { '/api/v1/review': %s, '/api/v1/review/replay': %s };
          const always = %s;
          const real = window.fetch.bind(window);
          window.fetch = async (input, init) => {
            const response = await real(input, init);
            const path = new URL(typeof input === 'string' ? input : input.url, location.href).pathname;
            if ((response.status !== 404 && !always) || !fixtures[path]) return response;
            return new Response(JSON.stringify(fixtures[path]), { status: 200, headers: { 'Content-Type': 'application/json' } });
          };
        })();""".formatted(review, replay.encode(), always);
    Map<String, Object> added = browser.driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", shim));
    shims.add((String) added.get("identifier"));
  }
}
