package io.watchfloor.admin;

import io.vertx.core.json.JsonObject;
import io.watchfloor.BrowserTest;
import io.watchfloor.DocImages;
import io.watchfloor.Api;
import io.watchfloor.MutableClock;
import io.watchfloor.TestDatabase;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;
import io.watchfloor.screen.Chromium;
import io.watchfloor.rules.RuleApiTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The /admin page in headless Chromium on PostgreSQL, as an admin uses it: a field unit issued with its
 * token and QR code, a report posted with it from the field page, the unit disabled and the field page
 * told so; a town's officer created who then sees only their town in the console; the rules tab edited
 * with a mistake the server names, then saved and previewed. In zh and in English, with screenshots.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@BrowserTest
class AdminPageTest {
  static final Path SHOTS = Path.of("target", "screenshots");
  static final Instant NOON = Instant.parse("2026-11-21T04:00:00Z");
  /** Any host name the page might try resolves to nothing, so a stray request fails loudly. */
  static final String OFFLINE = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1";

  /**
   * What the browser logs, as errors, for answers the pages expect and handle: signed out, a named mistake,
   * the field page's revoked token.
   */
  static final Pattern HANDLED = Pattern.compile(".*/api/v1/(session|reports|admin/rules/[a-z-]+|admin/operators|admin/ranking) - Failed to "
      + "load resource: the server responded with a status of (401|422).*");

  static final String FIRST_PASSWORD = "Harbour-Kite-7319-Amber";
  static final String OWN_PASSWORD = "Lantern-Quarry-5082-Violet";

  private static TestServer server;
  private static Chromium browser;
  private static MutableClock clock;

  @BeforeAll
  static void start() throws Exception {
    Files.createDirectories(SHOTS);
    clock = new MutableClock(NOON);
    server = TestServer.start(new JsonObject().put("store", new JsonObject().put("kind", "postgres")
        .put("pg", new JsonObject().put("url", TestDatabase.fresh("wf_test_admin_page")).put("connect-timeout-ms", 1000))),
        clock, RuleApiTest.access());
    browser = Chromium.launch(1920, 1080, 1, OFFLINE);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    server.close();
  }

  private static String base() {
    return "http://127.0.0.1:" + server.port;
  }

  /** Signed in as the district's admin on the tab, whether or not the browser still has the session. */
  private static AdminPage admin(String query) {
    AdminPage page = new AdminPage(browser, base());
    page.open(query);
    assertThat(Chromium.await(AdminPage.WAIT, () -> page.visible("#login") || page.visible("#app"))).isTrue();
    if (page.visible("#login")) {
      page.signIn("admin", "admin-demo-pass");
    }
    return page;
  }

  private static Map<String, Object> fieldStatus() {
    @SuppressWarnings("unchecked")
    Map<String, Object> status = (Map<String, Object>) browser.js("return {net: document.getElementById('net').dataset.net,"
        + " text: document.getElementById('net').innerText, sent: window.watchfloorReport.sent().length,"
        + " waiting: window.watchfloorReport.waiting().length};");
    return status;
  }

  /** The field page's form, as on the phone: the site, the time (the server's clock is fixed), a count, send. */
  private static void sendFromField(int vehicles) {
    browser.js("const s = document.getElementById('site'); s.value = 'cp-highway-exit';"
        + "s.dispatchEvent(new Event('change', {bubbles: true}));");
    browser.js("const t = document.getElementById('time'); t.value = '2026-11-21T12:00';"
        + "t.dispatchEvent(new Event('input', {bubbles: true}));");
    var input = browser.driver.findElement(org.openqa.selenium.By.id("m-vehicles_checked"));
    input.clear();
    input.sendKeys(String.valueOf(vehicles));
    browser.js("document.getElementById('send').scrollIntoView({block: 'center'});");
    browser.driver.findElement(org.openqa.selenium.By.id("send")).click();
  }

