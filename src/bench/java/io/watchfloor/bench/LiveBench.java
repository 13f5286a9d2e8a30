package io.watchfloor.bench;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fan-out benchmark (docs/benchmarks.md): 100, 1,000, 5,000 (and 10,000) connected wall screens while reports
 * arrive at a fixed rate. Prints alert-frame latency, delta lag beyond the coalescing interval,
 * deliveries per second per server core, bytes per client per second and the server heap, with a
 * WebSocket echo round trip measured in the same run as the baseline. Run: bench/live.sh
 */
public final class LiveBench {
  private static final String BASE = "http://127.0.0.1:8091";
  private static final int PORT = 8091;
  /** The screens' display key: the district's by default; BENCH_LIVE_KEY=demo-display-key-xudong for 许东镇's alone. */
  private static final String KEY = System.getenv().getOrDefault("BENCH_LIVE_KEY", "demo-display-key");
  /** BENCH_JAR=FILE benchmarks another build, e.g. the one before a change, for a before and after. */
  private static final Path JAR = Path.of(System.getenv().getOrDefault("BENCH_JAR", "target/watchfloor.jar"));
  private static final String WATCH_SITE = "cp-yinjiapu-bridge";
  private static final String WATCH_METRIC = "persons_registered";
  private static final List<String> DESKS = List.of("pd-liangting", "pd-puzizui", "pd-shishuling", "pd-tianjing",
      "pd-jizhen", "pd-jinpen", "pd-yinjiapu", "pd-xujiapai");

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("--help")) {
      System.out.println("bench/live.sh [CLIENTS,CLIENTS,...] [REPORTS_PER_SECOND] [SECONDS_PER_STEP]"
          + "   (default 100,1000,5000,10000 200 20)");
      return;
    }
    int[] sizes = Arrays.stream((args.length > 0 ? args[0] : "100,1000,5000,10000").split(",")).mapToInt(Integer::parseInt).toArray();
    int rate = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    Vertx vertx = Vertx.vertx();
    List<String> rows = new ArrayList<>();
    try (ServerProcess server = ServerProcess.start(JAR, "bench/live.json",
        Path.of("target/bench-live-server.log"))) {
      server.awaitReady(BASE, Duration.ofSeconds(30));
      long[] echo = EchoBaseline.measure(vertx, 2000);
      rows.add(String.format("baseline: WebSocket echo round trip p50 %.2f ms, p99 %.2f ms", pct(echo, 50) / 1000.0,
          pct(echo, 99) / 1000.0));
      CpuSampler cpu = new CpuSampler(server.pid());
      // the first step's load, unmeasured: under it a fresh server's C2 compiler takes 15-45 % of a core
      // for about 90 s (measured with jstat -compiler and per-thread CPU), which is not what a screen on a
      // running server waits for
      int warmUp = Integer.parseInt(System.getenv().getOrDefault("BENCH_LIVE_WARMUP_S", "90"));
      if (warmUp > 0) {
        System.out.println("warm-up (not measured): " + run(vertx, cpu, sizes[0], rate, warmUp));
      }
      for (int clients : sizes) {
        rows.add(run(vertx, cpu, clients, rate, seconds));
        System.out.println(rows.get(rows.size() - 1));
      }
    } finally {
      vertx.close().await();
    }
    String table = String.join("\n", rows);
    System.out.println("\n" + table);
    Files.writeString(Path.of("target/bench-live.txt"), table + "\n");
  }

  private static String run(Vertx vertx, CpuSampler cpu, int clients, int rate, int seconds) throws InterruptedException {
    WebClient http = WebClient.create(vertx, new WebClientOptions(), new PoolOptions().setHttp1MaxSize(32));
    Map<String, List<Long>> alertSent = new ConcurrentHashMap<>();
    Map<Long, Long> watchAcked = new ConcurrentHashMap<>();
    try (FanoutClients screens = new FanoutClients(vertx, WATCH_SITE, WATCH_METRIC)) {
      screens.connect(PORT, KEY, clients, Math.min(clients, 100));
      Thread.sleep(1000);
      long baseline = watchValue(http);
      long framesBefore = screens.frames.get();
      long bytesBefore = screens.bytes.get();
      CpuSampler.Sample cpuBefore = cpu.sample();
      String metricsBefore = metrics(http);
      long start = System.nanoTime();
      long[] sentWatch = {0};
      long tickId = vertx.setPeriodic(10, id -> {
        for (int i = 0; i < rate / 100; i++) {
          post(http, "demo-checkpoints-token", report("cp-highway-exit", new JsonObject().put("vehicles_checked", 3)));
        }
      });
      long watchId = vertx.setPeriodic(500, id -> {
        long value = baseline + ++sentWatch[0];
        long sent = System.nanoTime();
        post(http, "demo-checkpoints-token", report(WATCH_SITE, new JsonObject().put(WATCH_METRIC, 1)))
            .onSuccess(v -> watchAcked.put(value, sent));
      });
      int[] alertNo = {0};
      long alertId = vertx.setPeriodic(2000, id -> {
        String desk = DESKS.get(alertNo[0]++ % DESKS.size());
        alertSent.computeIfAbsent(desk, d -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(System.nanoTime());
        post(http, "demo-petitions-token", report(desk, new JsonObject().put("escalated_petitions", 1)));
      });
      Thread.sleep(seconds * 1000L);
      vertx.cancelTimer(tickId);
      vertx.cancelTimer(watchId);
      vertx.cancelTimer(alertId);
      double elapsed = (System.nanoTime() - start) / 1e9;
      CpuSampler.Split split = cpu.between(cpuBefore, cpu.sample());
      String metricsAfter = metrics(http);
      Thread.sleep(600);
      long frames = screens.frames.get() - framesBefore;
      long bytes = screens.bytes.get() - bytesBefore;
      long[] alertMs = alertLatencies(screens, alertSent);
      long[] lagMs = deltaLags(screens, watchAcked);
      double cores = split.server() / 100.0;
      return String.format("%,6d clients: alert p50 %d ms p99 %d ms (%d samples) | delta lag beyond 250 ms p50 %d ms p99 %d ms"
              + " | %,.0f deliveries/s, %,.0f per server core (server %.0f%% cpu) | %,.0f bytes/client/s | heap %s MB"
              + " | a hub's fan-out: alert %.1f ms, delta %.1f ms (mean) | %s",
          screens.size(), pct(alertMs, 50), pct(alertMs, 99), alertMs.length, pct(lagMs, 50), pct(lagMs, 99),
          frames / elapsed, frames / elapsed / Math.max(cores, 0.01), split.server(), bytes / elapsed / screens.size(),
          heapMb(metricsAfter), FanoutTotal.read(metricsAfter, "alert").meanMsSince(FanoutTotal.read(metricsBefore, "alert")),
          FanoutTotal.read(metricsAfter, "delta").meanMsSince(FanoutTotal.read(metricsBefore, "delta")), split);
    } finally {
      http.close();
    }
  }

  /** For each probe and each report sent to a desk: the first alert frame for that desk after it. */
  private static long[] alertLatencies(FanoutClients screens, Map<String, List<Long>> sent) {
    java.util.Set<String> answered = new java.util.HashSet<>();
    List<Long> ms = new ArrayList<>();
    for (FanoutClients.Seen s : screens.seen) {
      if (!s.kind().equals("alert")) {
        continue;
      }
      Long at = null;
      for (long t : sent.getOrDefault(s.key(), List.of())) {
        if (t <= s.arrivedNanos()) {
          at = t;
        }
      }
      if (at != null && answered.add(s.probe() + "|" + s.key() + "|" + at)) {
        ms.add((s.arrivedNanos() - at) / 1_000_000);
      }
    }
    return sorted(ms);
  }

  private static long[] deltaLags(FanoutClients screens, Map<Long, Long> acked) {
    List<Long> ms = new ArrayList<>();
    for (FanoutClients.Seen s : screens.seen) {
      Long at = s.kind().equals("delta") ? acked.get(s.value()) : null;
      if (at != null) {
        ms.add(Math.max(0, (s.arrivedNanos() - at) / 1_000_000 - 250));
      }
    }
    return sorted(ms);
  }

  private static long[] sorted(List<Long> values) {
    return values.stream().mapToLong(Long::longValue).sorted().toArray();
  }

  private static long pct(long[] sorted, double p) {
    return sorted.length == 0 ? -1 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100 * sorted.length) - 1)];
  }

  private static JsonObject report(String site, JsonObject metrics) {
    return new JsonObject().put("id", UUID.randomUUID().toString()).put("site", site)
        .put("observedAt", OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0).toString()).put("metrics", metrics);
  }

  private static io.vertx.core.Future<Void> post(WebClient http, String token, JsonObject body) {
    return http.postAbs(BASE + "/api/v1/reports").putHeader("Authorization", "Bearer " + token)
        .sendJsonObject(body).mapEmpty();
  }

  private static long watchValue(WebClient http) {
    JsonObject snapshot = http.getAbs(BASE + "/api/v1/snapshot?key=" + KEY).send().await().bodyAsJsonObject();
    return snapshot.getJsonObject("sites").getJsonObject(WATCH_SITE).getJsonObject("today").getLong(WATCH_METRIC, 0L);
  }

  /** The hubs' fan-out timer (watchfloor.live.fanout) for one type of message: its seconds and count so far. */
  private record FanoutTotal(double seconds, double count) {
    static FanoutTotal read(String metrics, String type) {
      String label = "type=\"" + type + "\"";
      return new FanoutTotal(PromSamples.sum(metrics, "watchfloor_live_fanout_seconds_sum", label),
          PromSamples.sum(metrics, "watchfloor_live_fanout_seconds_count", label));
    }

    /** The mean of one hub's fan-outs since {@code before}, ms; -1 when there was none (or the build has no timer). */
    double meanMsSince(FanoutTotal before) {
      double fanouts = count - before.count;
      return fanouts == 0 ? -1 : (seconds - before.seconds) / fanouts * 1000;
    }
  }

  private static String metrics(WebClient http) {
    return http.getAbs(BASE + "/metrics").send().await().bodyAsString();
  }

  private static String heapMb(String metrics) {
    double heap = PromSamples.sum(metrics, "jvm_memory_used_bytes", "area=\"heap\"");
    return String.format("%.0f", heap / 1e6);
  }
}
