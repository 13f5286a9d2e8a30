package io.watchfloor.screen;

import io.vertx.core.json.JsonObject;
import io.watchfloor.Api;
import io.watchfloor.BrowserTest;
import io.watchfloor.MutableClock;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What AccessibilityTest leaves out of the console and /admin (issue 28): every tab in Chinese and in English,
 * with each of their dialogs open, and forms refused with their errors shown. Cases stand in every state a
 * dialog needs: a new one, one its unit has accepted, one reported back with a photo.
 */
@BrowserTest
class AccessibilityDialogsTest {
  private static final String[] LANGS = {"", "en"};
  private static TestServer server;
  private static Chromium browser;
  private static String fresh;
  private static String reported;
  private static String handling;

  @BeforeAll
  static void start() {
    server = ConsoleTest.server(MutableClock.onDuty(), new JsonObject());
    ConsoleTest.threeAlerts(server);
    String duty = new Api(server).signIn("duty", "duty-demo-pass");
    fresh = ConsoleCasesTest.open(server, duty, "高速出口检测点测温设备故障", "checkpoint", "urgent", "cp-highway-exit", "值守人员电话报告设备黑屏");
    handling = ConsoleCasesTest.open(server, duty, "高速出口测温通道拥堵", "checkpoint", "urgent", "cp-highway-exit", "请现场疏导");
    ConsoleCasesTest.step(server, duty, handling, "dispatch", new JsonObject().put("unit", "demo-checkpoints"));
    assertThat(ConsoleCasesTest.task(server, TestTown.CHECKPOINTS, handling, "accept", new JsonObject()).statusCode()).isEqualTo(200);
    reported = ConsoleCasesTest.open(server, duty, "金盆村垃圾站满溢", "sanitation", "normal", "sn-jinpen", "群众来电反映垃圾站两天未清运");
    ConsoleCasesTest.step(server, duty, reported, "dispatch", new JsonObject().put("unit", "demo-sanitation"));
    assertThat(ConsoleCasesTest.task(server, TestTown.SANITATION, reported, "accept", new JsonObject()).statusCode()).isEqualTo(200);
    assertThat(ConsoleCasesTest.reportBack(server, TestTown.SANITATION, reported, "已清运",
        ConsoleCasesTest.photo(new Color(120, 110, 90), new Color(40, 140, 70))).statusCode()).isEqualTo(200);
    browser = Chromium.launch(1920, 1080, 1, WallScreenTest.OFFLINE);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private static String base() {
    return ScreenPage.origin(server.port);
  }

  private static void check(String what, List<String> found) {
    Axe.collect(browser, what, found);
  }

  private static void shot(String name) {
    browser.screenshot(Path.of("target", "screenshots", "a11y-" + name + ".png"));
  }

  private static boolean open(String dialog) {
    return Chromium.await(Chromium.WAIT, () -> Boolean.TRUE.equals(browser.js("return document.getElementById(arguments[0]).open;", dialog)));
  }

  private static void closed(String dialog) {
    browser.js("document.getElementById(arguments[0]).close();", dialog);
  }

  private static String query(String lang) {
    return lang.isEmpty() ? "" : "?lang=" + lang;
  }

  private static String name(String lang) {
    return lang.isEmpty() ? "zh" : lang;
  }

  @Test
  void everyConsoleTabWithEachDialogOpenPassesInBothLanguages() {
    List<String> found = new ArrayList<>();
    ConsolePage page = new ConsolePage(browser, base());
    CasesPage cases = new CasesPage(page);
    browser.driver.manage().deleteAllCookies();
    page.open("");
    page.signIn("duty", "duty-demo-pass");
    for (String lang : LANGS) {
      String l = name(lang);
      page.open(query(lang) + "#queue");
      page.awaitLive();
      assertThat(Chromium.await(Duration.ofSeconds(30), () -> page.rows().size() >= 3)).as("alerts in the queue").isTrue();
      String alert = page.rows().get(0).get("id");
      page.clickRow(alert, "resolve");
      assertThat(open("act")).isTrue();
      check("console " + l + ", resolve dialog", found);
      page.click("#act-cancel");

      page.click(".tab[data-view='cases']");
      assertThat(Chromium.await(Duration.ofSeconds(30), () -> cases.row(fresh) != null && cases.row(reported) != null))
          .as("the cases in the queue: %s", cases.held()).isTrue();
      Set<String> seen = new HashSet<>();
      for (String[] c : new String[][] {{fresh, "new"}, {handling, "handling"}, {reported, "reported"}}) {
        page.click("#case-body tr[data-id='" + c[0] + "'] button.row-open");
        assertThat(cases.awaitShown(c[0], c[1])).isTrue();
        check("console " + l + ", a case's detail, " + c[1], found);
        if (c[1].equals("new")) {
          shot("console-cases-" + l);
        }
        for (String action : cases.buttons()) {
          if (seen.add(action)) {
            cases.act(action);
            if (action.equals("dispatch")) {
              assertThat(Chromium.await(Chromium.WAIT, () -> !cases.unitOptions().isEmpty())).as("the units offered").isTrue();
            }
            check("console " + l + ", case dialog " + action, found);
            page.click("#case-act-cancel");
          }
        }
        if (c[1].equals("new")) {
          cases.act("cancel");
          cases.confirm(); // without the note it needs: the dialog's error shows
          assertThat(Chromium.await(Chromium.WAIT, () -> cases.error() != null && !cases.error().isEmpty())).isTrue();
          check("console " + l + ", case dialog with its error", found);
          page.click("#case-act-cancel");
        }
      }
      page.click("#case-detail a.thumb");
      assertThat(open("case-photo")).isTrue();
      check("console " + l + ", a photo", found);
      closed("case-photo");

      page.click("#case-new");
      assertThat(open("case-form")).isTrue();
      check("console " + l + ", new case form", found);
      page.click("#case-form-submit"); // empty: its errors show
      check("console " + l + ", new case form refused", found);
      page.click("#case-form-cancel");

      page.click(".tab[data-view='compliance']");
      assertThat(Chromium.await(Duration.ofSeconds(30), () -> page.text("#cmp-body tr") != null)).as("the sites due").isTrue();
      check("console " + l + ", compliance", found);
      shot("console-compliance-" + l);
      page.click(".tab[data-view='handover']");
      assertThat(Chromium.await(Duration.ofSeconds(30), () -> page.text("#handover [data-section='open']") != null)).isTrue();
      check("console " + l + ", handover", found);
    }
    assertThat(found).as(String.join("\n", found)).isEmpty();
  }

  @Test
  void everyAdminTabAndItsDialogsPassInBothLanguages() {
    List<String> found = new ArrayList<>();
    ConsolePage page = new ConsolePage(browser, base());
    browser.driver.manage().deleteAllCookies();
    browser.driver.get(base() + "/admin");
    page.signIn("admin", "admin-demo-pass");
    assertThat(Chromium.await(Duration.ofSeconds(30), () -> "true".equals(browser.js("return document.body.dataset.ready")))).isTrue();
    for (String lang : LANGS) {
      String l = name(lang);
      browser.driver.get(base() + "/admin" + query(lang));
      assertThat(Chromium.await(Duration.ofSeconds(30), () -> "true".equals(browser.js("return document.body.dataset.ready"))))
          .as("signed in to /admin").isTrue();
      for (String tab : List.of("units", "operators", "keys", "rules", "time", "notify", "audit")) {
        page.click(".tab[data-view='" + tab + "']");
        assertThat(Chromium.await(Chromium.WAIT, () -> page.visible("view-" + tab))).as("tab %s", tab).isTrue();
        if (tab.equals("audit")) {
          page.click("#audit-load");
        }
        if (lang.equals("en")) { // the Chinese tabs, without dialogs, are AccessibilityTest's
          check("admin " + l + ", " + tab, found);
          shot("admin-" + tab + "-en");
        }
      }
      page.click(".tab[data-view='units']");
      page.click("#unit-create"); // empty: the form's error shows
      check("admin " + l + ", unit form refused", found);
      assertThat(Chromium.await(Chromium.WAIT, () -> page.text("#units-list .actions button") != null)).isTrue();
      page.click("#units-list .actions button"); // 更换令牌: asks for the grace period
      assertThat(open("ask")).isTrue();
      check("admin " + l + ", ask dialog", found);
      page.click("#ask-cancel");

      page.click(".tab[data-view='rules']");
      assertThat(Chromium.await(Chromium.WAIT, () -> page.text("#rules-list .actions button") != null)).isTrue();
      page.click("#rules-list .actions button");
      assertThat(Chromium.await(Chromium.WAIT, () -> page.visible("rule-form"))).isTrue();
      check("admin " + l + ", rule form", found);
      page.click("#rule-cancel");

      page.click(".tab[data-view='keys']");
      page.find("#key-label").sendKeys("a11y " + l);
      page.click("#key-create");
      assertThat(open("secret")).as("the key shown once").isTrue();
      check("admin " + l + ", the key shown once", found);
      shot("admin-secret-" + l);
      page.click("#secret-done");
    }
    assertThat(found).as(String.join("\n", found)).isEmpty();
  }
}