  @Test
  @Order(1)
  void aUnitIssuedHereReportsFromThePhoneUntilItIsDisabledAndThePhoneIsToldSo() {
    AdminPage page = admin("#units");
    assertThat(Chromium.await(AdminPage.WAIT, () -> page.rows("units-list").size() >= 3)).as("the demo units").isTrue();
    page.type("#unit-id", "jinpen-gate");
    page.type("#unit-name", "金盆村卡口值守组");
    page.click("#unit-sites input[data-site='cp-highway-exit']");
    page.click("#unit-create");
    assertThat(Chromium.await(AdminPage.WAIT, () -> page.visible("#secret"))).as("the token shows: %s", page.text("#unit-error"))
        .isTrue();
    await().atMost(AdminPage.WAIT).untilAsserted(() -> assertThat(page.text("#secret-value")).hasSizeGreaterThan(20));
    String token = page.text("#secret-value");
    String link = (String) browser.js("return document.getElementById('secret-link').href;");
    assertThat(link).isEqualTo(base() + "/report#token=" + token);
    await().atMost(AdminPage.WAIT).untilAsserted(() ->
        await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(Integer.parseInt((String) browser.js("return document.querySelector('#secret-qr svg').dataset.modules;")))
            .as("a QR code drawn in the page").isGreaterThanOrEqualTo(21)));
    browser.screenshot(SHOTS.resolve("admin-unit-token.png"));
    DocImages.keep(SHOTS.resolve("admin-unit-token.png"), "admin.png");
    page.click("#secret-done");
    assertThat(Chromium.await(AdminPage.WAIT, () -> page.row("units-list", "unit", "jinpen-gate") != null)).isTrue();
    await().atMost(AdminPage.WAIT).untilAsserted(() ->
        await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.text("#secret-value")).as("forgotten once closed").isEmpty()));
    browser.screenshot(SHOTS.resolve("admin-units.png"));

    browser.driver.get(link);
    assertThat(Chromium.await(AdminPage.WAIT, () -> Boolean.TRUE.equals(browser.js(
        "return document.body.dataset.ready === 'true' && !document.getElementById('entry').hidden;"))))
        .as("the QR code's link signs the phone in").isTrue();
    await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat((String) browser.js("return location.href;")).as("the token is taken off the address").doesNotContain("token"));
    sendFromField(12);
    assertThat(Chromium.await(AdminPage.WAIT, () -> fieldStatus().get("sent").equals(1L))).as("delivered: %s", fieldStatus())
        .isTrue();
    browser.screenshot(SHOTS.resolve("admin-field-delivered.png"));

    AdminPage again = admin("#units");
    assertThat(Chromium.await(AdminPage.WAIT, () -> again.row("units-list", "unit", "jinpen-gate") != null)).isTrue();
    again.click("#units-list tr[data-unit='jinpen-gate'] button.danger");
    assertThat(Chromium.await(AdminPage.WAIT, () -> again.visible("#ask"))).isTrue();
    again.click("#ask-confirm");
    assertThat(Chromium.await(AdminPage.WAIT, () -> {
      Map<String, String> row = again.row("units-list", "unit", "jinpen-gate");
      return row != null && row.get("text").contains("已停用");
    })).as("the list says disabled").isTrue();

    browser.driver.get(base() + "/report");
    assertThat(Chromium.await(AdminPage.WAIT, () -> Boolean.TRUE.equals(browser.js(
        "return document.body.dataset.ready === 'true' && !document.getElementById('entry').hidden;")))).isTrue();
    sendFromField(7);
    assertThat(Chromium.await(AdminPage.WAIT, () -> "refused".equals(fieldStatus().get("net"))))
        .as("the phone is told its token is no longer accepted: %s", fieldStatus()).isTrue();
    await().atMost(AdminPage.WAIT).untilAsserted(() -> assertThat((String) fieldStatus().get("text")).contains("令牌已失效"));
    browser.js("document.getElementById('net').scrollIntoView({block: 'center'});");
    browser.screenshot(SHOTS.resolve("admin-field-refused.png"));
  }

  @Test
  @Order(2)
  void aTownOfficerCreatedHereSeesOnlyTheirTownInTheConsole() {
    Api api = new Api(server);
    for (String site : new String[] {"pd-jinpen", "pd-hekou"}) {
      JsonObject escalated = new JsonObject().put("id", UUID.randomUUID().toString()).put("site", site)
          .put("observedAt", OffsetDateTime.ofInstant(NOON, ZoneOffset.ofHours(8)).toString())
          .put("metrics", new JsonObject().put("escalated_petitions", 1));
      assertThat(api.postReport(TestTown.PETITIONS, escalated).statusCode()).isEqualTo(201);
    }
    AdminPage page = admin("#operators");
    assertThat(Chromium.await(AdminPage.WAIT, () -> page.row("operators-list", "operator", "admin") != null)).isTrue();
    page.type("#operator-username", "xudong-night");
    page.type("#operator-name", "许东镇夜班值班员");
    browser.js("document.getElementById('operator-role').value = 'officer';"
        + "document.getElementById('operator-scope').value = 'xudong';");
    page.type("#operator-password", "too-short");
    page.click("#operator-create");
    assertThat(Chromium.await(AdminPage.WAIT, () -> page.visible("#operator-error"))).as("a weak password is named").isTrue();
    await().atMost(AdminPage.WAIT).untilAsserted(() -> assertThat(page.text("#operator-error")).contains("password"));
    page.type("#operator-password", FIRST_PASSWORD);
    page.click("#operator-create");
    assertThat(Chromium.await(AdminPage.WAIT, () -> page.row("operators-list", "operator", "xudong-night") != null))
        .as("created: %s", page.text("#operator-error")).isTrue();
    await().atMost(AdminPage.WAIT).untilAsserted(() ->
        await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.row("operators-list", "operator", "xudong-night").get("text")).contains("许东镇").contains("待改密码")));
    browser.screenshot(SHOTS.resolve("admin-operators.png"));

    page.tab("keys");
    page.type("#key-label", "许东镇指挥中心大屏");
    browser.js("document.getElementById('key-scope').value = 'xudong';");
    page.click("#key-create");
    assertThat(Chromium.await(AdminPage.WAIT, () -> page.visible("#secret"))).as("the key shows: %s", page.text("#key-error"))
        .isTrue();
    await().atMost(AdminPage.WAIT).untilAsserted(() -> assertThat(page.text("#secret-value")).hasSizeGreaterThan(20));
    String key = page.text("#secret-value");
    await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat((String) browser.js("return document.getElementById('secret-link').href;"))
        .isEqualTo(base() + "/?key=" + key + "&scope=xudong"));
    assertThat(server.client.get("/api/v1/snapshot").addQueryParam("key", key).send().await().bodyAsJsonObject()
        .getString("scope")).as("the key shows its town").isEqualTo("xudong");
    browser.screenshot(SHOTS.resolve("admin-key.png"));
    page.click("#secret-done");

    // their own first step, as /setup does it: a password only they know
    String cookie = api.signIn("xudong-night", FIRST_PASSWORD);
    assertThat(server.client.post("/api/v1/session/password").putHeader("Cookie", cookie).putHeader("Origin", api.origin())
        .sendJsonObject(new JsonObject().put("currentPassword", FIRST_PASSWORD).put("password", OWN_PASSWORD)).await()
        .statusCode()).isBetween(200, 204);

    browser.js("document.getElementById('signout').click();");
    assertThat(Chromium.await(AdminPage.WAIT, () -> page.visible("#login"))).isTrue();
    browser.driver.get(base() + "/console");
    page.signInConsole("xudong-night", OWN_PASSWORD);
    assertThat(Chromium.await(AdminPage.WAIT, () -> page.rows("queue").size() == 1)).as("one alert: %s", page.rows("queue"))
        .isTrue();
    await().atMost(AdminPage.WAIT).untilAsserted(() -> assertThat(page.text("#title")).contains("许东镇"));
    await().atMost(AdminPage.WAIT).untilAsserted(() ->
        await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.rows("queue").get(0).get("text")).contains("金盆村").doesNotContain("河口村")));
    @SuppressWarnings("unchecked")
    java.util.List<String> areas = (java.util.List<String>) browser.js(
        "return [...document.getElementById('f-area').options].map(o => o.value).filter(v => v);");
    assertThat(areas).contains("jinpen").doesNotContain("shiqiao", "hekou", "changling");
    browser.screenshot(SHOTS.resolve("admin-town-officer-console.png"));
    browser.js("document.getElementById('signout').click();");
    assertThat(Chromium.await(AdminPage.WAIT, () -> page.visible("#login"))).as("signed out of the console").isTrue();
  }

  @Test
  @Order(3)
  void theDistrictAdminEditsARuleTheServerNamesTheMistakeAndThePreviewShowsWhatItWouldFire() {
    JsonObject report = new JsonObject().put("id", UUID.randomUUID().toString()).put("site", "cp-highway-exit")
        .put("observedAt", OffsetDateTime.ofInstant(NOON, ZoneOffset.ofHours(8)).toString())
        .put("metrics", new JsonObject().put("persons_turned_back", 45));
    // the unit of the first test reported 12 vehicles there; none turned back
    assertThat(new Api(server).postReport(TestTown.CHECKPOINTS, report).statusCode()).isEqualTo(201);

    AdminPage page = admin("#rules");
    assertThat(Chromium.await(AdminPage.WAIT, () -> page.rows("rules-list").size() == 7)).as("the seven rules").isTrue();
    await().atMost(AdminPage.WAIT).untilAsserted(() -> assertThat(page.text("#title")).contains("系统管理"));
    await().atMost(AdminPage.WAIT).untilAsserted(() ->
        await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.row("rules-list", "rule", "turned-back-surge").get("text")).contains("50")));

    page.click("#rules-list tr[data-rule='turned-back-surge'] .actions button");
    assertThat(Chromium.await(AdminPage.WAIT, () -> page.visible("#rule-form"))).isTrue();
    page.type("[data-field='window']", "120");
    page.click("#rule-save");
    assertThat(Chromium.await(AdminPage.WAIT, () -> page.visible("#rule-error"))).as("the server's 422 shows").isTrue();
    await().atMost(AdminPage.WAIT).untilAsserted(() ->
        await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.text("#rule-error")).contains("rule.window").contains("PT1H")));

    page.type("[data-field='window']", "30");
    page.type("[data-field='bound']", "40");
    page.click("#rule-preview");
    assertThat(Chromium.await(AdminPage.WAIT, () -> page.visible("#rule-preview-result table"))).as("the preview's table").isTrue();
    await().atMost(AdminPage.WAIT).untilAsserted(() -> assertThat(page.text("#rule-preview-result")).contains("1").contains("45"));
    browser.screenshot(SHOTS.resolve("admin-rules-preview.png"));

    page.click("#rule-save");
    assertThat(Chromium.await(AdminPage.WAIT, () -> !page.visible("#rule-form"))).as("saved: %s", page.text("#rule-error")).isTrue();
    assertThat(Chromium.await(AdminPage.WAIT, () -> {
      Map<String, String> row = page.row("rules-list", "rule", "turned-back-surge");
      return row != null && row.get("text").contains("40") && row.get("text").contains("30");
    })).as("the list shows the new bound and window").isTrue();
    assertThat(page.row("rules-list", "rule", "escalated-petition").get("text"))
        .as("critical reads as on the console and in the messages").contains("严重").doesNotContain("紧急");

    // the on-time red list floor under the rules: 80 % until changed; a mistake named, then saved and audited
    await().atMost(AdminPage.WAIT).untilAsserted(() ->
        assertThat((String) browser.js("return document.getElementById('ranking-floor').value;")).isEqualTo("80"));
    assertThat(page.text("#ranking-note")).contains("默认 80%");
    page.type("#ranking-floor", "120");
    page.click("#ranking-save");
    await().atMost(AdminPage.WAIT).untilAsserted(() -> assertThat(page.text("#ranking-error")).contains("onTimeRedFloor"));
    page.type("#ranking-floor", "85");
    page.click("#ranking-save");
    assertThat(Chromium.await(AdminPage.WAIT, () -> !page.visible("#ranking-error"))).as("saved").isTrue();
    page.open("#rules");
    await().atMost(AdminPage.WAIT).untilAsserted(() ->
        assertThat((String) browser.js("return document.getElementById('ranking-floor').value;")).isEqualTo("85"));
    browser.screenshot(SHOTS.resolve("admin-rules.png"));

    page.open("?lang=en#rules");
    assertThat(Chromium.await(AdminPage.WAIT, () -> page.rows("rules-list").size() == 7)).isTrue();
    await().atMost(AdminPage.WAIT).untilAsserted(() -> assertThat(page.text("#title")).contains("Administration"));
    await().atMost(AdminPage.WAIT).untilAsserted(() ->
        await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.row("rules-list", "rule", "turned-back-surge").get("text")).contains("summed over 30 min")));
    browser.screenshot(SHOTS.resolve("admin-rules-en.png"));
    page.open("?lang=en#units");
    assertThat(Chromium.await(AdminPage.WAIT, () -> page.row("units-list", "unit", "jinpen-gate") != null)).isTrue();
    await().atMost(AdminPage.WAIT).untilAsserted(() ->
        await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.row("units-list", "unit", "jinpen-gate").get("text")).contains("disabled")));
    browser.screenshot(SHOTS.resolve("admin-units-en.png"));
    page.open("?lang=en#audit");
    // the server's clock is held at the test's noon; the page's dates start from the browser's
    assertThat(Chromium.await(AdminPage.WAIT, () -> page.visible("#audit-from"))).isTrue();
    browser.js("document.getElementById('audit-from').value = '2026-11-21';"
        + "document.getElementById('audit-to').value = '2026-11-21';");
    page.click("#audit-load");
    assertThat(Chromium.await(AdminPage.WAIT, () -> page.rows("audit-list").size() >= 4)).as("the audit lists the changes")
        .isTrue();
    await().atMost(AdminPage.WAIT).untilAsserted(() -> assertThat(page.rows("audit-list").stream().map(r -> r.get("action")).toList())
        .contains("rule.update", "ranking.update", "unit.create", "unit.disable", "operator.create"));
    await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat((String) browser.js("return document.getElementById('audit-csv').getAttribute('href');")).contains("format=csv"));
    await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.visible("#audit-more")).as("a whole list offers no more").isFalse());
    browser.screenshot(SHOTS.resolve("admin-audit-en.png"));

    // a stranger's tries are one counted line, which the filter sets apart from the changes
    AdminCalls strangers = new AdminCalls(server.client, server.port);
    for (int i = 0; i < 3; i++) {
      assertThat(strangers.signInRaw("audit-stranger", "guess-" + i).statusCode()).isEqualTo(401);
    }
    page.open("#audit");
    assertThat(Chromium.await(AdminPage.WAIT, () -> page.visible("#audit-kind"))).isTrue();
    browser.js("document.getElementById('audit-from').value = '2026-11-21';"
        + "document.getElementById('audit-to').value = '2026-11-21';"
        + "const kind = document.getElementById('audit-kind'); kind.value = 'sign-ins'; kind.dispatchEvent(new Event('change'));");
    assertThat(Chromium.await(AdminPage.WAIT, () -> page.rows("audit-list").stream()
        .anyMatch(r -> r.get("text").contains("audit-stranger") && r.get("text").contains("失败 3 次"))))
        .as("the three tries, counted on one line").isTrue();
    assertThat(page.rows("audit-list")).allMatch(r -> "sign-in.failed".equals(r.get("action")));
    browser.screenshot(SHOTS.resolve("admin-audit.png"));
    browser.js("const kind = document.getElementById('audit-kind'); kind.value = 'changes'; kind.dispatchEvent(new Event('change'));");
    assertThat(Chromium.await(AdminPage.WAIT, () -> !page.rows("audit-list").isEmpty()
        && page.rows("audit-list").stream().noneMatch(r -> "sign-in.failed".equals(r.get("action"))))).as("the changes only").isTrue();
    assertThat((String) browser.js("return document.getElementById('audit-csv').getAttribute('href');"))
        .contains("exclude=sign-in.failed");
    assertThat(browser.consoleErrors()).as("nothing failed in the page but the answers it expects and shows")
        .allMatch(e -> HANDLED.matcher(e).matches());
  }
}
