package io.watchfloor.screen;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.watchfloor.Api;
import io.watchfloor.BrowserTest;
import io.watchfloor.DocImages;
import io.watchfloor.MutableClock;
import io.watchfloor.TestDatabase;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console's case tab (事件闭环) in Debian's headless Chromium against a whole server on PostgreSQL: an
 * officer makes a case of an alert and dispatches it; the unit (over HTTP with its token) accepts and
 * reports back with photos; the officer sends it back for rework once, then verifies and closes it. The
 * queue and the detail show each step; a refused step (409) is shown with the case as it now stands.
 */
@BrowserTest
class ConsoleCasesTest {
  private static final String DB = "console_cases";
  private static Chromium browser;

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

  static TestServer server(MutableClock clock) {
    return TestServer.start(new JsonObject().put("store", TestServer.postgresStore(TestDatabase.fresh(DB)))
        .put("ingest", new JsonObject().put("rate-limit", new JsonObject().put("per-second", 10000).put("burst", 10000))), clock);
  }

  /** The unit's step over HTTP with its bearer token, as its phone sends it. */
  static HttpResponse<Buffer> task(TestServer server, String token, String caseId, String action, JsonObject body) {
    return server.client.post("/api/v1/tasks/" + caseId + "/" + action).putHeader("Authorization", "Bearer " + token)
        .sendJsonObject(body).await();
  }

