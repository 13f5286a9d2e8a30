package io.watchfloor.screen;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.watchfloor.Api;
import io.watchfloor.BrowserTest;
import io.watchfloor.MutableClock;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The field page on a phone under axe-core's WCAG 2.1 A and AA rules (issue 28), in Chinese and in English,
 * beyond AccessibilityTest's first form: an urging shown above a wrong figure, the task tab with a task
 * dispatched to the checkpoint unit and one it has accepted, each of their forms (签收, 申请延期, 回退, 反馈)
 * open, and the 上报事件 form refused.
 */
@BrowserTest
class FieldAccessibilityTest {
  private static final String[] LANGS = {"", "en"};
  private static TestServer server;
  private static Chromium browser;
  private static String task;
  private static String handling;

  @BeforeAll
  static void start() {
    server = ConsoleTest.server(MutableClock.onDuty(), new JsonObject());
    String duty = new Api(server).signIn("duty", "duty-demo-pass");
    task = ConsoleCasesTest.open(server, duty, "高速出口卡口排队较长", "checkpoint", "normal", "cp-highway-exit", "请卡口值守组增派人手");
    ConsoleCasesTest.step(server, duty, task, "dispatch", new JsonObject().put("unit", "demo-checkpoints"));
    handling = ConsoleCasesTest.open(server, duty, "高速出口测温通道拥堵", "checkpoint", "urgent", "cp-highway-exit", "请现场疏导");
    ConsoleCasesTest.step(server, duty, handling, "dispatch", new JsonObject().put("unit", "demo-checkpoints"));
    assertThat(ConsoleCasesTest.task(server, TestTown.CHECKPOINTS, handling, "accept", new JsonObject()).statusCode()).isEqualTo(200);
    assertThat(ConsoleCasesTest.officer(server, duty, "/api/v1/compliance/urge", new JsonObject()
        .put("sites", new JsonArray().add("cp-highway-exit")).put("note", "请尽快报送")).statusCode()).isEqualTo(200);
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

  private static String query(String lang) {
    return lang.isEmpty() ? "" : "?lang=" + lang;
  }

  private static String name(String lang) {
    return lang.isEmpty() ? "zh" : lang;
  }

  @Test
  void theFieldPagesTaskTabFormsAndUrgingPassInBothLanguages() {
    List<String> found = new ArrayList<>();
    browser.viewport(412, 915, 2.625, true);
    try {
      for (String lang : LANGS) {
        String l = name(lang);
        browser.driver.get(base() + "/report" + query(lang) + "#token=" + TestTown.CHECKPOINTS);
        assertThat(Chromium.await(Chromium.WAIT, () -> Boolean.TRUE.equals(browser.js(
            "return document.body.dataset.ready === 'true' && !document.getElementById('entry').hidden;")))).as("signed in").isTrue();
        assertThat(Chromium.await(Duration.ofSeconds(20), () -> Boolean.TRUE.equals(browser.js(
            "return !document.getElementById('urge-banner').hidden;")))).as("the urging shows").isTrue();
        browser.driver.findElement(By.id("tab-report")).click();
        assertThat(Chromium.await(Chromium.WAIT, () -> browser.driver.findElement(By.id("m-vehicles_checked")).isDisplayed()))
            .as("the checkpoint's form: %s", browser.js("return document.getElementById('site').value")).isTrue();
        browser.driver.findElement(By.id("m-vehicles_checked")).sendKeys("12x");
        check("field " + l + ", an urging and a wrong figure", found);
        shot("field-urge-" + l);

        browser.driver.findElement(By.id("tab-tasks")).click();
        for (String id : List.of(task, handling)) {
          By row = By.cssSelector("#task-list .task[data-id='" + id + "'] button");
          assertThat(Chromium.await(Duration.ofSeconds(20), () -> !browser.driver.findElements(row).isEmpty())).as("the task").isTrue();
          check("field " + l + ", task list", found);
          browser.driver.findElement(row).click();
          assertThat(Chromium.await(Chromium.WAIT, () -> !browser.driver.findElements(By.cssSelector("#task-actions button")).isEmpty()))
              .isTrue();
          check("field " + l + ", task detail", found);
          for (WebElementAction action : WebElementAction.of(browser)) {
            action.click();
            assertThat(Chromium.await(Chromium.WAIT, () -> Boolean.TRUE.equals(browser.js("return !document.getElementById('act-form').hidden;"))))
                .isTrue();
            check("field " + l + ", task form " + action.name, found);
            if (action.name.equals("report")) {
              shot("field-task-report-" + l);
            }
            browser.driver.findElement(By.id("act-cancel")).click();
          }
          if (id.equals(task)) {
            shot("field-task-" + l);
          }
          browser.driver.findElement(By.id("task-back")).click();
        }
        browser.driver.findElement(By.id("event-new")).click();
        assertThat(Chromium.await(Chromium.WAIT, () -> Boolean.TRUE.equals(browser.js("return !document.getElementById('event-form').hidden;"))))
            .isTrue();
        browser.driver.findElement(By.id("event-submit")).click(); // empty: its errors show
        check("field " + l + ", event form refused", found);
        shot("field-event-" + l);
        browser.driver.findElement(By.id("event-cancel")).click();
      }
    } finally {
      browser.viewport(1920, 1080, 1);
    }
    assertThat(found).as(String.join("\n", found)).isEmpty();
  }

  /** The task's action buttons on the field page, found afresh before each click (the detail redraws). */
  private record WebElementAction(Chromium browser, int index, String name) {
    static List<WebElementAction> of(Chromium browser) {
      @SuppressWarnings("unchecked")
      List<String> names = (List<String>) browser.js("return [...document.querySelectorAll('#task-actions button')].map(b => b.dataset.action);");
      List<WebElementAction> all = new ArrayList<>();
      for (int i = 0; i < names.size(); i++) {
        all.add(new WebElementAction(browser, i, names.get(i)));
      }
      return all;
    }

    void click() {
      browser.driver.findElements(By.cssSelector("#task-actions button")).get(index).click();
    }
  }
}
