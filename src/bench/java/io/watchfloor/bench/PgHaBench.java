package io.watchfloor.bench;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.watchfloor.TestDatabase;
import io.watchfloor.TestTown;
import io.watchfloor.cluster.ClusterFaultNode;
import io.watchfloor.cluster.ClusterFaultScreen;
import io.watchfloor.pgha.PgHaLoad;
import io.watchfloor.pgha.PgHaRound;
import io.watchfloor.pgha.PgHaServer;
import io.watchfloor.pgha.PgHaTier;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The data tier's figures (bench/pg-ha.sh, docs/benchmarks.md#data-tier), in one run: (a) the most reports/s one
 * server takes through HAProxy with a synchronous standby, against the same server on a plain database of the
 * PostgreSQL on 5432, in alternating windows, as a ratio: synchronous replication's cost on this machine;
 * (b) the primary killed under load, {@code kills} times: the time without a primary (from the kill until a
 * report sent after it is acknowledged, and until HAProxy's port takes a write), the reports lost or stored
 * twice, and the time until every screen equals the store. The tier, the load and the screens are
 * PgFailoverTest's (io.watchfloor.pgha). Not a test. Writes the table to target/bench/pg-ha.txt.
 */
public final class PgHaBench {
  private static final Path DIR = Path.of("target/pg-ha-bench");
  private static final String SINGLE_DB = "wf_bench_pg_ha";

  private final Map<String, Integer> options;
  private final Vertx vertx = Vertx.vertx();
  private final List<String[]> rows = new ArrayList<>();

  private PgHaBench(Map<String, Integer> options) {
    this.options = options;
  }

  public static void main(String[] args) throws Exception {
    Map<String, Integer> options = new LinkedHashMap<>(Map.of("kills", 5, "load", 200, "screens", 2, "window-s", 20,
        "windows", 2, "warmup-s", 60, "loops", 64, "nodes", 3, "ingest-nodes", 2, "strict", 1));
    options.put("ingest", 1);
    for (int i = 0; i < args.length; i += 2) {
      String key = args[i].replaceFirst("^--", "");
      if (!options.containsKey(key) || i + 1 >= args.length) {
        System.err.println("usage: bench/pg-ha.sh [--kills N] [--load R] [--screens N] [--window-s S] [--windows N]"
            + " [--warmup-s S] [--loops N] [--nodes 2|3] [--ingest-nodes 2|3] [--strict 0|1] [--ingest 0|1]");
        System.exit(64);
      }
      options.put(key, Integer.parseInt(args[i + 1]));
    }
    int code = 0;
    PgHaBench bench = new PgHaBench(options);
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

  /** No per-unit rate limit (the ingest windows post as fast as the server answers), escalation out of the way. */
  private static JsonObject overrides() {
    return new JsonObject().put("http", new JsonObject().put("host", "127.0.0.1"))
        .put("ingest", new JsonObject().put("rate-limit", new JsonObject().put("per-second", 10_000_000).put("burst", 10_000_000)))
        .put("store", new JsonObject().put("pg", new JsonObject().put("connect-timeout-ms", 1000))
            .put("group-commit", new JsonObject().put("max-queued-per-unit", 20_000)))
        .put("alerts", new JsonObject().put("escalate-critical-after", "PT1H"));
  }

  private void run() throws Exception {
    // the kills first, while the report table is small (the screens' check sums the day's reports each time), on
    // a tier whose primary keeps a synchronous standby after a kill: with two nodes and synchronous_mode_strict,
    // writes wait for the killed node to come back
    say("(b) the data tier for the kills: " + options.get("nodes") + " nodes, strict " + options.get("strict"));
    try (PgHaTier tier = PgHaTier.start(DIR.resolve("kills"), options.get("nodes"), options.get("strict") == 1)) {
      say("  " + tier.status());
      ClusterFaultNode ha = PgHaServer.start("ha", DIR.resolve("kills"), tier.url("watchfloor"), overrides());
      try {
        kills(tier, ha);
      } finally {
        ha.close();
      }
    }
    if (options.get("ingest") == 1) {
      ingestOnTier();
    }
    rows.sort(java.util.Comparator.comparing(r -> r[0].substring(0, 3))); // (a) before (b), as documented
    StringBuilder table = new StringBuilder("## Watchfloor data tier benchmark\n\n")
        .append(String.format("%s, %d cores, server JVM %s, options %s%n%n| figure | value |%n| --- | --- |%n",
            OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS), Runtime.getRuntime().availableProcessors(),
            System.getProperty("watchfloor.node.jvm", "(the fault test's)"), options));
    rows.forEach(r -> table.append("| ").append(r[0]).append(" | ").append(r[1]).append(" |\n"));
    System.out.println();
    System.out.print(table);
    Files.createDirectories(Path.of("target/bench"));
    Files.writeString(Path.of("target/bench/pg-ha.txt"), table);
    say("written to target/bench/pg-ha.txt; logs under " + DIR);
  }

  /** (a) On the tier as it ships: a primary and one synchronous standby; and a server on 5432 beside it. */
  private void ingestOnTier() throws Exception {
    say("(a) the data tier for ingest: " + options.get("ingest-nodes") + " nodes, strict " + options.get("strict"));
    try (PgHaTier tier = PgHaTier.start(DIR.resolve("ingest"), options.get("ingest-nodes"), options.get("strict") == 1)) {
      say("  " + tier.status());
      ClusterFaultNode ha = PgHaServer.start("ha", DIR.resolve("ingest"), tier.url("watchfloor"), overrides());
      ClusterFaultNode single = null;
      try {
        single = PgHaServer.start("single", DIR.resolve("ingest"), TestDatabase.fresh(SINGLE_DB), overrides());
        ingest(single, ha);
      } finally {
        ha.close();
        if (single != null) {
          single.close();
        }
        TestDatabase.run("DROP DATABASE IF EXISTS " + TestDatabase.name(SINGLE_DB) + " WITH (FORCE)");
      }
    }
  }

  /**
   * (a) Both servers warmed, then windows in the order single, HA, HA, single (repeated), each posting from
   * {@code loops} connections as fast as answers come: neither side gets the drift of the machine or the JIT.
   */
  private void ingest(ClusterFaultNode single, ClusterFaultNode ha) {
    PgHaLoad.Unit unit = PgHaLoad.units().get(0); // a checkpoint unit
    List<JsonObject> sites = unit.sites().stream().map(id -> new JsonObject().put("id", id).put("kind", unit.kind())).toList();
    for (ClusterFaultNode node : List.of(single, ha)) {
      say("(a) warm-up of " + node.name + " for " + options.get("warmup-s") + " s");
      window(node, sites, options.get("warmup-s"));
    }
    List<Double> singleRates = new ArrayList<>();
    List<Double> haRates = new ArrayList<>();
    for (int w = 0; w < options.get("windows"); w++) {
      for (ClusterFaultNode node : w % 2 == 0 ? List.of(single, ha, ha, single) : List.of(ha, single, single, ha)) {
        double rate = window(node, sites, options.get("window-s"));
        say(String.format("  %s: %,.0f reports/s", node.name, rate));
        (node == ha ? haRates : singleRates).add(rate);
      }
    }
    double singleMean = mean(singleRates);
    double haMean = mean(haRates);
    row("(a) ingest, one server on a plain database of the PostgreSQL on 5432", String.format("%,.0f reports/s (windows %s)",
        singleMean, rates(singleRates)));
    row("(a) ingest, the same server through HAProxy, primary with a synchronous standby", String.format(
        "%,.0f reports/s (windows %s)", haMean, rates(haRates)));
    row("(a) HA ÷ single (synchronous replication's cost)", String.format("%.0f %% (target ≥ 70 %%)", 100 * haMean / singleMean));
  }

  private double window(ClusterFaultNode node, List<JsonObject> sites, int seconds) {
    IngestPump pump = new IngestPump(vertx, node.httpPort, sites, PgHaLoad.units().get(0).token(), options.get("loops"));
    ClusterFaultNode.sleep(seconds * 1000L);
    double rate = pump.stop();
    pump.close();
    return rate;
  }

  /** (b) The primary killed {@code kills} times under load, the killed node revived as the standby between kills. */
  private void kills(PgHaTier tier, ClusterFaultNode ha) {
    List<ClusterFaultScreen> screens = new ArrayList<>();
    for (int i = 0; i < options.get("screens"); i++) {
      screens.add(new ClusterFaultScreen(vertx, "screen " + i, ha.httpPort, ha.httpPort, "key=" + TestTown.DISPLAY_KEY).start());
    }
    List<Double> writesBack = new ArrayList<>();
    List<Double> primaryBack = new ArrayList<>();
    List<Double> screensEqual = new ArrayList<>();
    long lost = 0;
    long doubled = 0;
    long acknowledged = 0;
    try {
      for (int k = 1; k <= options.get("kills"); k++) {
        for (int node = 1; node <= tier.nodes; node++) {
          if (!tier.nodesUp().contains(node)) {
            tier.revive(node);
          }
        }
        say("(b) kill " + k + " under " + options.get("load") + " reports/s: " + tier.status());
        PgHaRound round = PgHaRound.begin(vertx, ha.baseUrl(), tier.url("watchfloor"), screens, options.get("load"));
        try {
          round.fault(tier::killPrimary);
          long killed = System.nanoTime();
          CompletableFuture<Long> writable = CompletableFuture.supplyAsync(() -> {
            while (!tier.writable(vertx) && System.nanoTime() - killed < 120_000_000_000L) {
              ClusterFaultNode.sleep(50);
            }
            return System.nanoTime();
          });
          round.awaitWritesBack(Duration.ofSeconds(60));
          round.settle(Duration.ofSeconds(60), Duration.ofSeconds(30));
          PgHaRound.Result result = round.result();
          say("  " + result.summary());
          writesBack.add(seconds(result.refused()));
          primaryBack.add((writable.join() - result.struck()) / 1e9);
          screensEqual.add(seconds(result.screensEqualAfterFault()));
          lost += result.notStoredOnce().size();
          doubled += result.idsStoredTwice();
          acknowledged += result.acknowledged();
        } finally {
          round.close();
        }
      }
    } finally {
      screens.forEach(ClusterFaultScreen::close);
    }
    row("(b) kill-primary under " + options.get("load") + " reports/s: writes refused (the last acknowledgement before the"
        + " kill to the first after it), median / worst of " + writesBack.size(), medianWorst(writesBack) + " (target worst ≤ 15 s)");
    row("(b) kill-primary: from the kill until HAProxy's port reaches a primary (not in recovery), median / worst",
        medianWorst(primaryBack));
    row("(b) kill-primary: until every screen (" + screens.size() + ") equals the store, resends included, median / worst",
        medianWorst(screensEqual));
    row("(b) acknowledged reports lost or stored twice", lost + " / " + doubled + " of " + acknowledged + " (target 0)");
  }

  private static double seconds(Duration d) {
    return d == null ? Double.NaN : d.toNanos() / 1e9;
  }

  private static String medianWorst(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    if (sorted.isEmpty()) {
      return "none";
    }
    double median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
        : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
    return String.format("%.1f / %.1f s (each: %s)", median, sorted.get(sorted.size() - 1),
        values.stream().map(v -> String.format("%.1f", v)).collect(java.util.stream.Collectors.joining(", ")));
  }

  private static double mean(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }

  private static String rates(List<Double> values) {
    return values.stream().map(v -> String.format("%,.0f", v)).collect(java.util.stream.Collectors.joining(", "));
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
