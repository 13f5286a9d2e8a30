package io.watchfloor.screen;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.stream.Stream;

/**
 * Debian's headless Chromium driven through Debian's chromedriver: both paths are given, so Selenium
 * Manager never runs and nothing is downloaded. A fresh profile per browser, deleted on close.
 */
public final class Chromium implements AutoCloseable {
  public static final String BINARY = System.getProperty("watchfloor.chromium", "/usr/bin/chromium");
  public static final String DRIVER = System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
  /** How long a test waits for what a click, a key or a message should change in the page, on a busy machine. */
  public static final Duration WAIT = Duration.ofSeconds(20);

  /** Selenium looks for a CDP module matching this Chromium; the plain CDP commands used here need none. */
  private static final java.util.logging.Logger DEVTOOLS_LOG = java.util.logging.Logger.getLogger("org.openqa.selenium.devtools");

  static {
    DEVTOOLS_LOG.setLevel(Level.SEVERE);
  }

  public final ChromeDriver driver;
  private final Path profile;

  private Chromium(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  /** A browser whose page viewport is exactly width x height CSS pixels at the given pixel ratio. */
  public static Chromium launch(int width, int height, double pixelRatio, String... extraFlags) {
    if (!new File(BINARY).canExecute() || !new File(DRIVER).canExecute()) {
      throw new IllegalStateException("the browser tests need Debian's chromium and chromium-driver: "
          + "apt-get install -y chromium chromium-driver fonts-noto-cjk (bin/setup, the README's test command, does it)");
    }
    System.setProperty("webdriver.chrome.driver", DRIVER);
    Path profile;
    try {
      profile = Files.createTempDirectory("wf-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BINARY);
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-extensions", "--hide-scrollbars",
        "--mute-audio", "--user-data-dir=" + profile, "--window-size=" + width + "," + height);
    options.addArguments(extraFlags);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(DRIVER)).usingAnyFreePort().build();
    ChromeDriver driver = new ChromeDriver(service, options);
    Chromium browser = new Chromium(driver, profile);
    browser.viewport(width, height, pixelRatio);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    return browser;
  }

  /** The page's viewport, independent of the window's decorations. */
  public void viewport(int width, int height, double pixelRatio) {
    viewport(width, height, pixelRatio, false);
  }

  /** The same, as a phone ({@code mobile}: the page's viewport meta tag applies, overlay scrollbars). */
  public void viewport(int width, int height, double pixelRatio, boolean mobile) {
    driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", height, "deviceScaleFactor", pixelRatio, "mobile", mobile));
  }

  /**
   * Cuts the page off the network, or lets it back on, as DevTools' "Offline" does: every request
   * fails at once, navigator.onLine follows and the page gets its offline and online events.
   */
  public void offline(boolean offline) {
    driver.executeCdpCommand("Network.enable", Map.of());
    driver.executeCdpCommand("Network.emulateNetworkConditions",
        Map.of("offline", offline, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
  }

  /** The whole page, beyond the viewport (e.g. a phone page taller than the screen). */
  public void fullPageScreenshot(Path file) {
    Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
    @SuppressWarnings("unchecked")
    Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
    Map<String, Object> clip = Map.of("x", 0, "y", 0, "scale", 1,
        "width", ((Number) size.get("width")).doubleValue(), "height", ((Number) size.get("height")).doubleValue());
    Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot",
        Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, java.util.Base64.getDecoder().decode((String) shot.get("data")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /**
   * The viewport, through DevTools rather than WebDriver's screenshot command: chromedriver gives
   * that command a fixed 10 s, which a 4K page on a loaded two-core machine can exceed.
   */
  public void screenshot(Path file) {
    Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png"));
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, java.util.Base64.getDecoder().decode((String) shot.get("data")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Console messages at SEVERE (errors, failed loads) since the last call. */
  public List<String> consoleErrors() {
    List<String> errors = new ArrayList<>();
    for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
      if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
        errors.add(entry.getMessage());
      }
    }
    return errors;
  }

  /**
   * Polls the condition every 100 ms for up to {@code timeout}, an exception counting as not yet; true if
   * it held. On the test's own thread: the driver takes one command at a time.
   */
  public static boolean await(Duration timeout, BooleanSupplier condition) {
    try {
      Awaitility.await().atMost(timeout).pollInSameThread().pollInterval(Duration.ofMillis(100))
          .ignoreExceptions().until(condition::getAsBoolean);
      return true;
    } catch (ConditionTimeoutException e) {
      return false;
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // a temp dir left behind is harmless
      }
    }
  }
}
