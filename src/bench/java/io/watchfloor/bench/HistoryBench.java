package io.watchfloor.bench;

import io.watchfloor.config.StoreConfig;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.watchfloor.MutableClock;
import io.watchfloor.TestDatabase;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;
import io.watchfloor.domain.Report;
import io.watchfloor.domain.Site;
import io.watchfloor.store.PgStore;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Times the history reads on 30 days of a busy sample town: every checkpoint reports every minute,
 * every petition desk hourly, every sanitation site daily (about 179,000 reports). A measurement,
 * not a test: it asserts nothing and prints the median and maximum of 20 calls per read. Rerun with
 * {@code bench/history.sh}; it drops and refills the database {@value DATABASE}.
 */
public final class HistoryBench {
  static final String DATABASE = "watchfloor_history_bench";
  static final ZoneId ZONE = TestTown.CATALOGUE.jurisdiction().timezone();
  static final OffsetDateTime NOW = OffsetDateTime.parse("2026-11-30T20:00:00+08:00");
  static final OffsetDateTime START = NOW.minusDays(30);
  static final int CALLS = 20;
  static final int WARM_UP = 5;

  private HistoryBench() {
  }

  public static void main(String[] args) {
    if (args.length > 0) {
      // No options: the figures are only comparable when every run reads the same 30 days.
      System.out.println("bench/history.sh   (no options; drops and refills the database " + DATABASE + ")");
      return;
    }
    String url = TestDatabase.fresh(DATABASE);
    long filled = fill(url);
    TestDatabase.execute(DATABASE, "VACUUM ANALYZE report");
    try (TestServer server = TestServer.postgres(url, new MutableClock(NOW.toInstant()))) {
      Map<String, String> reads = new LinkedHashMap<>();
      reads.put("series vehicles_checked, town, 1h, 30 d", series("vehicles_checked", null, "1h", START, NOW));
      reads.put("series vehicles_checked, town, 1d, 30 d", series("vehicles_checked", null, "1d", START, NOW));
      reads.put("series vehicles_checked, site, 5m, 2 d",
          series("vehicles_checked", "site=cp-highway-exit", "5m", NOW.minusDays(2), NOW));
      reads.put("series backlog_cases (last per site), town, 1h, 30 d", series("backlog_cases", null, "1h", START, NOW));
      reads.put("series score (mean), area, 1d, 30 d", series("score", "area=jinpen", "1d", START, NOW));
      reads.put("rankings/score, this month", "/api/v1/rankings/score?key=" + TestTown.DISPLAY_KEY);
      reads.put("compliance, today", "/api/v1/compliance?key=" + TestTown.DISPLAY_KEY);
      reads.put("compliance, 2026-11-15", "/api/v1/compliance?date=2026-11-15&key=" + TestTown.DISPLAY_KEY);
      // the daily review: a district's day over 30 days of history; its target is under 1 s
      reads.put("review of a district's day, 2026-11-29", "/api/v1/review?date=2026-11-29&key=" + TestTown.DISPLAY_KEY);
      reads.put("review of a town's day, 2026-11-29", "/api/v1/review?date=2026-11-29&scope=xudong&key=" + TestTown.DISPLAY_KEY);
      reads.put("review replay of a district's day, 2026-11-29",
          "/api/v1/review/replay?date=2026-11-29&key=" + TestTown.DISPLAY_KEY);
      System.out.printf("%n%,d reports, %s to %s, in %s; %d calls per read after %d to warm up, one at a time%n",
          filled, START, NOW, DATABASE, CALLS, WARM_UP);
      System.out.printf("%-54s %10s %10s %10s%n", "read", "median ms", "max ms", "bytes");
      reads.forEach((name, uri) -> time(server, name, uri));
    }
  }

  static String series(String metric, String where, String step, OffsetDateTime from, OffsetDateTime to) {
    return "/api/v1/series?key=" + TestTown.DISPLAY_KEY + "&metric=" + metric + (where == null ? "" : "&" + where)
        + "&step=" + step + "&from=" + encode(from) + "&to=" + encode(to);
  }

