package io.watchfloor.screen;

import io.vertx.core.json.JsonObject;
import io.watchfloor.BrowserTest;
import io.watchfloor.MutableClock;
import io.watchfloor.TestDatabase;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;
import io.watchfloor.field.FieldReportPageTest;
import io.watchfloor.field.FieldTasksTest.Officer;
import io.watchfloor.field.FlakyProxy;
import io.watchfloor.field.FlakyProxy.Mode;
import io.watchfloor.field.FlakyProxy.TaskPost;
import io.watchfloor.field.ReportPage;
import io.watchfloor.field.TestPhotos;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole closed loop (事件闭环, docs/cases.md) through the pages, on PostgreSQL: an alert in the console
 * becomes a case and is dispatched; on a phone-sized field page the unit signs for it and reports back with
 * a camera photo while its network is down; the officer sends it back once; the unit reports again; a second
 * officer verifies and closes it; the town's wall and the day's review count it. Two browsers: the desk's
 * (console, wall, review) and the phone's, which reaches the server through {@link FlakyProxy}.
 */
@BrowserTest
class CaseLoopTest {
  private static final String UNIT = "demo-petitions";
  private static final String UNIT_NAME = "村社区信访专干（演示）";
  private static final String TITLE = "金盆村信访工作站 · 越级访";
  private static final String FIRST_NOTE = "已上门，当事人情绪稳定，已登记诉求";
  private static final String REWORK_NOTE = "诉求登记不完整，请补充当事人联系方式";
  private static final String SECOND_NOTE = "已补充当事人联系方式并转交镇信访办";
  /** How long a page may take to show a change on a loaded two-core machine. */
  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final Path SHOTS = WallScreenTest.SHOTS;

  private static Chromium desk;
  private static Chromium phone;

  @BeforeAll
  static void launch() {
    desk = Chromium.launch(1920, 1080, 1, WallScreenTest.OFFLINE);
    phone = FieldReportPageTest.phone();
  }

  @AfterAll
  static void quit() {
    if (desk != null) {
      desk.close();
    }
    if (phone != null) {
      phone.close();
    }
  }

  @Test
  void anAlertBecomesACaseThatTheUnitHandlesPartlyOfflineAndTwoOfficersCloseAndTheWallAndReviewCountIt() {
    // the demo is on for its officers and units, with its simulated units (and so its cases) off
    try (TestServer server = TestServer.postgres(TestDatabase.fresh("wf_test_case_loop"), MutableClock.onDuty());
         FlakyProxy network = new FlakyProxy(server.port)) {
      ConsolePage console = new ConsolePage(desk, ScreenPage.origin(server.port));
      console.open("?poll=2s");
      console.signIn("duty", "duty-demo-pass");
      console.awaitLive();
      CasesPage cases = new CasesPage(console);
      desk.consoleErrors();

      String id = caseFromAlert(server, console, cases);
      ReportPage field = signsOnThePhone(server.clock, network, cases, id);
      reportsBackOffline(server, network, field, cases, id);
      sentBackForRework(server.clock, field, cases, id);
      closedByASecondOfficer(server.clock, field, console, cases, id);
      assertThat(cases.unexpectedConsoleErrors()).as("the console's errors besides the handled ones").isEmpty();

      trailHasEachStepOnce(server, id);
      server.clock.advance(Duration.ofMinutes(1));
      wallAndReviewCountIt(server);
    }
  }

