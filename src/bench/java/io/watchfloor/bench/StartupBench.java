package io.watchfloor.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;
import io.watchfloor.TestDatabase;
import io.watchfloor.TestTown;
import io.watchfloor.config.StoreConfig;
import io.watchfloor.domain.Report;
import io.watchfloor.domain.Site;
import io.watchfloor.store.PgStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Time to readiness with a year of history on PostgreSQL: the shipped town made busy (each of its 8
 * checkpoints every minute, each petition desk hourly, each sanitation site daily: 12,020 reports a day,
 * 4.4 million a year), each month in its own partition as a server running all year would have left it.
 * Starts the jar as an operator does, several times, and prints the time from the process's start to
 * the first 200 of /health/ready and the rebuild's own figure from its log. Run: bench/startup.sh --help
 *
 * <p>The database watchfloor_startup_bench (with WATCHFLOOR_TEST_DB_SUFFIX's suffix, if set) is kept between runs and topped up to the present minute, since
 * the history must end now for the server's today; {@code --refill} drops it first.
 */
public final class StartupBench {
  static final String DATABASE = TestDatabase.name("watchfloor_startup_bench");
  private static final int PORT = 8095;
  private static final Pattern REBUILT = Pattern.compile("rebuilt \\S+ from (\\d+) stored reports .* in (\\d+) ms");
  private static final Pattern BANNER = Pattern.compile("ready in (\\d+) ms");

  private StartupBench() {
  }

  public static void main(String[] args) throws Exception {
    List<String> given = List.of(args);
    if (given.contains("--help")) {
      System.out.println("bench/startup.sh [--days 365] [--runs 5] [--refill] [--jar target/watchfloor.jar] [--deploy]   (--runs 0: fill only;"
          + " --deploy: through deploy/watchfloor.sh and its class-data archive)");
      return;
    }
    int days = option(given, "--days", 365);
    int runs = option(given, "--runs", 5);
    // as deploy/watchfloor.sh starts it: its first start of a jar writes the class-data archive at its stop
    boolean deployed = given.contains("--deploy");
    String url = database(given.contains("--refill"));
    Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    long added = fill(url, now.minus(Duration.ofDays(days)), now);
    if (added > 0) {
      TestDatabase.execute(DATABASE, "VACUUM ANALYZE");
      // its writes flushed now, not by the checkpointer during the starts measured next
      TestDatabase.execute(DATABASE, "CHECKPOINT");
    }
    long stored = TestDatabase.count(DATABASE, "SELECT count(*) FROM report");
    long oldest = TestDatabase.count(DATABASE, "SELECT (now()::date - min(local_day)) FROM report");
    Path config = config(url);
    Path jar = Path.of(given.contains("--jar") ? given.get(given.indexOf("--jar") + 1) : "target/watchfloor.jar");
    System.out.printf("%n%,d reports over %d days in %s (%,d added now); %d starts of %s%s%n", stored, oldest, DATABASE,
        added, runs, jar, deployed ? " by deploy/watchfloor.sh" : "");
    System.out.printf("%-6s %10s %12s %12s %12s %16s %8s%n", "start", "ready ms", "server CPU ms", "banner ms", "rebuild ms",
        "rebuilt reports", "load");
    if (runs == 0) {
      return;
    }
    // a run directory per jar: the script keeps one jar and its archive there, so two jars alternating keep both
    Path runDir = Path.of("target", "bench-startup", "run-" + jar.getFileName().toString().replace(".jar", ""));
    long[] ready = new long[runs];
    for (int run = 0; run < runs; run++) {
      Path log = Path.of("target", "bench-startup", "server-" + (run + 1) + ".log");
      String load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
      long started = System.nanoTime();
      long cpu;
      try (ServerProcess server = deployed
          ? ServerProcess.startDeployed(jar, config.toString(), runDir, log)
          : ServerProcess.start(jar, config.toString(), log)) {
        awaitReady(server, log);
        ready[run] = (System.nanoTime() - started) / 1_000_000;
        cpu = cpuMillis(server.pid());
      }
      String text = Files.readString(log);
      Matcher rebuilt = REBUILT.matcher(text);
      Matcher banner = BANNER.matcher(text);
      boolean hasRebuilt = rebuilt.find();
      System.out.printf("%-6d %10d %12d %12s %12s %16s %8s%n", run + 1, ready[run], cpu, banner.find() ? banner.group(1) : "?",
          hasRebuilt ? rebuilt.group(2) : "?", hasRebuilt ? rebuilt.group(1) : "?", load);
    }
    Arrays.sort(ready);
    System.out.printf("ready: min %d ms, median %d ms, max %d ms (target < 3000 ms)%n", ready[0], ready[(runs - 1) / 2],
        ready[runs - 1]);
  }

  /** User and system CPU of the process so far (Linux's /proc, in clock ticks of 10 ms): less bent by a busy machine than wall time. */
  private static long cpuMillis(long pid) throws java.io.IOException {
    String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
  }

  private static int option(List<String> given, String name, int fallback) {
    int at = given.indexOf(name);
    return at >= 0 && at + 1 < given.size() ? Integer.parseInt(given.get(at + 1)) : fallback;
  }

  /** Polls often: the figure is the time to the first 200, and 200 ms steps would blur it. */
  private static void awaitReady(ServerProcess server, Path log) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (!ServerProcess.ready("http://127.0.0.1:" + PORT)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("not ready within 120 s; see " + log);
      }
      Thread.sleep(20);
    }
  }

  private static String database(boolean refill) {
    boolean exists = TestDatabase.count("postgres",
        "SELECT count(*) FROM pg_database WHERE datname = '" + DATABASE + "'") > 0;
    if (refill || !exists) {
      return TestDatabase.fresh("watchfloor_startup_bench");
    }
    PgConnectOptions admin = PgConnectOptions.fromUri(TestDatabase.adminUrl());
    return "postgresql://" + admin.getUser() + "@" + admin.getHost() + ":" + admin.getPort() + "/" + DATABASE;
  }

  /** The shipped configuration on this database and port; the town, access and rules files are the shipped ones. */
  private static Path config(String url) throws Exception {
    Path dir = Path.of("target", "bench-startup").toAbsolutePath();
    Files.createDirectories(dir);
    JsonObject app = new JsonObject(Files.readString(Path.of("config", "application.json")));
    app.getJsonObject("http").put("port", PORT);
    app.getJsonObject("store").put("kind", "postgres").getJsonObject("pg").put("url", url);
    Path shipped = Path.of("config").toAbsolutePath();
    for (String file : List.of("town", "access", "rules", "case-limits")) {
      app.getJsonObject(file).put("file", shipped.resolve(file + ".json").toString());
    }
    app.getJsonObject("demo").put("access-file", shipped.resolve("demo-access.json").toString())
        .put("case-limits-file", shipped.resolve("demo-case-limits.json").toString());
    Path config = dir.resolve("application.json");
    Files.writeString(config, app.encodePrettily());
    return config;
  }

  /**
   * Adds the minutes after the newest stored report up to {@code to}, through the production store so
   * the rows have ingest's shape. Returns how many it added.
   */
  static long fill(String url, Instant from, Instant to) {
    Vertx vertx = Vertx.vertx();
    PgStore store = new PgStore(vertx, StoreConfig.Pg.of(new JsonObject().put("url", url).put("pool-size", 4)));
    try {
      store.open().await();
      long newest = TestDatabase.count(DATABASE, "SELECT coalesce(extract(epoch FROM max(observed_at)), 0)::bigint FROM report");
      Instant start = newest == 0 ? from : Instant.ofEpochSecond(newest).plus(Duration.ofMinutes(1));
      partitions(start, to);
      SplittableRandom random = new SplittableRandom(start.getEpochSecond());
      List<Report> batch = new ArrayList<>();
      List<Future<?>> inFlight = new ArrayList<>();
      long added = 0;
      long began = System.nanoTime();
      for (Instant at = start; at.isBefore(to); at = at.plus(Duration.ofMinutes(1))) {
        OffsetDateTime time = at.atOffset(HistoryBench.NOW.getOffset());
        for (Site site : TestTown.CATALOGUE.sites()) {
          if (due(site.kind(), time)) {
            batch.add(HistoryBench.report(TestTown.unitFor(site.id()).id(), site, time,
                HistoryBench.metrics(site.kind(), random)));
          }
        }
        if (batch.size() >= 500) {
          inFlight.add(store.write(batch));
          added += batch.size();
          batch = new ArrayList<>();
          if (inFlight.size() == 4) {
            Future.all(inFlight).await();
            inFlight.clear();
          }
          if (added % 500_000 < 500) {
            System.out.printf("filled %,d reports, up to %s, %.0f s%n", added, at, (System.nanoTime() - began) / 1e9);
          }
        }
      }
      if (!batch.isEmpty()) {
        inFlight.add(store.write(batch));
        added += batch.size();
      }
      Future.all(inFlight).await();
      return added;
    } finally {
      store.close().await();
      vertx.close().await();
    }
  }

  private static boolean due(String kind, OffsetDateTime at) {
    return switch (kind) {
      case "checkpoint" -> true;
      case "community" -> at.getMinute() == 0;
      default -> at.getMinute() == 0 && at.getHour() == 9;
    };
  }

  /** A month's partition for every month of the history, as the server's daily maintenance leaves them. */
  private static void partitions(Instant from, Instant to) {
    YearMonth last = YearMonth.from(LocalDate.ofInstant(to, ZoneOffset.UTC)).plusMonths(1);
    for (YearMonth m = YearMonth.from(LocalDate.ofInstant(from, ZoneOffset.UTC)).minusMonths(1); !m.isAfter(last);
         m = m.plusMonths(1)) {
      TestDatabase.execute(DATABASE, String.format("CREATE TABLE IF NOT EXISTS report_y%04dm%02d PARTITION OF report"
          + " FOR VALUES FROM ('%s') TO ('%s')", m.getYear(), m.getMonthValue(), m.atDay(1), m.plusMonths(1).atDay(1)));
    }
  }
}
