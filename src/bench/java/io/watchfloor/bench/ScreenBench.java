package io.watchfloor.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.watchfloor.MutableClock;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;
import io.watchfloor.screen.Chromium;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Wall screen benchmark (docs/benchmarks.md: p95 frame time < 16.7 ms and no long task > 50 ms at 4 deltas/s;
 * JS heap flat over a simulated day). Starts a whole server in this JVM with the demo's field units
 * posting for every site many times a second, on a clock that runs a day in a few real minutes, and
 * drives the screen in Debian's headless Chromium. In the page, requestAnimationFrame samples every
 * frame's duration and a PerformanceObserver collects long tasks; the JS heap and DOM counters come
 * from the DevTools protocol after a forced GC. Options: --help.
 */
public final class ScreenBench {
  private static final ZoneId TOWN = ZoneId.of("Asia/Shanghai");

  private ScreenBench() {
  }

  /** Injected into the page: bounded buffers, drained by the bench, so the probe itself cannot grow. */
  private static final String PROBE = """
      if (!window.__bench) {
        const frames = new Float64Array(1 << 15);
        let n = 0, last = 0;
        const longTasks = [];
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) {
            if (longTasks.length < 1000) longTasks.push([Math.round(e.startTime), Math.round(e.duration)]);
          }
        }).observe({ type: 'longtask', buffered: true });
        const loop = (t) => {
          if (last) { frames[n % frames.length] = t - last; n++; }
          last = t;
          requestAnimationFrame(loop);
        };
        requestAnimationFrame(loop);
        window.__bench = {
          drain() {
            const out = { frames: Array.from(frames.subarray(0, Math.min(n, frames.length))), lost: Math.max(0, n - frames.length),
                          longTasks: longTasks.splice(0) };
            n = 0;
            return out;
          },
        };
      }
      return true;""";

