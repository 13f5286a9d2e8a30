package io.watchfloor.admin;

import io.watchfloor.screen.Chromium;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The /admin page as a test drives it: real clicks and keys, the DOM to read. */
final class AdminPage {
  static final Duration WAIT = Duration.ofSeconds(20);
  /** A password's hash takes its time, more so on a busy build machine. */
  static final Duration SIGN_IN_WAIT = Duration.ofSeconds(45);

  final Chromium browser;
  final String base;

  AdminPage(Chromium browser, String base) {
    this.browser = browser;
    this.base = base;
  }

  void open(String query) {
    browser.driver.get(base + "/admin" + query);
  }

  WebElement find(String css) {
    return browser.driver.findElement(By.cssSelector(css));
  }

  void click(String css) {
    WebElement element = find(css);
    browser.js("arguments[0].scrollIntoView({block: 'center'});", element);
    element.click();
  }

  void type(String css, String text) {
    WebElement input = find(css);
    input.clear();
    input.sendKeys(text);
  }

  boolean visible(String css) {
    return Boolean.TRUE.equals(browser.js("const e = document.querySelector(arguments[0]);"
        + " return !!e && !e.hidden && !e.closest('[hidden]') && (e.tagName !== 'DIALOG' || e.open);", css));
  }

  String text(String css) {
    return (String) browser.js("const e = document.querySelector(arguments[0]); return e ? e.innerText : null;", css);
  }

  void signIn(String username, String password) {
    assertThat(Chromium.await(WAIT, () -> visible("#login"))).as("the sign-in form shows").isTrue();
    type("#login-user", username);
    type("#login-password", password);
    click("#login-submit");
    assertThat(Chromium.await(SIGN_IN_WAIT, () -> "true".equals(browser.js("return document.body.dataset.ready"))))
        .as("signed in: error %s, loading %s, ready %s, console %s", text("#login-error"), text("#loading"),
            browser.js("return document.body.dataset.ready"), browser.consoleErrors()).isTrue();
  }

  /** The duty console's sign-in form: the same ids as this page's. */
  void signInConsole(String username, String password) {
    assertThat(Chromium.await(WAIT, () -> visible("#login"))).as("the console's sign-in form shows").isTrue();
    type("#login-user", username);
    type("#login-password", password);
    click("#login-submit");
    assertThat(Chromium.await(WAIT, () -> visible("#app"))).as("signed in: %s", text("#login-error")).isTrue();
  }

  void tab(String name) {
    click(".tab[data-view='" + name + "']");
    assertThat(Chromium.await(WAIT, () -> visible("#view-" + name))).isTrue();
  }

  /** The rows of a tab's table, each with its data attributes and text. */
  @SuppressWarnings("unchecked")
  List<Map<String, String>> rows(String listId) {
    return (List<Map<String, String>>) browser.js("return [...document.querySelectorAll('#' + arguments[0] + ' tbody tr')]"
        + ".map(r => Object.assign({ text: r.innerText }, r.dataset));", listId);
  }

  Map<String, String> row(String listId, String attribute, String value) {
    return rows(listId).stream().filter(r -> value.equals(r.get(attribute))).findFirst().orElse(null);
  }
}
