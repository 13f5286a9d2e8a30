package io.watchfloor.screen;

import io.vertx.core.json.JsonObject;
import io.watchfloor.BrowserTest;
import io.watchfloor.MutableClock;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What issue 28 found beyond axe-core: the wall's ticker stands still for someone who asked their system for
 * less motion; the wall's charts give their figures as text; a wrong figure on the field page is tied to the
 * text saying why; the review sheet is readable on screen (≥ 12 px), whatever its print size.
 */
@BrowserTest
class MotionAndTextTest {
  private static TestServer server;
  private static Chromium browser;

  @BeforeAll
  static void start() {
    server = ConsoleTest.server(MutableClock.onDuty(), new JsonObject());
    // enough alerts that the ticker is wider than the wall and scrolls
    for (String site : List.of("pd-jinpen", "pd-jizhen", "pd-tianjing", "pd-xujiapai")) {
      ConsoleTest.report(server, site, new JsonObject().put("escalated_petitions", 1));
    }
    for (String site : List.of("sn-tianjing", "sn-jinpen", "sn-liangting")) {
      ConsoleTest.report(server, site, new JsonObject().put("score", 40));
    }
    ConsoleTest.report(server, "cp-highway-exit", new JsonObject().put("vehicles_checked", 137).put("vehicles_turned_back", 4));
    browser = Chromium.launch(1920, 1080, 1, WallScreenTest.OFFLINE);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private static void reducedMotion(boolean reduce) {
    browser.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
        List.of(Map.of("name", "prefers-reduced-motion", "value", reduce ? "reduce" : "no-preference"))));
  }

  /** Whether the ticker's track is being moved: a running animation on it, or a transform off its place. */
  private static boolean tickerMoves() {
    return Boolean.TRUE.equals(browser.js("const t = document.querySelector('#ticker [data-track]');"
        + "return t.getAnimations().some(a => a.playState === 'running') || getComputedStyle(t).transform !== 'none';"));
  }

  @Test
  void theTickerScrollsButStandsStillUnderPrefersReducedMotion() {
    ScreenPage wall = new ScreenPage(browser, ScreenPage.origin(server.port));
    reducedMotion(false);
    browser.consoleErrors();
    wall.open("?key=demo-display-key-xudong");
    wall.awaitLive();
    assertThat(Chromium.await(Chromium.WAIT, MotionAndTextTest::tickerMoves)).as("seven alerts scroll by").isTrue();
    reducedMotion(true);
    try {
      assertThat(Chromium.await(Chromium.WAIT, () -> !tickerMoves())).as("asked for less motion on the open wall, it stops").isTrue();
      wall.open("?key=demo-display-key-xudong");
      wall.awaitLive();
      assertThat(Chromium.await(Chromium.WAIT, () -> wall.tickerItems().size() >= 7)).as("the alerts are still listed").isTrue();
      assertThat(tickerMoves()).as("opened under reduced motion, it never moves").isFalse();
      assertThat(browser.consoleErrors()).as("the still maps and charts draw without an error").isEmpty();
      assertThat(browser.js("return document.querySelector('#ticker .ticker-item:not([hidden])').getBoundingClientRect().left;"))
          .as("the first alert stands at the start of the ticker").isNotNull();
    } finally {
      reducedMotion(false);
    }
  }

  @Test
  void theWallsChartsGiveTheirFiguresAsText() {
    ScreenPage wall = new ScreenPage(browser, ScreenPage.origin(server.port));
    wall.open("?key=demo-display-key-xudong");
    wall.awaitLive();
    assertThat(Chromium.await(Chromium.WAIT, () -> String.valueOf(browser.js(
        "return document.querySelector('#panel-checkpoints table[data-figures]').textContent;")).contains("137")))
        .as("the checkpoint chart's figures: %s", browser.js("return document.querySelector('#panel-checkpoints table[data-figures]')?.innerText;"))
        .isTrue();
    String checkpoints = (String) browser.js("return document.querySelector('#panel-checkpoints table[data-figures]').textContent;");
    assertThat(checkpoints).contains("卡口检测与劝返").contains("检测车辆").contains("137").contains("4");
    for (String panel : List.of("#panel-trend", "#panel-petitions", "#panel-ranking")) {
      assertThat(Chromium.await(Chromium.WAIT, () -> ((Number) browser.js("return document.querySelectorAll(arguments[0] + ' table[data-figures] tbody tr').length;",
          panel)).intValue() > 0)).as("%s has its figures as a table", panel).isTrue();
      assertThat(browser.js("return document.querySelector(arguments[0] + ' [data-chart]').getAttribute('aria-hidden');", panel))
          .as("%s's canvas is left to the eye", panel).isEqualTo("true");
    }
    assertThat((String) browser.js("return document.querySelector('#panel-petitions table[data-figures]').textContent;")).contains("金盆村");
    assertThat(Chromium.await(Chromium.WAIT, () -> String.valueOf(browser.js(
        "return document.querySelector('#panel-map table[data-figures]').textContent;")).contains("金盆村信访工作站严重")))
        .as("the map names each site's state: %s", browser.js("return document.querySelector('#panel-map table[data-figures]')?.textContent;")).isTrue();
    wall.open("?key=" + TestTown.DISPLAY_KEY);
    wall.awaitLive();
    assertThat(Chromium.await(Chromium.WAIT, () -> String.valueOf(browser.js(
        "return document.querySelector('#panel-town-bars table[data-figures]').textContent;")).contains("许东镇")))
        .as("the district's bars by town as text").isTrue();
    assertThat(Chromium.await(Chromium.WAIT, () -> String.valueOf(browser.js(
        "return document.querySelector('#panel-town-map table[data-figures]').textContent;")).contains("许东镇")))
        .as("the district's map by town as text").isTrue();
  }

  @Test
  void aWrongFigureOnTheFieldPageIsTiedToTheTextSayingWhy() {
    browser.viewport(412, 915, 2.625, true);
    try {
      browser.driver.get(ScreenPage.origin(server.port) + "/report#token=" + TestTown.CHECKPOINTS);
      assertThat(Chromium.await(Chromium.WAIT, () -> Boolean.TRUE.equals(browser.js(
          "return document.body.dataset.ready === 'true' && !document.getElementById('entry').hidden;")))).isTrue();
      browser.driver.findElement(By.id("m-vehicles_checked")).sendKeys("12x");
      assertThat(Chromium.await(Chromium.WAIT, () -> "true".equals(browser.js(
          "return document.getElementById('m-vehicles_checked').getAttribute('aria-invalid');")))).isTrue();
      @SuppressWarnings("unchecked")
      Map<String, Object> error = (Map<String, Object>) browser.js("const i = document.getElementById('m-vehicles_checked');"
          + "const e = document.getElementById(i.getAttribute('aria-describedby'));"
          + "return e && {text: e.innerText, visible: e.getBoundingClientRect().height > 0 && getComputedStyle(e).visibility === 'visible'};");
      assertThat(error).as("aria-describedby names the error text").isNotNull();
      assertThat((String) error.get("text")).isNotBlank();
      assertThat(error.get("visible")).isEqualTo(true);
      browser.driver.findElement(By.id("m-vehicles_checked")).sendKeys(Keys.BACK_SPACE);
      assertThat(Chromium.await(Chromium.WAIT, () -> browser.js(
          "return document.getElementById('m-vehicles_checked').getAttribute('aria-describedby');") == null))
          .as("put right, it points to nothing").isTrue();
    } finally {
      browser.viewport(1920, 1080, 1);
    }
  }

  @Test
  void theReviewSheetIsReadableOnScreen() {
    browser.driver.get(ScreenPage.origin(server.port) + "/review?key=" + TestTown.DISPLAY_KEY + "&date=" + MutableClock.onDutyInstant().toLocalDate());
    assertThat(Chromium.await(Duration.ofSeconds(30), () -> Boolean.TRUE.equals(
        browser.js("return !!(window.watchfloorReview && window.watchfloorReview.ready);")))).isTrue();
    @SuppressWarnings("unchecked")
    List<Number> sizes = (List<Number>) browser.js("return [...document.querySelectorAll('.rv-sheet td, .rv-sheet th')]"
        + ".filter(c => c.offsetParent && c.innerText.trim()).map(c => parseFloat(getComputedStyle(c).fontSize));");
    assertThat(sizes).as("table cells with text on the sheet").isNotEmpty();
    assertThat(sizes.stream().mapToDouble(Number::doubleValue).min().orElseThrow()).as("smallest table text, px").isGreaterThanOrEqualTo(12);
  }
}