  record Options(double minutesPerDay, int days, int warmupSeconds, int width, int height, int tickMs, int sampleSeconds) {
    static Options parse(String[] args) {
      double minutes = 6;
      int days = 2;
      int warmup = 20;
      int width = 1920;
      int height = 1080;
      int tick = 50;
      int sample = 30;
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--minutes-per-day" -> minutes = Double.parseDouble(args[++i]);
          case "--days" -> days = Integer.parseInt(args[++i]);
          case "--warmup-seconds" -> warmup = Integer.parseInt(args[++i]);
          case "--4k" -> { width = 3840; height = 2160; }
          case "--tick-ms" -> tick = Integer.parseInt(args[++i]);
          case "--sample-seconds" -> sample = Integer.parseInt(args[++i]);
          case "--help" -> {
            System.out.println("bench/screen.sh [--minutes-per-day 6] [--days 2] [--warmup-seconds 20] [--4k] [--tick-ms 50] [--sample-seconds 30]");
            System.exit(0);
          }
          default -> throw new IllegalArgumentException("unknown option " + args[i] + " (see --help)");
        }
      }
      return new Options(minutes, days, warmup, width, height, tick, sample);
    }
  }

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    // the simulated day starts at 08:00 in the town, so it runs through the evening deadlines and midnight
    Instant start = LocalDate.now(TOWN).atTime(8, 0).atZone(TOWN).toInstant();
    MutableClock clock = new MutableClock(start);
    double speed = 86_400.0 / (options.minutesPerDay() * 60);
    JsonObject overrides = new JsonObject()
        .put("demo", new JsonObject().put("enabled", true).put("tick-ms", options.tickMs()))
        .put("ingest", new JsonObject().put("rate-limit", new JsonObject().put("per-second", 100_000).put("burst", 100_000)));

    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    try (TestServer server = TestServer.start(overrides, clock);
         Chromium browser = Chromium.launch(options.width(), options.height(), 1)) {
      System.out.printf(Locale.ROOT, "wall screen bench: %dx%d, demo tick %d ms, %d simulated days of %.1f real minutes each (x%.0f)%n",
          options.width(), options.height(), options.tickMs(), options.days(), options.minutesPerDay(), speed);
      browser.driver.get("http://127.0.0.1:" + server.port + "/?profile=1&key=" + TestTown.DISPLAY_KEY);
      if (!Chromium.await(Duration.ofSeconds(30), () -> "live".equals(browser.js("return window.watchfloorScreen && window.watchfloorScreen.status()")))) {
        throw new IllegalStateException("the screen did not go live");
      }
      browser.js(PROBE);
      System.out.printf("warming up %d s at real time…%n", options.warmupSeconds());
      Thread.sleep(options.warmupSeconds() * 1000L);
      browser.js("return window.__bench.drain();");

      List<Double> frames = new ArrayList<>();
      List<List<Number>> longTasks = new ArrayList<>();
      List<JsonObject> heap = new ArrayList<>();
      long deltasBefore = counter(browser, "deltas");
      browser.driver.executeCdpCommand("Performance.enable", Map.of());
      Map<String, Double> cpuBefore = metrics(browser);
      heap.add(sample(browser, clock, start, 0));
      System.out.println(heap.get(0).encode());

      long step = 50;
      long advance = Math.round(step * speed);
      ticker.scheduleAtFixedRate(() -> clock.advance(Duration.ofMillis(advance)), step, step, TimeUnit.MILLISECONDS);
      long began = System.nanoTime();
      long dayNanos = (long) (options.minutesPerDay() * 60e9);
      long runNanos = dayNanos * options.days();
      long nextSample = began + options.sampleSeconds() * 1_000_000_000L;
      long nextDay = began + dayNanos;
      List<JsonObject> dayEnds = new ArrayList<>();
      while (System.nanoTime() - began < runNanos) {
        Thread.sleep(2000);
        drain(browser, frames, longTasks);
        if (System.nanoTime() >= nextDay && dayEnds.size() < options.days() - 1) {
          nextDay += dayNanos;
          JsonObject s = sample(browser, clock, start, (System.nanoTime() - began) / 1e9).put("dayEnd", dayEnds.size() + 1);
          dayEnds.add(s);
          heap.add(s);
          System.out.println(s.encode());
          Thread.sleep(500);
          browser.js("window.__bench.drain();");
          nextSample = System.nanoTime() + options.sampleSeconds() * 1_000_000_000L;
        } else if (System.nanoTime() >= nextSample) {
          nextSample += options.sampleSeconds() * 1_000_000_000L;
          JsonObject s = sample(browser, clock, start, (System.nanoTime() - began) / 1e9);
          heap.add(s);
          System.out.println(s.encode());
          Thread.sleep(500);
          browser.js("window.__bench.drain();"); // the forced GC is the bench's own long task, not the screen's
        }
      }
      ticker.shutdownNow();
      drain(browser, frames, longTasks);
      double seconds = (System.nanoTime() - began) / 1e9;
      long deltas = counter(browser, "deltas") - deltasBefore;
      JsonObject end = sample(browser, clock, start, seconds).put("dayEnd", options.days());
      heap.add(end);
      dayEnds.add(end);
      System.out.println(end.encode());
      Map<String, Double> cpuAfter = metrics(browser);
      report(options, frames, longTasks, heap, dayEnds, deltas, seconds, counter(browser, "resyncs"), counter(browser, "connects"));
      // ThreadTime is the main thread's CPU time; TaskDuration the wall time its tasks took. Their gap
      // is time a task spent ready but without a core, which no page code can remove.
      double cpu = cpuAfter.get("ThreadTime") - cpuBefore.get("ThreadTime");
      double tasks = cpuAfter.get("TaskDuration") - cpuBefore.get("TaskDuration");
      double script = cpuAfter.get("ScriptDuration") - cpuBefore.get("ScriptDuration");
      System.out.printf(Locale.ROOT, "renderer main thread: CPU %.1f %% of a core, tasks %.1f %% of wall time, script %.1f %%%n",
          100 * cpu / seconds, 100 * tasks / seconds, 100 * script / seconds);
      System.out.println("panel updates (calls, total ms, max ms): "
          + new JsonObject(cast(browser.js("return window.watchfloorScreen.profile();"))).encode());
    } finally {
      ticker.shutdownNow();
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Object map) {
    return (Map<String, Object>) map;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Double> metrics(Chromium browser) {
    Map<String, Double> out = new java.util.HashMap<>();
    for (Object m : (List<Object>) browser.driver.executeCdpCommand("Performance.getMetrics", Map.of()).get("metrics")) {
      Map<String, Object> metric = (Map<String, Object>) m;
      out.put((String) metric.get("name"), ((Number) metric.get("value")).doubleValue());
    }
    return out;
  }

  private static long counter(Chromium browser, String name) {
    return ((Number) browser.js("return window.watchfloorScreen.counters[arguments[0]];", name)).longValue();
  }

  @SuppressWarnings("unchecked")
  private static void drain(Chromium browser, List<Double> frames, List<List<Number>> longTasks) {
    Map<String, Object> out = (Map<String, Object>) browser.js("return window.__bench.drain();");
    for (Object f : (List<Object>) out.get("frames")) {
      frames.add(((Number) f).doubleValue());
    }
    for (Object t : (List<Object>) out.get("longTasks")) {
      longTasks.add((List<Number>) t);
    }
  }

  /** JS heap after a forced GC, DOM counters, and where the simulated day is. */
  @SuppressWarnings("unchecked")
  private static JsonObject sample(Chromium browser, MutableClock clock, Instant start, double realSeconds) {
    browser.driver.executeCdpCommand("HeapProfiler.collectGarbage", Map.of());
    Map<String, Object> usage = browser.driver.executeCdpCommand("Runtime.getHeapUsage", Map.of());
    Map<String, Object> dom = browser.driver.executeCdpCommand("Memory.getDOMCounters", Map.of());
    double simulatedHours = Duration.between(start, clock.instant()).toSeconds() / 3600.0;
    return new JsonObject()
        .put("realSeconds", Math.round(realSeconds))
        .put("simulatedHours", Math.round(simulatedHours * 10) / 10.0)
        .put("heapUsedKiB", ((Number) usage.get("usedSize")).longValue() / 1024)
        .put("heapTotalKiB", ((Number) usage.get("totalSize")).longValue() / 1024)
        .put("domNodes", ((Number) dom.get("nodes")).longValue())
        .put("jsEventListeners", ((Number) dom.get("jsEventListeners")).longValue())
        .put("screenDay", String.valueOf(browser.js("return window.watchfloorScreen.state().day;")));
  }

  private static double percentile(double[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  /** The display's refresh interval: rAF timestamps are frame begin times, so intervals are multiples of it. */
  private static final double VSYNC_MS = 1000.0 / 60;

  private static void report(Options options, List<Double> frames, List<List<Number>> longTasks, List<JsonObject> heap,
                             List<JsonObject> dayEnds, long deltas, double seconds, long resyncs, long connects) throws IOException {
    double[] sorted = frames.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    // performance.now() is coarsened to 0.1 ms, so an on-time frame reads 16.6, 16.7 or 16.8: count in vsyncs
    double[] vsyncs = Arrays.stream(sorted).map(f -> Math.max(1, Math.round(f / VSYNC_MS)) * VSYNC_MS).toArray();
    long dropped = Arrays.stream(sorted).filter(f -> f > VSYNC_MS * 1.5).count();
    long over50 = longTasks.stream().filter(t -> t.get(1).doubleValue() > 50).count();
    double maxLong = longTasks.stream().mapToDouble(t -> t.get(1).doubleValue()).max().orElse(0);
    JsonObject first = heap.get(0);
    JsonObject last = heap.get(heap.size() - 1);
    long maxHeap = heap.stream().mapToLong(h -> h.getLong("heapUsedKiB")).max().orElse(0);
    JsonObject result = new JsonObject()
        .put("viewport", options.width() + "x" + options.height())
        .put("realSeconds", Math.round(seconds))
        .put("simulatedHours", last.getDouble("simulatedHours"))
        .put("deltasPerSecond", Math.round(deltas / seconds * 100) / 100.0)
        .put("frames", sorted.length)
        .put("frameMsP50", round(percentile(sorted, 50)))
        .put("frameMsP95", round(percentile(vsyncs, 95)))
        .put("frameMsP95Raw", round(percentile(sorted, 95)))
        .put("framesMissedVsyncPercent", round(100.0 * dropped / Math.max(1, sorted.length)))
        .put("frameMsP99", round(percentile(sorted, 99)))
        .put("frameMsMax", round(sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1]))
        .put("framesOver25ms", dropped)
        .put("longTasks", longTasks.size())
        .put("longTasksOver50ms", over50)
        .put("longestTaskMs", maxLong)
        .put("heapStartKiB", first.getLong("heapUsedKiB"))
        .put("heapEndKiB", last.getLong("heapUsedKiB"))
        .put("heapMaxKiB", maxHeap)
        .put("heapAtDayEndsKiB", new JsonArray(dayEnds.stream().map(d -> d.getLong("heapUsedKiB")).toList()))
        .put("domNodesStartEnd", first.getLong("domNodes") + " -> " + last.getLong("domNodes"))
        .put("listenersStartEnd", first.getLong("jsEventListeners") + " -> " + last.getLong("jsEventListeners"))
        .put("resyncs", resyncs)
        .put("connects", connects)
        .put("heapSamples", new JsonArray(heap));
    Path out = Path.of("target", "bench", "screen-" + options.width() + "x" + options.height() + ".json");
    Files.createDirectories(out.getParent());
    Files.writeString(out, result.encodePrettily());
    System.out.println();
    System.out.printf(Locale.ROOT, "viewport %s, %d s real = %.1f simulated hours, %.2f deltas/s, %d frames%n",
        result.getString("viewport"), result.getLong("realSeconds"), result.getDouble("simulatedHours"),
        result.getDouble("deltasPerSecond"), sorted.length);
    System.out.printf(Locale.ROOT, "frame time ms: p50 %.2f  p95 %.2f (raw %.2f)  p99 %.2f  max %.1f; frames that missed a vsync: %d (%.2f %%)%n",
        result.getDouble("frameMsP50"), result.getDouble("frameMsP95"), result.getDouble("frameMsP95Raw"),
        result.getDouble("frameMsP99"), result.getDouble("frameMsMax"), dropped, result.getDouble("framesMissedVsyncPercent"));
    System.out.printf(Locale.ROOT, "long tasks: %d, over 50 ms: %d, longest %.0f ms%n", longTasks.size(), over50, maxLong);
    System.out.printf(Locale.ROOT, "JS heap after GC: start %d KiB, at the end of each simulated day %s KiB, max %d KiB; DOM nodes %s; listeners %s%n",
        first.getLong("heapUsedKiB"), result.getJsonArray("heapAtDayEndsKiB").encode(), maxHeap,
        result.getString("domNodesStartEnd"), result.getString("listenersStartEnd"));
    System.out.printf("resyncs %d, connections %d%n", resyncs, connects);
    System.out.println("written to " + out);
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
