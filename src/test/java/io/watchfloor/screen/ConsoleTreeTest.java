package io.watchfloor.screen;

import io.vertx.core.json.JsonObject;
import io.watchfloor.Api;
import io.watchfloor.BrowserTest;
import io.watchfloor.MutableClock;
import io.watchfloor.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The duty console in the district's tree (层级上报): 长岭区's officer sees an alert 许东镇 left
 * unacknowledged marked 上报 with 许东镇 named, sounding until someone acknowledges it; 许东镇's officer
 * sees 许东镇's alerts and not 石桥镇's.
 */
@BrowserTest
class ConsoleTreeTest {
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

  private static ConsolePage signedIn(TestServer server, String user, String password, String query) {
    ConsolePage page = new ConsolePage(browser, ScreenPage.origin(server.port));
    browser.driver.manage().deleteAllCookies();
    page.open(query);
    page.signIn(user, password);
    page.awaitLive();
    return page;
  }

  private static Map<String, String> row(ConsolePage page, String area) {
    return page.rows().stream().filter(r -> area.equals(r.get("area"))).findFirst().orElse(null);
  }

  @Test
  @SuppressWarnings("unchecked")
  void theDistrictSeesWhatATownLeftMarkedAndSoundingAndTheTownSeesOnlyItsOwn() {
    MutableClock clock = MutableClock.onDuty();
    try (TestServer server = ConsoleTest.server(clock, new JsonObject().put("escalate-critical-after", "PT5M")
        .put("escalation-check-seconds", 1))) {
      ConsolePage district = signedIn(server, "duty", "duty-demo-pass", "?remind=2s");
      browser.consoleErrors();
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(district.text("#title")).isEqualTo("长岭区 值班台"));
      district.click("#sound");
      assertThat(Chromium.await(Duration.ofSeconds(15), () -> "armed".equals(district.find("#sound").getDomAttribute("data-state"))))
          .isTrue();

      ConsoleTest.report(server, "pd-jinpen", new JsonObject().put("escalated_petitions", 1));
      ConsoleTest.report(server, "pd-hekou", new JsonObject().put("group_petitions", 1));
      assertThat(district.awaitRows(2)).as("the district sees both towns' alerts").isTrue();
      assertThat(row(district, "jinpen")).containsEntry("up", "no");
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(district.sound("sounding").intValue()).as("nothing escalated here yet").isZero());

      clock.advance(Duration.ofMinutes(6));
      assertThat(Chromium.await(Duration.ofSeconds(30), () -> "yes".equals(row(district, "jinpen").get("up"))))
          .as("许东镇's alert comes up to the district").isTrue();
      Map<String, String> up = row(district, "jinpen");
      assertThat(up).containsEntry("desk", "xudong").containsEntry("escalatedTo", "changling");
      assertThat(up.get("text")).contains("上报 · 许东镇").contains("越级访").contains("金盆村信访工作站");
      assertThat(row(district, "hekou")).as("石桥镇's came up too, from 石桥镇")
          .satisfies(r -> assertThat(r.get("text")).contains("上报 · 石桥镇"));
      assertThat(Chromium.await(Duration.ofSeconds(15), () -> district.sound("reminders").intValue() >= 2))
          .as("it keeps sounding while nobody acknowledges it").isTrue();
      district.clickRow(up.get("id"), null);
      assertThat(Chromium.await(Duration.ofSeconds(15), () -> "open".equals(district.detailState()))).isTrue();
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(district.field("escalated")).contains("许东镇 → 长岭区"));
      ScreenPage.settle(300);
      browser.screenshot(WallScreenTest.SHOTS.resolve("console-district-escalated.png"));
      assertThat(district.unexpectedConsoleErrors()).isEmpty();

      // 许东镇's officer acknowledges theirs; 石桥镇's is acknowledged by the district itself
      String town = new Api(server).signIn("xudong-duty", "xudong-duty-demo-pass");
      assertThat(ConsoleTest.act(server, town, up.get("id"), "ack", "镇里已派人").statusCode()).isEqualTo(200);
      String admin = new Api(server).signIn("duty", "duty-demo-pass");
      assertThat(ConsoleTest.act(server, admin, row(district, "hekou").get("id"), "ack", "区里已接手").statusCode()).isEqualTo(200);
      assertThat(Chromium.await(Duration.ofSeconds(15), () -> district.sound("sounding").intValue() == 0))
          .as("acknowledged at either level, it stops sounding").isTrue();
      int reminders = district.sound("reminders").intValue();
      ScreenPage.settle(3000);
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(district.sound("reminders").intValue()).isEqualTo(reminders));

      ConsolePage xudong = signedIn(server, "xudong-duty", "xudong-duty-demo-pass", "");
      browser.consoleErrors();
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(xudong.text("#title")).isEqualTo("许东镇 值班台"));
      assertThat(xudong.awaitRows(1)).as("许东镇's own alert only").isTrue();
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(xudong.rows()).extracting(r -> r.get("area")).containsExactly("jinpen"));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(xudong.rows().get(0).get("text")).contains("已升级").doesNotContain("上报").doesNotContain("石桥镇"));
      await().atMost(Chromium.WAIT).untilAsserted(() -> assertThat(xudong.rows().get(0)).containsEntry("up", "no"));
      List<String> villages = (List<String>) browser.js("return [...document.querySelectorAll('#f-area option')].map(o => o.value);");
      assertThat(villages).as("the village filter lists 许东镇's subtree").contains("jinpen").doesNotContain("hekou", "shiqiao");
      ScreenPage.settle(300);
      browser.screenshot(WallScreenTest.SHOTS.resolve("console-town-own.png"));
      assertThat(xudong.unexpectedConsoleErrors()).isEmpty();
    }
  }
}
