package io.watchfloor.bench;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.watchfloor.ops.HashSecret;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The closed loop at district scale (docs/benchmarks.md#the-closed-loop): a generated district of 20 towns and
 * 1,000 sites on PostgreSQL, 5,000 open cases, 100 transitions a second through the API. Measures (a) a console's
 * list of a town's open cases, (b) a transition reaching every console's socket, (c) the ingest rate beside the
 * cases against the ingest rate without them; each beside a baseline taken in the same run. A measurement, not a
 * test: it prints figures and asserts nothing. Run: bench/cases.sh
 */
public final class CaseBench {
  static final int PORT = 8094;
  static final String DATABASE = "watchfloor_case_bench";
  static final String OFFICER = "bench-duty";
  static final String PASSWORD = "bench-duty-password-4711";

  private CaseBench() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("--help")) {
      System.out.println("bench/cases.sh [CONSOLES] [SECONDS] [WARMUP_SECONDS] [OPEN_CASES] [TRANSITIONS_PER_SECOND]"
          + "   (default 50 30 60 5000 100)");
      return;
    }
    int consoles = arg(args, 0, 50);
    int seconds = arg(args, 1, 30);
    int warmup = arg(args, 2, 60);
    int open = arg(args, 3, 5_000);
    int rate = arg(args, 4, 100);
    DistrictConfig district = new DistrictConfig(20, 10);
    Path application = write(district, Path.of("target/bench-cases"));
    List<JsonObject> sites = new ArrayList<>();
    for (int t = 0; t < 20; t++) {
      sites.addAll(district.sites(t));
    }
    Vertx vertx = Vertx.vertx();
    List<String> rows = new ArrayList<>();
    try {
      BenchDatabase database = new BenchDatabase(vertx, url());
      database.recreate();
      try (ServerProcess server = ServerProcess.start(Path.of("target/watchfloor.jar"), application.toString(),
          Path.of("target/bench-cases-server.log"))) {
        server.awaitReady(base(), Duration.ofSeconds(120));
        rows.addAll(run(vertx, database, new CpuSampler(server.pid()), sites, consoles, seconds, warmup, open, rate));
      }
    } finally {
      vertx.close().await();
    }
    String table = String.join("\n", rows);
    System.out.println("\n" + table);
    Files.writeString(Path.of("target/bench-cases.txt"), table + "\n");
  }

  private static List<String> run(Vertx vertx, BenchDatabase database, CpuSampler cpu, List<JsonObject> sites,
                                  int consoles, int seconds, int warmup, int open, int rate) throws InterruptedException {
    List<String> rows = new ArrayList<>();
    String cookie = signIn(vertx);
    long[] echo = EchoBaseline.measure(vertx, 2000);
    CaseDriver cases = new CaseDriver(vertx, PORT, cookie, "bench-unit", DistrictConfig.UNIT_TOKEN, sites);
    // seeded before the consoles connect, so the load generator does not read 12,000 seeding frames 50 times
    double seeded = cases.seed(open, 32);
    say("seeded %,d open cases in %.0f s (%d refused)", open, seeded, cases.refused.get());
    ConsoleSockets sockets = new ConsoleSockets(vertx);
    sockets.connect(PORT, cookie, consoles);
    try {
      say("warm-up: %d s of ingest and transitions", warmup);
      phase(vertx, cases, sockets, sites, rate, warmup, true, cpu);
      database.checkpoint();
      Window before = ingest(vertx, sites, seconds, cpu);
      say("ingest without transitions: %,.0f reports/s", before.rate());
      database.checkpoint();
      Phase quiet = phase(vertx, cases, sockets, sites, 5, Math.max(10, seconds / 2), false, cpu);
      say("quiet: list p99 %.1f ms, transition to every console p99 %.1f ms", quiet.listP99(), quiet.socketP99());
      database.checkpoint();
      Phase loaded = phase(vertx, cases, sockets, sites, rate, seconds, true, cpu);
      say("loaded: list p99 %.1f ms, to every console p99 %.1f ms, ingest %,.0f/s", loaded.listP99(),
          loaded.socketP99(), loaded.ingest().rate());
      database.checkpoint();
      Window after = ingest(vertx, sites, seconds, cpu);
      say("ingest without transitions, after: %,.0f reports/s", after.rate());
      double baseline = (before.rate() + after.rate()) / 2;
      rows.add(String.format("district of 20 towns, 1,000 sites, PostgreSQL; %,d open cases (seeded in %.0f s); %d transitions/s;"
          + " %d console sockets; %d s a window after %d s of warm-up", open, seeded, rate, consoles, seconds, warmup));
      rows.add("| figure | with the cases' load | baseline, same run | ratio | target |");
      rows.add("| --- | --- | --- | --- | --- |");
      rows.add(String.format("| (a) a town's open cases, list p50 / p99 | %.1f / %.1f ms | %.1f / %.1f ms (5 transitions/s, no ingest) | %.2f× | p99 < 100 ms |",
          loaded.listP50(), loaded.listP99(), quiet.listP50(), quiet.listP99(), loaded.listP99() / quiet.listP99()));
      rows.add(String.format("| (b) transition → every console, p50 / p99 (%,d deliveries, %d missed) | %.1f / %.1f ms | %.1f / %.1f ms (5 transitions/s); echo floor p99 %.2f ms | %.2f× | p99 < 250 ms |",
          loaded.deliveries(), loaded.missed(), loaded.socketP50(), loaded.socketP99(), quiet.socketP50(), quiet.socketP99(),
          percentile(echo, 99) / 1000.0, loaded.socketP99() / quiet.socketP99()));
      rows.add(String.format("| (c) ingest, reports/s | %,.0f | %,.0f before, %,.0f after (no transitions) | %.0f %% | ≥ 90 %% |",
          loaded.ingest().rate(), before.rate(), after.rate(), loaded.ingest().rate() / baseline * 100));
      rows.add(String.format("transition answers p50 / p99: %.1f / %.1f ms; %d refused", cases.answers.getValueAtPercentile(50) / 1000.0,
          cases.answers.getValueAtPercentile(99) / 1000.0, cases.refused.get()));
      rows.add("ingest before " + before.cpu());
      rows.add("loaded " + loaded.ingest().cpu());
      rows.add("ingest after " + after.cpu());
    } finally {
      cases.close();
      sockets.close();
    }
    return rows;
  }

  record Window(double rate, CpuSampler.Split cpu) {
  }

  record Phase(Histogram list, long[] socketMicros, long missed, Window ingest) {
    double listP50() { return list.getValueAtPercentile(50) / 1000.0; }
    double listP99() { return list.getValueAtPercentile(99) / 1000.0; }
    double socketP50() { return percentile(socketMicros, 50) / 1000.0; }
    double socketP99() { return percentile(socketMicros, 99) / 1000.0; }
    long deliveries() { return socketMicros.length; }
  }

  private static Window ingest(Vertx vertx, List<JsonObject> sites, int seconds, CpuSampler cpu) throws InterruptedException {
    CpuSampler.Sample start = cpu.sample();
    IngestPump pump = new IngestPump(vertx, PORT, sites, DistrictConfig.UNIT_TOKEN, 32);
    Thread.sleep(seconds * 1000L);
    double rate = pump.stop();
    CpuSampler.Split split = cpu.between(start, cpu.sample());
    pump.close();
    Thread.sleep(1000);
    return new Window(rate, split);
  }

  /** Transitions at {@code rate}, a town's list read 20 times a second, and ingest beside them if asked. */
  private static Phase phase(Vertx vertx, CaseDriver cases, ConsoleSockets sockets, List<JsonObject> sites, int rate,
                             int seconds, boolean withIngest, CpuSampler cpu) throws InterruptedException {
    cases.sent.clear();
    sockets.seen.clear();
    Histogram list = new ConcurrentHistogram(60_000_000L, 3);
    WebClient reader = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(PORT),
        new PoolOptions().setHttp1MaxSize(4).setMaxWaitQueueSize(-1));
    String cookie = cases.officerCookie();
    int[] town = {0};
    long reads = vertx.setPeriodic(50, id -> {
      long at = System.nanoTime();
      reader.get("/api/v1/cases?scope=" + DistrictConfig.town(town[0]++ % 20) + "&" + OPEN_FILTER)
          .putHeader("Cookie", cookie).send()
          .onSuccess(answer -> list.recordValue(Math.max(1, (System.nanoTime() - at) / 1000)));
    });
    CpuSampler.Sample start = cpu.sample();
    IngestPump pump = withIngest ? new IngestPump(vertx, PORT, sites, DistrictConfig.UNIT_TOKEN, 32) : null;
    cases.drive(rate);
    Thread.sleep(seconds * 1000L);
    cases.stop();
    double ingested = pump == null ? 0 : pump.stop();
    CpuSampler.Split split = cpu.between(start, cpu.sample());
    vertx.cancelTimer(reads);
    Thread.sleep(2000);
    if (pump != null) {
      pump.close();
    }
    reader.close();
    return deliveries(cases, sockets, list, new Window(ingested, split));
  }

  /** Each timed transition against each socket: the time from its request to its frame, or missed. */
  private static Phase deliveries(CaseDriver cases, ConsoleSockets sockets, Histogram list, Window ingest) {
    java.util.Map<String, java.util.Map<Integer, Long>> arrived = new java.util.HashMap<>();
    for (ConsoleSockets.Seen seen : sockets.seen) {
      arrived.computeIfAbsent(seen.key(), k -> new java.util.HashMap<>()).putIfAbsent(seen.socket(), seen.arrivedNanos());
    }
    List<Long> micros = new ArrayList<>();
    long missed = 0;
    for (var sent : cases.sent.entrySet()) {
      java.util.Map<Integer, Long> at = arrived.getOrDefault(sent.getKey(), java.util.Map.of());
      missed += sockets.size() - at.size();
      at.values().forEach(nanos -> micros.add(Math.max(0, (nanos - sent.getValue()) / 1000)));
    }
    return new Phase(list, micros.stream().mapToLong(Long::longValue).sorted().toArray(), missed, ingest);
  }

  /** The list query of a town's open cases, as the console's case tab asks it. */
  static final String OPEN_FILTER = "state=open";

  private static String signIn(Vertx vertx) {
    WebClient client = WebClient.create(vertx);
    try {
      HttpResponse<Buffer> answer = client.postAbs(base() + "/api/v1/session").putHeader("Origin", base())
          .sendJsonObject(new JsonObject().put("username", OFFICER).put("password", PASSWORD)).await();
      if (answer.statusCode() != 200) {
        throw new IllegalStateException("sign-in answered " + answer.statusCode() + ": " + answer.bodyAsString());
      }
      String cookie = answer.cookies().get(0);
      return cookie.substring(0, cookie.indexOf(';'));
    } finally {
      client.close();
    }
  }

  /** The district of DistrictConfig, on PostgreSQL, with an officer for the district. */
  private static Path write(DistrictConfig district, Path dir) throws java.io.IOException {
    Path application = district.write(dir, null, PORT);
    JsonObject app = new JsonObject(Files.readString(application));
    app.put("store", new JsonObject().put("kind", "postgres").put("pg", new JsonObject().put("url", url())));
    // one bench unit plays every unit of the district: its budget of task writes is the district's
    app.put("cases", new JsonObject().put("unit-writes-per-minute", 600_000).put("unit-write-burst", 100_000));
    Files.writeString(application, app.encodePrettily());
    Path accessFile = dir.resolve("access.json");
    JsonObject access = new JsonObject(Files.readString(accessFile));
    access.put("operators", new JsonArray().add(new JsonObject().put("username", OFFICER).put("name", "bench officer")
        .put("role", "officer").put("passwordHash", HashSecret.password(PASSWORD))));
    Files.writeString(accessFile, access.encodePrettily());
    return application;
  }

  static String url() {
    return "postgresql://postgres@127.0.0.1:5432/" + DATABASE;
  }

  private static long percentile(long[] sorted, double p) {
    return sorted.length == 0 ? -1 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100 * sorted.length) - 1)];
  }

  private static int arg(String[] args, int i, int fallback) {
    return args.length > i ? Integer.parseInt(args[i]) : fallback;
  }

  private static String base() {
    return "http://127.0.0.1:" + PORT;
  }

  private static void say(String format, Object... values) {
    System.out.printf(format + "%n", values);
  }
}
