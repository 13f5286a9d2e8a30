package io.watchfloor.screen;

import io.vertx.core.json.JsonObject;
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
 * buttons say which alert they act on, in Chinese and in English.
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
    assertThat(Chromium.await(Duration.ofSeconds(30), () -> page.rows().size() == 3)).as("three alerts in the queue").isTrue();
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
