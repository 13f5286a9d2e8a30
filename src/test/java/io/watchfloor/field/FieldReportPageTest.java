package io.watchfloor.field;

import io.vertx.core.json.JsonObject;
import io.watchfloor.BrowserTest;
import io.watchfloor.DocImages;
import io.watchfloor.Api;
import io.watchfloor.MutableClock;
import io.watchfloor.TestDatabase;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;
import io.watchfloor.screen.Chromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The field report page (/report) in headless Chromium at a phone's size, against a whole server in
 * this JVM: signing in, the unit's own sites, plausibility before sending, a report that reaches the
 * store and the snapshot, the English switch, and a screenshot for a person to look at.
 */
@BrowserTest
public class FieldReportPageTest {
  static final Path SHOTS = Path.of("target", "screenshots");
  /** Any host name the page might try resolves to nothing, so a stray request fails loudly. */
  static final String NO_INTERNET = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1";
  static final int PHONE_WIDTH = 412;
  static final int PHONE_HEIGHT = 915;

  private static Chromium browser;

  @BeforeAll
  static void launch() {
    browser = phone();
  }

  @AfterAll
  static void quit() {
    if (browser != null) {
      browser.close();
    }
  }

  /** A phone-sized browser (412x915 CSS pixels at 2 device pixels each). */
  public static Chromium phone() {
    Chromium phone = Chromium.launch(PHONE_WIDTH, PHONE_HEIGHT, 2, NO_INTERNET);
    phone.viewport(PHONE_WIDTH, PHONE_HEIGHT, 2, true);
    return phone;
  }

  static long count(String database, String sql) {
    return TestDatabase.count(database, sql);
  }

