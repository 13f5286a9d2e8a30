package io.watchfloor.screen;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * axe-core, Deque's accessibility engine, run in the page: its script comes from the test classpath (the
 * {@code com.deque.html.axe-core:selenium} jar, of which only {@code axe.min.js} is used), injected with
 * executeScript, so nothing is fetched at run time. Only the WCAG 2.0 and 2.1 A and AA rules run: the
 * level the product is held to (issue 28), not axe's best practices.
 */
public final class Axe {
  static final List<String> TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");
  private static final String SOURCE = load();

  private Axe() {
  }

  private static String load() {
    try (InputStream in = Axe.class.getClassLoader().getResourceAsStream("axe.min.js")) {
      if (in == null) {
        throw new IllegalStateException("axe.min.js is not on the test classpath (com.deque.html.axe-core:selenium)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The violations on the page as it is now: each with its rule, impact, help and the nodes it found. */
  public static List<JsonObject> violations(Chromium browser) {
    browser.driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(120)); // a busy two-core machine
    if (!Boolean.TRUE.equals(browser.js("return typeof window.axe === 'object';"))) {
      browser.js(SOURCE);
    }
    Object answer = browser.driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
        + "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})"
        + ".then((r) => done(JSON.stringify(r.violations.map((v) => ({id: v.id, impact: v.impact, help: v.help,"
        + " nodes: v.nodes.map((n) => ({target: n.target.join(' '), summary: n.failureSummary}))})))))"
        + ".catch((e) => done(JSON.stringify({error: String(e)})));", TAGS);
    String json = String.valueOf(answer);
    if (json.startsWith("{")) {
      throw new IllegalStateException("axe-core failed: " + json);
    }
    return new JsonArray(json).stream().map(JsonObject.class::cast).toList();
  }

  /** What a reader of a failed test needs: each rule, its impact and the nodes, with axe's own summary. */
  public static String describe(String page, List<JsonObject> violations) {
    return page + ": " + violations.size() + " axe-core violation(s)\n" + violations.stream().map((v) -> "  " + v.getString("id")
        + " (" + v.getString("impact") + "): " + v.getString("help") + "\n" + v.getJsonArray("nodes").stream()
        .map(JsonObject.class::cast).map((n) -> "    " + n.getString("target") + "\n      "
            + String.valueOf(n.getString("summary")).replace("\n", "\n      "))
        .collect(Collectors.joining("\n")))
        .collect(Collectors.joining("\n"));
  }

  /** Runs the rules on the page as it is now and adds what they found, described, to {@code found}. */
  public static void collect(Chromium browser, String page, List<String> found) {
    List<JsonObject> violations = violations(browser);
    if (!violations.isEmpty()) {
      found.add(describe(page, violations));
    }
  }
}
