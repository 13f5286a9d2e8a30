package io.watchfloor.admin;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.watchfloor.Api;
import io.watchfloor.BrowserTest;
import io.watchfloor.MutableClock;
import io.watchfloor.TestDatabase;
import io.watchfloor.TestServer;
import io.watchfloor.rules.RuleApiTest;
import io.watchfloor.screen.Chromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.Keys;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The time tab of /admin in headless Chromium on PostgreSQL, as the district's admin uses it: the time-limit
 * table with a mistake the server names on its field, then saved; the calendar of the year with a day
 * switched by a click and another by the keyboard alone, saved; a town's admin sees both and changes neither.
 * In zh and in English, with screenshots.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@BrowserTest
class CaseTimePageTest {
  static final Path SHOTS = Path.of("target", "screenshots");
  static final Instant NOON = Instant.parse("2026-11-21T04:00:00Z");
  /** The one answer the page expects and handles as an error: the named mistake. */
  static final Pattern HANDLED = Pattern.compile(".*/api/v1/(session|admin/case-limits) - Failed to load resource: "
      + "the server responded with a status of (401|422).*");

  /** The town admin of 石桥镇 that {@link RuleApiTest#access()} adds. */
  static final String TOWN_ADMIN = "shiqiao-admin";
  static final String TOWN_ADMIN_PASS = "shiqiao-admin-test-pass";

  private static TestServer server;
  private static Chromium browser;

  @BeforeAll
  static void start() throws Exception {
    Files.createDirectories(SHOTS);
    server = TestServer.start(new JsonObject().put("store", new JsonObject().put("kind", "postgres")
        .put("pg", new JsonObject().put("url", TestDatabase.fresh("wf_test_case_time_page")).put("connect-timeout-ms", 1000))),
        new MutableClock(NOON), RuleApiTest.access());
    browser = Chromium.launch(1920, 1080, 1, AdminPageTest.OFFLINE);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    server.close();
  }

  private static AdminPage signedIn(String user, String password, String query) {
    AdminPage page = new AdminPage(browser, "http://127.0.0.1:" + server.port);
    page.open(query);
    assertThat(Chromium.await(AdminPage.WAIT, () -> page.visible("#login") || page.visible("#app"))).isTrue();
    if (page.visible("#login")) {
      page.signIn(user, password);
    }
    return page;
  }

