package io.watchfloor.bench;

import io.vertx.core.json.JsonObject;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;

/** The final figures, as a Markdown table that can be pasted into the README unchanged. */
final class BenchTable {
  private final BenchOptions options;
  private final JsonObject config;
  private final String baseUrl;
  private final double ceiling;
  private final CpuSampler.Split ceilingCpu;
  private final StepResult best;
  private final StepResult at80;
  /** The final run with its lead-in: what the commit counters saw. */
  private final StepResult at80Counted;
  private final long commits;
  private final CommitBatches.Count batches;
  /** The final run's rate against a bare Vert.x HTTP server, or null if not measured. */
  private final StepResult floor;
  private final long stored;
  private final long acknowledged;

  BenchTable(BenchOptions options, JsonObject config, String baseUrl, double ceiling, CpuSampler.Split ceilingCpu,
             StepResult best, StepResult at80, StepResult at80Counted,
             long commits, CommitBatches.Count batches, StepResult floor, long stored, long acknowledged) {
    this.options = options;
    this.config = config;
    this.baseUrl = baseUrl;
    this.ceiling = ceiling;
    this.ceilingCpu = ceilingCpu;
    this.best = best;
    this.at80 = at80;
    this.at80Counted = at80Counted;
    this.commits = commits;
    this.batches = batches;
    this.floor = floor;
    this.stored = stored;
    this.acknowledged = acknowledged;
  }

