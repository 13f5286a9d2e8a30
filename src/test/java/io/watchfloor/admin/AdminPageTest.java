package io.watchfloor.admin;

import io.vertx.core.json.JsonObject;
import io.watchfloor.Api;
import io.watchfloor.MutableClock;
import io.watchfloor.TestDatabase;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;
import io.watchfloor.screen.Chromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The /admin page in headless Chromium on PostgreSQL, as an admin uses it: the rules tab edited with a
 * mistake the server names, then saved and previewed; in zh and in English, with screenshots.
 */
class AdminPageTest {
  static final Path SHOTS = Path.of("target", "screenshots");
  static final Instant NOON = Instant.parse("2026-11-21T04:00:00Z");
  /** Any host name the page might try resolves to nothing, so a stray request fails loudly. */
  static final String OFFLINE = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1";

  /** What the browser logs, as errors, for answers the page expects and handles: signed out, a named mistake. */
  static final Pattern HANDLED = Pattern.compile(".*/api/v1/(session|admin/rules/[a-z-]+) - Failed to load resource: "
      + "the server responded with a status of (401|422).*");

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

  @Test
  void theDistrictAdminEditsARuleTheServerNamesTheMistakeAndThePreviewShowsWhatItWouldFire() {
    JsonObject report = new JsonObject().put("id", UUID.randomUUID().toString()).put("site", "cp-highway-exit")
        .put("observedAt", OffsetDateTime.ofInstant(NOON, ZoneOffset.ofHours(8)).toString())
        .put("metrics", new JsonObject().put("persons_turned_back", 45));
    assertThat(new Api(server).postReport(TestTown.CHECKPOINTS, report).statusCode()).isEqualTo(201);

    AdminPage page = new AdminPage(browser, base());
    page.open("#rules");
    page.signIn("admin", "admin-demo-pass");
    assertThat(Chromium.await(AdminPage.WAIT, () -> page.rows("rules-list").size() == 7)).as("the seven rules").isTrue();
    assertThat(page.text("#title")).contains("系统管理");
    assertThat(page.row("rules-list", "rule", "turned-back-surge").get("text")).contains("50");

    page.click("#rules-list tr[data-rule='turned-back-surge'] .actions button");
    assertThat(Chromium.await(AdminPage.WAIT, () -> page.visible("#rule-form"))).isTrue();
    page.type("[data-field='window']", "120");
    page.click("#rule-save");
    assertThat(Chromium.await(AdminPage.WAIT, () -> page.visible("#rule-error"))).as("the server's 422 shows").isTrue();
    assertThat(page.text("#rule-error")).contains("rule.window").contains("PT1H");

    page.type("[data-field='window']", "30");
    page.type("[data-field='bound']", "40");
    page.click("#rule-preview");
    assertThat(Chromium.await(AdminPage.WAIT, () -> page.visible("#rule-preview-result table"))).as("the preview's table").isTrue();
    assertThat(page.text("#rule-preview-result")).contains("1").contains("45");
    browser.screenshot(SHOTS.resolve("admin-rules-preview.png"));

    page.click("#rule-save");
    assertThat(Chromium.await(AdminPage.WAIT, () -> !page.visible("#rule-form"))).as("saved: %s", page.text("#rule-error")).isTrue();
    assertThat(Chromium.await(AdminPage.WAIT, () -> {
      Map<String, String> row = page.row("rules-list", "rule", "turned-back-surge");
      return row != null && row.get("text").contains("40") && row.get("text").contains("30");
    })).as("the list shows the new bound and window").isTrue();
    browser.screenshot(SHOTS.resolve("admin-rules.png"));

    page.open("?lang=en#rules");
    assertThat(Chromium.await(AdminPage.WAIT, () -> page.rows("rules-list").size() == 7)).isTrue();
    assertThat(page.text("#title")).contains("Administration");
    assertThat(page.row("rules-list", "rule", "turned-back-surge").get("text")).contains("summed over 30 min");
    browser.screenshot(SHOTS.resolve("admin-rules-en.png"));
    assertThat(browser.consoleErrors()).as("nothing failed in the page but the answers it expects and shows")
        .allMatch(e -> HANDLED.matcher(e).matches());
  }
}
