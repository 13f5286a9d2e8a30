package io.watchfloor.screen;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The wall screen as a test reads it: what the page shows, through its DOM and its read-only hooks. */
final class ScreenPage {
  final Chromium browser;
  final String base;

  ScreenPage(Chromium browser, String base) {
    this.browser = browser;
    this.base = base;
  }

  static String origin(int port) {
    return "http://127.0.0.1:" + port;
  }

  void open(String query) {
    browser.driver.get(base + "/" + query);
  }

  /** connecting | live | reconnecting | stale */
  String badge() {
    return (String) browser.js("const b = document.getElementById('badge'); return b.dataset.state || 'connecting';");
  }

  String badgeText() {
    return (String) browser.js("return document.getElementById('badge').textContent;");
  }

  /**
   * From now on keeps every state the badge shows, with its text, in the page. A loaded machine may
   * poll too seldom to catch a short state; the page itself cannot miss it.
   */
  void recordBadges() {
    browser.js("""
        const badge = document.getElementById('badge');
        window.badgeHistory = [];
        new MutationObserver(() => {
          const seen = badge.dataset.state + ' ' + badge.textContent;
          if (window.badgeHistory[window.badgeHistory.length - 1] !== seen) window.badgeHistory.push(seen);
        }).observe(badge, {attributes: true, childList: true, characterData: true, subtree: true});""");
  }

  /** The badge's states since {@link #recordBadges()}, as "state text", oldest first. */
  @SuppressWarnings("unchecked")
  List<String> badgeHistory() {
    return (List<String>) browser.js("return window.badgeHistory;");
  }

  /** The i18n key of the notice on screen, or null. */
  String notice() {
    return (String) browser.js("const n = document.getElementById('notice'); return n.hidden ? null : (n.dataset.notice || 'loading');");
  }

  String noticeText() {
    return (String) browser.js("return document.getElementById('notice').innerText;");
  }

  String kpiText(String id) {
    return (String) browser.js("return document.querySelector('[data-kpi=\"' + arguments[0] + '\"] [data-value]').textContent;", id);
  }

  /** The number behind a KPI tile, or null before there is one. */
  Double kpi(String id) {
    String raw = (String) browser.js("return document.querySelector('[data-kpi=\"' + arguments[0] + '\"] [data-value]').dataset.raw;", id);
    return raw == null || raw.isEmpty() ? null : Double.valueOf(raw);
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> state() {
    return (Map<String, Object>) browser.js("return window.watchfloorScreen ? window.watchfloorScreen.state() : null;");
  }

  long counter(String name) {
    return ((Number) browser.js("return window.watchfloorScreen.counters[arguments[0]];", name)).longValue();
  }

  @SuppressWarnings("unchecked")
  Map<String, String> mapStates() {
    return (Map<String, String>) browser.js("return window.watchfloorScreen.mapStates();");
  }

  @SuppressWarnings("unchecked")
  List<String> tickerItems() {
    return (List<String>) browser.js("return [...document.querySelectorAll('#ticker .ticker-item')]"
        + ".filter(e => !e.hidden).map(e => e.textContent);");
  }

  /** The cases panel's rows as the wall shows them: per child area, each column's text (open, overdue, nearDue, …). */
  @SuppressWarnings("unchecked")
  Map<String, Map<String, String>> caseRows() {
    return (Map<String, Map<String, String>>) casesPanel().get("rows");
  }

  /** The cases panel's tiles for the whole scope, as text. */
  @SuppressWarnings("unchecked")
  Map<String, String> caseTotal() {
    return (Map<String, String>) casesPanel().get("total");
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> casesPanel() {
    return (Map<String, Object>) ((Map<String, Object>) browser.js("return window.watchfloorScreen.view();")).get("cases");
  }

  void awaitLive() {
    assertThat(Chromium.await(Duration.ofSeconds(20), () -> "live".equals(badge()) && state() != null))
        .as("the screen goes live; badge %s, notice %s", badge(), notice()).isTrue();
  }

  /**
   * Lets chart update animations finish before a screenshot for the docs. A time, not a condition: the
   * charts' animation leaves no trace in the page to wait for, and no assertion depends on it.
   */
  static void settle(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
