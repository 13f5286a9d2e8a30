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
import java.util.concurrent.CopyOnWriteArrayList;
import io.vertx.core.Vertx;
import io.watchfloor.TestTown;
import io.watchfloor.field.FieldReportPageTest;
import io.watchfloor.field.ReportPage;
import io.watchfloor.urge.UrgeRoutes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 催报 end to end in Chromium against PostgreSQL (docs/pages.md): at 18:30, after the sanitation inspections'
 * 17:00 deadline, 许东镇's officer opens the console's compliance view, ticks two late sites and urges them;
 * the unit's field page, open on a phone all along, shows the urging within 2 s, in Chinese and English, and
 * keeps it dismissed; a report follows, and the daily review counts both urgings and the one followed.
 */
@BrowserTest
class ConsoleUrgeTest {
  static final Path SHOTS = Path.of("target", "screenshots");
  static final Instant EVENING = Instant.parse("2026-12-07T10:30:00Z");

  private static Chromium desk;
  private static Chromium phone;

  @BeforeAll
  static void launch() {
    desk = Chromium.launch(1600, 900, 1, WallScreenTest.OFFLINE);
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

  @SuppressWarnings("unchecked")
  private static List<String> shown() {
    return (List<String>) phone.js("return window.watchfloorReport.urgings.shown();");
  }

  @Test
  void anOfficerUrgesLateSitesAndTheOpenFieldPageShowsItAtOnceAndTheReviewCountsIt() {
    MutableClock clock = new MutableClock(EVENING);
    String base;
    // the unit's own WeCom group, stood in for by a robot on loopback that takes every message
    Vertx robotVertx = Vertx.vertx();
    List<String> robot = new CopyOnWriteArrayList<>();
    int robotPort = TestServer.freePort();
    robotVertx.createHttpServer().requestHandler(r -> r.body().onSuccess(body -> {
      robot.add(body.toString());
      r.response().putHeader("Content-Type", "application/json").end("{\"errcode\":0,\"errmsg\":\"ok\"}");
    })).listen(robotPort, "127.0.0.1").await();
    try (TestServer server = TestServer.postgres(TestDatabase.fresh("wf_test_console_urge"), clock)) {
      base = "http://127.0.0.1:" + server.port;
      TestDatabase.execute("wf_test_console_urge", "INSERT INTO notify_channel (id, name, type, url, scope, unit, created_at,"
          + " created_by) VALUES ('ch-unit', '环卫组群', 'wecom', 'http://127.0.0.1:" + robotPort + "/send?key=k', 'changling',"
          + " 'demo-sanitation', now(), 'admin')");
      ReportPage field = ReportPage.signedIn(phone, base, "", TestTown.SANITATION);
      await().atMost(Chromium.WAIT).until(() -> UrgeRoutes.held(server.vertx) == 1);
      assertThat(shown()).isEmpty();

      ConsolePage console = new ConsolePage(desk, base);
      console.open("#compliance");
      console.signIn("xudong-duty", "xudong-duty-demo-pass");
      By jinpen = By.cssSelector("#cmp-body input[data-site='sn-jinpen']");
      await().atMost(Chromium.WAIT).until(() -> !desk.driver.findElements(jinpen).isEmpty());
      assertThat(console.text("#cmp-body tr[data-site='sn-jinpen']")).contains("逾期未报");
      assertThat(console.text("#cmp-body")).as("only 许东镇's sites").doesNotContain("河口");
      desk.driver.findElement(jinpen).click();
      desk.driver.findElement(By.cssSelector("#cmp-body input[data-site='sn-liangting']")).click();
      desk.driver.findElement(By.id("cmp-note")).sendKeys("请于19时前上报");
      long pressed = System.nanoTime();
      console.click("#cmp-urge");

      await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50))
          .until(() -> shown().contains("sn-jinpen"));
      Duration seen = Duration.ofNanos(System.nanoTime() - pressed);
      assertThat(seen).as("press to the open field page").isLessThan(Duration.ofSeconds(2));
      String banner = phone.driver.findElement(By.id("urge-banner")).getText();
      assertThat(banner).contains("催报：").contains("请尽快上报").contains("请于19时前上报").contains("18:30");
      await("the unit's group gets both").atMost(Chromium.WAIT).until(() -> robot.size() == 2);
      assertThat(robot).allSatisfy(message -> assertThat(new JsonObject(message).getJsonObject("markdown")
          .getString("content")).contains("【催报】", "请尽快上报", "请于19时前上报"));
      await().atMost(Chromium.WAIT).until(() -> console.text("#cmp-body tr[data-site='sn-jinpen'] .urge-result")
          .contains("已催报"));
      desk.screenshot(SHOTS.resolve("console-urge.png"));
      DocImages.keep(SHOTS.resolve("console-urge.png"), "console-urge.png");
      phone.js("window.scrollTo(0, 0)");
      phone.screenshot(SHOTS.resolve("field-urge.png"));
      DocImages.keep(SHOTS.resolve("field-urge.png"), "field-urge.png");

      // urged again at once: limited, with the time it may be again
      desk.driver.findElement(jinpen).click();
      console.click("#cmp-urge");
      await().atMost(Chromium.WAIT).until(() -> console.text("#cmp-body tr[data-site='sn-jinpen'] .urge-result")
          .contains("18:40"));

      field.click("lang-switch");
      await().atMost(Chromium.WAIT).until(() -> phone.driver.findElement(By.id("urge-banner")).getText()
          .contains("Reminder"));
      phone.screenshot(SHOTS.resolve("field-urge-en.png"));
      field.click("lang-switch");

      phone.driver.findElement(By.cssSelector("#urge-banner .urge-item[data-site='sn-jinpen'] .urge-seen")).click();
      assertThat(shown()).containsExactly("sn-liangting");
      phone.driver.navigate().refresh();
      await().atMost(Chromium.WAIT).until(() -> "true".equals(phone.js("return document.body.dataset.ready"))
          && shown().contains("sn-liangting"));
      assertThat(shown()).as("dismissed stays dismissed after a reload").containsExactly("sn-liangting");

      clock.advance(Duration.ofMinutes(6));
      JsonObject report = new JsonObject().put("id", UUID.randomUUID().toString()).put("site", "sn-jinpen")
          .put("observedAt", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.ofHours(8)).toString())
          .put("metrics", new JsonObject().put("score", 88));
      assertThat(new Api(server).postReport(TestTown.SANITATION, report).statusCode()).isEqualTo(201);

