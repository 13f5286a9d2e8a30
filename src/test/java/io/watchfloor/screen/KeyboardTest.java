package io.watchfloor.screen;

import io.vertx.core.json.JsonObject;
import io.watchfloor.Api;
import io.watchfloor.BrowserTest;
import io.watchfloor.MutableClock;
import io.watchfloor.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The duty console with the keyboard alone and a screen reader's ears (issue 28): Tab reaches a row and Enter
 * opens its detail; after 签收 the focus stays on that row (its 处置) instead of falling to the page; every row's
 * buttons say which alert they act on, in Chinese and in English. On the case tab the keyboard alone signs in,
 * opens a case and dispatches it, and the focus stays in the case's detail.
 */
@BrowserTest
class KeyboardTest {
  private static TestServer server;
  private static Chromium browser;

  @BeforeAll
  static void start() {
    server = ConsoleTest.server(MutableClock.onDuty(), new JsonObject());
    ConsoleTest.threeAlerts(server);
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

  private static ConsolePage signedIn(String query) {
    ConsolePage page = new ConsolePage(browser, ScreenPage.origin(server.port));
    browser.driver.manage().deleteAllCookies();
    page.open(query);
    page.signIn("duty", "duty-demo-pass");
    page.awaitLive();
    assertThat(Chromium.await(Duration.ofSeconds(30), () -> page.rows().size() >= 2)).as("the alerts in the queue (one of the three may be resolved by another test)").isTrue();
    return page;
  }

  private static void press(CharSequence key) {
    new Actions(browser.driver).sendKeys(key).perform();
  }

  /** What has the focus, as a selector-like description: tag, class, the row's alert, the action. */
  @SuppressWarnings("unchecked")
  private static Map<String, String> focused() {
    return (Map<String, String>) browser.js("const e = document.activeElement; const tr = e && e.closest('tr[data-id]');"
        + "return {tag: e ? e.tagName.toLowerCase() : 'none', cls: e && e.className || '', row: tr ? tr.dataset.id : '',"
        + " act: e && e.dataset && e.dataset.act || '', name: e && e.getAttribute('aria-label') || ''};");
  }

  @Test
  void tabReachesARowEnterOpensItsDetailAndAfterAcknowledgingTheFocusStaysOnTheRow() {
    ConsolePage page = signedIn("");
    browser.js("document.activeElement.blur();");
    int tabs = 0;
    while (!"row-open".equals(focused().get("cls")) && tabs++ < 40) {
      press(Keys.TAB);
    }
    assertThat(focused().get("cls")).as("Tab reaches the queue's first row after %s presses", tabs).isEqualTo("row-open");
    String id = focused().get("row");
    assertThat(id).isEqualTo(page.rows().get(0).get("id"));
    press(Keys.ENTER);
    assertThat(Chromium.await(Chromium.WAIT, () -> id.equals(browser.js("return document.querySelector('#detail [data-body]').dataset.id;"))
        && page.text("#detail table.reports") != null)).as("Enter opens the row's detail: its trail and the site's reports").isTrue();
    assertThat(page.historyActions()).containsExactly("fired");

    press(Keys.TAB);
    assertThat(focused()).as("the row's own 签收 is next").containsEntry("row", id).containsEntry("act", "ack");
    press(Keys.ENTER);
    assertThat(Chromium.await(Chromium.WAIT, page::dialogOpen)).isTrue();
    browser.driver.switchTo().activeElement().sendKeys("已电话联系");
    press(Keys.TAB);
    press(Keys.TAB);
    assertThat(focused()).containsEntry("tag", "button").containsEntry("cls", "primary");
    press(Keys.ENTER);
    assertThat(Chromium.await(Chromium.WAIT, () -> page.rows().stream().anyMatch(r -> id.equals(r.get("id")) && "acknowledged".equals(r.get("state")))))
        .as("acknowledged").isTrue();
    assertThat(Chromium.await(Chromium.WAIT, () -> "resolve".equals(focused().get("act")) && id.equals(focused().get("row"))))
        .as("the focus lands on the same row's 处置, not on the page: %s", focused()).isTrue();
    assertThat(focused().get("name")).startsWith("处置：");

    press(Keys.ENTER); // 处置, from where the focus landed
    assertThat(Chromium.await(Chromium.WAIT, page::dialogOpen)).isTrue();
    browser.driver.switchTo().activeElement().sendKeys("已处置完毕");
    press(Keys.TAB);
    press(Keys.TAB);
    press(Keys.ENTER);
    assertThat(Chromium.await(Chromium.WAIT, () -> page.rows().stream().noneMatch(r -> id.equals(r.get("id")))))
        .as("resolved, it leaves the queue").isTrue();
    assertThat(Chromium.await(Chromium.WAIT, () -> !"body".equals(focused().get("tag")) && !id.equals(focused().get("row"))))
        .as("the focus goes on in the queue, not to the page: %s", focused()).isTrue();
  }

  /** Presses Tab until the focus is on an element matching `css`, at most `most` times; true if it got there. */
  private static boolean tabTo(String css, int most) {
    for (int i = 0; i < most; i++) {
      if (Boolean.TRUE.equals(browser.js("return !!document.activeElement && document.activeElement.matches(arguments[0]);", css))) {
        return true;
      }
      press(Keys.TAB);
    }
    return Boolean.TRUE.equals(browser.js("return !!document.activeElement && document.activeElement.matches(arguments[0]);", css));
  }

  @Test
  void onTheCaseTabTheKeyboardAloneSignsInOpensACaseAndDispatchesIt() {
    String duty = new Api(server).signIn("duty", "duty-demo-pass");
    String id = ConsoleCasesTest.open(server, duty, "高速出口检测点测温设备故障", "checkpoint", "urgent", "cp-highway-exit", "值守人员电话报告设备黑屏");
    ConsolePage page = new ConsolePage(browser, ScreenPage.origin(server.port));
    CasesPage cases = new CasesPage(page);
    browser.driver.manage().deleteAllCookies();
    page.open("");
    assertThat(Chromium.await(Duration.ofSeconds(30), () -> page.visible("login"))).isTrue();
    assertThat(tabTo("#login-user", 5)).as("the sign-in form takes the focus").isTrue();
    press("duty");
    press(Keys.TAB);
    press("duty-demo-pass");
    press(Keys.ENTER);
    page.awaitLive();

    assertThat(tabTo("a.tab[data-view='cases']", 10)).as("Tab reaches the case tab: %s", focused()).isTrue();
    press(Keys.ENTER);
    assertThat(Chromium.await(Chromium.WAIT, () -> page.visible("view-cases"))).isTrue();
    assertThat(Chromium.await(Duration.ofSeconds(20), () -> cases.row(id) != null)).as("the case in the queue").isTrue();
    assertThat(tabTo("#case-body tr[data-id='" + id + "'] button.row-open", 40)).as("Tab reaches the case's row: %s", focused()).isTrue();
    press(Keys.ENTER);
    assertThat(cases.awaitShown(id, "new")).as("Enter opens the case").isTrue();

    assertThat(tabTo("#case-detail button[data-act='dispatch']", 40)).as("Tab reaches 派单: %s", focused()).isTrue();
    press(Keys.ENTER);
    assertThat(Chromium.await(Chromium.WAIT, cases::dialogOpen)).isTrue();
    assertThat(Chromium.await(Chromium.WAIT, () -> !cases.unitOptions().isEmpty()
        && "case-act-unit".equals(browser.js("return document.activeElement.id;")))).as("the units offered, the list focused").isTrue();
    for (int i = 0; i < 5 && !"demo-checkpoints".equals(cases.value("#case-act-unit")); i++) {
      press(Keys.ARROW_DOWN);
    }
    assertThat(cases.value("#case-act-unit")).as("the arrow keys pick the unit").isEqualTo("demo-checkpoints");
    assertThat(tabTo("#case-act-note", 5)).isTrue();
    press("请卡口值守组检查测温设备");
    assertThat(tabTo("#case-act-confirm", 5)).isTrue();
    press(Keys.ENTER);
    assertThat(Chromium.await(Duration.ofSeconds(20), () -> !cases.dialogOpen())).as("dispatched: %s", cases.error()).isTrue();
    assertThat(cases.awaitShown(id, "dispatched")).as("the detail shows it dispatched").isTrue();
    assertThat(Chromium.await(Chromium.WAIT, () -> cases.row(id) != null && "dispatched".equals(cases.row(id).get("state")))).isTrue();
    assertThat(Chromium.await(Chromium.WAIT, () -> Boolean.TRUE.equals(browser.js(
        "const e = document.activeElement; return !!e && e !== document.body && !!e.closest('#case-detail') && e.isConnected;"))))
        .as("the focus stays in the case's detail, not on the page: %s", focused()).isTrue();
    JsonObject stored = ConsoleCasesTest.read(server, duty, id);
    assertThat(stored.getString("state")).isEqualTo("dispatched");
    assertThat(stored.getString("unit")).isEqualTo("demo-checkpoints");
  }

  @Test
  void eachRowsButtonsNameTheirAlertInBothLanguages() {
    for (String[] lang : new String[][] {{"", "签收：", "处置："}, {"?lang=en", "Acknowledge: ", "Resolve: "}}) {
      ConsolePage page = signedIn(lang[0]);
      List<WebElement> rows = browser.driver.findElements(By.cssSelector("#queue-body tr"));
      List<String> names = rows.stream().flatMap(r -> r.findElements(By.cssSelector("button")).stream())
          .map(WebElement::getAccessibleName).toList();
      assertThat(names).as("every button of every row has a name of its own").doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(6);
      for (WebElement row : rows) {
        String where = row.findElement(By.cssSelector("td.where")).getText();
        String what = row.findElement(By.cssSelector("button.row-open")).getText();
        for (WebElement ack : row.findElements(By.cssSelector("button[data-act='ack']"))) { // gone once acknowledged
          assertThat(ack.getAccessibleName()).startsWith(lang[1]).contains(where).contains(what);
        }
        assertThat(row.findElement(By.cssSelector("button[data-act='resolve']")).getAccessibleName())
            .startsWith(lang[2]).contains(where).contains(what);
        assertThat(row.findElement(By.cssSelector("button.row-open")).getAccessibleName()).contains(where).contains(what);
      }
    }
  }
}
