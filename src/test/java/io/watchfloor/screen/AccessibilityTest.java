package io.watchfloor.screen;

import io.vertx.core.json.JsonObject;
import io.watchfloor.BrowserTest;
import io.watchfloor.MutableClock;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The five pages under axe-core's WCAG 2.0 and 2.1 A and AA rules (issue 28), each with data on it as an
 * officer, a unit or a wall sees it: alerts in the queue and the detail open, the acting dialog, the handover,
 * every tab of /admin, a field form with a wrong figure, the review with its replay. No violation may remain;
 * a failure lists each rule, its impact and the nodes it found. The other tabs, the dialogs and English are
 * AccessibilityDialogsTest's and FieldAccessibilityTest's.
 */
@BrowserTest
class AccessibilityTest {
  private static TestServer server;
  private static Chromium browser;

  @BeforeAll
  static void start() {
    server = ConsoleTest.server(MutableClock.onDuty(), new JsonObject());
    ConsoleTest.threeAlerts(server);
    ConsoleTest.report(server, "cp-highway-exit", new JsonObject().put("vehicles_checked", 120).put("vehicles_turned_back", 3));
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

  private static String base() {
    return ScreenPage.origin(server.port);
  }

  /** A look at each page as checked (target/screenshots/a11y-*.png), to see that the darker fills still fit. */
  private static void shot(String name) {
    browser.screenshot(java.nio.file.Path.of("target", "screenshots", "a11y-" + name + ".png"));
  }

  private static void check(String page, List<String> found) {
    Axe.collect(browser, page, found);
  }

  private static void assertNone(List<String> found) {
    assertThat(found).as(String.join("\n", found)).isEmpty();
  }

  /** The rules run at all: an unlabelled slider and white on the old red, added to a page, are found. */
  @Test
  void axeFindsWhatTheAuditFound() {
    browser.driver.get(base() + "/review?key=" + TestTown.DISPLAY_KEY);
    assertThat(Chromium.await(Chromium.WAIT, () -> Boolean.TRUE.equals(browser.js("return document.readyState === 'complete';")))).isTrue();
    browser.js("const s = document.createElement('input'); s.type = 'range'; document.body.prepend(s);"
        + "const b = document.createElement('p'); b.textContent = '紧急'; b.style.cssText = 'background:#ff4d4f;color:#fff;font-size:14px';"
        + "document.body.prepend(b);");
    assertThat(Axe.violations(browser).stream().map(v -> v.getString("id")).toList()).contains("label", "color-contrast");
  }

  @Test
  void theWallScreensOfATownAndOfTheDistrictPassInBothLanguages() {
    List<String> found = new ArrayList<>();
    ScreenPage wall = new ScreenPage(browser, base());
    browser.driver.manage().deleteAllCookies(); // an officer's session, left by another test, would pick the wall
    for (String lang : List.of("", "en")) {
      String suffix = lang.isEmpty() ? "" : "-" + lang;
      wall.open("?key=demo-display-key-xudong" + (lang.isEmpty() ? "" : "&lang=" + lang));
      wall.awaitLive();
      assertThat(Chromium.await(Chromium.WAIT, () -> !wall.tickerItems().isEmpty())).as("alerts in the ticker: %s", wall.state()).isTrue();
      check("wall screen, 许东镇" + suffix, found);
      shot("wall-town" + suffix);
      wall.open("?key=" + TestTown.DISPLAY_KEY + (lang.isEmpty() ? "" : "&lang=" + lang));
      wall.awaitLive();
      check("wall screen, 长岭区" + suffix, found);
      shot("wall-district" + suffix);
    }
    assertNone(found);
  }

  @Test
  void theFieldPageOnAPhonePassesWithAWrongFigureOnIt() {
    List<String> found = new ArrayList<>();
    browser.viewport(412, 915, 2.625, true);
    try {
      browser.driver.get(base() + "/report#token=" + TestTown.CHECKPOINTS);
      assertThat(Chromium.await(Chromium.WAIT, () -> Boolean.TRUE.equals(browser.js(
          "return document.body.dataset.ready === 'true' && !document.getElementById('entry').hidden;")))).as("signed in").isTrue();
      check("field page", found);
      browser.driver.findElement(org.openqa.selenium.By.id("m-vehicles_checked")).sendKeys("12x");
      assertThat(Chromium.await(Chromium.WAIT, () -> "true".equals(browser.js(
          "return document.getElementById('m-vehicles_checked').getAttribute('aria-invalid');")))).isTrue();
      check("field page, a wrong figure", found);
      shot("field");
    } finally {
      browser.viewport(1920, 1080, 1);
    }
    assertNone(found);
  }

  @Test
  void theConsoleWithItsQueueDetailDialogAndHandoverPasses() {
    List<String> found = new ArrayList<>();
    ConsolePage page = new ConsolePage(browser, base());
    browser.driver.manage().deleteAllCookies();
    page.open("");
    assertThat(Chromium.await(Duration.ofSeconds(30), () -> page.visible("login"))).isTrue();
    check("console, sign-in", found);
    page.signIn("duty", "duty-demo-pass");
    page.awaitLive();
    assertThat(Chromium.await(Duration.ofSeconds(30), () -> page.rows().size() >= 3)).as("alerts in the queue").isTrue();
    String id = page.rows().get(0).get("id");
    page.clickRow(id, null);
    assertThat(Chromium.await(Chromium.WAIT, () -> page.text("#detail table.reports") != null)).as("the detail with its reports").isTrue();
    check("console, queue and detail", found);
    shot("console");
    page.clickRow(id, "ack");
    assertThat(Chromium.await(Chromium.WAIT, page::dialogOpen)).isTrue();
    check("console, acknowledge dialog", found);
    page.click("#act-cancel");
    page.click(".tab[data-view='handover']");
    assertThat(Chromium.await(Duration.ofSeconds(30), () -> page.text("#handover [data-section='open']") != null)).isTrue();
    check("console, handover", found);
    shot("console-handover");
    page.open("?lang=en#queue");
    page.awaitLive();
    assertThat(Chromium.await(Duration.ofSeconds(30), () -> page.rows().size() >= 3)).isTrue();
    page.clickRow(id, null);
    assertThat(Chromium.await(Chromium.WAIT, () -> page.text("#detail table.reports") != null)).isTrue();
    check("console in English, queue and detail", found);
    assertNone(found);
  }

  @Test
  void everyTabOfTheAdministrationPagePasses() {
    List<String> found = new ArrayList<>();
    ConsolePage page = new ConsolePage(browser, base());
    browser.driver.manage().deleteAllCookies();
    browser.driver.get(base() + "/admin");
    page.signIn("admin", "admin-demo-pass");
    assertThat(Chromium.await(Duration.ofSeconds(30), () -> "true".equals(browser.js("return document.body.dataset.ready"))))
        .as("signed in to /admin").isTrue();
    for (String tab : List.of("units", "operators", "keys", "rules", "time", "notify", "audit")) {
      page.click(".tab[data-view='" + tab + "']");
      assertThat(Chromium.await(Chromium.WAIT, () -> page.visible("view-" + tab))).as("tab %s", tab).isTrue();
      if (tab.equals("audit")) {
        page.click("#audit-load");
      }
      check("admin, " + tab, found);
      shot("admin-" + tab);
    }
    assertNone(found);
  }

  @Test
  void theDailyReviewWithItsReplayPasses() {
    List<String> found = new ArrayList<>();
    LocalDate day = MutableClock.onDutyInstant().toLocalDate();
    browser.driver.get(base() + "/review?key=" + TestTown.DISPLAY_KEY + "&date=" + day);
    assertThat(Chromium.await(Duration.ofSeconds(30), () -> Boolean.TRUE.equals(
        browser.js("return !!(window.watchfloorReview && window.watchfloorReview.ready);")))).as("the review loaded").isTrue();
    check("review", found);
    shot("review");
    browser.driver.get(base() + "/review?key=" + TestTown.DISPLAY_KEY + "&date=" + day + "&lang=en");
    assertThat(Chromium.await(Duration.ofSeconds(30), () -> Boolean.TRUE.equals(
        browser.js("return !!(window.watchfloorReview && window.watchfloorReview.ready);")))).as("the review in English").isTrue();
    check("review in English", found);
    assertNone(found);
  }
}
