package io.watchfloor.bench;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.watchfloor.TestTown;
import io.watchfloor.cluster.ClusterFaultHttp;
import io.watchfloor.cluster.ClusterFaultNode;
import io.watchfloor.cluster.ClusterFaultPicture;
import io.watchfloor.cluster.ClusterFaultReporter;
import io.watchfloor.cluster.ClusterFaultRig;
import io.watchfloor.cluster.ClusterFaultScreen;
import io.watchfloor.cluster.ClusterFaultStore;
import org.HdrHistogram.Histogram;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The cluster row of the targets (docs/benchmarks.md), in one run (bench/cluster.sh): (a) the highest sustained ingest of one node
 * unclustered and as a cluster of one, twice each, and their ratio, then of the same node as a member of a three-node
 * cluster; (b) a report
 * posted on node A to its alert frame on screens of node B, p50/p99; (c) a kill -9 under load: how long
 * until every screen of the survivors equals the store, and until the dead node's screens have a snapshot
 * again through HAProxy. Nodes, HAProxy and screens are the cluster fault test's (io.watchfloor.cluster).
 * Not a test. Prints a Markdown table and writes it to target/bench-cluster.txt.
 */
public final class ClusterBench {
  private static final String DESK = "pd-jinpen";
  private static final ZoneId TOWN_ZONE = ZoneId.of("Asia/Shanghai");
  private static final Path DIR = Path.of("target/cluster-bench");

  private final Map<String, Integer> options;
  private final Vertx vertx = Vertx.vertx();
  private final List<String[]> rows = new ArrayList<>();

  private ClusterBench(Map<String, Integer> options) {
    this.options = options;
  }

  public static void main(String[] args) throws Exception {
    Map<String, Integer> options = new java.util.LinkedHashMap<>(Map.of("step-s", 5, "start-rate", 1000, "alerts", 300,
        "screens", 4, "load", 200, "ingest", 1, "warmup-s", 90));
    for (int i = 0; i + 1 < args.length; i += 2) {
      String key = args[i].replaceFirst("^--", "");
      if (!options.containsKey(key)) {
        System.err.println("usage: bench/cluster.sh [--step-s S] [--start-rate R] [--alerts N] [--screens PER_NODE] [--load R]"
            + " [--warmup-s S] [--ingest 0|1]");
        System.exit(64);
      }
      options.put(key, Integer.parseInt(args[i + 1]));
    }
    int code = 0;
    ClusterBench bench = new ClusterBench(options);
    try {
      bench.run();
    } catch (Exception e) {
      System.err.println("benchmark failed: " + e);
      e.printStackTrace();
      code = 1;
    } finally {
      bench.vertx.close().await();
    }
    System.exit(code);
  }

  /** The bench's server settings (no per-unit rate limit, the group commit it measures) over the test's copy of config/. */
  private static JsonObject overrides() throws java.io.IOException {
    JsonObject bench = new JsonObject(Files.readString(Path.of("bench/application.json")));
    JsonObject store = bench.getJsonObject("store").copy();
    store.getJsonObject("pg").remove("url");
    return new JsonObject().put("http", new JsonObject().put("host", "127.0.0.1"))
        .put("ingest", bench.getJsonObject("ingest")).put("store", store).put("alerts", bench.getJsonObject("alerts"));
  }

