package io.watchfloor.field;

import io.vertx.core.json.JsonObject;
import io.watchfloor.Api;
import io.watchfloor.BrowserTest;
import io.watchfloor.MutableClock;
import io.watchfloor.TestDatabase;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;
import io.watchfloor.field.FlakyProxy.Mode;
import io.watchfloor.field.FlakyProxy.Post;
import io.watchfloor.screen.Chromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Store and forward on the field page (docs/pages.md#field-report-page), with the phone's network played by a proxy the
 * test controls ({@link FlakyProxy}) or by Chromium's own offline mode: reports made while the
 * network is down wait on the device and arrive exactly once, also when the server committed them and
 * the answer was lost; a busy server is waited out; a refused report is shown and never sent again.
 */
@BrowserTest
class FieldOfflineTest {
  /** The page's backoff ceiling in these tests, seconds (60 in use). */
  static final String FAST_RETRY = "?retryCap=2";
  static final ZoneId TOWN = ZoneId.of("Asia/Shanghai");

  private static Chromium browser;

  @BeforeAll
  static void launch() {
    browser = FieldReportPageTest.phone();
  }

  @AfterAll
  static void quit() {
    if (browser != null) {
      browser.close();
    }
  }

  static List<String> ids(List<Post> posts) {
    return posts.stream().flatMap(p -> p.ids().stream()).toList();
  }

  static long count(String db, String sql) {
    return TestDatabase.count(db, sql);
  }

  static String inList(List<String> ids) {
    return "('" + String.join("','", ids) + "')";
  }

  @Test
  void reportsMadeOfflineArriveExactlyOnceInOneBatchEvenWhenTheAnswerIsLost() {
    String db = "wf_test_field_offline";
    try (TestServer server = TestServer.postgres(TestDatabase.fresh(db), MutableClock.system());
         FlakyProxy proxy = new FlakyProxy(server.port)) {
      ReportPage page = ReportPage.signedIn(browser, proxy.origin(), FAST_RETRY, TestTown.CHECKPOINTS);

      proxy.mode(Mode.DOWN);
      List<String> made = List.of(
          page.send("cp-highway-exit", Map.of("vehicles_checked", 11, "vehicles_turned_back", 1)),
          page.send("cp-highway-exit", Map.of("vehicles_checked", 22, "vehicles_turned_back", 2)),
          page.send("cp-xudong-road", Map.of("vehicles_checked", 33, "persons_checked", 5)));
      assertThat(Chromium.await(Duration.ofSeconds(20), () -> "offline".equals(page.net()) && page.waiting() == 3))
          .as("waiting %d, net %s", page.waiting(), page.net()).isTrue();
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.text("status")).contains("网络不通").contains("待发送").contains("3 份"));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.waitingIds()).containsExactlyElementsOf(made));
      assertThat(Chromium.await(Duration.ofSeconds(20), () -> proxy.posts().stream().anyMatch(p -> p.ids().size() == 3)))
          .as("the page keeps trying while the network is down").isTrue();
      assertThat(count(db, "SELECT count(*) FROM report")).isZero();
      browser.js("window.scrollTo(0, 0)");
      browser.screenshot(FieldReportPageTest.SHOTS.resolve("report-phone-offline.png"));
      browser.fullPageScreenshot(FieldReportPageTest.SHOTS.resolve("report-phone-offline-full.png"));

      // the reports are on the device, not in the page: a reload (the server busy meanwhile) still has them
      proxy.mode(Mode.BUSY);
      page.open(FAST_RETRY);
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.waitingIds()).containsExactlyElementsOf(made));

      // the server commits the batch, and the answer never reaches the phone
      proxy.mode(Mode.LOSE_RESPONSE);
      assertThat(Chromium.await(Duration.ofSeconds(15), () -> count(db, "SELECT count(*) FROM report") == 3
          && proxy.posts().stream().anyMatch(p -> p.mode() == Mode.LOSE_RESPONSE))).isTrue();
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.waiting()).as("no answer, so the page cannot know: they still wait").isEqualTo(3));

      proxy.mode(Mode.UP);
      page.awaitDelivered(3);
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.sent()).extracting(s -> s.get("status")).as("the resend is recognised as already counted")
          .containsOnly("duplicate"));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.rejected()).isEmpty());

      List<Post> posts = proxy.posts();
      assertThat(posts).as("more than one waiting: they go together, as a batch")
          .allMatch(p -> p.ids().size() == 1 || p.path().equals("/api/v1/reports/batch"));
      assertThat(posts.stream().filter(p -> p.mode() == Mode.LOSE_RESPONSE)).as("the batch whose answer was lost")
          .isNotEmpty().allMatch(p -> p.ids().equals(made));
      assertThat(posts.stream().filter(p -> p.mode() == Mode.UP)).as("back online, one request carried all three")
          .hasSize(1).first().matches(p -> p.path().endsWith("/batch") && p.ids().equals(made) && p.status() == 200);
      assertThat(ids(posts)).as("only these ids were ever sent").isSubsetOf(made);
      for (String id : made) {
        Set<String> bodies = new HashSet<>();
        posts.forEach(p -> (p.body().containsKey("reports") ? p.body().getJsonArray("reports").stream()
            .map(JsonObject.class::cast) : java.util.stream.Stream.of(p.body()))
            .filter(r -> id.equals(r.getString("id"))).forEach(r -> bodies.add(r.encode())));
        assertThat(bodies).as("every resend of %s is the same report", id).hasSize(1);
      }

      assertThat(count(db, "SELECT count(*) FROM report")).isEqualTo(3);
      assertThat(count(db, "SELECT count(DISTINCT id) FROM report WHERE id IN " + inList(made))).isEqualTo(3);
      JsonObject totals = new Api(server).totals();
      assertThat(totals.getInteger("vehicles_checked")).as("counted once: 11 + 22 + 33").isEqualTo(66);
      assertThat(totals.getInteger("vehicles_turned_back")).isEqualTo(3);
      assertThat(totals.getInteger("persons_checked")).isEqualTo(5);
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.net()).isEqualTo("online"));
    }
  }

  @Test
  void aSingleReportWhoseAnswerIsLostIsSentAgainWithTheSameIdAndCountedOnce() {
    String db = "wf_test_field_lost";
    try (TestServer server = TestServer.postgres(TestDatabase.fresh(db), MutableClock.system());
         FlakyProxy proxy = new FlakyProxy(server.port)) {
      ReportPage page = ReportPage.signedIn(browser, proxy.origin(), FAST_RETRY, TestTown.CHECKPOINTS);

      proxy.mode(Mode.LOSE_RESPONSE);
      String id = page.send("cp-yinjiapu-bridge", Map.of("persons_checked", 40, "persons_turned_back", 9));
      assertThat(Chromium.await(Duration.ofSeconds(20), () -> count(db, "SELECT count(*) FROM report") == 1)).isTrue();
      assertThat(Chromium.await(Duration.ofSeconds(15), () -> "offline".equals(page.net()))).isTrue();
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.waitingIds()).containsExactly(id));

      proxy.mode(Mode.UP);
      page.awaitDelivered(1);
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.sent().get(0)).containsEntry("id", id).containsEntry("status", "duplicate"));
      List<Post> posts = proxy.posts();
      assertThat(posts).allMatch(p -> p.path().equals("/api/v1/reports") && p.ids().equals(List.of(id)));
      assertThat(posts.get(posts.size() - 1).status()).isEqualTo(200);
      assertThat(count(db, "SELECT count(*) FROM report")).isEqualTo(1);
      assertThat(new Api(server).totals().getInteger("persons_turned_back")).isEqualTo(9);
    }
  }

  @Test
  void aBusyServerIsWaitedOutAsItsRetryAfterSays() {
    try (TestServer server = TestServer.memory(); FlakyProxy proxy = new FlakyProxy(server.port)) {
      ReportPage page = new ReportPage(browser, proxy.origin());
      page.open("?retryCap=1"); // a backoff shorter than Retry-After: Retry-After must win
      page.signInAs(TestTown.CHECKPOINTS);

      proxy.mode(Mode.BUSY);
      String id = page.send("cp-highway-exit", Map.of("vehicles_checked", 5));
      assertThat(Chromium.await(Duration.ofSeconds(20), () -> proxy.posts().size() >= 3)).isTrue();
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.net()).isEqualTo("busy"));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.text("status")).contains("服务器繁忙").contains("秒后自动重发"));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.waiting()).isEqualTo(1));
      List<Post> posts = proxy.posts();
      for (int i = 1; i < posts.size(); i++) {
        long gapMs = (posts.get(i).atNanos() - posts.get(i - 1).atNanos()) / 1_000_000;
        assertThat(gapMs).as("attempt %d came %d ms after the last", i, gapMs)
            .isGreaterThanOrEqualTo(FlakyProxy.BUSY_RETRY_AFTER_SECONDS * 1000L - 50);
      }
      assertThat(ids(posts)).containsOnly(id);

      proxy.mode(Mode.UP);
      page.awaitDelivered(1);
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.sent().get(0)).containsEntry("status", "accepted"));
      assertThat(new Api(server).totals().getInteger("vehicles_checked")).isEqualTo(5);
    }
  }

  @Test
  void theBrowsersOfflineEventHoldsReportsAndItsOnlineEventSendsThemAtOnce() {
    try (TestServer server = TestServer.memory()) {
      ReportPage page = ReportPage.signedIn(browser, ReportPage.origin(server.port), "?retryCap=60", TestTown.SANITATION);
      try {
        browser.offline(true);
        assertThat(Chromium.await(Duration.ofSeconds(15), () -> "offline".equals(page.net())))
            .as("the offline event alone shows it").isTrue();
        String a = page.send("sn-jinpen", Map.of("score", 88));
        String b = page.send("sn-liangting", Map.of("score", "79.5", "problems_found", 4, "problems_rectified", 2));
        await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.waitingIds()).containsExactly(a, b));
        await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.text("flash")).isEqualTo("已保存在本机，联网后自动发送"));
        // failed attempts push the next one seconds away
        assertThat(Chromium.await(Duration.ofSeconds(30), () -> nextAttemptInMs(page) > 6000)).isTrue();
        assertThat(new Api(server).totals().getDouble("score")).isNull();

        Map<String, Object> before = page.counters();
        long backoffDueAt = ((Number) browser.js("return window.watchfloorReport.status().nextAt;")).longValue();
        // The page's own clock times each request, so a slow machine cannot make a late send look
        // prompt or a prompt one look late.
        browser.js("window.fetchedAt = []; const fetch = window.fetch;"
            + " window.fetch = (...args) => { window.fetchedAt.push(Date.now()); return fetch.apply(window, args); };");
        browser.offline(false);
        assertThat(Chromium.await(Duration.ofSeconds(30), () -> page.waiting() == 0)).isTrue();
        await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat((List<?>) browser.js("return window.fetchedAt;")).extracting(at -> ((Number) at).longValue())
            .as("the online event sends at once, not at the next backoff").isNotEmpty()
            .allMatch(at -> at < backoffDueAt));
        Map<String, Object> after = page.counters();
        assertThat((Long) after.get("requests") - (Long) before.get("requests")).isEqualTo(1);
        assertThat((Long) after.get("batches") - (Long) before.get("batches")).as("two waiting go as one batch").isEqualTo(1);
      } finally {
        browser.offline(false);
      }
      page.awaitDelivered(2);
      JsonObject totals = new Api(server).totals();
      assertThat(totals.getDouble("score")).isEqualTo(83.8); // the mean of 88 and 79.5, to one decimal
      assertThat(totals.getInteger("problems_rectified")).isEqualTo(2);
    }
  }

  static long nextAttemptInMs(ReportPage page) {
    return ((Number) page.browser.js("const s = window.watchfloorReport.status(); return s.nextAt ? s.nextAt - Date.now() : 0;"))
        .longValue();
  }

  @Test
  void aReportTheServerRefusesShowsItsErrorAndIsNeverSentAgain() {
    try (TestServer server = TestServer.memory(); FlakyProxy proxy = new FlakyProxy(server.port)) {
      ReportPage page = ReportPage.signedIn(browser, proxy.origin(), FAST_RETRY, TestTown.PETITIONS);
      String eightDaysAgo = ZonedDateTime.now(TOWN).minusDays(8).format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm"));

      page.setTime(eightDaysAgo);
      String old = page.send("pd-jinpen", Map.of("petitions_visit", 3));
      assertThat(Chromium.await(Duration.ofSeconds(20), () -> page.rejected().size() == 1)).isTrue();
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.rejectedTexts().get(0)).contains("HTTP 422").contains("统计时间：早于允许的补报期限（7 天）"));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.waiting()).isZero());
      assertThat(Chromium.await(Duration.ofSeconds(20), page::idle)).as("no retry is scheduled").isTrue();
      assertThat(proxy.posts()).as("sent once, never again").hasSize(1).first().matches(p -> p.status() == 422);
      assertThat(ids(proxy.posts())).containsExactly(old);

      // refused inside a batch: the others are delivered, the refused one is shown and not sent again
      proxy.mode(Mode.DOWN);
      String good1 = page.send("pd-jinpen", Map.of("petitions_letter", 1));
      page.setTime(eightDaysAgo);
      String bad = page.send("pd-liangting", Map.of("petitions_online", 2));
      String good2 = page.send("pd-liangting", Map.of("petitions_hotline", 4));
      assertThat(Chromium.await(Duration.ofSeconds(15), () -> page.waiting() == 3)).isTrue();
      proxy.mode(Mode.UP);
      page.awaitDelivered(2);
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.sentIds()).containsExactlyInAnyOrder(good1, good2));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.rejected()).extracting(r -> r.get("id")).containsExactlyInAnyOrder(old, bad));
      assertThat(Chromium.await(Duration.ofSeconds(20), page::idle)).as("nothing is left to send or retry").isTrue();
      int posts = proxy.posts().size();
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.rejected()).extracting(r -> r.get("id")).containsExactlyInAnyOrder(old, bad));
      assertThat(proxy.posts()).as("nothing more is sent").hasSize(posts);
      JsonObject totals = new Api(server).totals();
      assertThat(totals.getInteger("petitions_online", 0)).isZero();
      assertThat(totals.getInteger("petitions_hotline")).isEqualTo(4);

      // corrected, it goes as a new report with a new id
      page.click(By.cssSelector("#rejected-list [data-id='" + bad + "'] [data-action=edit]"));
      assertThat(Chromium.await(Duration.ofSeconds(20), () -> page.rejected().size() == 1)).isTrue();
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.rejected()).extracting(r -> r.get("id")).containsExactly(old));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(browser.js("return document.getElementById('site').value")).isEqualTo("pd-liangting"));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(browser.js("return document.getElementById('m-petitions_online').value")).isEqualTo("2"));
      page.click("time-now");
      String fixed = page.send("pd-liangting", Map.of());
      assertThat(fixed).isNotEqualTo(bad);
      page.awaitDelivered(3);
      assertThat(new Api(server).totals().getInteger("petitions_online")).isEqualTo(2);
      page.click(By.cssSelector("#rejected-list [data-id='" + old + "'] [data-action=dismiss]"));
      assertThat(Chromium.await(Duration.ofSeconds(20), () -> page.rejected().isEmpty())).isTrue();
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(browser.driver.findElement(By.id("rejected-card")).isDisplayed()).isFalse());
    }
  }

  @Test
  void aRevokedTokenKeepsTheReportsUntilTheUnitSignsInAgain() {
    try (TestServer server = TestServer.memory(); FlakyProxy proxy = new FlakyProxy(server.port)) {
      ReportPage page = ReportPage.signedIn(browser, proxy.origin(), FAST_RETRY, TestTown.CHECKPOINTS);
      proxy.mode(Mode.UNAUTHORIZED);
      String id = page.send("cp-highway-exit", Map.of("vehicles_checked", 7));
      assertThat(Chromium.await(Duration.ofSeconds(15), () -> "refused".equals(page.net()))).isTrue();
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.text("status")).contains("令牌已失效"));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(browser.js("return window.watchfloorReport.status().nextAt")).as("no retry is scheduled")
          .isEqualTo(0L));
      assertThat(proxy.posts()).as("no retrying a token the server refused").hasSize(1);
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.waitingIds()).as("nothing is dropped").containsExactly(id));

      page.click("sign-out");
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.text("signin-left")).contains("本机还有 1 份"));
      proxy.mode(Mode.UP);
      page.signInAs(TestTown.CHECKPOINTS);
      page.awaitDelivered(1);
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.sentIds()).containsExactly(id));
      assertThat(new Api(server).totals().getInteger("vehicles_checked")).isEqualTo(7);
    }
  }

  @Test
  void theDeviceHoldsABoundedNumberOfReportsAndSaysSoWhenFull() {
    try (TestServer server = TestServer.memory(); FlakyProxy proxy = new FlakyProxy(server.port)) {
      ReportPage page = ReportPage.signedIn(browser, proxy.origin(), FAST_RETRY + "&maxWaiting=2", TestTown.CHECKPOINTS);
      proxy.mode(Mode.DOWN);
      page.send("cp-highway-exit", Map.of("vehicles_checked", 1));
      page.send("cp-highway-exit", Map.of("vehicles_checked", 2));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.text("storage-warning")).contains("本机待发送已满（2 份）"));
      page.enter(Map.of("vehicles_checked", 3));
      page.click("send");
      assertThat(Chromium.await(Duration.ofSeconds(20), () -> page.text("flash").contains("本机待发送已满")))
          .as("the page says the device is full: %s", page.text("flash")).isTrue();
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.allIds()).hasSize(2));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat((String) browser.js("return document.getElementById('m-vehicles_checked').value"))
          .as("what was typed stays in the form").isEqualTo("3"));

      proxy.mode(Mode.UP);
      page.awaitDelivered(2);
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(browser.driver.findElement(By.id("storage-warning")).isDisplayed()).isFalse());
      assertThat(new Api(server).totals().getInteger("vehicles_checked")).isEqualTo(3);
    }
  }
}