  /**
   * The unit's report back with photos as its phone sends it: {@code multipart/form-data} with its length
   * (the server refuses a chunked upload with 411).
   */
  static HttpResponse<Buffer> reportBack(TestServer server, String token, String caseId, String note, byte[]... photos) {
    String boundary = "----watchfloor-console-test";
    Buffer body = Buffer.buffer().appendString("--" + boundary + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\n")
        .appendString(note).appendString("\r\n");
    for (int i = 0; i < photos.length; i++) {
      body.appendString("--" + boundary + "\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"photo-" + i + ".png\"\r\n"
          + "Content-Type: image/png\r\n\r\n").appendBytes(photos[i]).appendString("\r\n");
    }
    body.appendString("--" + boundary + "--\r\n");
    return server.client.post("/api/v1/tasks/" + caseId + "/report").putHeader("Authorization", "Bearer " + token)
        .putHeader("Content-Type", "multipart/form-data; boundary=" + boundary).sendBuffer(body).await();
  }

  /** A small picture of the kind a phone sends back: a scene in a few colours, as PNG. */
  static byte[] photo(Color ground, Color thing) {
    BufferedImage image = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setColor(new Color(150, 190, 230));
      g.fillRect(0, 0, 640, 480);
      g.setColor(ground);
      g.fillRect(0, 300, 640, 180);
      g.setColor(thing);
      g.fillRoundRect(220, 200, 200, 160, 24, 24);
      g.setColor(Color.DARK_GRAY);
      g.fillRect(250, 170, 140, 30);
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static ConsolePage signedIn(TestServer server, String query) {
    ConsolePage page = new ConsolePage(browser, ScreenPage.origin(server.port));
    browser.driver.manage().deleteAllCookies();
    page.open(query);
    page.signIn("duty", "duty-demo-pass");
    page.awaitLive();
    return page;
  }

  @Test
  void anAlertBecomesACaseThatIsDispatchedHandledReworkedVerifiedAndClosed() {
    try (TestServer server = server(MutableClock.onDuty())) {
      ConsolePage page = signedIn(server, "?poll=2s");
      CasesPage cases = new CasesPage(page);
      browser.consoleErrors();

      ConsoleTest.report(server, "pd-jinpen", new JsonObject().put("escalated_petitions", 1));
      assertThat(page.awaitRows(1)).as("the alert arrives").isTrue();
      String alert = page.rows().get(0).get("id");
      page.clickRow(alert, null);
      assertThat(Chromium.await(Duration.ofSeconds(15), () -> "open".equals(page.detailState()))).isTrue();

      // 转为事件: the form comes filled in from the alert
      page.click("#detail .case-link button[data-make-case]");
      assertThat(Chromium.await(Duration.ofSeconds(15), () -> Boolean.TRUE.equals(browser.js("return document.getElementById('case-form').open;")))).isTrue();
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(cases.value("#cn-title")).isEqualTo("金盆村信访工作站 · 越级访"));
      assertThat(cases.value("#cn-category")).as("a community site's case is a petition").isEqualTo("petition");
      assertThat(cases.value("#cn-urgency")).as("a critical alert is 特急").isEqualTo("emergency");
      assertThat(cases.value("#cn-site")).isEqualTo("pd-jinpen");
      assertThat(page.text("#case-form-alert")).contains("越级访");
      cases.type("#cn-description", "金盆村群众一人越级到区里上访，诉求为宅基地纠纷");
      browser.screenshot(WallScreenTest.SHOTS.resolve("console-cases-from-alert.png"));
      page.click("#case-form-submit");
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.text("#detail .case-link")).isEqualTo("已转事件 · 待派单"));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.text("#toasts")).contains("已立案"));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.detailState()).as("the alert acknowledged by its case")
          .isEqualTo("acknowledged"));
      String id = (String) browser.js("return document.querySelector('#detail .case-link').dataset.case;");

      // the alert links to its case, the case back to its alert
      page.click("#detail .case-link a.case-ref");
      assertThat(cases.awaitShown(id, "new")).as("the case tab opens on the case").isTrue();
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(cases.field("alert")).contains("越级访"));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(cases.field("source")).isEqualTo("告警转入"));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(cases.row(id)).containsEntry("state", "new").containsEntry("category", "petition"));
      assertThat(cases.buttons()).as("an officer's steps for a new case").containsExactly("dispatch", "supervise", "park", "cancel");

      // dispatch: the duty officer (no admin) picks from the units working at 金盆村, the petition desk's
      // first; a unit that does not work there is never offered (CaseUnitsTest: the server refuses it)
      cases.act("dispatch");
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(cases.unitOptions()).containsExactly(
          "对口单位|demo-petitions=村社区信访专干（演示）",
          "其他单位|demo-checkpoints=卡口值守组（演示）", "其他单位|demo-sanitation=环境卫生检查组（演示）"));
      assertThat(page.text("#case-act-fields .hint")).isEqualTo("辖区 金盆村 内有点位的单位");
      cases.confirm();
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(cases.error()).isEqualTo("请选择派往单位"));
      cases.choose("#case-act-unit", "demo-petitions");
      cases.note("请金盆村信访专干今天内上门了解情况");
      cases.confirmed();
      assertThat(cases.awaitShown(id, "dispatched")).isTrue();
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(cases.row(id)).containsEntry("state", "dispatched")
          .containsEntry("unit", "demo-petitions"));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(cases.row(id).get("text")).contains("待签收").contains("村社区信访专干（演示）").contains("剩 "));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(cases.trail()).containsExactly("open", "dispatch"));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.text("#toasts")).contains("派单"));

      // a refused step: the officer means to cancel while the unit has already signed for it
      cases.act("cancel");
      cases.note("重复登记");
      assertThat(task(server, TestTown.PETITIONS, id, "accept", new JsonObject().put("note", "已签收，马上联系当事人")).statusCode()).isEqualTo(200);
      cases.confirm();
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(cases.error()).startsWith("未能执行").endsWith("当前状态：处置中。"));
      assertThat(browser.js("return document.getElementById('case-act').dataset.conflict")).isEqualTo("yes");
      browser.screenshot(WallScreenTest.SHOTS.resolve("console-cases-conflict.png"));
      page.click("#case-act-cancel");
      assertThat(cases.awaitShown(id, "handling")).as("the detail follows the refused step's answer").isTrue();
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(cases.trail()).containsExactly("open", "dispatch", "accept"));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(cases.row(id)).containsEntry("state", "handling"));

      // the unit reports back with two photos; the officer sees them and sends it back once
      assertThat(reportBack(server, TestTown.PETITIONS, id, "已上门，当事人情绪稳定，已登记诉求",
          photo(new Color(120, 110, 90), new Color(40, 140, 70)), photo(new Color(90, 90, 90), new Color(200, 80, 40))).statusCode()).isEqualTo(200);
      assertThat(cases.awaitShown(id, "reported")).as("the report back arrives without a reload; the page holds %s", cases.held()).isTrue();
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(cases.row(id)).containsEntry("state", "reported"));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(browser.js(
          "return [...document.querySelectorAll('#case-detail .thumbs img')].filter(i => i.complete && i.naturalWidth === 640).length")).isEqualTo(2L));
      page.click("#case-detail a.thumb");
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(browser.js(
          "const d = document.getElementById('case-photo'); const i = document.getElementById('case-photo-img');"
              + "return d.open && i.complete && i.naturalWidth === 640;")).isEqualTo(true));
      browser.screenshot(WallScreenTest.SHOTS.resolve("console-cases-photo.png"));
      page.click("#case-photo");
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(browser.js("return document.getElementById('case-photo').open")).isEqualTo(false));
      browser.screenshot(WallScreenTest.SHOTS.resolve("console-cases-reported.png"));

      cases.act("verify");
      cases.confirm();
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(cases.error()).isEqualTo("请填写说明"));
      page.click("#case-act-fields input[name='passed'][value='no']");
      cases.note("诉求登记不完整，请补充当事人联系方式");
      cases.confirmed();
      assertThat(cases.awaitShown(id, "handling")).as("a rework goes back to handling").isTrue();
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(cases.field("counts")).contains("返工 1"));

      assertThat(task(server, TestTown.PETITIONS, id, "report", new JsonObject().put("note", "已补充联系方式")).statusCode()).isEqualTo(200);
      assertThat(cases.awaitShown(id, "reported")).isTrue();
      cases.act("verify");
      cases.note("复查合格，诉求已转相关部门");
      cases.confirmed();
      assertThat(cases.awaitShown(id, "closed")).isTrue();
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(cases.trail())
          .containsExactly("open", "dispatch", "accept", "report", "verify", "report", "verify"));
      assertThat(cases.buttons()).as("nothing left to do on a closed case").isEmpty();
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(cases.row(id)).as("a closed case leaves the open queue").isNull());
      cases.filter("state", "all");
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(cases.row(id)).containsEntry("state", "closed"));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(cases.row(id).get("text")).contains("已结案"));
      browser.screenshot(WallScreenTest.SHOTS.resolve("console-cases-closed.png"));

      // back on the queue: the alert was resolved with its case, so it left the open alerts
      page.click(".tab[data-view='queue']");
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.rows()).as("the alert resolved with its case")
          .noneMatch(r -> alert.equals(r.get("id"))));
      assertThat(page.foreignRequests()).as("requests that left the server's origin").isEmpty();
      assertThat(cases.unexpectedConsoleErrors()).as("console errors besides the handled 409 and 422").isEmpty();
    }
  }

  @Test
  void theQueuePutsOverdueFirstCountsDownMarksSupervisionAndFilters() {
    MutableClock clock = MutableClock.onDuty();
    try (TestServer server = server(clock)) {
      String duty = new Api(server).signIn("duty", "duty-demo-pass");
      // one a minute by the server's clock, so "newest first" has something to go by
      String bins = open(server, duty, "金盆村垃圾站满溢，气味较大", "sanitation", "normal", "sn-jinpen", "群众来电反映垃圾站两天未清运");
      step(server, duty, bins, "dispatch", new JsonObject().put("unit", "demo-sanitation"));
      clock.advance(Duration.ofMinutes(1));
      String crowd = open(server, duty, "凉亭村群众集体来访", "petition", "urgent", "pd-liangting", "十余名村民到村委会反映征地补偿问题");
      step(server, duty, crowd, "dispatch", new JsonObject().put("unit", "demo-petitions"));
      step(server, duty, crowd, "supervise", new JsonObject().put("level", "red").put("note", "区领导批示督办"));
      clock.advance(Duration.ofMinutes(1));
      String sensor = open(server, duty, "高速出口检测点测温设备故障", "checkpoint", "urgent", "cp-highway-exit", "值守人员电话报告设备黑屏");
      clock.advance(Duration.ofMinutes(1));
      String river = open(server, duty, "铺子嘴村河道漂浮物清理", "sanitation", "normal", "sn-puzizui", "巡查发现河道漂浮物较多");
      step(server, duty, river, "dispatch", new JsonObject().put("unit", "demo-sanitation"));
      assertThat(task(server, TestTown.SANITATION, river, "accept", new JsonObject()).statusCode()).isEqualTo(200);
      step(server, duty, river, "supervise", new JsonObject().put("level", "yellow"));
      step(server, duty, river, "urge", new JsonObject().put("note", "请今天内处理完毕"));
      clock.advance(Duration.ofMinutes(1));
      JsonObject road = new JsonObject().put("title", "滨河路面破损待大修").put("category", "other").put("urgency", "normal")
          .put("area", "binhe").put("description", "路面坑槽较多，需纳入年度大修");
      String parked = created(officer(server, duty, "/api/v1/cases", road));
      step(server, duty, parked, "park", new JsonObject().put("note", "待区交通局年度大修"));
      // half an hour on: the last one is reported back, its verification (1 hour for urgent sanitation in
      // config/case-limits.json) running from now
      clock.advance(Duration.ofMinutes(26));
      String reported = open(server, duty, "天井村垃圾清运不及时", "sanitation", "urgent", "sn-tianjing", "村民反映垃圾桶满溢");
      step(server, duty, reported, "dispatch", new JsonObject().put("unit", "demo-sanitation"));
      assertThat(task(server, TestTown.SANITATION, reported, "accept", new JsonObject()).statusCode()).isEqualTo(200);
      assertThat(reportBack(server, TestTown.SANITATION, reported, "已清运完毕，垃圾桶已清洗",
          photo(new Color(110, 100, 80), new Color(40, 140, 70)), photo(new Color(100, 100, 100), new Color(40, 110, 160)),
          photo(new Color(130, 120, 90), new Color(220, 180, 40))).statusCode()).isEqualTo(200);

      // 53½ minutes into that hour: it is near due (past 80 %) with 6½ minutes left (the page counts whole
      // minutes down, and its clock runs on from the server's), and both signatures, due within half an hour
      // of the start, are overdue
      Instant target = Instant.parse(read(server, duty, reported).getString("stageStartedAt")).plus(Duration.ofSeconds(53 * 60 + 30));
      clock.set(target);
      long binsLate = Duration.between(Instant.parse(read(server, duty, bins).getString("dueAt")), target).toMinutes();

      ConsolePage page = signedIn(server, "?poll=2s#cases");
      CasesPage cases = new CasesPage(page);
      browser.consoleErrors();
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(cases.rows()).extracting(r -> r.get("id"))
          .as("overdue first, then near due, then the rest; newest first within each")
          .containsExactly(crowd, bins, reported, parked, river, sensor));
      assertThat(cases.rows()).extracting(r -> r.get("overdue") + " " + r.get("nearDue"))
          .containsExactly("true false", "true false", "false true", "false false", "false false", "false false");
      assertThat(cases.row(bins).get("text")).contains("超期 " + binsLate + " 分钟");
      assertThat(cases.row(reported).get("text")).contains("剩 6 分钟").contains("临期");
      assertThat(cases.row(crowd)).containsEntry("supervision", "red");
      assertThat(cases.row(crowd).get("text")).contains("红色督办").contains("超期").contains("待签收");
      assertThat(cases.row(river)).containsEntry("supervision", "yellow").containsEntry("state", "handling");
      assertThat(cases.row(river).get("text")).contains("黄色督办").contains("剩 ");
      assertThat(cases.row(sensor).get("text")).as("a new case has no deadline yet").contains("待派单").contains("—");
      assertThat(cases.row(parked).get("text")).contains("挂账").contains("滨河社区");

      cases.filter("supervised", "any");
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(cases.rows()).extracting(r -> r.get("id")).containsExactly(crowd, river));
      cases.filter("supervised", "red");
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(cases.rows()).extracting(r -> r.get("id")).containsExactly(crowd));
      page.click("#cf-reset");
      cases.tick("overdue", true);
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(cases.rows()).extracting(r -> r.get("id")).containsExactly(crowd, bins));
      cases.tick("nearDue", true);
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(cases.rows()).extracting(r -> r.get("id")).as("either").containsExactly(crowd, bins, reported));
      cases.tick("overdue", false);
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(cases.rows()).extracting(r -> r.get("id")).containsExactly(reported));
      page.click("#cf-reset");
      cases.filter("category", "sanitation");
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(cases.rows()).extracting(r -> r.get("id")).containsExactly(bins, reported, river));
      cases.filter("area", "chengguan");
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(cases.rows()).isEmpty());
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.text("#case-empty")).isEqualTo("没有符合筛选条件的事件"));
      page.click("#cf-reset");
      cases.filter("area", "chengguan");
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(cases.rows()).extracting(r -> r.get("id")).as("a town takes in its communities").containsExactly(parked));
      cases.filter("area", "");
      cases.filter("unit", "demo-petitions");
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(cases.rows()).extracting(r -> r.get("id")).containsExactly(crowd));
      cases.filter("unit", "");
      cases.filter("state", "reported");
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(cases.rows()).extracting(r -> r.get("id")).containsExactly(reported));
      page.click("#cf-reset");
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(cases.rows()).hasSize(6));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(page.text("#case-count")).isEqualTo("显示 6 / 共 6 件"));

      page.click("#case-body tr[data-id='" + reported + "'] td.title");
      assertThat(cases.awaitShown(reported, "reported")).isTrue();
      assertThat(cases.buttons()).containsExactly("verify", "urge", "supervise");
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(browser.js(
          "return [...document.querySelectorAll('#case-detail .thumbs img')].filter(i => i.complete && i.naturalWidth === 640).length")).isEqualTo(3L));
      ScreenPage.settle(300);
      browser.screenshot(WallScreenTest.SHOTS.resolve("console-cases.png"));
      DocImages.keep(WallScreenTest.SHOTS.resolve("console-cases.png"), "console-cases.png");

      page.click("#case-body tr[data-id='" + crowd + "'] td.title");
      assertThat(cases.awaitShown(crowd, "dispatched")).isTrue();
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(cases.field("supervision")).isEqualTo("红色督办"));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(cases.field("due")).startsWith("签收时限").contains("超期"));
      assertThat(cases.buttons()).as("red is as high as supervision goes").containsExactly("urge", "park", "cancel");
      browser.screenshot(WallScreenTest.SHOTS.resolve("console-cases-overdue.png"));
      assertThat(cases.unexpectedConsoleErrors()).isEmpty();

      // an admin's console can read the units: dispatch offers those with a site in the case's area, by name
      browser.driver.manage().deleteAllCookies();
      page.open("?poll=2s#cases/" + sensor);
      page.signIn("admin", "admin-demo-pass");
      page.awaitLive();
      assertThat(cases.awaitShown(sensor, "new")).isTrue();
      cases.act("dispatch");
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(browser.js(
          "return [...document.querySelectorAll('select#case-act-unit option')].map(o => o.value + '=' + o.text)"))
          .asList().contains("demo-checkpoints=卡口值守组（演示）", "demo-petitions=村社区信访专干（演示）", "demo-sanitation=环境卫生检查组（演示）"));
      assertThat(page.text("#case-act-fields .hint")).isEqualTo("辖区 金盆村 内有点位的单位");
      browser.js("document.getElementById('case-act-unit').value = 'demo-checkpoints';");
      cases.confirmed();
      assertThat(cases.awaitShown(sensor, "dispatched")).isTrue();
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(cases.field("unit")).isEqualTo("卡口值守组（演示）"));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(cases.row(sensor).get("text")).contains("卡口值守组（演示）"));

      browser.driver.manage().deleteAllCookies();
      page.open("?lang=en&poll=2s#cases/" + crowd);
      page.signIn("duty", "duty-demo-pass");
      page.awaitLive();
      browser.consoleErrors(); // the admin's page, its cookie deleted under it, was told 401 before it went
      assertThat(cases.awaitShown(crowd, "dispatched")).isTrue();
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(cases.row(crowd).get("text")).contains("Red").contains("OVERDUE").contains("Dispatched"));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(cases.row(bins).get("text")).contains(binsLate + " min overdue"));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(cases.row(reported).get("text")).contains("6 min left").contains("near due"));
      ScreenPage.settle(300);
      browser.screenshot(WallScreenTest.SHOTS.resolve("console-cases-en.png"));
      assertThat(cases.unexpectedConsoleErrors()).isEmpty();
    }
  }

  static String open(TestServer server, String cookie, String title, String category, String urgency, String site, String description) {
    return created(officer(server, cookie, "/api/v1/cases", new JsonObject().put("title", title).put("category", category)
        .put("urgency", urgency).put("site", site).put("description", description)));
  }

  static String created(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return response.bodyAsJsonObject().getString("id");
  }

  static void step(TestServer server, String cookie, String id, String action, JsonObject body) {
    HttpResponse<Buffer> response = officer(server, cookie, "/api/v1/cases/" + id + "/" + action, body);
    assertThat(response.statusCode()).as(action + ": " + response.bodyAsString()).isEqualTo(200);
  }

  static JsonObject read(TestServer server, String cookie, String id) {
    return server.client.get("/api/v1/cases/" + id).putHeader("Cookie", cookie).send().await().bodyAsJsonObject().getJsonObject("case");
  }

  /** An officer's call to the case API with the session cookie and the page's Origin. */
  static HttpResponse<Buffer> officer(TestServer server, String cookie, String path, JsonObject body) {
    return server.client.post(path).putHeader("Cookie", cookie).putHeader("Origin", new Api(server).origin())
        .sendJsonObject(body).await();
  }
}