  private void run() throws Exception {
    // The cost of clustering itself (Hazelcast, the cluster-wide pokes, the commit tail), without two more JVMs
    // on the same two cores: the same node unclustered and as the one member of a cluster. Twice each, in the
    // order A B B A, each on a fresh node and database warmed up first, so neither side gets the drift.
    List<StepResult> alone = new ArrayList<>();
    List<StepResult> single = new ArrayList<>();
    for (boolean clustered : options.get("ingest") == 0 ? List.<Boolean>of() : List.of(false, true, true, false)) {
      say("(a) ingest: one node, " + (clustered ? "a cluster of one" : "unclustered"));
      try (ClusterFaultRig rig = ClusterFaultRig.start("wf_bench_cluster", DIR.resolve(clustered ? "single" : "alone"), 1,
          clustered, overrides(), false)) {
        (clustered ? single : alone).add(maxIngest(rig.nodes.get(0).baseUrl()));
      }
    }
    try (ClusterFaultRig rig = ClusterFaultRig.start("wf_bench_cluster", DIR.resolve("cluster"), 3, true, overrides(), true)) {
      warmUp(rig);
      // the ingest load fires threshold alerts by the thousand; measured last, so their backlog cannot slow (b) and (c)
      alertLatency(rig);
      killUnderLoad(rig);
      if (!alone.isEmpty()) { // not with --ingest 0: (b) and (c) only
        ingestRows(alone, single, rig);
      }
    }
    rows.sort(java.util.Comparator.comparing(r -> r[0].substring(0, 3)));
    StringBuilder table = new StringBuilder("## Watchfloor cluster benchmark\n\n")
        .append(String.format("%s, %d cores, nodes %s, options %s%n%n| figure | value |%n| --- | --- |%n",
            OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS), Runtime.getRuntime().availableProcessors(),
            System.getProperty("watchfloor.node.jvm", "(the fault test's)"), options));
    rows.forEach(r -> table.append("| ").append(r[0]).append(" | ").append(r[1]).append(" |\n"));
    System.out.println();
    System.out.print(table);
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target/bench-cluster.txt"), table);
    say("written to target/bench-cluster.txt; node logs under " + DIR);
  }

  private void ingestRows(List<StepResult> alone, List<StepResult> single, ClusterFaultRig rig) {
    say("(a) ingest: node1 of the three-node cluster (the other two idle but members)");
    StepResult member = maxIngest(rig.nodes.get(0).baseUrl());
    StepResult bestAlone = best(alone);
    row("(a) ingest, one node unclustered: max sustained, best of 2", rate(bestAlone) + runs(alone));
    row("(a) ingest, the same node as a cluster of one: max sustained, best of 2", rate(best(single)) + runs(single));
    row("(a) ingest, the same node in a 3-node cluster: max sustained", rate(member));
    row("(a) cluster of one ÷ unclustered (the cost of clustering)", String.format("%.0f %% (target ≥ 90 %%)",
        100 * best(single).acceptedPerSecond() / bestAlone.acceptedPerSecond()));
    row("(a) member of three ÷ unclustered (two more nodes on the same 2 cores)", String.format("%.0f %%",
        100 * member.acceptedPerSecond() / bestAlone.acceptedPerSecond()));
  }

  /** Each resend after the kill as "+seconds why → acknowledged +seconds", so a slow failover can be told apart. */
  private static String resendsAfter(ClusterFaultReporter reporter, long killed) {
    return reporter.retries.stream().filter(r -> r.atNanos() >= killed - 1_000_000_000L)
        .map(r -> String.format("+%.2f %s → %s", (r.atNanos() - killed) / 1e9, r.why(),
            reporter.ackedAtNanos.containsKey(r.id())
                ? String.format("+%.2f", (reporter.ackedAtNanos.get(r.id()) - killed) / 1e9) : "unanswered"))
        .collect(java.util.stream.Collectors.joining("; "));
  }

  private static StepResult best(List<StepResult> runs) {
    return runs.stream().max(java.util.Comparator.comparingDouble(StepResult::acceptedPerSecond)).orElseThrow();
  }

  private static String runs(List<StepResult> runs) {
    return runs.stream().map(r -> String.format("%,.0f", r.acceptedPerSecond()))
        .collect(java.util.stream.Collectors.joining(" and ", " (runs: ", "/s)"));
  }

  /** Bench/ingest.sh's open-loop generator, in steps x1.5 from the start rate until a step is not sustained. */
  private StepResult maxIngest(String baseUrl) {
    Shooter shooter = new Shooter(baseUrl, 64);
    vertx.deployVerticle(shooter).await();
    try {
      // long enough for the node's JIT and the generator's own (about 90 s on two cores), so no step measures them
      int warmUpS = Math.max(options.get("step-s"), options.get("warmup-s"));
      say("  warm-up " + shooter.run(options.get("start-rate"), warmUpS, 5000).await().summary());
      StepResult best = null;
      boolean sustainedOnce = false;
      double rate = options.get("start-rate");
      while (rate < 1_000_000) {
        StepResult step = shooter.run(rate, options.get("step-s"), 5000).await();
        say("  " + step.summary());
        if (best == null || step.acceptedPerSecond() > best.acceptedPerSecond()) {
          best = step;
        }
        if (step.sustained()) {
          sustainedOnce = true;
          rate *= 1.5;
        } else if (!sustainedOnce && rate > 50) {
          rate /= 2; // the start was above what this machine sustains now: look below it instead
        } else {
          break;
        }
      }
      return best;
    } finally {
      vertx.undeploy(shooter.deploymentID()).await();
    }
  }

  /**
   * The failover's load through HAProxy, unmeasured, before (b) and (c): a fresh node's JIT compilers take half of
   * these two cores for a minute or more, and a kill then measures the compilers and the reporter's backlog behind
   * them, not the failover (docs/benchmarks.md, "Warm, not cold").
   */
  private void warmUp(ClusterFaultRig rig) {
    say("warm-up: " + options.get("load") + " reports/s through HAProxy for " + options.get("warmup-s") + " s");
    ClusterFaultReporter reporter = new ClusterFaultReporter(vertx, rig.haproxy.baseUrl(), options.get("load")).start();
    ClusterFaultNode.sleep(1000L * options.get("warmup-s"));
    reporter.stop();
    reporter.awaitDrained(Duration.ofSeconds(30));
    say("  " + reporter.acknowledged.size() + " acknowledged");
    reporter.close();
  }

  /** (b) Reports one at a time on node1; each adds one to the alert's count, which node2's screens show in an alert frame. */
  private void alertLatency(ClusterFaultRig rig) throws Exception {
    ClusterFaultNode a = rig.nodes.get(0);
    ClusterFaultNode b = rig.nodes.get(1);
    say("(b) alert latency: reports on " + a.name + ", alert frames on " + options.get("screens") + " screens of " + b.name);
    List<Map<Long, Long>> seen = new ArrayList<>();
    List<ClusterFaultScreen> screens = new ArrayList<>();
    for (int i = 0; i < options.get("screens"); i++) {
      Map<Long, Long> arrivals = new ConcurrentHashMap<>();
      ClusterFaultScreen screen = new ClusterFaultScreen(vertx, "b" + i, b.httpPort, rig.haproxy.port,
          "key=" + TestTown.DISPLAY_KEY).start();
      screen.onAlert(alert -> {
        if (DESK.equals(alert.getString("subject"))) {
          arrivals.putIfAbsent(alert.getLong("count"), System.nanoTime());
        }
      });
      seen.add(arrivals);
      screens.add(screen);
    }
    awaitSnapshots(screens);
    Histogram latency = new Histogram(60_000_000L, 3);
    int missed = 0;
    int unseenInARow = 0;
    int posted = 0;
    for (int k = 1; k <= options.get("alerts") && unseenInARow < 5; k++) {
      posted++;
      long sent = System.nanoTime();
      int status = ClusterFaultHttp.postReport(a.baseUrl(), TestTown.PETITIONS, critical());
      long count = k;
      long deadline = sent + 5_000_000_000L;
      while (System.nanoTime() < deadline && !seen.stream().allMatch(m -> m.keySet().stream().anyMatch(c -> c >= count))) {
        Thread.sleep(1);
      }
      boolean anywhere = false;
      for (Map<Long, Long> m : seen) {
        Long at = m.entrySet().stream().filter(e -> e.getKey() >= count).map(Map.Entry::getValue).min(Long::compare).orElse(null);
        if (status != 201 || at == null) {
          missed++;
        } else {
          anywhere = true;
          latency.recordValue(Math.max(1, (at - sent) / 1000));
        }
      }
      unseenInARow = anywhere ? 0 : unseenInARow + 1;
    }
    screens.forEach(ClusterFaultScreen::close);
    row("(b) report on node A → alert frame on node B's screens: p50 / p99 / max",
        String.format("%.1f / %.1f / %.1f ms over %d deliveries (%d reports × %d screens), %d missed within 5 s%s",
            latency.getValueAtPercentile(50) / 1000.0, latency.getValueAtPercentile(99) / 1000.0,
            latency.getMaxValue() / 1000.0, latency.getTotalCount(), posted, screens.size(), missed,
            unseenInARow >= 5 ? " (STOPPED: 5 reports in a row reached no screen of node B)" : ""));
  }

  /** (c) Load through HAProxy, screens on every node; kill -9 the evaluator's node and stop making reports at that instant. */
  private void killUnderLoad(ClusterFaultRig rig) {
    ClusterFaultNode victim = rig.evaluator();
    say("(c) kill -9 of " + victim.name + " (the evaluator's) under " + options.get("load") + " reports/s");
    ClusterFaultStore store = new ClusterFaultStore(vertx, rig.pgUrl);
    List<ClusterFaultScreen> survivors = new ArrayList<>();
    List<ClusterFaultScreen> moved = new ArrayList<>();
    for (ClusterFaultNode node : rig.nodes) {
      for (int i = 0; i < options.get("screens"); i++) {
        ClusterFaultScreen screen = new ClusterFaultScreen(vertx, node.name + "-" + i, node.httpPort, rig.haproxy.port,
            "key=" + TestTown.DISPLAY_KEY).start();
        (node == victim ? moved : survivors).add(screen);
      }
    }
    List<ClusterFaultScreen> all = new ArrayList<>(survivors);
    all.addAll(moved);
    awaitSnapshots(all);
    ClusterFaultReporter reporter = new ClusterFaultReporter(vertx, rig.haproxy.baseUrl(), options.get("load")).start();
    ClusterFaultNode.sleep(5000);
    double keptUp = reporter.acknowledged.size() / 5.0; // a new reporter: all it acknowledged came in these 5 s
    long behind = reporter.inFlight();
    long killed = System.nanoTime();
    victim.kill9();
    reporter.stop();
    row("(c) kill -9: the load in the 5 s before it, acknowledged; unanswered at the kill", String.format(
        "%.0f reports/s of %d offered; %d", keptUp, options.get("load"), behind));
    LocalDate day = LocalDate.now(TOWN_ZONE);
    long equalAt = -1;
    long drainedAt = -1;
    long deadline = killed + 30_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (reporter.inFlight() == 0) {
        drainedAt = drainedAt < 0 ? System.nanoTime() : drainedAt;
        ClusterFaultPicture picture = ClusterFaultPicture.read(store, day);
        if (survivors.stream().allMatch(s -> picture.differences(s.name, s.state()).isEmpty())) {
          equalAt = System.nanoTime();
          break;
        }
      }
      ClusterFaultNode.sleep(50);
    }
    // the dead node's screens were measured all along: each records its first snapshot after reconnecting
    long snapshotAt = -1;
    while (System.nanoTime() < killed + 30_000_000_000L) {
      if (moved.stream().allMatch(s -> s.reconnectedSnapshotNanos > killed)) {
        snapshotAt = moved.stream().mapToLong(s -> s.reconnectedSnapshotNanos).max().orElse(killed);
        break;
      }
      ClusterFaultNode.sleep(50);
    }
    say("  (c) the reporter's resends after the kill: " + resendsAfter(reporter, killed));
    Map<String, Long> stored = store.reportIds();
    long lost = reporter.acknowledged.stream().filter(id -> !stored.containsKey(id)).count();
    long doubled = stored.values().stream().filter(n -> n > 1).count();
    all.forEach(ClusterFaultScreen::close);
    reporter.close();
    row("(c) kill -9 under " + options.get("load") + " reports/s: survivors' screens (" + survivors.size()
        + ") equal the store after", equalAt < 0 ? "NOT within 30 s" : seconds(equalAt - killed) + " (target ≤ 2 s)");
    row("(c) kill -9: the reporter's last resend acknowledged after (screens are compared from then on)",
        drainedAt < 0 ? "NOT within 30 s" : seconds(drainedAt - killed));
    row("(c) kill -9: the dead node's screens (" + moved.size() + ") have a snapshot again after",
        snapshotAt < 0 ? "NOT within 30 s" : seconds(snapshotAt - killed));
    row("(c) acknowledged reports lost / stored twice", lost + " / " + doubled + " of " + reporter.acknowledged.size()
        + " acknowledged (" + reporter.resends.get() + " resends; answers " + new java.util.TreeMap<>(reporter.outcomes) + ")");
    long restarting = System.nanoTime();
    victim.restart(Duration.ofSeconds(120));
    rig.haproxy.awaitUp(rig.names(), Duration.ofSeconds(30));
    row("(c) the killed node restarted: ready and back in HAProxy after", seconds(System.nanoTime() - restarting));
  }

  private static void awaitSnapshots(List<ClusterFaultScreen> screens) {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (screens.stream().anyMatch(s -> s.state() == null)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("screens without a snapshot after 30 s");
      }
      ClusterFaultNode.sleep(50);
    }
  }

  private static String critical() {
    String at = OffsetDateTime.now(ZoneOffset.ofHours(8)).minusSeconds(1).truncatedTo(ChronoUnit.SECONDS).toString();
    return TestTown.body(UUID.randomUUID(), DESK, at, new JsonObject().put("petitions_visit", 1)
        .put("escalated_petitions", 1)).encode();
  }

  private static String rate(StepResult step) {
    return String.format("%,.0f reports/s (offered %,.0f/s, p99 %.1f ms)", step.acceptedPerSecond(), step.offered,
        step.percentileMs(99));
  }

  private static String seconds(long nanos) {
    return String.format("%.2f s", nanos / 1e9);
  }

  private void row(String name, String value) {
    rows.add(new String[] {name, value});
    say("  " + name + ": " + value);
  }

  private static void say(String line) {
    System.out.println(line);
    System.out.flush();
  }
}
