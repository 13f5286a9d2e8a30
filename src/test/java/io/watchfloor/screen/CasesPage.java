package io.watchfloor.screen;

import org.openqa.selenium.WebElement;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's case tab as a test drives it: real clicks and keys, the DOM's data attributes to read. */
final class CasesPage {
  /** What the browser logs, as errors, for answers the case tab expects and shows (a 409, a 422). */
  static final Pattern HANDLED = Pattern.compile(".*/api/v1/(session|alerts/[0-9a-f-]+/(ack|resolve)|cases(/[0-9a-f-]+/[a-z]+)?) - "
      + "Failed to load resource: the server responded with a status of (401|409|422).*");

  final ConsolePage console;
  final Chromium browser;

  CasesPage(ConsolePage console) {
    this.console = console;
    this.browser = console.browser;
  }

  /** The queue's rows, top to bottom, each with its data attributes and text. */
  @SuppressWarnings("unchecked")
  List<Map<String, String>> rows() {
    return (List<Map<String, String>>) browser.js("return [...document.querySelectorAll('#case-body tr')]"
        + ".map(r => Object.assign({ text: r.innerText }, r.dataset));");
  }

  Map<String, String> row(String id) {
    return rows().stream().filter(r -> id.equals(r.get("id"))).findFirst().orElse(null);
  }

  /** The detail's case id, state and version, or null while none is shown. */
  @SuppressWarnings("unchecked")
  Map<String, String> shown() {
    return (Map<String, String>) browser.js("const b = document.querySelector('#case-detail [data-body]');"
        + "return b.hidden ? null : Object.assign({}, b.dataset);");
  }

  boolean awaitShown(String id, String state) {
    return Chromium.await(Duration.ofSeconds(30), () -> {
      Map<String, String> d = shown();
      return d != null && id.equals(d.get("id")) && state.equals(d.get("state"));
    });
  }

  String field(String name) {
    return console.text("#case-detail dd[data-field='" + name + "']");
  }

  @SuppressWarnings("unchecked")
  List<String> trail() {
    return (List<String>) browser.js("return [...document.querySelectorAll('#case-detail table.case-trail tbody tr')].map(r => r.dataset.action);");
  }

  @SuppressWarnings("unchecked")
  List<String> buttons() {
    return (List<String>) browser.js("return [...document.querySelectorAll('#case-detail .case-actions button')].map(b => b.dataset.act);");
  }

  void filter(String name, String value) {
    browser.js("const s = document.getElementById('cf-' + arguments[0]); s.value = arguments[1];"
        + "s.dispatchEvent(new Event('change'));", name, value);
  }

  void tick(String name, boolean on) {
    browser.js("const s = document.getElementById('cf-' + arguments[0]); s.checked = arguments[1];"
        + "s.dispatchEvent(new Event('change'));", name, on);
  }

  boolean dialogOpen() {
    return Boolean.TRUE.equals(browser.js("return document.getElementById('case-act').open;"));
  }

  /** Clicks the detail's button for `action`; the dialog opens. */
  void act(String action) {
    console.click("#case-detail button[data-act='" + action + "']");
    assertThat(Chromium.await(Duration.ofSeconds(15), this::dialogOpen)).as("the %s dialog opens", action).isTrue();
  }

  void note(String text) {
    WebElement box = console.find("#case-act-note");
    box.clear();
    box.sendKeys(text);
  }

  void type(String css, String text) {
    WebElement input = console.find(css);
    input.clear();
    input.sendKeys(text);
  }

  /** Picks the option of this value in the select, with a click on it as a person does. */
  public void choose(String css, String value) {
    console.find(css + " option[value='" + value + "']").click();
    assertThat(value(css)).isEqualTo(value);
  }

  /** The dispatch dialog's units, each as its group's label (none: empty), value and text: "group|id=name". */
  @SuppressWarnings("unchecked")
  public List<String> unitOptions() {
    return (List<String>) browser.js("const s = document.querySelector('select#case-act-unit:enabled');"
        + "return s ? [...s.options].filter(o => o.value).map(o => (o.parentElement.tagName === 'OPTGROUP'"
        + " ? o.parentElement.label : '') + '|' + o.value + '=' + o.text) : [];");
  }

  void confirm() {
    console.click("#case-act-confirm");
  }

  /** Confirms and waits for the dialog to close, as it does when the server took the action. */
  void confirmed() {
    confirm();
    assertThat(Chromium.await(Duration.ofSeconds(20), () -> !dialogOpen()))
        .as("the dialog closes; it says %s", console.text("#case-act-error")).isTrue();
  }

  String error() {
    return console.text("#case-act-error");
  }

  String value(String css) {
    return (String) browser.js("return document.querySelector(arguments[0]).value;", css);
  }

  /** What the page holds, for a failure's message: whether it reads the list by itself, each case's version and state. */
  String held() {
    return String.valueOf(browser.js("const c = window.watchfloorConsole.cases; return JSON.stringify({ polling: c.polling(),"
        + " cases: c.cases().map(x => x.id.slice(0, 8) + '@' + x.version + ' ' + x.state), shown: c.selected() });"));
  }

  List<String> unexpectedConsoleErrors() {
    return browser.consoleErrors().stream().filter(e -> !HANDLED.matcher(e).matches()).toList();
  }
}