      Api api = new Api(server);
      String cookie = api.signIn("xudong-duty", "xudong-duty-demo-pass");
      HttpResponse<Buffer> review = server.client.get("/api/v1/review?scope=xudong&date=2026-12-07")
          .putHeader("Cookie", cookie).send().await();
      assertThat(review.bodyAsJsonObject().getJsonObject("urgings")).isEqualTo(new JsonObject().put("count", 2)
          .put("sites", 2).put("followed", 1).put("medianMinutes", 6.0));

      desk.driver.navigate().refresh(); // a console opened anew knows today's urgings from the server
      await().atMost(Chromium.WAIT).until(() -> {
        String cell = console.text("#cmp-body tr[data-site='sn-liangting'] .urge-result");
        return cell != null && cell.contains("已催报 18:30");
      });
      assertThat(console.text("#cmp-body")).as("sn-jinpen reported: no longer listed").doesNotContain("金盆村环境卫生");

      desk.driver.get(base + "/review?scope=xudong&date=2026-12-07");
      await().atMost(Chromium.WAIT).until(() -> {
        String line = console.text("#rv-compliance [data-urgings]");
        return line != null && line.contains("催报 2 次");
      });
      assertThat(console.text("#rv-compliance [data-urgings]")).contains("其后当日报送 1 次").contains("中位用时 6 分钟");
      desk.js("document.querySelector('#rv-compliance').scrollIntoView()");
      desk.screenshot(SHOTS.resolve("review-urge.png"));
    } finally {
      robotVertx.close().await();
    }
  }
}
