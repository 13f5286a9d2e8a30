package io.watchfloor.field;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.watchfloor.Api;
import io.watchfloor.BrowserTest;
import io.watchfloor.DocImages;
import io.watchfloor.MutableClock;
import io.watchfloor.TestDatabase;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;
import io.watchfloor.field.FlakyProxy.Mode;
import io.watchfloor.field.FlakyProxy.TaskPost;
import io.watchfloor.screen.Chromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * The field page's task tab (docs/pages.md#task-tab) in Chromium at a phone's size against PostgreSQL:
 * an officer opens and dispatches a case over HTTP; on the page the unit signs it, loses the network
 * ({@link FlakyProxy}), reports back with a camera photo, and the report back reaches the case's trail
 * exactly once with its photo, also when the server committed it and the answer was lost.
 */
@BrowserTest
public class FieldTasksTest {
  static final Path SHOTS = FieldReportPageTest.SHOTS;
  static final String UNIT = "demo-sanitation";
  static final long MAX_PHOTO = 2 * 1024 * 1024;

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

  /** An officer at the console, as the test plays it: signed in, with the server's Origin on each write. */
  public record Officer(TestServer server, Api api, String cookie) {
    public static Officer signIn(TestServer server) {
      Api api = new Api(server);
      return new Officer(server, api, api.signIn("duty", "duty-demo-pass"));
    }

    JsonObject post(String path, JsonObject body, int expected) {
      HttpResponse<Buffer> response = server.client.post(path).putHeader("Origin", api.origin()).putHeader("Cookie", cookie)
          .sendJsonObject(body).await();
      assertThat(response.statusCode()).as("%s: %s", path, response.bodyAsString()).isEqualTo(expected);
      return response.bodyAsJsonObject();
    }

    HttpResponse<Buffer> get(String path) {
      HttpRequest<Buffer> request = server.client.get(path).putHeader("Cookie", cookie);
      return request.send().await();
    }

    public JsonObject detail(String id) {
      HttpResponse<Buffer> response = get("/api/v1/cases/" + id);
      assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
      return response.bodyAsJsonObject();
    }

    public List<JsonObject> trail(String id, String action) {
      return detail(id).getJsonArray("trail").stream().map(JsonObject.class::cast)
          .filter(line -> action.equals(line.getString("action"))).toList();
    }
  }

  static List<Map<String, Object>> hook(String name) {
    return new ReportPage(browser, null).taskHook(name);
  }

  static String text(String id) {
    return browser.driver.findElement(By.id(id)).getText();
  }

  static void shot(String name) {
    browser.js("window.scrollTo(0, 0)");
    browser.screenshot(SHOTS.resolve(name));
  }

  /** The whole page, from the top (a sticky bar scrolled away would be drawn over the middle). */
  static void fullShot(String name) {
    browser.js("window.scrollTo(0, 0)");
    browser.fullPageScreenshot(SHOTS.resolve(name));
  }

  static boolean imagesShow(String selector) {
    return new ReportPage(browser, null).imagesShow(selector);
  }