  static String encode(OffsetDateTime time) {
    return URLEncoder.encode(time.toString(), StandardCharsets.UTF_8);
  }

  static void time(TestServer server, String name, String uri) {
    double[] ms = new double[CALLS];
    int bytes = 0;
    for (int i = -WARM_UP; i < CALLS; i++) {
      long started = System.nanoTime();
      HttpResponse<Buffer> response = server.client.get(uri).send().await();
      double elapsed = (System.nanoTime() - started) / 1e6;
      if (response.statusCode() != 200) {
        throw new IllegalStateException(name + " answered " + response.statusCode() + ": " + response.bodyAsString());
      }
      if (i >= 0) {
        ms[i] = elapsed;
        bytes = response.body().length();
      }
    }
    Arrays.sort(ms);
    System.out.printf("%-54s %10.1f %10.1f %10d%n", name, (ms[CALLS / 2 - 1] + ms[CALLS / 2]) / 2, ms[CALLS - 1], bytes);
  }

  /** Writes through the production store, so the rows have exactly the shape ingest gives them. */
  static long fill(String url) {
    Vertx vertx = Vertx.vertx();
    PgStore store = new PgStore(vertx, StoreConfig.Pg.of(new JsonObject().put("url", url).put("pool-size", 4)));
    try {
      store.open().await();
      List<Report> reports = reports();
      long started = System.nanoTime();
      List<Future<?>> inFlight = new ArrayList<>();
      for (int i = 0; i < reports.size(); i += 500) {
        inFlight.add(store.write(reports.subList(i, Math.min(i + 500, reports.size()))));
        if (inFlight.size() == 4) {
          Future.all(inFlight).await();
          inFlight.clear();
        }
      }
      Future.all(inFlight).await();
      System.out.printf("filled %,d reports in %.1f s%n", reports.size(), (System.nanoTime() - started) / 1e9);
      return reports.size();
    } finally {
      store.close().await();
      vertx.close().await();
    }
  }

  static List<Report> reports() {
    SplittableRandom random = new SplittableRandom(42);
    List<Report> reports = new ArrayList<>();
    for (Site site : TestTown.CATALOGUE.sites()) {
      Duration every = switch (site.kind()) {
        case "checkpoint" -> Duration.ofMinutes(1);
        case "community" -> Duration.ofHours(1);
        default -> Duration.ofDays(1);
      };
      String unit = TestTown.unitFor(site.id()).id();
      for (OffsetDateTime at = START; at.isBefore(NOW); at = at.plus(every)) {
        reports.add(report(unit, site, at, metrics(site.kind(), random)));
      }
    }
    return reports;
  }

  static Map<String, Double> metrics(String kind, SplittableRandom random) {
    Map<String, Double> m = new TreeMap<>();
    switch (kind) {
      case "checkpoint" -> {
        int vehicles = random.nextInt(30);
        int persons = random.nextInt(60);
        m.put("vehicles_checked", (double) vehicles);
        m.put("persons_checked", (double) persons);
        m.put("vehicles_turned_back", (double) random.nextInt(vehicles / 5 + 1));
        m.put("persons_turned_back", (double) random.nextInt(persons / 5 + 1));
      }
      case "community" -> {
        m.put("petitions_visit", (double) random.nextInt(3));
        m.put("disputes_screened", (double) random.nextInt(4));
        m.put("backlog_cases", (double) random.nextInt(20));
      }
      default -> {
        m.put("score", Math.round(600 + random.nextInt(400)) / 10.0);
        m.put("problems_found", (double) random.nextInt(6));
      }
    }
    return m;
  }

  static Report report(String unit, Site site, OffsetDateTime at, Map<String, Double> metrics) {
    UUID id = UUID.randomUUID();
    return new Report(id, unit, site.id(), at, at.atZoneSameInstant(ZONE).toLocalDate(), at.toInstant().plusSeconds(5),
        Map.copyOf(metrics), null, id.toString());
  }
}