  /** 转为事件 on the alert's detail, then 派单 to the petition desks in the case tab. */
  private static String caseFromAlert(TestServer server, ConsolePage console, CasesPage cases) {
    ConsoleTest.report(server, "pd-jinpen", new JsonObject().put("escalated_petitions", 1));
    assertThat(console.awaitRows(1)).as("the alert arrives").isTrue();
    String alert = console.rows().get(0).get("id");
    console.clickRow(alert, null);
    assertThat(Chromium.await(PATIENCE, () -> "open".equals(console.detailState()))).isTrue();
    console.click("#detail .case-link button[data-make-case]");
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(cases.value("#cn-title")).isEqualTo(TITLE));
    cases.type("#cn-description", "金盆村群众一人越级到区里上访，诉求为宅基地纠纷");
    console.click("#case-form-submit");
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(console.text("#detail .case-link")).isEqualTo("已转事件 · 待派单"));
    String id = (String) desk.js("return document.querySelector('#detail .case-link').dataset.case;");

    console.click("#detail .case-link a.case-ref");
    assertThat(cases.awaitShown(id, "new")).as("the case tab opens on the new case").isTrue();
    cases.act("dispatch");
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(cases.unitOptions()).contains("对口单位|" + UNIT + "=" + UNIT_NAME));
    cases.choose("#case-act-unit", UNIT);
    cases.note("请金盆村信访专干今天内上门了解情况");
    cases.confirmed();
    assertThat(cases.awaitShown(id, "dispatched")).isTrue();
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(cases.row(id).get("text")).contains("待签收").contains(UNIT_NAME));
    desk.screenshot(SHOTS.resolve("loop-1-console-dispatched.png"));
    return id;
  }

  /** The unit's phone lists the task; 签收 on it reaches the console without a reload. */
  private static ReportPage signsOnThePhone(MutableClock clock, FlakyProxy network, CasesPage cases, String id) {
    ReportPage field = ReportPage.signedIn(phone, network.origin(), "?retryCap=2", TestTown.PETITIONS);
    field.click("tab-tasks");
    By task = By.cssSelector("#task-list .task[data-id='" + id + "']");
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(phone.driver.findElement(task).getText())
        .contains("越级访").contains("特急").contains("待签收"));
    field.click(By.cssSelector("#task-list .task[data-id='" + id + "'] button"));
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(field.text("task-trail")).contains("派单").contains("请金盆村信访专干今天内上门了解情况"));
    // the server's clock moves on between steps, each within its limit (特急 信访: sign 5 min, handle 2 h, verify
    // 30 min), as a day does: today's figures count the cases opened before now, never at the very instant
    clock.advance(Duration.ofMinutes(2));
    field.click(By.cssSelector("#task-actions [data-action=accept]"));
    field.click("act-submit");
    assertThat(cases.awaitShown(id, "handling")).as("the console follows the unit's 签收").isTrue();
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(field.taskHook("sent")).extracting(s -> s.get("action")).containsExactly("accept"));
    return field;
  }

  /**
   * 反馈 with a note and a camera photo in a dead spot: it waits on the phone; the network back, it goes once
   * and the console shows it 待核查 with the photo, from the live connection.
   */
  private static void reportsBackOffline(TestServer server, FlakyProxy network, ReportPage field, CasesPage cases, String id) {
    network.mode(Mode.DOWN);
    Path photo = TestPhotos.jpeg(SHOTS.resolve("loop-camera-photo.jpg"), 1600, 1200, null, null);
    field.click(By.cssSelector("#task-actions [data-action=report]"));
    phone.driver.findElement(By.id("act-note")).sendKeys(FIRST_NOTE);
    phone.driver.findElement(By.id("act-file")).sendKeys(photo.toAbsolutePath().toString());
    assertThat(Chromium.await(Duration.ofSeconds(60), () -> field.imagesShow("#act-thumbs img")))
        .as("the photo is shrunk on the phone: %s", field.text("act-photos")).isTrue();
    server.clock.advance(Duration.ofMinutes(20));
    field.click("act-submit");
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(field.taskHook("waiting")).singleElement().satisfies(w ->
        assertThat(w).containsEntry("action", "report").containsEntry("caseId", id).containsEntry("photos", 1L)));
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(field.text("task-status")).contains("网络不通").contains("1"));
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(field.text("task-detail-body")).contains("待发送：反馈"));
    phone.js("window.scrollTo(0, 0)");
    phone.screenshot(SHOTS.resolve("loop-2-phone-offline.png"));
    phone.fullPageScreenshot(SHOTS.resolve("loop-2-phone-offline-full.png"));
    assertThat(Officer.signIn(server).trail(id, "report")).as("nothing reached the server").isEmpty();
    assertThat(cases.shown()).containsEntry("state", "handling");

    network.mode(Mode.UP);
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(field.taskHook("waiting")).isEmpty());
    assertThat(field.taskHook("refused")).isEmpty();
    assertThat(cases.awaitShown(id, "reported")).as("待核查 without a reload; the page holds %s", cases.held()).isTrue();
    assertThat(desk.js("return window.watchfloorConsole.cases.polling()")).as("from the live connection, not a poll").isEqualTo(false);
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(cases.console.text("#case-detail")).contains(FIRST_NOTE));
    assertThat(Chromium.await(PATIENCE, () -> Long.valueOf(1).equals(desk.js(
        "return [...document.querySelectorAll('#case-detail .thumbs img')].filter(i => i.complete && i.naturalWidth > 0).length"))))
        .as("the phone's photo shows in the console").isTrue();
    desk.screenshot(SHOTS.resolve("loop-3-console-reported.png"));

    List<TaskPost> tries = network.taskPosts().stream().filter(p -> p.path().endsWith("/report")).toList();
    assertThat(tries).extracting(TaskPost::key).as("every try under the key made when it was kept").containsOnly(tries.get(0).key());
    assertThat(tries).filteredOn(p -> p.mode() == Mode.DOWN).as("tried in the dead spot").isNotEmpty();
    assertThat(tries).filteredOn(p -> p.status() != 0).as("reached the server once").singleElement()
        .satisfies(p -> assertThat(p.status()).isEqualTo(200));
  }

  /** 核查 not passed (返工) by the duty officer: the phone, asked again, has it back in 处置中 with the note. */
  private static void sentBackForRework(MutableClock clock, ReportPage field, CasesPage cases, String id) {
    clock.advance(Duration.ofMinutes(5));
    cases.act("verify");
    cases.console.click("#case-act-fields input[name='passed'][value='no']");
    cases.note(REWORK_NOTE);
    cases.confirmed();
    assertThat(cases.awaitShown(id, "handling")).as("a rework goes back to handling").isTrue();
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(cases.field("counts")).contains("返工 1"));

    pullAgain(field); // the phone is not pushed to: the unit asks for its list again
    By task = By.cssSelector("#task-list .task[data-id='" + id + "']");
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(phone.driver.findElement(task).getText()).contains("处置中").contains("返工 1 次"));
    field.click(By.cssSelector("#task-list .task[data-id='" + id + "'] button"));
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(field.text("task-detail-body")).contains("处置中").contains("返工 1 次"));
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(field.text("task-trail")).contains("核查未通过 · 返工").contains(REWORK_NOTE));
    phone.js("window.scrollTo(0, 0)");
    phone.screenshot(SHOTS.resolve("loop-4-phone-rework.png"));
    phone.fullPageScreenshot(SHOTS.resolve("loop-4-phone-rework-full.png"));

    field.click(By.cssSelector("#task-actions [data-action=report]"));
    phone.driver.findElement(By.id("act-note")).sendKeys(SECOND_NOTE);
    clock.advance(Duration.ofMinutes(15));
    field.click("act-submit");
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(field.taskHook("sent")).extracting(s -> s.get("action"))
        .containsExactly("report", "report", "accept"));
    assertThat(cases.awaitShown(id, "reported")).isTrue();
  }

  /** The duty officer signs out; 核查员 check-duty, who did not send it back, verifies and closes it. */
  private static void closedByASecondOfficer(MutableClock clock, ReportPage field, ConsolePage console, CasesPage cases, String id) {
    console.click("#signout");
    console.signIn("check-duty", "check-duty-demo-pass");
    console.awaitLive();
    console.click(".tab[data-view='cases']");
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(cases.row(id)).containsEntry("state", "reported"));
    console.click("#case-body tr[data-id='" + id + "'] td.title");
    assertThat(cases.awaitShown(id, "reported")).isTrue();
    cases.act("verify");
    cases.note("复查合格，诉求已转相关部门");
    clock.advance(Duration.ofMinutes(5));
    cases.confirmed();
    assertThat(cases.awaitShown(id, "closed")).isTrue();
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(cases.trail())
        .containsExactly("open", "dispatch", "accept", "report", "verify", "report", "verify"));
    assertThat(cases.buttons()).as("nothing left to do on a closed case").isEmpty();
    desk.screenshot(SHOTS.resolve("loop-5-console-closed.png"));
    console.click("#signout"); // the wall in this browser is the display key's, not the officer's
    assertThat(Chromium.await(PATIENCE, () -> console.visible("login"))).as("signed out").isTrue();

    pullAgain(field);
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(field.text("task-list")).as("nothing left for the unit to do")
        .isEqualTo("暂无待办任务"));
    phone.js("window.scrollTo(0, 0)");
    phone.screenshot(SHOTS.resolve("loop-6-phone-closed.png"));
  }

  /**
   * As a person on the phone does it: back to the list and 刷新 (the button is on the list; an open task is
   * otherwise asked for again once a minute).
   */
  private static void pullAgain(ReportPage field) {
    field.click("task-back");
    field.click("task-refresh");
  }

  /** The case's trail as the server keeps it: each step once, by whom, with the one photo on the first report. */
  private static void trailHasEachStepOnce(TestServer server, String id) {
    JsonObject detail = Officer.signIn(server).detail(id);
    List<JsonObject> trail = detail.getJsonArray("trail").stream().map(JsonObject.class::cast).toList();
    assertThat(trail).extracting(l -> l.getString("action") + " " + l.getString("by")).containsExactly(
        "open operator:duty", "dispatch operator:duty", "accept unit:" + UNIT, "report unit:" + UNIT,
        "verify operator:duty", "report unit:" + UNIT, "verify operator:check-duty");
    assertThat(trail).extracting(l -> l.getString("note")).containsSubsequence(FIRST_NOTE, REWORK_NOTE, SECOND_NOTE);
    assertThat(trail.get(4).getJsonObject("detail").getBoolean("passed")).isFalse();
    assertThat(trail.get(6).getJsonObject("detail").getBoolean("passed")).isTrue();
    assertThat(detail.getJsonObject("case").getString("state")).isEqualTo("closed");
    assertThat(detail.getJsonArray("photos")).as("the one photo, of the first report back").singleElement()
        .satisfies(p -> assertThat(((JsonObject) p).getInteger("seq")).isEqualTo(trail.get(3).getInteger("seq")));
  }

  /** 许东镇's wall: no open case in 金盆村, today's rates at 100 %; the review: 立案 1, 结案 1, 返工 1. */
  private static void wallAndReviewCountIt(TestServer server) {
    ScreenPage wall = new ScreenPage(desk, ScreenPage.origin(server.port));
    wall.open("?key=" + WallScreenTest.TOWN_KEY);
    wall.awaitLive();
    assertThat(Chromium.await(PATIENCE, () -> {
      var jinpen = wall.caseRows().get("jinpen");
      return "0".equals(jinpen.get("open")) && "0".equals(jinpen.get("overdue"))
          && "100%".equals(jinpen.get("signedOnTime")) && "100%".equals(jinpen.get("closedOnTime"));
    })).as("金盆村 on the wall: %s", wall.caseRows()).isTrue();
    assertThat(wall.caseTotal()).containsEntry("open", "0").containsEntry("closedOnTime", "100%");
    ScreenPage.settle(1500);
    desk.screenshot(SHOTS.resolve("loop-7-wall.png"));

    String day = LocalDate.ofInstant(server.clock.instant(), TestTown.CATALOGUE.jurisdiction().timezone()).toString();
    ReviewPage review = new ReviewPage(desk);
    desk.driver.get(ScreenPage.origin(server.port) + "/review?key=" + WallScreenTest.TOWN_KEY + "&date=" + day);
    assertThat(Chromium.await(PATIENCE, review::ready)).as("the review loaded").isTrue();
    assertThat(review.text("#rv-cases [data-summary]")).startsWith("当日立案 1 件，结案 1（按期 1），返工 1；超期在办 0");
    assertThat(review.caseRows()).as("the day per area and per unit: 立案, 结案 (按期), 返工, 超期")
        .contains(List.of("金盆村", "1", "1 (1)", "1", "0"), List.of(UNIT_NAME, "1", "1 (1)", "1", "0"));
    desk.screenshot(SHOTS.resolve("loop-8-review.png"));
    desk.fullPageScreenshot(SHOTS.resolve("loop-8-review-full.png"));
    assertThat(desk.consoleErrors()).as("the wall's and the review's errors").isEmpty();
  }
}
