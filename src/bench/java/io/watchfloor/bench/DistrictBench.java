package io.watchfloor.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fan-out in a district: a generated district of 20 towns and 1,000 sites, with 200 screens
 * spread over the district and its towns, while reports arrive across every site. Prints the delta lag
 * beyond the interval, the bytes per second a town screen receives next to the same screen in a
 * one-town jurisdiction measured in the same run at the same per-town rate, and the server CPU per
 * delivered frame. Run: bench/district.sh
 */
public final class DistrictBench {
  private static final int DISTRICT_PORT = 8092;
  private static final int ALONE_PORT = 8093;
  private static final String WATCH_METRIC = "persons_registered";
  private static final String WATCH_SITE = "cp-t00-0";

  private record Group(String name, FanoutClients clients) {
  }

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("--help")) {
      System.out.println("bench/district.sh [TOWNS] [SCREENS] [REPORTS_PER_SECOND] [SECONDS]   (default 20 200 400 30)");
      return;
    }
    int towns = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int screens = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    int rate = args.length > 2 ? Integer.parseInt(args[2]) : 400;
    int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 30;
    DistrictConfig config = new DistrictConfig(towns, 10);
    Path district = config.write(Path.of("target/bench-district/district"), null, DISTRICT_PORT);
    Path alone = config.write(Path.of("target/bench-district/alone"), 0, ALONE_PORT);
    int perTown = screens * 9 / 10 / towns;
    int districtScreens = screens - perTown * towns;
    Vertx vertx = Vertx.vertx();
    List<String> rows = new ArrayList<>();
    rows.add(String.format("district of %d towns, %,d sites; %d screens (%d on the district, %d on each town);"
        + " %d reports/s across the district, %d s", towns, towns * DistrictConfig.SITES_PER_TOWN, screens,
        districtScreens, perTown, rate, seconds));
    try {
      List<JsonObject> allSites = new ArrayList<>();
      for (int t = 0; t < towns; t++) {
        allSites.addAll(config.sites(t));
      }
      Result inDistrict;
      try (ServerProcess server = ServerProcess.start(Path.of("target/watchfloor.jar"), district.toString(),
          Path.of("target/bench-district-server.log"))) {
        server.awaitReady(base(DISTRICT_PORT), Duration.ofSeconds(60));
        List<Group> groups = new ArrayList<>();
        groups.add(group(vertx, "district", DISTRICT_PORT, DistrictConfig.DISTRICT, districtScreens, districtScreens));
        for (int t = 0; t < towns; t++) {
          String town = DistrictConfig.town(t);
          groups.add(group(vertx, town, DISTRICT_PORT, town, perTown, t == 0 ? perTown : 0));
        }
        inDistrict = load(vertx, new CpuSampler(server.pid()), DISTRICT_PORT, groups, allSites, rate, seconds);
        groups.forEach(g -> g.clients().close());
      }
      Result oneTown;
      try (ServerProcess server = ServerProcess.start(Path.of("target/watchfloor.jar"), alone.toString(),
          Path.of("target/bench-district-alone.log"))) {
        server.awaitReady(base(ALONE_PORT), Duration.ofSeconds(60));
        List<Group> groups = List.of(group(vertx, "t00", ALONE_PORT, DistrictConfig.town(0), perTown, perTown));
        oneTown = load(vertx, new CpuSampler(server.pid()), ALONE_PORT, groups, config.sites(0),
            Math.max(1, rate / towns), seconds);
        groups.forEach(g -> g.clients().close());
      }
      double townInDistrict = inDistrict.bytesPerClient().get("t00");
      double townAlone = oneTown.bytesPerClient().get("t00");
      rows.add(String.format("delta lag beyond 250 ms: district screens p50 %d ms p99 %d ms; town t00 screens p50 %d ms p99 %d ms;"
              + " the same town screen alone p50 %d ms p99 %d ms",
          inDistrict.lag("district", 50), inDistrict.lag("district", 99), inDistrict.lag("t00", 50), inDistrict.lag("t00", 99),
          oneTown.lag("t00", 50), oneTown.lag("t00", 99)));
      rows.add(String.format("bytes per client per second: town t00 screen in the district %,.0f; the same screen in a one-town"
          + " jurisdiction %,.0f (ratio %.2f); district screen %,.0f", townInDistrict, townAlone, townInDistrict / townAlone,
          inDistrict.bytesPerClient().get("district")));
      rows.add(String.format("server CPU per delivered frame: %.1f µs in the district (%,.0f frames/s, server %.0f%% of a core);"
              + " %.1f µs in the one-town jurisdiction (%,.0f frames/s)",
          inDistrict.cpuMicrosPerFrame(), inDistrict.framesPerSecond(), inDistrict.serverPercent(),
          oneTown.cpuMicrosPerFrame(), oneTown.framesPerSecond()));
      rows.add("district run " + inDistrict.cpu());
      rows.add("one-town run " + oneTown.cpu());
    } finally {
      vertx.close().await();
    }
    String table = String.join("\n", rows);
    System.out.println("\n" + table);
    Files.writeString(Path.of("target/bench-district.txt"), table + "\n");
  }

  private record Result(Map<String, Double> bytesPerClient, Map<String, long[]> lags, double framesPerSecond,
                        double serverPercent, String cpu) {
    long lag(String group, double p) {
      long[] sorted = lags.getOrDefault(group, new long[0]);
      return sorted.length == 0 ? -1 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100 * sorted.length) - 1)];
    }

    double cpuMicrosPerFrame() {
      return framesPerSecond == 0 ? Double.NaN : serverPercent / 100 * 1e6 / framesPerSecond;
    }
  }

  private static Group group(Vertx vertx, String name, int port, String scope, int count, int probes) {
    FanoutClients clients = new FanoutClients(vertx, WATCH_SITE, WATCH_METRIC);
    clients.connectWith(port, "key=" + DistrictConfig.key(scope), count, probes);
    return new Group(name, clients);
  }

  private static Result load(Vertx vertx, CpuSampler cpu, int port, List<Group> groups, List<JsonObject> sites,
                             int rate, int seconds) throws InterruptedException {
    WebClient http = WebClient.create(vertx, new WebClientOptions(), new PoolOptions().setHttp1MaxSize(32));
    // the watched reports have a client of their own, so they never wait in the load's connection queue
    WebClient watcher = WebClient.create(vertx, new WebClientOptions(), new PoolOptions().setHttp1MaxSize(2));
    Map<Long, Long> watchAcked = new ConcurrentHashMap<>();
    Random random = new Random(11);
    try {
      Thread.sleep(1000);
      Map<String, Long> bytesBefore = new java.util.HashMap<>();
      long framesBefore = 0;
      for (Group g : groups) {
        bytesBefore.put(g.name(), g.clients().bytes.get());
        framesBefore += g.clients().frames.get();
      }
      CpuSampler.Sample cpuBefore = cpu.sample();
      long start = System.nanoTime();
      double[] owed = {0};
      long tick = vertx.setPeriodic(10, id -> {
        owed[0] += rate / 100.0;
        for (; owed[0] >= 1; owed[0]--) {
          JsonObject site = sites.get(random.nextInt(sites.size()));
          post(http, port, report(site.getString("id"), metrics(site.getString("kind"), random)));
        }
      });
      long[] watched = {0};
      long watch = vertx.setPeriodic(500, id -> {
        long value = ++watched[0];
        long sent = System.nanoTime();
        post(watcher, port, report(WATCH_SITE, new JsonObject().put(WATCH_METRIC, 1))).onSuccess(v -> watchAcked.put(value, sent));
      });
      Thread.sleep(seconds * 1000L);
      vertx.cancelTimer(tick);
      vertx.cancelTimer(watch);
      double elapsed = (System.nanoTime() - start) / 1e9;
      CpuSampler.Split split = cpu.between(cpuBefore, cpu.sample());
      Thread.sleep(600);
      Map<String, Double> bytes = new java.util.HashMap<>();
      Map<String, long[]> lags = new java.util.HashMap<>();
      long frames = -framesBefore;
      for (Group g : groups) {
        bytes.put(g.name(), (g.clients().bytes.get() - bytesBefore.get(g.name())) / elapsed / Math.max(1, g.clients().size()));
        frames += g.clients().frames.get();
        lags.put(g.name(), lags(g.clients(), watchAcked));
      }
      return new Result(bytes, lags, frames / elapsed, split.server(), split.toString());
    } finally {
      http.close();
      watcher.close();
    }
  }

  private static long[] lags(FanoutClients screens, Map<Long, Long> acked) {
    List<Long> ms = new ArrayList<>();
    for (FanoutClients.Seen s : screens.seen) {
      Long at = s.kind().equals("delta") ? acked.get(s.value()) : null;
      if (at != null) {
        ms.add(Math.max(0, (s.arrivedNanos() - at) / 1_000_000 - 250));
      }
    }
    return ms.stream().mapToLong(Long::longValue).sorted().toArray();
  }

  private static JsonObject metrics(String kind, Random random) {
    return switch (kind) {
      case "community" -> new JsonObject().put("petitions_visit", 1);
      case "inspection" -> new JsonObject().put("score", 60 + random.nextInt(41));
      default -> new JsonObject().put("vehicles_checked", 1 + random.nextInt(5));
    };
  }

  private static JsonObject report(String site, JsonObject metrics) {
    return new JsonObject().put("id", UUID.randomUUID().toString()).put("site", site)
        .put("observedAt", OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0).toString()).put("metrics", metrics);
  }

  private static Future<Void> post(WebClient http, int port, JsonObject body) {
    return http.postAbs(base(port) + "/api/v1/reports").putHeader("Authorization", "Bearer " + DistrictConfig.UNIT_TOKEN)
        .sendJsonObject(body).mapEmpty();
  }

  private static String base(int port) {
    return "http://127.0.0.1:" + port;
  }
}
