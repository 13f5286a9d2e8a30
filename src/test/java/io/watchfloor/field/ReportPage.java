package io.watchfloor.field;

import io.watchfloor.screen.Chromium;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The field report page as a test drives it: through its form, as a person would, and its read-only hooks. */
public final class ReportPage {
  final Chromium browser;
  final String origin;

  ReportPage(Chromium browser, String origin) {
    this.browser = browser;
    this.origin = origin;
  }

  /** The page at {@code origin}, opened with {@code query} and signed in with {@code token}. */
  public static ReportPage signedIn(Chromium browser, String origin, String query, String token) {
    ReportPage page = new ReportPage(browser, origin);
    page.open(query);
    page.signInAs(token);
    return page;
  }

  static String origin(int port) {
    return "http://127.0.0.1:" + port;
  }

  void open(String query) {
    browser.driver.get(origin + "/report" + query);
    assertThat(Chromium.await(Duration.ofSeconds(30), () -> "true".equals(browser.js("return document.body.dataset.ready"))))
        .as("the page starts").isTrue();
  }

  /** Clicks as a person would: scrolled into the middle of the screen, clear of the sticky bar. */
  public void click(By by) {
    WebElement element = browser.driver.findElement(by);
    browser.js("arguments[0].scrollIntoView({block: 'center'});", element);
    element.click();
  }

  public void click(String id) {
    click(By.id(id));
  }

  boolean showsSignIn() {
    return browser.driver.findElement(By.id("signin")).isDisplayed();
  }

  boolean showsEntry() {
    return browser.driver.findElement(By.id("entry")).isDisplayed();
  }

  void signIn(String token) {
    WebElement input = browser.driver.findElement(By.id("token"));
    input.clear();
    input.sendKeys(token);
    click("signin-submit");
  }

  void signInAs(String token) {
    signIn(token);
    assertThat(Chromium.await(Duration.ofSeconds(30), this::showsEntry)).as("signed in: %s", text("signin-error")).isTrue();
  }

  public String text(String id) {
    return browser.driver.findElement(By.id(id)).getText();
  }

  /** One of the task tab's read-only hooks (waiting, sent, refused, tasks): its entries as maps. */
  @SuppressWarnings("unchecked")
  public List<Map<String, Object>> taskHook(String name) {
    return (List<Map<String, Object>>) browser.js("return window.watchfloorReport.tasks." + name + "();");
  }

  /** Every image that matches is drawn (loaded, not refused by the page's Content-Security-Policy). */
  public boolean imagesShow(String selector) {
    return Boolean.TRUE.equals(browser.js("const all = [...document.querySelectorAll(arguments[0])];"
        + " return all.length > 0 && all.every(i => i.complete && i.naturalWidth > 0);", selector));
  }

  @SuppressWarnings("unchecked")
  List<String> siteOptions() {
    return (List<String>) browser.js("return [...document.getElementById('site').options].map(o => o.value);");
  }

  @SuppressWarnings("unchecked")
  List<String> metricFields() {
    return (List<String>) browser.js("return [...document.querySelectorAll('#metrics .metric')].map(m => m.dataset.metric);");
  }

  void pickSite(String site) {
    browser.js("const s = document.getElementById('site'); s.value = arguments[0];"
        + "s.dispatchEvent(new Event('change', {bubbles: true}));", site);
    assertThat(browser.js("return document.getElementById('site').value")).isEqualTo(site);
  }

  /** Types the counts into the form, as on the phone's keypad. */
  void enter(Map<String, ?> values) {
    values.forEach((metric, value) -> {
      WebElement input = browser.driver.findElement(By.id("m-" + metric));
      input.clear();
      input.sendKeys(String.valueOf(value));
    });
  }

  /** Sets the report's time by hand, as the jurisdiction's wall clock: 2026-11-13T08:15. */
  void setTime(String wall) {
    browser.js("const t = document.getElementById('time'); t.value = arguments[0];"
        + "t.dispatchEvent(new Event('input', {bubbles: true}));", wall);
  }

  String fieldError(String metric) {
    return (String) browser.js("return document.querySelector('[data-metric=\"' + arguments[0] + '\"] .error').textContent;", metric);
  }

  boolean sendEnabled() {
    return browser.driver.findElement(By.id("send")).isEnabled();
  }

  /** Enters a report and sends it; returns the id the page made for it. */
  String send(String site, Map<String, ?> values) {
    pickSite(site);
    enter(values);
    Set<String> before = new HashSet<>(allIds());
    click("send");
    assertThat(Chromium.await(Duration.ofSeconds(15), () -> allIds().size() == before.size() + 1))
        .as("the report is kept on the device; form error: %s", text("form-error")).isTrue();
    List<String> after = new ArrayList<>(allIds());
    after.removeAll(before);
    return after.get(0);
  }

  /** How many reports wait, as the page shows it. */
  int waiting() {
    return Integer.parseInt((String) browser.js("return document.getElementById('waiting-count').dataset.count;"));
  }

  /** online | sending | offline | busy | refused, as the page shows it. */
  String net() {
    return (String) browser.js("return document.getElementById('net').dataset.net;");
  }

  @SuppressWarnings("unchecked")
  List<String> waitingIds() {
    return (List<String>) browser.js("return window.watchfloorReport.waiting();");
  }

  @SuppressWarnings("unchecked")
  List<Map<String, Object>> sent() {
    return (List<Map<String, Object>>) browser.js("return window.watchfloorReport.sent();");
  }

  @SuppressWarnings("unchecked")
  List<Map<String, Object>> rejected() {
    return (List<Map<String, Object>>) browser.js("return window.watchfloorReport.rejected();");
  }

  List<String> sentIds() {
    return sent().stream().map(s -> (String) s.get("id")).toList();
  }

  List<String> allIds() {
    List<String> ids = new ArrayList<>(waitingIds());
    ids.addAll(sentIds());
    rejected().forEach(r -> ids.add((String) r.get("id")));
    return ids;
  }

  /**
   * True when the page has nothing waiting and no attempt scheduled: from then on nothing is sent
   * until something new happens (a report, the network coming back, a sign-in). Tests wait for this
   * instead of sleeping a while and counting what was sent.
   */
  boolean idle() {
    return Boolean.TRUE.equals(browser.js("const s = window.watchfloorReport.status();"
        + " return s.nextAt === 0 && (s.net === 'online' || s.net === 'refused');")) && waiting() == 0;
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> counters() {
    return (Map<String, Object>) browser.js("return window.watchfloorReport.counters();");
  }

  /** The texts of the delivered list, newest first. */
  @SuppressWarnings("unchecked")
  List<String> sentTexts() {
    return (List<String>) browser.js("return [...document.querySelectorAll('#sent-list .item')].map(e => e.innerText);");
  }

  @SuppressWarnings("unchecked")
  List<String> rejectedTexts() {
    return (List<String>) browser.js("return [...document.querySelectorAll('#rejected-list .item')].map(e => e.innerText);");
  }

  void awaitDelivered(int count) {
    assertThat(Chromium.await(Duration.ofSeconds(30), () -> waiting() == 0 && sent().size() == count))
        .as("delivered %d; waiting %d, net %s, sent %s", count, waiting(), net(), sent()).isTrue();
  }
}
