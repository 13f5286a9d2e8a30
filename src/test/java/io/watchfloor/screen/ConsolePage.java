package io.watchfloor.screen;

import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The duty console as a test drives it: real clicks and keys (audio needs a user gesture), the DOM to read. */
final class ConsolePage {
  /** What the browser logs, as errors, for answers the console expects and handles. */
  static final Pattern HANDLED = Pattern.compile(".*/api/v1/(session|alerts/[0-9a-f-]+/(ack|resolve)) - Failed to load "
      + "resource: the server responded with a status of (401|409).*");

  final Chromium browser;
  final String base;

  ConsolePage(Chromium browser, String base) {
    this.browser = browser;
    this.base = base;
  }

  void open(String query) {
    browser.driver.get(base + "/console" + query);
  }

  WebElement find(String css) {
    return browser.driver.findElement(By.cssSelector(css));
  }

  /** A live page may redraw the element between finding and clicking it; then it is found again, once. */
  void click(String css) {
    try {
      find(css).click();
    } catch (StaleElementReferenceException e) {
      find(css).click();
    }
  }

  boolean visible(String id) {
    return Boolean.TRUE.equals(browser.js("const e = document.getElementById(arguments[0]); return !!e && !e.hidden && !e.closest('[hidden]');", id));
  }

  String text(String css) {
    return (String) browser.js("const e = document.querySelector(arguments[0]); return e ? e.innerText : null;", css);
  }

  void signIn(String username, String password) {
    assertThat(Chromium.await(Duration.ofSeconds(30), () -> visible("login"))).as("the sign-in form shows").isTrue();
    WebElement user = find("#login-user");
    user.clear();
    user.sendKeys(username);
    WebElement secret = find("#login-password");
    secret.clear();
    secret.sendKeys(password);
    click("#login-submit");
  }

  /** Signed in, the queue on screen and the live socket up. */
  void awaitLive() {
    assertThat(Chromium.await(Duration.ofSeconds(20), () -> visible("app") && "live".equals(badge())))
        .as("the console goes live; badge %s, login error %s", badge(), text("#login-error")).isTrue();
  }

  String badge() {
    return (String) browser.js("return document.getElementById('badge').dataset.state || 'connecting';");
  }

  /** The queue's rows, top to bottom, each with its data attributes and text. */
  @SuppressWarnings("unchecked")
  List<Map<String, String>> rows() {
    return (List<Map<String, String>>) browser.js("return [...document.querySelectorAll('#queue-body tr')]"
        + ".map(r => Object.assign({ text: r.innerText }, r.dataset));");
  }

  boolean awaitRows(int count) {
    return Chromium.await(Duration.ofSeconds(30), () -> rows().size() == count);
  }

  void filter(String name, String value) {
    browser.js("const s = document.getElementById('f-' + arguments[0]); s.value = arguments[1];"
        + "s.dispatchEvent(new Event('change'));", name, value);
  }

  /** Clicks the row's own button for ack or resolve, or the row itself when action is null. */
  void clickRow(String alertId, String action) {
    click("#queue-body tr[data-id='" + alertId + "']" + (action == null ? " td.where" : " button[data-act='" + action + "']"));
  }

  /** The value shown in the detail for one field (acknowledged, resolved, where, …). */
  String field(String name) {
    return text("#detail dd[data-field='" + name + "']");
  }

  String detailState() {
    return (String) browser.js("const b = document.querySelector('#detail [data-body]'); return b.hidden ? null : b.dataset.state;");
  }

  @SuppressWarnings("unchecked")
  List<String> historyActions() {
    return (List<String>) browser.js("return [...document.querySelectorAll('#detail table.history tbody tr')].map(r => r.dataset.action);");
  }

  /** Writes the note in the open dialog and confirms. */
  void confirm(String note) {
    assertThat(Chromium.await(Duration.ofSeconds(15), () -> (Boolean) browser.js("return document.getElementById('act').open;")))
        .as("the dialog opens").isTrue();
    WebElement box = find("#act-note");
    box.clear();
    if (!note.isEmpty()) {
      box.sendKeys(note);
    }
    click("#act-confirm");
  }

  boolean dialogOpen() {
    return (Boolean) browser.js("return document.getElementById('act').open;");
  }

  Number sound(String path) {
    return (Number) browser.js("return arguments[0].split('.').reduce((o, k) => o[k], window.watchfloorConsole.sound);", path);
  }

  /** Console errors other than the ones for answers the console expects (a wrong password, a 409). */
  List<String> unexpectedConsoleErrors() {
    return browser.consoleErrors().stream().filter(e -> !HANDLED.matcher(e).matches()).toList();
  }

  @SuppressWarnings("unchecked")
  List<String> foreignRequests() {
    return (List<String>) browser.js("return performance.getEntriesByType('resource').concat(performance.getEntriesByType('navigation'))"
        + ".map(e => e.name).filter(n => !n.startsWith(location.origin + '/'));");
  }
}
