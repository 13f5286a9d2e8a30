package io.watchfloor.admin;

import io.watchfloor.BrowserTest;
import io.watchfloor.DocImages;
import io.watchfloor.MutableClock;
import io.watchfloor.TestDatabase;
import io.watchfloor.TestServer;
import io.watchfloor.delivery.StandInReceiver;
import io.watchfloor.screen.Chromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * /admin's 通知 tab in Chromium: a WeCom robot added by its Webhook address, listed with its key masked, its test
 * message taken by a stand-in robot on loopback, and a route for 催报 added to it; in zh, then in English.
 */
@BrowserTest
class NotifyPageTest {
  private static final Path SHOTS = Path.of("target", "screenshots");
  private static final String DB = "wf_test_notify_page";
  private static final String KEY = "693a91f6-7b2c-4bc4-97a0-0ec2b1fa3f2a";
  private static TestServer server;
  private static StandInReceiver robot;
  private static Chromium browser;

  @BeforeAll
  static void start() throws Exception {
    Files.createDirectories(SHOTS);
    server = TestServer.postgres(TestDatabase.fresh(DB), MutableClock.system());
    robot = new StandInReceiver(server.vertx);
    browser = Chromium.launch(1920, 1080, 1, AdminPageTest.OFFLINE);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (robot != null) {
      robot.close();
    }
    server.close();
  }

  private void choose(String css, String value) {
    browser.js("const s = document.querySelector(arguments[0]); s.value = arguments[1];"
        + " s.dispatchEvent(new Event('change'));", css, value);
  }

  @Test
  void anAdminAddsAWeComRobotTestsItAndRoutesUrgingToIt() {
    AdminPage page = new AdminPage(browser, "http://127.0.0.1:" + server.port);
    page.open("#notify");
    page.signIn("admin", "admin-demo-pass");
    assertThat(page.visible("#view-notify")).isTrue();
    assertThat(page.text(".tab[data-view='notify']")).isEqualTo("通知");

    choose("#channel-type", "wecom");
    page.type("#channel-name", "许东镇值班群");
    page.type("#channel-url", robot.url("/cgi-bin/webhook/send?key=" + KEY));
    choose("#channel-scope", "xudong");
    assertThat(page.visible("#channel-secret")).as("a WeCom robot has no secret").isFalse();
    page.click("#channel-create");
    assertThat(Chromium.await(AdminPage.WAIT, () -> page.text("#channels-list") != null
        && page.text("#channels-list").contains("许东镇值班群")))
        .as("listed: %s %s", page.text("#channel-error"), browser.consoleErrors()).isTrue();
    String listed = page.text("#channels-list");
    assertThat(listed).contains("key=…3f2a").contains("企业微信群机器人").doesNotContain(KEY).doesNotContain(KEY.substring(0, 12));
    assertThat(page.find("#channel-url").getAttribute("value")).as("the form forgot the address").isEmpty();

    page.click("#channels-list tbody tr .actions button");
    assertThat(Chromium.await(AdminPage.WAIT, () -> page.text("#channels-list .test-answer").startsWith("✓")))
        .as("the test answer: %s", page.text("#channels-list .test-answer")).isTrue();
    assertThat(page.text("#channels-list .test-answer")).contains("HTTP 200", "errcode");
    assertThat(robot.next().json().getJsonObject("markdown").getString("content")).contains("许东镇值班群");

    choose("#route-scope", "xudong");
    browser.js("for (const box of document.querySelectorAll('#route-events input')) box.checked = box.value === 'compliance.urged';");
    page.click("#route-create");
    assertThat(Chromium.await(AdminPage.WAIT, () -> page.text("#routes-list").contains("催报")))
        .as("route listed: %s", page.text("#route-error")).isTrue();
    Map<String, String> route = page.rows("routes-list").get(0);
    assertThat(route.get("text")).contains("许东镇值班群", "催报");
    // a robot that refused the key: the channel is red, and 恢复 sends again
    TestDatabase.execute(DB, "UPDATE notify_channel SET stopped_at = now(), stopped_why = 'errcode 93000: invalid webhook url'");
    page.tab("units");
    page.tab("notify");
    assertThat(Chromium.await(AdminPage.WAIT, () -> page.visible("#channels-list .notify-stopped"))).isTrue();
    assertThat(page.text("#channels-list .notify-stopped")).contains("已停用", "93000");
    page.click("#channels-list tbody tr .actions button.primary");
    assertThat(Chromium.await(AdminPage.WAIT, () -> !page.visible("#channels-list .notify-stopped"))).isTrue();
    assertThat(TestDatabase.count(DB, "SELECT count(*) FROM notify_channel WHERE stopped_at IS NULL")).isEqualTo(1);

    browser.js("document.getElementById('view-notify').scrollTop = 0;");
    browser.screenshot(SHOTS.resolve("admin-notify.png"));
    DocImages.keep(SHOTS.resolve("admin-notify.png"), "admin-notify.png");

    page.open("?lang=en#notify");
    assertThat(Chromium.await(AdminPage.WAIT, () -> "true".equals(browser.js("return document.body.dataset.ready"))))
        .isTrue();
    assertThat(Chromium.await(AdminPage.WAIT, () -> page.text("#routes-list").contains("Late report urged"))).isTrue();
    assertThat(page.text(".tab[data-view='notify']")).isEqualTo("Notifications");
    assertThat(page.text("#channels-list")).contains("WeCom group robot", "key=…3f2a");
    browser.screenshot(SHOTS.resolve("admin-notify-en.png"));
    assertThat(browser.consoleErrors()).isEmpty();
  }
}