  private static JsonObject api(String path) {
    String cookie = new Api(server).signIn("admin", "admin-demo-pass");
    HttpResponse<Buffer> response = server.client.get(path).putHeader("Cookie", cookie).send().await();
    assertThat(response.statusCode()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  private static long count(String css) {
    return (Long) browser.js("return document.querySelectorAll(arguments[0]).length;", css);
  }

  private static String attribute(String css, String name) {
    return (String) browser.js("const e = document.querySelector(arguments[0]); return e && e.getAttribute(arguments[1]);", css, name);
  }

  @Test
  @Order(1)
  void theDistrictAdminFixesAMistakeInTheTableAndMarksDaysByMouseAndKeyboard() {
    AdminPage page = signedIn("admin", "admin-demo-pass", "#time");
    assertThat(Chromium.await(AdminPage.WAIT, () -> count("#limits-list tbody tr") == 13)).as("the shipped table").isTrue();
    assertThat(Chromium.await(AdminPage.WAIT, () -> count("#calendar-months .month") == 12)).isTrue();
    assertThat(page.text("#calendar-year")).isEqualTo("2026 年");
    assertThat(count("#calendar-marks tbody tr")).as("2026's holidays and 调休 days").isEqualTo(39);
    assertThat(attribute("button[data-day='2026-10-01']", "class")).contains("day-holiday");
    assertThat(attribute("button[data-day='2026-10-10']", "class")).contains("day-makeup");
    assertThat(attribute("button[data-day='2026-10-12']", "class")).contains("day-work");
    assertThat(page.text("#limits-list tbody tr:first-child")).contains("信访");

    String handle = "#limits-list [data-field='rows[0].handle.amount']";
    page.type(handle, "0");
    page.click("#limits-save");
    assertThat(Chromium.await(AdminPage.WAIT, () -> page.visible("#limits-error"))).isTrue();
    assertThat(page.text("#limits-error")).contains("rows[0].handle");
    assertThat(attribute("#limits-list [data-field='rows[0].handle']", "aria-invalid")).as("marked on its field").isEqualTo("true");
    browser.screenshot(SHOTS.resolve("admin-time-mistake.png"));
    page.type(handle, "10");
    page.click("#limits-save");
    assertThat(Chromium.await(AdminPage.WAIT, () -> !page.visible("#limits-error"))).isTrue();
    await().atMost(AdminPage.WAIT).untilAsserted(() ->
        assertThat(api("/api/v1/admin/case-limits").getJsonArray("rows").getJsonObject(0).getString("handle")).isEqualTo("10 workdays"));

    page.type("#calendar-note", "元旦前调整");
    page.click("button[data-day='2026-12-31']");
    assertThat(Chromium.await(AdminPage.WAIT, () -> attribute("button[data-day='2026-12-31']", "class").contains("day-holiday"))).isTrue();
    assertThat(page.visible("#calendar-dirty")).isTrue();
    // the keyboard alone: the clicked day keeps the focus; one week back and the 24th is off too
    page.find("button[data-day='2026-12-31']").sendKeys(Keys.ARROW_UP);
    assertThat(browser.js("return document.activeElement.dataset.day;")).isEqualTo("2026-12-24");
    browser.driver.switchTo().activeElement().sendKeys(Keys.SPACE);
    assertThat(Chromium.await(AdminPage.WAIT, () -> attribute("button[data-day='2026-12-24']", "aria-pressed").equals("true"))).isTrue();
    assertThat(browser.js("return document.activeElement.dataset.day;")).isEqualTo("2026-12-24");
    assertThat(attribute("button[data-day='2026-12-24']", "tabindex")).as("one day in the tab order").isEqualTo("0");
    assertThat(count("#calendar-months button.day[tabindex='0']")).isEqualTo(1);
    page.click("#calendar-save");
    await().atMost(AdminPage.WAIT).untilAsserted(() -> {
      JsonArray days = api("/api/v1/admin/calendar?year=2026").getJsonArray("days");
      assertThat(days.size()).isEqualTo(41);
      assertThat(days.stream().map(JsonObject.class::cast).filter(d -> d.getString("day").equals("2026-12-31")).findFirst()
          .orElseThrow().getString("note")).isEqualTo("元旦前调整");
    });
    assertThat(Chromium.await(AdminPage.WAIT, () -> !page.visible("#calendar-dirty"))).isTrue();
    browser.js("document.getElementById('calendar-months').scrollIntoView({block: 'start'});");
    browser.screenshot(SHOTS.resolve("admin-time-calendar.png"));
    browser.js("document.getElementById('view-time').scrollTop = 0;");
    browser.screenshot(SHOTS.resolve("admin-time.png"));

    page.click("#calendar-next");
    assertThat(Chromium.await(AdminPage.WAIT, () -> "2027 年".equals(page.text("#calendar-year")))).isTrue();
    assertThat(count("#calendar-marks tbody tr")).isZero();
    List<String> errors = browser.consoleErrors().stream().filter(e -> !HANDLED.matcher(e).matches()).toList();
    assertThat(errors).isEmpty();
  }

  @Test
  @Order(2)
  void inEnglishATownsAdminSeesTheTableAndTheCalendarAndChangesNeither() {
    browser.driver.manage().deleteAllCookies();
    AdminPage page = signedIn(TOWN_ADMIN, TOWN_ADMIN_PASS, "?lang=en#time");
    assertThat(Chromium.await(AdminPage.WAIT, () -> count("#limits-list tbody tr") == 13)).isTrue();
    assertThat(Chromium.await(AdminPage.WAIT, () -> count("#calendar-months .month") == 12)).isTrue();
    assertThat(page.text("#limits-note")).contains("district admin");
    assertThat(page.visible("#limits-save")).isFalse();
    assertThat(page.visible("#calendar-save")).isFalse();
    assertThat((Boolean) browser.js("return [...document.querySelectorAll('#limits-list input, #limits-list select')].every(e => e.disabled);"))
        .isTrue();
    page.click("button[data-day='2026-11-23']");
    assertThat(attribute("button[data-day='2026-11-23']", "class")).as("a click changes nothing").contains("day-work");
    assertThat(page.text("#calendar-months .month h3")).isEqualTo("January");
    browser.screenshot(SHOTS.resolve("admin-time-en.png"));
  }
}
