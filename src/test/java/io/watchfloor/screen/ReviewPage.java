package io.watchfloor.screen;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.openqa.selenium.print.PageMargin;
import org.openqa.selenium.print.PageSize;
import org.openqa.selenium.print.PrintOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The review page as a test reads and prints it, and a shaped day it can be fed instead of the server's. */
final class ReviewPage {
  final Chromium browser;
  /** The fetch shims of the test running, removed after it so the next test starts clean. */
  private final List<String> shims = new ArrayList<>();

  ReviewPage(Chromium browser) {
    this.browser = browser;
  }

  /** Whether the sheet and its replay have loaded. */
  boolean ready() {
    return Boolean.TRUE.equals(browser.js("return !!(window.watchfloorReview && window.watchfloorReview.ready);"));
  }

  /** Prints the page to PDF on A4 as Chromium does, keeps the file, and counts its pages. */
  int printedPages(Path pdf) {
    byte[] bytes = Base64.getDecoder().decode(browser.driver.print(a4()).getContent());
    try {
      Files.createDirectories(pdf.getParent());
      Files.write(pdf, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return pages(bytes);
  }

  void removeFixtures() {
    for (String id : shims) {
      browser.driver.executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", id));
    }
    shims.clear();
  }

  String text(String selector) {
    return (String) browser.js("return [...document.querySelectorAll(arguments[0])].map(e => e.innerText).join(' ');", selector);
  }

  /** The closed loop's day tables (#rv-cases), areas then units: each body row as its cells' texts. */
  @SuppressWarnings("unchecked")
  List<List<String>> caseRows() {
    return (List<List<String>>) browser.js("return [...document.querySelectorAll('#rv-cases [data-tables] table:not([hidden]) tbody tr')]"
        + ".map(r => [...r.cells].map(c => c.innerText.trim()));");
  }

  /** A4 with no margins of the printer's own: the page's @page rule and padding set them. */
  static PrintOptions a4() {
    PrintOptions options = new PrintOptions();
    options.setPageSize(new PageSize(29.7, 21.0));
    options.setPageMargin(new PageMargin(0, 0, 0, 0));
    options.setBackground(true);
    return options;
  }

  int hour() {
    return ((Number) browser.js("return window.watchfloorReview.hour();")).intValue();
  }

  void scrub(int hour) {
    browser.js("const s = document.getElementById('rv-hour'); s.value = arguments[0]; s.dispatchEvent(new Event('input'));", hour);
  }

  double kpi(String id) {
    String raw = (String) browser.js("return document.querySelector('[data-kpi=\"' + arguments[0] + '\"] [data-value]').dataset.raw;", id);
    return raw == null || raw.isEmpty() ? -1 : Double.parseDouble(raw);
  }

  String kpiText(String id) {
    return (String) browser.js("return document.querySelector('[data-kpi=\"' + arguments[0] + '\"] [data-value]').textContent;", id);
  }

  /** Chromium writes each page as an object of /Type /Page. */
  static int pages(byte[] pdf) {
    var m = Pattern.compile("/Type\\s*/Page(?![s\\w])").matcher(new String(pdf, StandardCharsets.ISO_8859_1));
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  /** The page as the printer gets it: print media at A4's width in CSS pixels, the whole height. */
  void printShot(Path file) {
    browser.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
    browser.viewport(794, 1123, 1);
    try {
      browser.fullPageScreenshot(file);
    } finally {
      browser.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
      browser.viewport(1920, 1080, 1);
    }
  }

  /**
   * A day shaped on purpose, which no server day would give at once (every list past its cut): the page's
   * GET /api/v1/review gets the fixture from src/test/resources/review instead of the server's answer,
   * and /replay a day with `state` at every hour.
   */
  void installFixture(LocalDate day, JsonObject state, String file) {
    String review;
    try (var in = ReviewPage.class.getResourceAsStream("/review/" + file)) {
      review = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("@DATE@", day.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    JsonArray hours = new JsonArray().add(new JsonObject().put("hour", 0).put("state", state));
    for (int h = 1; h < 24; h++) {
      hours.add(new JsonObject().put("hour", h).put("changes", new JsonObject()));
    }
    JsonObject replay = new JsonObject().put("date", day.toString()).put("scope", state.getString("scope")).put("hours", hours);
    String shim = """
        (() => {
          const fixtures = { '/api/v1/review': %s, '/api/v1/review/replay': %s };
          const real = window.fetch.bind(window);
          window.fetch = async (input, init) => {
            const path = new URL(typeof input === 'string' ? input : input.url, location.href).pathname;
            if (!fixtures[path]) return real(input, init);
            return new Response(JSON.stringify(fixtures[path]), { status: 200, headers: { 'Content-Type': 'application/json' } });
          };
        })();""".formatted(review, replay.encode());
    Map<String, Object> added = browser.driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", shim));
    shims.add((String) added.get("identifier"));
  }
}
