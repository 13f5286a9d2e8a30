package io.watchfloor.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The durable-ingest benchmark of docs/benchmarks.md: PostgreSQL's own ceiling for the server's rows, then an
 * open-loop step search for the highest rate the server sustains, then a run at 80 % of it.
 * Not a test: run it with bench/ingest.sh. Prints a table and writes it to target/bench-ingest.txt.
 */
public final class IngestBench {
  private static final long DRAIN_MS = 5_000;
  /** PostgreSQL publishes a busy backend's counters about once a second, an idle one's within 10 s. */
  private static final long STATS_SETTLE_MS = 11_000;
  private static final double FINAL_SHARE = 0.8;
  /** Percent of a core used by other processes above which a step's figures are flagged as unreliable. */
  static final double NOISY_OTHER_CPU = 15;

  private final BenchOptions options;
  private final JsonObject serverConfig;
  private final Vertx vertx = Vertx.vertx();
  private final List<Shooter> shooters = new ArrayList<>();
  private CpuSampler cpu = new CpuSampler(-1);
  private BenchDatabase db;
  /** The server this benchmark started, if it started one. */
  private ServerProcess server;

  private IngestBench(BenchOptions options, JsonObject serverConfig) {
    this.options = options;
    this.serverConfig = serverConfig;
  }