  @Test
  void aUnitSignsInSendsAReportAndTheSnapshotShowsIt() {
    String db = "wf_test_field_page";
    try (TestServer server = TestServer.postgres(TestDatabase.fresh(db), MutableClock.system())) {
      ReportPage page = new ReportPage(browser, ReportPage.origin(server.port));
      browser.consoleErrors();
      page.open("");
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.showsSignIn()).isTrue());
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.text("signin")).contains("单位登录").contains("报送令牌"));

      page.signIn("wrong-token");
      assertThat(Chromium.await(Duration.ofSeconds(15), () -> page.text("signin-error").contains("令牌无效"))).isTrue();
      browser.consoleErrors(); // the refused sign-in is logged by the browser; expected

      page.signInAs(TestTown.CHECKPOINTS);
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.text("unit-name")).isEqualTo("卡口值守组（演示）"));
      String id = page.send("cp-highway-exit", Map.of("vehicles_checked", 42, "persons_checked", 50,
          "vehicles_turned_back", 3, "persons_turned_back", 7));
      page.awaitDelivered(1);
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.sent().get(0)).containsEntry("id", id).containsEntry("status", "accepted"));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.sentTexts().get(0)).contains("高速出口检测点").contains("检测车辆 42").contains("送达"));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.net()).isEqualTo("online"));

      JsonObject snapshot = new Api(server).snapshot();
      assertThat(snapshot.getJsonObject("totals").getInteger("vehicles_checked")).isEqualTo(42);
      assertThat(snapshot.getJsonObject("totals").getInteger("persons_turned_back")).isEqualTo(7);
      assertThat(snapshot.getJsonObject("sites").getJsonObject("cp-highway-exit").getJsonObject("today")
          .getInteger("vehicles_turned_back")).isEqualTo(3);
      assertThat(count(db, "SELECT count(*) FROM report WHERE id = '" + id + "' AND unit = 'demo-checkpoints'")).isEqualTo(1);
      assertThat(count(db, "SELECT count(*) FROM report")).isEqualTo(1);

      // the token stays on the device: a reload is still signed in, with the delivered report listed
      page.open("");
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.showsEntry()).isTrue());
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.sentIds()).containsExactly(id));
      page.click("sign-out");
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.showsSignIn()).isTrue());
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(browser.js("return localStorage.getItem('watchfloor.field.session')")).isNull());
      page.open("");
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.showsSignIn()).as("signed out for good").isTrue());
      assertThat(browser.consoleErrors()).as("console errors").isEmpty();
    }
  }

  @Test
  void aUnitSeesOnlyItsOwnSitesAndEachKindsMetrics() {
    try (TestServer server = TestServer.start(new JsonObject(), MutableClock.system(), FieldSessionTest.accessWithNamedSites())) {
      ReportPage page = ReportPage.signedIn(browser, ReportPage.origin(server.port), "", TestTown.CHECKPOINTS);
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.siteOptions())
          .containsExactly("cp-highway-exit", "cp-xudong-road", "cp-tianjingshan-south", "cp-yinjiapu-bridge",
              "cp-chengguan-toll", "cp-railway-station", "cp-shiqiao-bridge", "cp-qingshiling-pass"));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.metricFields()).containsExactly("vehicles_checked", "persons_checked", "vehicles_turned_back",
          "persons_turned_back", "persons_registered", "fever_detected"));
      page.click("sign-out");

      page.signInAs("field-test-token");
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.siteOptions()).as("catalogue order, only the unit's two").containsExactly("cp-highway-exit", "pd-jinpen"));
      page.pickSite("pd-jinpen");
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.metricFields()).contains("petitions_visit", "escalated_petitions", "backlog_cases")
          .doesNotContain("vehicles_checked"));
      String id = page.send("pd-jinpen", Map.of("petitions_visit", 2, "disputes_screened", 3, "disputes_resolved", 1));
      page.awaitDelivered(1);
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.sentIds()).containsExactly(id));
      page.click("sign-out");

      page.signInAs(TestTown.SANITATION);
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.siteOptions()).hasSize(20).allMatch(s -> s.startsWith("sn-")));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.sentIds()).as("another unit's delivered reports are not shown").isEmpty());
    }
  }

  @Test
  void plausibilityShowsBeforeSending() {
    try (TestServer server = TestServer.memory()) {
      ReportPage page = ReportPage.signedIn(browser, ReportPage.origin(server.port), "", TestTown.CHECKPOINTS);
      page.pickSite("cp-highway-exit");
      page.enter(Map.of("vehicles_checked", 2, "vehicles_turned_back", 5));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.fieldError("vehicles_turned_back")).isEqualTo("不能大于检测车辆（5 > 2）"));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.sendEnabled()).isFalse());
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.text("form-error")).isEqualTo("请先更正标红的项"));
      page.enter(Map.of("vehicles_turned_back", 2, "persons_checked", "3.5"));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.fieldError("vehicles_turned_back")).isEmpty());
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.fieldError("persons_checked")).isEqualTo("必须是整数"));
      page.enter(Map.of("persons_checked", "abc"));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.fieldError("persons_checked")).isEqualTo("请填写数字"));
      page.enter(Map.of("persons_checked", "１２", "fever_detected", 20000));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.fieldError("persons_checked")).as("full-width digits from a Chinese keyboard").isEmpty());
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.fieldError("fever_detected")).isEqualTo("应在 0 到 10000 之间"));
      page.enter(Map.of("fever_detected", 1));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.sendEnabled()).isTrue());
      page.setTime("2099-01-01T08:00");
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.text("time-error")).isEqualTo("统计时间不能晚于现在"));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.sendEnabled()).isFalse());
      page.click("time-now");
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.sendEnabled()).isTrue());

      page.pickSite("cp-xudong-road");
      page.enter(Map.of("vehicles_checked", 10));
      String id = page.send("cp-xudong-road", Map.of("persons_checked", 12));
      page.awaitDelivered(1);
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.sentIds()).containsExactly(id));
      assertThat(new Api(server).totals().getInteger("persons_checked")).isEqualTo(12);
      assertThat(new Api(server).totals().getInteger("vehicles_checked")).isEqualTo(10);

      // a score is a gauge with decimals and a 0-100 range
      page.click("sign-out");
      page.signInAs(TestTown.SANITATION);
      page.pickSite("sn-jinpen");
      page.enter(Map.of("score", 101, "problems_found", 3, "problems_rectified", 4));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.fieldError("score")).isEqualTo("应在 0 到 100 之间"));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.fieldError("problems_rectified")).isEqualTo("不能大于发现问题（4 > 3）"));
      page.enter(Map.of("score", "92.5", "problems_rectified", 3));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.sendEnabled()).isTrue());
      page.send("sn-jinpen", Map.of());
      page.awaitDelivered(1);
      assertThat(new Api(server).totals().getDouble("score")).isEqualTo(92.5);
    }
  }

  @Test
  void theEnglishSwitchRelabelsThePageInPlaceAndAPhoneScreenshotIsSaved() {
    try (TestServer server = TestServer.memory()) {
      ReportPage page = ReportPage.signedIn(browser, ReportPage.origin(server.port), "", TestTown.CHECKPOINTS);
      page.send("cp-highway-exit", Map.of("vehicles_checked", 36, "vehicles_turned_back", 2, "persons_checked", 51,
          "persons_turned_back", 4));
      page.awaitDelivered(1);
      page.pickSite("cp-xudong-road");
      page.enter(Map.of("vehicles_checked", 18, "vehicles_turned_back", 25));
      browser.js("window.scrollTo(0, 0)");
      // The screenshot is of what a person sees: the page from its top, the entry error under the
      // field and the send button held back until it is fixed.
      assertThat(Chromium.await(Duration.ofSeconds(10),
          () -> ((Number) browser.js("return window.scrollY")).intValue() == 0
              && "不能大于检测车辆（25 > 18）".equals(page.fieldError("vehicles_turned_back")) && !page.sendEnabled()))
          .as("at the top, error %s, send enabled %s", page.fieldError("vehicles_turned_back"), page.sendEnabled())
          .isTrue();
      browser.screenshot(SHOTS.resolve("report-phone.png"));
      DocImages.keep(SHOTS.resolve("report-phone.png"), "field-page.png");

      Map<String, Object> sizes = cast(browser.js("""
          const px = (el) => parseFloat(getComputedStyle(el).fontSize);
          const input = document.getElementById('m-vehicles_checked');
          return { input: px(input), height: input.getBoundingClientRect().height, body: px(document.body),
                   width: document.documentElement.scrollWidth };"""));
      assertThat(((Number) sizes.get("input")).doubleValue()).as("large number inputs").isGreaterThanOrEqualTo(28);
      assertThat(((Number) sizes.get("height")).doubleValue()).isGreaterThanOrEqualTo(56);
      assertThat(((Number) sizes.get("width")).intValue()).as("no sideways scrolling on a phone").isEqualTo(PHONE_WIDTH);

      page.click("lang-switch");
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.text("sign-out")).isEqualTo("Sign out"));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(browser.js("return location.search")).isEqualTo("?lang=en"));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.text("metrics")).contains("Vehicles checked").contains("Persons turned back"));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.fieldError("vehicles_turned_back")).isEqualTo("Cannot exceed Vehicles checked (25 > 18)"));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat((String) browser.js("return document.getElementById('m-vehicles_checked').value")).as("kept").isEqualTo("18"));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.sentTexts().get(0)).contains("Highway Exit").contains("delivered"));
      browser.screenshot(SHOTS.resolve("report-phone-en.png"));
      page.open("?lang=en");
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.text("send")).isEqualTo("Send"));
      page.click("lang-switch");
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.text("send")).isEqualTo("发送"));
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> cast(Object map) {
    return (Map<String, Object>) map;
  }

  static List<String> ids(List<FlakyProxy.Post> posts) {
    return posts.stream().flatMap(p -> p.ids().stream()).toList();
  }
}