  /**
   * A phone whose clock is hours off (here the server's is three hours behind it) still counts a task down by
   * the server's clock: the task just dispatched has most of its time left, not hours overdue.
   */
  @Test
  void theCountdownGoesByTheServersClockNotThePhones() {
    MutableClock behind = new MutableClock(java.time.Instant.now().minus(java.time.Duration.ofHours(3)));
    try (TestServer server = TestServer.postgres(TestDatabase.fresh("wf_test_field_clock"), behind)) {
      Officer officer = Officer.signIn(server);
      String id = officer.post("/api/v1/cases", new JsonObject().put("title", "垃圾满溢").put("category", "sanitation")
          .put("urgency", "urgent").put("site", "sn-liangting").put("description", "凉亭村村口垃圾桶满溢"), 201)
          .getString("id");
      officer.post("/api/v1/cases/" + id + "/dispatch", new JsonObject().put("unit", UNIT), 200);
      ReportPage page = ReportPage.signedIn(browser, "http://127.0.0.1:" + server.port, "", TestTown.SANITATION);
      page.click("tab-tasks");
      By task = By.cssSelector("#task-list .task[data-id='" + id + "']");
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(browser.driver.findElement(task).getText())
          .contains("待签收").containsPattern("剩 \\d+").doesNotContain("超期"));
      page.click(By.cssSelector("#task-list .task[data-id='" + id + "'] button"));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(text("task-detail-body")).containsPattern("剩 \\d+")
          .doesNotContain("超期"));
    }
  }

  @Test
  void aUnitSignsReportsBackOfflineWithAPhotoAndTheTrailHasItOnce() {
    String db = "wf_test_field_tasks";
    try (TestServer server = TestServer.postgres(TestDatabase.fresh(db), MutableClock.system());
         FlakyProxy proxy = new FlakyProxy(server.port)) {
      Officer officer = Officer.signIn(server);
      String id = officer.post("/api/v1/cases", new JsonObject().put("title", "垃圾满溢").put("category", "sanitation")
          .put("urgency", "urgent").put("site", "sn-liangting").put("description", "凉亭村村口垃圾桶满溢，周边有散落垃圾。"), 201)
          .getString("id");
      officer.post("/api/v1/cases/" + id + "/dispatch", new JsonObject().put("unit", UNIT).put("note", "请半小时内到场清运"), 200);
      officer.post("/api/v1/cases/" + id + "/supervise", new JsonObject().put("level", "red").put("note", "群众反映强烈"), 200);
      officer.post("/api/v1/cases/" + id + "/urge", new JsonObject().put("note", "请加快"), 200);
      // two more, so the list shows what a unit's day looks like
      String other = officer.post("/api/v1/cases", new JsonObject().put("title", "小广告清理").put("category", "sanitation")
          .put("urgency", "normal").put("site", "sn-puzizui").put("description", "蒲子嘴村公交站小广告"), 201).getString("id");
      officer.post("/api/v1/cases/" + other + "/dispatch", new JsonObject().put("unit", UNIT), 200);
      officer.post("/api/v1/cases/" + other + "/supervise", new JsonObject().put("level", "yellow"), 200);
      String third = officer.post("/api/v1/cases", new JsonObject().put("title", "河道漂浮物").put("category", "sanitation")
          .put("urgency", "emergency").put("site", "sn-tianjing").put("description", "田井村河道漂浮物堆积"), 201).getString("id");
      officer.post("/api/v1/cases/" + third + "/dispatch", new JsonObject().put("unit", UNIT), 200);

      ReportPage page = ReportPage.signedIn(browser, proxy.origin(), "?retryCap=2", TestTown.SANITATION);
      page.click("tab-tasks");
      By task = By.cssSelector("#task-list .task[data-id='" + id + "']");
      assertThat(Chromium.await(Chromium.WAIT, () -> browser.driver.findElements(By.cssSelector("#task-list .task")).size() == 3))
          .as("the unit's three tasks are listed").isTrue();
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(browser.driver.findElement(task).getText())
          .contains("垃圾满溢").contains("紧急").contains("待签收").contains("红牌督办").contains("催办 1 次").containsPattern("剩 \\d+"));
      shot("field-tasks-list.png");
      DocImages.keep(SHOTS.resolve("field-tasks-list.png"), "field-tasks.png");

      page.click(By.cssSelector("#task-list .task[data-id='" + id + "'] button"));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(text("task-trail")).contains("派单").contains("请半小时内到场清运")
          .contains("催办").contains("请加快"));
      assertThat(text("task-detail-body")).contains("凉亭村村口垃圾桶满溢");
      page.click(By.cssSelector("#task-actions [data-action=accept]"));
      page.click("act-submit");
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(officer.detail(id).getJsonObject("case").getString("state")).isEqualTo("handling"));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(hook("sent")).extracting(s -> s.get("action")).containsExactly("accept"));

      // a dead spot: the report back with its photo waits on the phone
      proxy.mode(Mode.DOWN);
      Path photo = TestPhotos.jpeg(SHOTS.resolve("camera-photo.jpg"), 3200, 2400, 30.9512, 118.7581);
      page.click(By.cssSelector("#task-actions [data-action=report]"));
      browser.driver.findElement(By.id("act-note")).sendKeys("已清运，周边已清扫");
      browser.driver.findElement(By.id("act-file")).sendKeys(photo.toAbsolutePath().toString());
      assertThat(Chromium.await(Duration.ofSeconds(60), () -> !browser.driver.findElements(By.cssSelector("#act-thumbs li")).isEmpty()))
          .as("the photo is shrunk in the page: %s", text("act-photos")).isTrue();
      assertThat(imagesShow("#act-thumbs img")).as("its thumbnail shows").isTrue();
      assertThat(browser.driver.findElement(By.id("act-location")).isSelected()).as("no location unless the unit allows it").isFalse();
      page.click("act-submit");
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(hook("waiting")).singleElement().satisfies(w -> {
        assertThat(w).containsEntry("action", "report").containsEntry("caseId", id).containsEntry("photos", 1L).containsEntry("located", 0L);
        assertThat((List<?>) w.get("bytes")).singleElement().satisfies(b -> assertThat(((Number) b).longValue()).isBetween(1L, MAX_PHOTO));
      }));
      assertThat(Chromium.await(Duration.ofSeconds(20), () -> "offline".equals(browser.js("return document.getElementById('task-net').dataset.net"))))
          .isTrue();
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(text("task-status")).contains("网络不通").contains("1"));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(text("task-detail-body")).contains("待发送：反馈").contains("已反馈"));
      shot("field-tasks-offline.png");
      fullShot("field-tasks-offline-full.png");
      assertThat(officer.trail(id, "report")).as("nothing reached the server").isEmpty();

      // the server commits it and the answer is lost; then the network is back
      proxy.mode(Mode.LOSE_RESPONSE);
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(officer.trail(id, "report")).hasSize(1));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(hook("waiting")).as("no answer: the phone cannot know").hasSize(1));
      proxy.mode(Mode.UP);
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(hook("waiting")).isEmpty());
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(hook("sent")).extracting(s -> s.get("action")).containsExactly("report", "accept"));
      assertThat(hook("refused")).isEmpty();

      JsonObject detail = officer.detail(id);
      assertThat(detail.getJsonObject("case").getString("state")).isEqualTo("reported");
      List<JsonObject> reports = officer.trail(id, "report");
      assertThat(reports).as("reported back exactly once").hasSize(1);
      assertThat(reports.get(0).getString("note")).isEqualTo("已清运，周边已清扫");
      assertThat(reports.get(0).getString("by")).isEqualTo("unit:" + UNIT);
      JsonArray photos = detail.getJsonArray("photos");
      assertThat(photos).as("with its one photo").hasSize(1);
      JsonObject stored = photos.getJsonObject(0);
      assertThat(stored.getInteger("seq")).isEqualTo(reports.get(0).getInteger("seq"));
      assertThat(stored.getString("mediaType")).isEqualTo("image/jpeg");
      assertThat(stored.getLong("size")).isBetween(1L, MAX_PHOTO);
      Buffer bytes = officer.get("/api/v1/cases/" + id + "/photos/" + stored.getString("id")).body();
      assertThat(bytes.length()).isEqualTo(stored.getInteger("size"));
      assertThat((int) bytes.getUnsignedByte(0)).isEqualTo(0xFF);
      assertThat((int) bytes.getUnsignedByte(1)).isEqualTo(0xD8);

      List<TaskPost> sentBack = proxy.taskPosts().stream().filter(p -> p.path().endsWith("/report")).toList();
      assertThat(sentBack).as("sent while down, with the answer lost, and once more").hasSizeGreaterThanOrEqualTo(2);
      assertThat(sentBack).extracting(TaskPost::key).as("every try under the key made when it was queued").containsOnly(sentBack.get(0).key());
      assertThat(sentBack).allMatch(p -> p.contentType().startsWith("multipart/form-data"));
      assertThat(sentBack.get(sentBack.size() - 1).status()).as("the last try is answered, the first answer again").isEqualTo(200);

      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(text("task-detail-body")).contains("已反馈").doesNotContain("待发送"));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(text("task-trail")).contains("反馈").contains("已清运，周边已清扫"));
      assertThat(Chromium.await(Chromium.WAIT, () -> imagesShow("#task-photos img")))
          .as("the photo shows, fetched with the unit's token").isTrue();
      shot("field-tasks-reported.png");
      fullShot("field-tasks-reported-full.png");
    }
  }

  @Test
  void aUnitReportsANewEventFromTheFieldWithAPhoto() {
    try (TestServer server = TestServer.postgres(TestDatabase.fresh("wf_test_field_event"), MutableClock.system())) {
      ReportPage page = ReportPage.signedIn(browser, ReportPage.origin(server.port), "?retryCap=2", TestTown.SANITATION);
      page.click("tab-tasks");
      page.click("event-new");
      browser.driver.findElement(By.id("event-name")).sendKeys("路灯损坏");
      browser.js("const s = document.getElementById('event-category'); s.value = 'other'; s.dispatchEvent(new Event('change'));");
      browser.js("const s = document.getElementById('event-urgency'); s.value = 'urgent'; s.dispatchEvent(new Event('change'));");
      browser.js("const s = document.getElementById('event-site'); s.value = 'sn-liangting'; s.dispatchEvent(new Event('change'));");
      page.click("event-submit");
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(text("event-error")).isEqualTo("请填写情况描述"));
      browser.driver.findElement(By.id("event-description")).sendKeys("凉亭村村口三盏路灯不亮");
      Path photo = TestPhotos.jpeg(SHOTS.resolve("event-photo.jpg"), 800, 600, 30.9512, 118.7581);
      browser.driver.findElement(By.id("event-file")).sendKeys(photo.toAbsolutePath().toString());
      assertThat(Chromium.await(Duration.ofSeconds(30), () -> !browser.driver.findElements(By.cssSelector("#event-thumbs li")).isEmpty()))
          .isTrue();
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(text("event-thumbs")).contains("含位置"));
      page.click("event-location"); // allowed: the location goes beside the photo and is kept with it
      fullShot("field-tasks-event.png");
      page.click("event-submit");
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(hook("sent")).singleElement()
          .satisfies(s -> assertThat(s).containsEntry("action", "open")));
      String caseId = (String) hook("sent").get(0).get("caseId");

      JsonObject detail = Officer.signIn(server).detail(caseId);
      JsonObject opened = detail.getJsonObject("case");
      assertThat(opened.getString("title")).isEqualTo("路灯损坏");
      assertThat(opened.getString("category")).isEqualTo("other");
      assertThat(opened.getString("urgency")).isEqualTo("urgent");
      assertThat(opened.getString("site")).isEqualTo("sn-liangting");
      assertThat(opened.getString("source")).isEqualTo("field");
      assertThat(opened.getString("state")).isEqualTo("new");
      assertThat(detail.getJsonArray("photos")).hasSize(1);
      JsonObject kept = detail.getJsonArray("photos").getJsonObject(0);
      assertThat(kept.getDouble("lat")).as("where the camera took it, from its EXIF").isCloseTo(30.9512, within(1e-4));
      assertThat(kept.getDouble("lon")).isCloseTo(118.7581, within(1e-4));
    }
  }
}