  public static void main(String[] args) throws Exception {
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(64);
      return;
    }
    JsonObject config = new JsonObject(Files.readString(Path.of(options.serverConfig())));
    int code;
    try {
      code = new IngestBench(options, config).run();
    } catch (Exception e) {
      System.err.println("benchmark failed: " + e);
      e.printStackTrace();
      code = 1;
    }
    System.exit(code);
  }

  private int run() throws Exception {
    String pgUrl = options.pgUrl() != null ? options.pgUrl()
        : serverConfig.getJsonObject("store").getJsonObject("pg").getString("url");
    String baseUrl = options.url() != null ? options.url()
        : "http://127.0.0.1:" + serverConfig.getJsonObject("http").getInteger("port", 8080);
    db = new BenchDatabase(vertx, pgUrl);
    try {
      if (options.url() == null) {
        if (ServerProcess.ready(baseUrl)) {
          throw new IllegalStateException("something already answers on " + baseUrl + "; stop it, or pass --url to use it");
        }
        say("loadavg before start: " + Files.readString(Path.of("/proc/loadavg")).trim());
        say("dropping and creating database " + db.name());
        db.recreate();
        say("starting the server: java -jar " + options.jar() + " --config " + options.serverConfig()
            + " (log: target/bench-server.log)");
        server = ServerProcess.start(Path.of(options.jar()), options.serverConfig(), Path.of("target/bench-server.log"));
        server.awaitReady(baseUrl, Duration.ofSeconds(60));
        cpu = new CpuSampler(server.pid());
      } else if (!ServerProcess.ready(baseUrl)) {
        throw new IllegalStateException(baseUrl + "/health/ready does not answer 200");
      }
      say("server ready at " + baseUrl);
      db.createCeilingTable();
      return measure(baseUrl);
    } finally {
      stopServer();
      vertx.close().await();
    }
  }

  private int measure(String baseUrl) throws Exception {
    say(String.format("PostgreSQL ceiling: 1 connection, %d-row INSERT … FROM unnest(…) per transaction, %d s …",
        options.ceilingBatch(), options.ceilingSeconds()));
    CpuSampler.Sample before = cpu.sample();
    double ceiling = db.ceiling(options.ceilingSeconds(), options.ceilingBatch());
    CpuSampler.Split ceilingCpu = cpu.between(before, cpu.sample());
    say(String.format("  ceiling %,.0f rows/s   %s", ceiling, ceilingCpu));

    shooters.addAll(deployShooters(baseUrl));
    long acceptedTotal = 0;
    if (options.warmupSeconds() > 0) {
      say(String.format("warm-up: %d s over %d connections, ramping up to %,d/s", options.warmupSeconds(),
          options.connections(), options.warmupRate()));
      // A cold JVM runs interpreted for a while; a ramp lets the JIT catch up instead of burying it in a backlog.
      int phase = Math.max(1, options.warmupSeconds() / 3);
      for (int share = options.warmupSeconds() >= 3 ? 4 : 1; share >= 1; share /= 2) {
        acceptedTotal += step((double) options.warmupRate() / share, phase).accepted;
      }
    }

    Search search = options.finalRate() > 0 ? new Search(null, 0) : search();
    StepResult best = search.best();
    acceptedTotal += search.accepted();
    double rate = best == null ? options.finalRate() : FINAL_SHARE * best.acceptedPerSecond();

    FinalRun at80 = finalRun(baseUrl, rate);
    acceptedTotal += at80.counted().accepted;
    if (noisy(at80.result())) {
      say("  the final run was noisy: repeating it once and keeping the quieter of the two");
      FinalRun again = finalRun(baseUrl, rate);
      acceptedTotal += again.counted().accepted;
      if (quieter(again.result(), at80.result())) {
        at80 = again;
      }
    }
    long stored = db.storedReports();
    StepResult floor = null;
    if (options.floorSeconds() > 0 && options.url() == null) {
      // the server is done with: its timers and collections would otherwise run beside the floor's
      stopServer();
      floor = new FloorStep(vertx, serverConfig, this::deployShooters, this::step, IngestBench::say)
          .measure(at80.result().offered, options.floorSeconds());
    }

    BenchTable table = new BenchTable(options, serverConfig, baseUrl, ceiling, ceilingCpu, best, at80.result(), at80.counted(),
        at80.commits(), at80.batches(), floor, stored, acceptedTotal);
    String text = table.render();
    System.out.println();
    System.out.print(text);
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target/bench-ingest.txt"), text);
    say("written to target/bench-ingest.txt");
    return stored >= acceptedTotal ? 0 : 3;
  }

  /** The step search's best step (null when not searched), and how many reports its steps had accepted. */
  private record Search(StepResult best, long accepted) {
  }

  private Search search() throws InterruptedException {
    say(String.format("rate search: from %,d/s, x%.2f per %d s step; sustained = accepted >= 95 %% of offered and p99 < 1 s",
        options.startRate(), options.stepFactor(), options.stepSeconds()));
    StepResult best = null;
    long searched = 0;
    boolean retried = false;
    for (double rate = options.startRate(); ; rate *= options.stepFactor()) {
      StepResult result = step(rate, options.stepSeconds());
      searched += result.accepted;
      if (best == null || result.acceptedPerSecond() > best.acceptedPerSecond()) {
        best = result;
      }
      if (!result.sustained() && noisy(result) && !retried) {
        // Only when the shortfall may be a neighbour's doing, and only once: on a quiet machine the rule is strict.
        say("  not sustained while other processes were busy: retrying this step once");
        retried = true;
        rate /= options.stepFactor();
        continue;
      }
      if (!result.sustained()) {
        say("  not sustained: the search stops here");
        break;
      }
    }
    return new Search(best, searched);
  }

  /** The measured run; and, for the commit counts, it with its lead-in, over which the counters ran. */
  private record FinalRun(StepResult result, StepResult counted, long commits, CommitBatches.Count batches) {
  }

  /** The latency run; commits are counted around it once PostgreSQL has published every backend's counters. */
  private FinalRun finalRun(String baseUrl, double rate) throws InterruptedException {
    say(String.format("letting PostgreSQL's statistics settle (%d s)", STATS_SETTLE_MS / 1000));
    Thread.sleep(STATS_SETTLE_MS);
    long commitsBefore = db.commits();
    CommitBatches.Count batchesBefore = CommitBatches.read(baseUrl);
    List<StepResult> counted = new ArrayList<>();
    if (options.finalLeadInSeconds() > 0) {
      say(String.format("lead-in (not measured): %,.0f/s for %d s", rate, options.finalLeadInSeconds()));
      counted.add(step(rate, options.finalLeadInSeconds()));
    }
    say(String.format("final run: %s, %,.0f/s for %d s", options.finalRate() > 0 ? "the rate asked (--final-rate)"
        : String.format("%.0f %% of the maximum", FINAL_SHARE * 100), rate, options.finalSeconds()));
    StepResult result = step(rate, options.finalSeconds());
    counted.add(result);
    say("  answers slower than 50 ms, by when they were sent: " + result.stalls(50));
    CommitBatches.Count batches = CommitBatches.read(baseUrl).minus(batchesBefore);
    Thread.sleep(STATS_SETTLE_MS);
    StepResult all = StepResult.merge(rate, counted.stream().mapToDouble(r -> r.seconds).sum(), counted);
    return new FinalRun(result, all, db.commits() - commitsBefore, batches);
  }

  /** The generators, the connections split between them. */
  private List<Shooter> deployShooters(String url) {
    List<Shooter> deployed = new ArrayList<>();
    int per = options.connections() / options.generators();
    for (int i = 0; i < options.generators(); i++) {
      Shooter shooter = new Shooter(url, i == 0 ? options.connections() - per * (options.generators() - 1) : per);
      vertx.deployVerticle(shooter).await();
      deployed.add(shooter);
    }
    return deployed;
  }

  private void stopServer() {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  private static boolean quieter(StepResult a, StepResult b) {
    if (a.cpu == null || b.cpu == null || a.cpu.postgresRestarted() != b.cpu.postgresRestarted()) {
      return a.cpu != null && !a.cpu.postgresRestarted();
    }
    return a.cpu.other() < b.cpu.other();
  }

  /** Other processes took a noticeable share of the machine, or PostgreSQL was restarted under the step. */
  private static boolean noisy(StepResult result) {
    return result.cpu != null && (result.cpu.other() > NOISY_OTHER_CPU || result.cpu.postgresRestarted());
  }

  /** One fixed-rate run across all generators; CPU is sampled over the offered window only. */
  private StepResult step(double rate, int seconds) throws InterruptedException {
    return step(shooters, cpu, rate, seconds);
  }

  /** The same against other generators, with another process as the server. */
  private StepResult step(List<Shooter> shooters, CpuSampler cpu, double rate, int seconds) throws InterruptedException {
    List<Future<StepResult>> parts = new ArrayList<>();
    CpuSampler.Sample from = cpu.sample();
    for (Shooter shooter : shooters) {
      parts.add(shooter.run(rate / shooters.size(), seconds, DRAIN_MS));
    }
    Thread.sleep(seconds * 1000L);
    CpuSampler.Split split = cpu.between(from, cpu.sample());
    List<StepResult> results = new ArrayList<>();
    for (Future<StepResult> part : parts) {
      results.add(part.await());
    }
    StepResult result = StepResult.merge(rate, seconds, results);
    result.cpu = split;
    say("  " + result.summary());
    say("    " + split + (result.sustained() ? "" : "   (not sustained)"));
    say("    CPU per accepted report: " + split.perReport(result.acceptedPerSecond()));
    if (split.other() > NOISY_OTHER_CPU) {
      say(String.format("    WARNING: %.0f %% of a core went to processes outside the benchmark; this step is noisy", split.other()));
    }
    long waitStart = System.nanoTime();
    if (!db.awaitServerIdle(60_000)) {
      say("    WARNING: the server was still writing 60 s after the step");
    } else if (result.unfinished > 0) {
      say(String.format("    the server finished its backlog %.1f s after the step", (System.nanoTime() - waitStart) / 1e9));
    }
    return result;
  }

  private static void say(String line) {
    System.out.println(line);
    System.out.flush();
  }
}