  String render() {
    // without a search (--final-rate) there is no maximum, and the final run is at the rate asked
    double max = best == null ? Double.NaN : best.acceptedPerSecond();
    double ratio = max / ceiling * 100;
    String at = at();
    double p99 = at80.percentileMs(99);
    StringBuilder out = new StringBuilder();
    out.append("## Watchfloor durable ingest benchmark\n\n");
    out.append(String.format("%s, %d cores (server, PostgreSQL and load generator on the same machine), %s%n",
        OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS), Runtime.getRuntime().availableProcessors(), setup()));
    out.append("\n| figure | value |\n| --- | --- |\n");
    row(out, "PostgreSQL ceiling (1 connection, " + options.ceilingBatch() + "-row INSERT … FROM unnest(…) per commit)",
        String.format("%,.0f rows/s", ceiling));
    row(out, "PostgreSQL ceiling: CPU, % of one core", Double.isNaN(ceilingCpu.total()) ? "n/a" : cpuText(ceilingCpu));
    if (best != null) {
      row(out, "max accepted (step search)", String.format("%,.0f reports/s (offered %,.0f/s)", max, best.offered));
      row(out, "max ÷ ceiling", String.format("%.0f %%", ratio));
    }
    row(out, at + ": offered", String.format("%,.0f reports/s for %.0f s", at80.offered, at80.seconds));
    row(out, at + ": accepted", String.format("%,.0f reports/s", at80.acceptedPerSecond()));
    row(out, at + ": p50 / p99 / p99.9 / max", String.format("%.1f / %.1f / %.1f / %.1f ms",
        at80.percentileMs(50), p99, at80.percentileMs(99.9), at80.latency.getMaxValue() / 1000.0));
    row(out, at + ": rows per commit", commits <= 0 ? "n/a"
        : String.format("%.1f (%,d reports accepted ÷ %,d commits, lead-in included)", (double) at80Counted.accepted / commits,
            at80Counted.accepted, commits));
    row(out, at + ": reports per batch insert (the server's group committer)", batches.text());
    row(out, at + ": commits/s", String.format("%,.0f", commits / at80Counted.seconds));
    row(out, at + ": not 201", at80.otherText());
    if (best != null) {
      row(out, "search, best step: not 201", best.otherText());
    }
    row(out, at + ": CPU, % of one core", at80.cpu == null ? "n/a" : cpuText(at80.cpu));
    row(out, at + ": CPU per accepted report", at80.cpu == null ? "n/a" : at80.cpu.perReport(at80.acceptedPerSecond()));
    costRows(out);
    if (best != null) {
      row(out, "search, best step: CPU, % of one core", best.cpu == null ? "n/a" : cpuText(best.cpu));
      if (best.cpu != null) {
        row(out, "search, best step: CPU per accepted report", best.cpu.perReport(max));
        double bound = best.cpu.cpuBoundRate(max);
        row(out, "search, best step: CPU-bound rate if nothing else ran",
            Double.isNaN(bound) ? "n/a" : String.format("%,.0f reports/s", bound));
      }
    }
    row(out, "rows stored ≥ 201s acknowledged", String.format("%,d ≥ %,d: %s", stored, acknowledged,
        stored >= acknowledged ? "yes" : "NO, ACKNOWLEDGED REPORTS ARE MISSING"));
    out.append("\nTargets (docs/benchmarks.md): ");
    if (best != null) {
      out.append(verdict(max >= 20_000, String.format("≥ 20,000 reports/s (%,.0f)", max))).append("; ")
          .append(verdict(ratio >= 60, String.format("≥ 60 %% of ceiling (%.0f %%)", ratio))).append("; ")
          .append(verdict(p99 < 25, String.format("p99 < 25 ms at 80 %% (%.1f ms)", p99))).append("\n");
    } else {
      out.append("none judged: no search, so no maximum and no 80 % of it (--final-rate)\n");
    }
    out.append("\nLatency runs from each request's scheduled send time (open loop, no coordinated omission). ")
        .append("Commits are pg_stat_database.xact_commit of the bench database over the final run; ")
        .append("they include a few of the benchmark's own statistics queries.\n");
    return out.toString();
  }

  /**
   * The CPU a report costs the server and PostgreSQL, against what a row costs PostgreSQL at its own ceiling; and
   * the same for the bare HTTP server, whose requests cost PostgreSQL nothing: the least the first can come to
   * while each report is an HTTP request of its own (counted at the ceiling's cost of a row).
   */
  private void costRows(StringBuilder out) {
    double pgPerRow = CpuSampler.microsEach(ceilingCpu.postgres(), ceiling);
    if (at80.cpu == null || Double.isNaN(pgPerRow) || Double.isNaN(at80.cpu.server()) || Double.isNaN(at80.cpu.postgres())) {
      return;
    }
    double rate = at80.acceptedPerSecond();
    double perReport = CpuSampler.microsEach(at80.cpu.server() + at80.cpu.postgres(), rate);
    row(out, at() + ": (server + PostgreSQL CPU per report) ÷ PostgreSQL's CPU per row at its ceiling",
        String.format("%.1f (%.0f µs ÷ %.1f µs)", perReport / pgPerRow, perReport, pgPerRow));
    if (floor == null || floor.cpu == null || Double.isNaN(floor.cpu.server())) {
      return;
    }
    double floorPerRequest = CpuSampler.microsEach(floor.cpu.server(), floor.acceptedPerSecond());
    row(out, "floor: a bare Vert.x HTTP server answering 201, the same rate and generator: p50 / p99 / max",
        String.format("%.1f / %.1f / %.1f ms (%,.0f answered/s; not 201: %s)", floor.percentileMs(50), floor.percentileMs(99),
            floor.latency.getMaxValue() / 1000.0, floor.acceptedPerSecond(), floor.otherText()));
    row(out, "floor: its CPU per request; the ratio above with it as the server and a row at PostgreSQL's ceiling",
        String.format("%.0f µs (generator %.0f µs); %.1f", floorPerRequest, CpuSampler.microsEach(floor.cpu.generator(), floor.acceptedPerSecond()),
            (floorPerRequest + pgPerRow) / pgPerRow));
  }

  /** What the final run's rows are called: without a search (--final-rate) there is no maximum to be 80 % of. */
  private String at() {
    return best == null ? "at the rate asked" : "at 80 % of max";
  }

  private String setup() {
    String common = String.format("%d HTTP/1.1 connections, %d generator loop(s), %s", options.connections(),
        options.generators(), baseUrl);
    if (options.url() != null) {
      return common + " (server started elsewhere)";
    }
    JsonObject store = config.getJsonObject("store", new JsonObject());
    JsonObject group = store.getJsonObject("group-commit", new JsonObject());
    JsonObject pg = store.getJsonObject("pg", new JsonObject());
    return String.format("%s; %s: http instances %d, pg pool %d, group commit max-batch %d, max-in-flight %d",
        common, options.serverConfig(), config.getJsonObject("http").getInteger("instances", Runtime.getRuntime().availableProcessors()),
        pg.getInteger("pool-size", 8), group.getInteger("max-batch", 500), group.getInteger("max-in-flight", 4));
  }

  private static String cpuText(CpuSampler.Split cpu) {
    String text = String.format("server %s, postgres %s, generator %.0f, other processes %.0f",
        orNa(cpu.server()), orNa(cpu.postgres()), cpu.generator(), Math.max(0, cpu.other()));
    if (cpu.postgresRestarted()) {
      text += " (PostgreSQL was RESTARTED in this window)";
    }
    return cpu.other() > IngestBench.NOISY_OTHER_CPU ? text + " (NOISY: the machine was not quiet)" : text;
  }

  private static String orNa(double value) {
    return Double.isNaN(value) ? "n/a" : String.format("%.0f", value);
  }

  private static void row(StringBuilder out, String name, String value) {
    out.append("| ").append(name).append(" | ").append(value).append(" |\n");
  }

  private static String verdict(boolean met, String what) {
    return (met ? "met " : "MISSED ") + what;
  }
}
