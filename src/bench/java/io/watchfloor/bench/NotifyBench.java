package io.watchfloor.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Row;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Notifications under a storm (docs/benchmarks.md#notifications): a generated district of 50 towns on PostgreSQL,
 * each town with one group robot (25 WeCom-like, 25 DingTalk-like, alternating) routed the town's critical
 * alert.fired, and 1,000 alerts fired through the ingest API in one minute. The stand-in robots, all on one port
 * of this process, take at most 20 messages in any 60 s (by their arrival) and answer the robots' "too fast"
 * errcode beyond (DingTalk 130101, WeCom 45009). Measures (a) each channel's first alert (its report's
 * acknowledgement) to the first message at its robot, p50/p99 across channels; (b) that every alert is carried
 * (singles, plus each digest's "另有 N 条通知"), none refused, and the outbox empty of pending and failed rows
 * once drained; (c) ingest beside the storm with the channels against ingest beside the same storm with no
 * channels, in windows alternated in the same run (without, then PAIRS times with and without), as a rate and as
 * the rate each window's CPU would carry on the whole machine. A measurement, not a test.
 *
 * <p>How the alerts are driven: the shipped rule escalated-petition (any escalated_petitions, critical) on the
 * district's petition desks, one desk per village, each report of escalated_petitions=1 on a desk firing one
 * alert. An open alert only counts repeats, so each window has its own block of villages: 1,000 distinct desks a
 * window, as a real storm would hit 1,000 places. The towns are hit unevenly, as a storm does: half get 30
 * alerts, half 10 (SKEW 0.5; SKEW 0 gives each town 20, which a 20-a-minute budget sends without a digest).
 */
public final class NotifyBench {
  /** BENCH_JAR=FILE benchmarks another build, e.g. the one before a change, for a before and after. */
  private static final Path JAR = Path.of(System.getenv().getOrDefault("BENCH_JAR", "target/watchfloor.jar"));
  static final int PORT = 8096;
  static final int RECEIVER_PORT = 8097;
  static final String DATABASE = "wf_bench_notify";
  static final int PER_MINUTE = 20;
  static final Pattern DIGEST = Pattern.compile("另有 (\\d+) 条通知");
  static final Pattern DESK = Pattern.compile("pd-(t\\d\\d)v(\\d+)");
  static final Pattern NUMBER = Pattern.compile("编号 ([0-9a-f]{8})");

  private NotifyBench() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("--help")) {
      System.out.println("bench/notify.sh [ALERTS] [CHANNELS] [WINDOW_SECONDS] [FIRE_SECONDS] [WARMUP_SECONDS] [SKEW] [PAIRS]"
          + "   (default 1000 50 90 60 90 0.5 2)");
      return;
    }
    int alerts = arg(args, 0, 1000);
    int channels = arg(args, 1, 50);
    int window = arg(args, 2, 90);
    int fire = arg(args, 3, 60);
    int warmup = arg(args, 4, 90);
    double skew = args.length > 5 ? Double.parseDouble(args[5]) : 0.5;
    Storm storm = new Storm(alerts, channels, skew);
    int pairs = arg(args, 6, 2);
    DistrictConfig district = new DistrictConfig(channels, storm.block * (1 + 2 * pairs));
    Path application = write(district, Path.of("target/bench-notify"));
    List<JsonObject> sites = new ArrayList<>();
    for (int t = 0; t < channels; t++) {
      sites.addAll(district.sites(t));
    }
    Vertx vertx = Vertx.vertx();
    List<String> rows = new ArrayList<>();
    try {
      BenchDatabase database = new BenchDatabase(vertx, url());
      database.recreate();
      Robots robots = Robots.start(vertx);
      try (ServerProcess server = ServerProcess.start(JAR, application.toString(),
          Path.of("target/bench-notify-server.log"))) {
        server.awaitReady(base(), Duration.ofSeconds(180));
        rows.addAll(run(vertx, database, new CpuSampler(server.pid()), robots, storm, sites, window, fire, warmup, pairs));
      } finally {
        robots.close();
      }
    } finally {
      vertx.close().await();
    }
    String table = String.join("\n", rows);
    System.out.println("\n" + table);
    Files.createDirectories(Path.of("target/bench"));
    Files.writeString(Path.of("target/bench/notify.txt"), table + "\n");
  }

  private static List<String> run(Vertx vertx, BenchDatabase database, CpuSampler cpu, Robots robots, Storm storm,
                                  List<JsonObject> sites, int window, int fire, int warmup, int pairs)
      throws InterruptedException {
    say("warm-up: %d s of ingest", warmup);
    ingestAndFire(vertx, cpu, sites, List.of(), warmup, fire);
    database.checkpoint();
    List<Window> without = new ArrayList<>();
    List<Window> with = new ArrayList<>();
    without.add(ingestAndFire(vertx, cpu, sites, storm.window(0), window, fire));
    say("without channels: ingest %,.0f reports/s, %d alerts fired (load %s)", without.get(0).rate,
        without.get(0).fired.size(), without.get(0).load);
    List<String> deliveries = new ArrayList<>();
    Delivery first = null;
    Drain firstDrain = null;
    String stages = "";
    for (int pair = 0; pair < pairs; pair++) {
      robots.reset();
      addChannels(vertx, storm.channels);
      database.checkpoint();
      Window w = ingestAndFire(vertx, cpu, sites, storm.window(1 + 2 * pair), window, fire);
      with.add(w);
      say("with %d channels: ingest %,.0f reports/s, %d alerts fired (load %s)", storm.channels, w.rate, w.fired.size(), w.load);
      long drainStart = System.nanoTime();
      Drain drain = drain(vertx, robots, w.fired.size(), Duration.ofSeconds(300));
      say("drained in %.0f s after the window: %s", (System.nanoTime() - drainStart) / 1e9, drain);
      Delivery delivery = robots.delivery(storm, w.fired);
      deliveries.add(String.format("storm %d: carried / fired %,d / %,d; messages %d (%d digests); refused %d; twice %d;"
              + " another town's %d; first message p50 / p99 %.0f / %.0f ms; at most %d in a robot's 60 s; outbox %s",
          pair + 1, delivery.carried, delivery.expected, delivery.messages, delivery.digests, delivery.refused,
          delivery.duplicates, delivery.strays, pct(delivery.firstMs, 50), pct(delivery.firstMs, 99), delivery.maxInMinute,
          drain.outbox));
      if (first == null) {
        first = delivery;
        firstDrain = drain;
        stages = stages(vertx);
      }
      dropChannels(vertx);
      database.checkpoint();
      Window after = ingestAndFire(vertx, cpu, sites, storm.window(2 + 2 * pair), window, fire);
      without.add(after);
      say("without channels: ingest %,.0f reports/s, %d alerts fired (load %s)", after.rate, after.fired.size(), after.load);
    }
    double withRate = mean(with, x -> x.rate);
    double withoutRate = mean(without, x -> x.rate);
    // a window whose PostgreSQL CPU is unknown (its postmaster restarted) has no such rate and is left out
    double withBound = mean(with, x -> x.cpu.cpuBoundRate(x.rate));
    double withoutBound = mean(without, x -> x.cpu.cpuBoundRate(x.rate));
    List<String> rows = new ArrayList<>();
    rows.add(String.format("district of %d towns on PostgreSQL; %d channels (%d WeCom-like, %d DingTalk-like), one a town,"
            + " %d messages/min each; %d storms of %,d alerts, each fired through the ingest API in %d s (towns hit %d or %d times);"
            + " ingest windows of %d s, alternated: without, then %d × (with, without)", storm.channels, storm.channels,
        (storm.channels + 1) / 2, storm.channels / 2, PER_MINUTE, pairs, storm.alerts, fire, storm.heavy, storm.light, window, pairs));
    rows.add("| figure | measured | baseline, same run | target |");
    rows.add("| --- | --- | --- | --- |");
    rows.add(String.format("| (a) a channel's first alert → its first message, p50 / p99 / max over %d channels (storm 1) | %.0f / %.0f / %.0f ms"
            + " (from the report sent: %.0f / %.0f ms) | echo of the stand-in robot p99 %.1f ms | p99 < 1 s |",
        first.firstMs.length, pct(first.firstMs, 50), pct(first.firstMs, 99), pct(first.firstMs, 100),
        pct(first.firstFromSentMs, 50), pct(first.firstFromSentMs, 99), robots.echoP99Ms(vertx)));
    rows.add(String.format("| (b) alerts carried / fired; messages (digests); refused; duplicates; other town's (storm 1) | %,d / %,d; %d (%d); %d; %d; %d"
            + " | – | all carried, 0 refused |", first.carried, first.expected, first.messages, first.digests,
        first.refused, first.duplicates, first.strays));
    rows.add(String.format("| (b) outbox after the drain (%.0f s, storm 1) | %s | – | no pending, no failed |", firstDrain.seconds, firstDrain.outbox));
    rows.add(String.format("| (c) ingest, reports/s, mean of the %d windows with channels | %,.0f (%s) | %,.0f, mean of the %d without (%s) | ≥ 95 %%: %.1f %% |",
        with.size(), withRate, rates(with), withoutRate, without.size(), rates(without), withRate / withoutRate * 100));
    rows.add(String.format("| (c') the same, each window's rate scaled to the whole machine by the CPU the server, PostgreSQL and"
            + " the generator used in it (what other processes took does not count) | %,.0f | %,.0f | ≥ 95 %%: %.1f %% |",
        withBound, withoutBound, withBound / withoutBound * 100));
    rows.addAll(deliveries);
    rows.add("each channel's first message, p50 / p99 over the channels (storm 1): " + stages);
    first.refusals.forEach(r -> rows.add("refusal: " + r));
    for (int i = 0; i < without.size(); i++) {
      describe(rows, "without " + (i + 1), without.get(i));
      if (i < with.size()) {
        describe(rows, "with " + (i + 1), with.get(i));
      }
    }
    return rows;
  }

  private static void describe(List<String> rows, String name, Window w) {
    rows.add(String.format("%s: %,.0f reports/s, load %s, refused %d, %s; per report %s", name, w.rate, w.load, w.refused,
        w.cpu, w.cpu.perReport(w.rate)));
  }

  private static double mean(List<Window> windows, java.util.function.ToDoubleFunction<Window> f) {
    return windows.stream().mapToDouble(f).filter(x -> !Double.isNaN(x)).average().orElse(Double.NaN);
  }

  private static String rates(List<Window> windows) {
    return String.join(", ", windows.stream().map(w -> String.format("%,.0f", w.rate)).toList());
  }

  /** Which desks fire in which window and which town's channel hears them. */
  static final class Storm {
    final int alerts;
    final int channels;
    final int heavy;
    final int light;
    final int block;

    Storm(int alerts, int channels, double skew) {
      this.alerts = alerts;
      this.channels = channels;
      double mean = (double) alerts / channels;
      this.heavy = (int) Math.round(mean * (1 + skew));
      this.light = (int) Math.round(mean * (1 - skew));
      this.block = Math.max(heavy, light);
    }

    /** The first half of the towns is hit the harder; WeCom and DingTalk alternate, so both kinds are in both halves. */
    int count(int town) {
      return town < channels / 2 ? heavy : light;
    }

    /** Window w's desks, one per village of the window's block of villages, shuffled across the towns. */
    List<String> window(int w) {
      List<String> desks = new ArrayList<>();
      for (int t = 0; t < channels; t++) {
        for (int i = 0; i < count(t); i++) {
          desks.add("pd-" + DistrictConfig.town(t) + "v" + (w * block + i));
        }
      }
      Collections.shuffle(desks, new Random(w));
      return desks;
    }

    static String type(int town) {
      return town % 2 == 0 ? "wecom" : "dingtalk";
    }
  }

  record Fired(String desk, String town, long sentNanos, long ackNanos, int status) {
  }

  record Window(double rate, long refused, List<Fired> fired, CpuSampler.Split cpu, String load) {
  }

  /** Ingest for {@code seconds} and, over the first {@code fire} seconds of it, one report a desk that fires an alert. */
  private static Window ingestAndFire(Vertx vertx, CpuSampler cpu, List<JsonObject> sites, List<String> desks,
                                     int seconds, int fire) throws InterruptedException {
    String load = loadavg();
    CpuSampler.Sample start = cpu.sample();
    IngestPump pump = new IngestPump(vertx, PORT, sites, DistrictConfig.UNIT_TOKEN, 32);
    WebClient alerts = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(PORT)
        .setTcpNoDelay(true), new PoolOptions().setHttp1MaxSize(8).setMaxWaitQueueSize(-1));
    List<Fired> fired = Collections.synchronizedList(new ArrayList<>());
    long began = System.nanoTime();
    // the window's bounds by the wall clock, to cut a server's JFR recording (BENCH_SERVER_JFR) by window
    say("window from %s", java.time.Instant.now());
    int[] next = {0};
    long timer = desks.isEmpty() ? -1 : vertx.setPeriodic(5, id -> {
      long due = Math.min(desks.size(), (System.nanoTime() - began) * desks.size() / (fire * 1_000_000_000L) + 1);
      while (next[0] < due) {
        String desk = desks.get(next[0]++);
        long sent = System.nanoTime();
        alerts.post("/api/v1/reports").putHeader("Authorization", "Bearer " + DistrictConfig.UNIT_TOKEN)
            .putHeader("Content-Type", "application/json").sendBuffer(escalated(desk).toBuffer())
            .onComplete(answer -> fired.add(new Fired(desk, desk.substring(3, 6), sent, System.nanoTime(),
                answer.succeeded() ? answer.result().statusCode() : -1)));
      }
    });
    Thread.sleep(seconds * 1000L);
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    double rate = pump.stop();
    say("window until %s", java.time.Instant.now());
    CpuSampler.Split split = cpu.between(start, cpu.sample());
    String end = loadavg();
    Thread.sleep(1000);
    long refused = pump.refused();
    pump.close();
    alerts.close();
    List<Fired> taken = new ArrayList<>();
    synchronized (fired) {
      for (Fired f : fired) {
        if (f.status() == 201) {
          taken.add(f);
        } else {
          refused++;
        }
      }
    }
    return new Window(rate, refused, taken, split, load + " → " + end);
  }

  private static JsonObject escalated(String desk) {
    return new JsonObject().put("id", UUID.randomUUID().toString()).put("site", desk)
        .put("observedAt", OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0).toString())
        .put("metrics", new JsonObject().put("escalated_petitions", 1));
  }

  /** The channels and their routes, as /admin would store them (the admin API is another branch's). */
  private static void addChannels(Vertx vertx, int channels) {
    StringBuilder sql = new StringBuilder();
    for (int t = 0; t < channels; t++) {
      String town = DistrictConfig.town(t);
      String type = Storm.type(t);
      String url = type.equals("wecom")
          ? "http://127.0.0.1:" + RECEIVER_PORT + "/wecom/" + town + "?key=bench-key-" + town
          : "http://127.0.0.1:" + RECEIVER_PORT + "/ding/" + town + "?access_token=bench-token-" + town;
      String secret = type.equals("wecom") ? "NULL" : "'SECbench" + town + "'";
      sql.append("INSERT INTO notify_channel (id, name, type, url, secret, scope, per_minute, created_at, created_by) VALUES ('ch-")
          .append(town).append("', '").append(town).append(" 群', '").append(type).append("', '").append(url).append("', ")
          .append(secret).append(", '").append(town).append("', ").append(PER_MINUTE).append(", now(), 'bench');\n");
      sql.append("INSERT INTO notify_route (id, channel, scope, events, min_severity, created_at, created_by) VALUES ('rt-")
          .append(town).append("', 'ch-").append(town).append("', '").append(town)
          .append("', ARRAY['alert.fired'], 'critical', now(), 'bench');\n");
    }
    sql(vertx, sql.toString());
  }

  /** Where a channel's first message spent its time, from the outbox: alert fired → routed → the robot's answer. */
  private static String stages(Vertx vertx) {
    Row row = PgConnection.connect(vertx, PgConnectOptions.fromUri(url()))
        .compose(c -> c.query("""
            WITH firsts AS (
              SELECT DISTINCT ON (o.channel) o.created_at, o.done_at, e.at AS fired_at
              FROM notify_outbox o JOIN notify_event e ON o.key = e.kind || ':' || e.ref
              ORDER BY o.channel, o.id)
            SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM created_at - fired_at)) * 1000,
                   percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM created_at - fired_at)) * 1000,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM done_at - created_at)) * 1000,
                   percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM done_at - created_at)) * 1000
            FROM firsts""").execute().eventually(c::close)).await().iterator().next();
    StringBuilder retried = new StringBuilder();
    PgConnection.connect(vertx, PgConnectOptions.fromUri(url()))
        .compose(c -> c.query("SELECT attempts, left(coalesce(answer, ''), 60), count(*) FROM notify_outbox"
            + " WHERE (state = 'sent' AND attempts > 1) OR (state <> 'sent' AND attempts > 0)"
            + " GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 6").execute().eventually(c::close))
        .await().forEach(r -> retried.append("; ").append(r.getLong(2)).append(" rows after ").append(r.getInteger(0))
            .append(" attempt(s), last answer '").append(r.getString(1)).append("'"));
    return String.format("alert fired (firstSeen) → routed into the outbox %.0f / %.0f ms; routed → robot's answer recorded %.0f / %.0f ms%s",
        row.getDouble(0), row.getDouble(1), row.getDouble(2), row.getDouble(3), retried);
  }

  private static void dropChannels(Vertx vertx) {
    sql(vertx, "DELETE FROM notify_route; DELETE FROM notify_channel;");
  }

  record Drain(double seconds, String outbox, boolean complete) {
    @Override
    public String toString() {
      return (complete ? "complete" : "NOT complete") + "; outbox " + outbox;
    }
  }

  /** Waits until every fired alert is carried and nothing is pending or unrouted, or the timeout. */
  private static Drain drain(Vertx vertx, Robots robots, int fired, Duration timeout) throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    boolean complete = false;
    while (System.nanoTime() < deadline) {
      long waiting = count(vertx, "SELECT (SELECT count(*) FROM notify_outbox WHERE state = 'pending')"
          + " + (SELECT count(*) FROM notify_event WHERE NOT routed)");
      if (waiting == 0 && robots.carried() >= fired) {
        complete = true;
        break;
      }
      Thread.sleep(1000);
    }
    StringBuilder outbox = new StringBuilder();
    PgConnection.connect(vertx, PgConnectOptions.fromUri(url()))
        .compose(c -> c.query("SELECT state, count(*) FROM notify_outbox GROUP BY state ORDER BY state").execute()
            .eventually(c::close))
        .await().forEach(row -> outbox.append(outbox.isEmpty() ? "" : ", ").append(row.getString(0)).append(' ')
            .append(row.getLong(1)));
    return new Drain((System.nanoTime() - start) / 1e9, outbox.toString(), complete);
  }

  record Delivery(double[] firstMs, double[] firstFromSentMs, long expected, long carried, long messages, long digests,
                  long refused, long duplicates, long strays, int maxInMinute, double lastSeconds, List<String> refusals) {
  }

  /**
   * The stand-in robots: one path a channel, each taking at most {@value PER_MINUTE} requests in any 60 s by their
   * arrival and answering "too fast" beyond, as DingTalk (130101) and WeCom (45009) do. Every request is kept.
   */
  static final class Robots {
    record Arrival(long nanos, String body, boolean taken) {
    }

    private final HttpServer server;
    private final Map<String, List<Arrival>> byTown = new ConcurrentHashMap<>();
    private final Map<String, Deque<Long>> windows = new HashMap<>();
    private final AtomicLong echo = new AtomicLong();

    private Robots(HttpServer server) {
      this.server = server;
    }

    static Robots start(Vertx vertx) {
      Robots[] self = new Robots[1];
      HttpServer server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
        long now = System.nanoTime();
        String path = request.path();
        if (path.equals("/echo")) {
          request.response().end("{\"errcode\":0}");
          return;
        }
        boolean ding = path.startsWith("/ding/");
        String town = path.substring(path.lastIndexOf('/') + 1);
        boolean taken = self[0].take(town, now, body.toString());
        request.response().putHeader("Content-Type", "application/json").end(taken ? "{\"errcode\":0,\"errmsg\":\"ok\"}"
            : ding ? "{\"errcode\":130101,\"errmsg\":\"send too fast, exceed 20 times per minute\"}"
            : "{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}");
      }));
      self[0] = new Robots(server);
      server.listen(RECEIVER_PORT, "127.0.0.1").await();
      return self[0];
    }

    /** A new storm: the robots forget the last one's requests and minutes. */
    synchronized void reset() {
      byTown.clear();
      windows.clear();
    }

    private synchronized boolean take(String town, long now, String body) {
      Deque<Long> window = windows.computeIfAbsent(town, k -> new ArrayDeque<>());
      while (!window.isEmpty() && window.peekFirst() <= now - 60_000_000_000L) {
        window.removeFirst();
      }
      boolean taken = window.size() < PER_MINUTE;
      if (taken) {
        window.addLast(now);
      }
      byTown.computeIfAbsent(town, k -> Collections.synchronizedList(new ArrayList<>())).add(new Arrival(now, body, taken));
      return taken;
    }

    /** Alerts carried by every taken message: one a single, N a digest. */
    long carried() {
      long carried = 0;
      for (List<Arrival> arrivals : byTown.values()) {
        synchronized (arrivals) {
          for (Arrival a : arrivals) {
            carried += a.taken ? carries(text(a.body)) : 0;
          }
        }
      }
      return carried;
    }

    static int carries(String text) {
      Matcher digest = DIGEST.matcher(text);
      return digest.find() ? Integer.parseInt(digest.group(1)) : 1;
    }

    /** WeCom's markdown.content or DingTalk's markdown.text. */
    static String text(String body) {
      JsonObject markdown = new JsonObject(body).getJsonObject("markdown", new JsonObject());
      return markdown.getString("content", markdown.getString("text", ""));
    }

    Delivery delivery(Storm storm, List<Fired> fired) {
      Map<String, List<Fired>> firedByTown = new HashMap<>();
      fired.forEach(f -> firedByTown.computeIfAbsent(f.town(), k -> new ArrayList<>()).add(f));
      List<Double> first = new ArrayList<>();
      List<Double> firstSent = new ArrayList<>();
      long carried = 0;
      long messages = 0;
      long digests = 0;
      long refused = 0;
      long duplicates = 0;
      long strays = 0;
      int maxInMinute = 0;
      long last = 0;
      List<String> refusals = new ArrayList<>();
      long began = fired.stream().mapToLong(Fired::sentNanos).min().orElse(0);
      for (int t = 0; t < storm.channels; t++) {
        String town = DistrictConfig.town(t);
        List<Fired> own = firedByTown.getOrDefault(town, List.of());
        List<Arrival> arrivals;
        List<Arrival> got = byTown.getOrDefault(town, List.of());
        synchronized (got) {
          arrivals = new ArrayList<>(got);
        }
        if (!own.isEmpty() && !arrivals.isEmpty()) {
          long firstAck = own.stream().mapToLong(Fired::ackNanos).min().orElseThrow();
          long firstSentAt = own.stream().mapToLong(Fired::sentNanos).min().orElseThrow();
          first.add((arrivals.get(0).nanos - firstAck) / 1e6);
          firstSent.add((arrivals.get(0).nanos - firstSentAt) / 1e6);
        }
        Set<String> desks = new HashSet<>();
        List<Long> takenAt = new ArrayList<>();
        for (Arrival a : arrivals) {
          last = Math.max(last, a.nanos);
          if (!a.taken) {
            refused++;
            // the oldest of the 20 taken in the 60 s before: the robot had room again 60 s after it
            long oldest = takenAt.stream().filter(x -> x > a.nanos - 60_000_000_000L).findFirst().orElse(a.nanos);
            refusals.add(String.format("%s %s refused at +%.3f s (its first message at +%.3f s): %d ms before the robot's"
                    + " 60 s held fewer than %d", town, DIGEST.matcher(text(a.body)).find() ? "digest" : "single",
                (a.nanos - began) / 1e9, (arrivals.get(0).nanos - began) / 1e9,
                (oldest + 60_000_000_000L - a.nanos) / 1_000_000, PER_MINUTE));
            continue;
          }
          takenAt.add(a.nanos);
          messages++;
          String text = text(a.body);
          int n = carries(text);
          carried += n;
          if (DIGEST.matcher(text).find()) {
            digests++;
          } else {
            Matcher desk = DESK.matcher(text);
            if (desk.find()) {
              if (!desk.group(1).equals(town)) {
                strays++;
              } else if (!desks.add(desk.group())) {
                duplicates++;
                Matcher id = NUMBER.matcher(text);
                String d = desk.group();
                long firstAt = arrivals.stream().filter(x -> x.taken && text(x.body).contains(d + "\n")).mapToLong(Arrival::nanos)
                    .min().orElse(a.nanos);
                refusals.add(String.format("%s %s carried twice, at +%.3f s and +%.3f s, 编号 %s (the same 编号 both times: %s)",
                    town, d, (firstAt - began) / 1e9, (a.nanos - began) / 1e9, id.find() ? id.group(1) : "?",
                    sameNumber(arrivals, d)));
              }
            }
          }
        }
        for (int i = 0; i < takenAt.size(); i++) {
          int inMinute = 0;
          for (int j = i; j < takenAt.size() && takenAt.get(j) - takenAt.get(i) < 60_000_000_000L; j++) {
            inMinute++;
          }
          maxInMinute = Math.max(maxInMinute, inMinute);
        }
      }
      return new Delivery(sorted(first), sorted(firstSent), fired.size(), carried, messages, digests, refused, duplicates,
          strays, maxInMinute, (last - began) / 1e9, refusals);
    }

    /** Whether every taken single about {@code desk} carries one 编号 (at least once, with a stable id). */
    static boolean sameNumber(List<Arrival> arrivals, String desk) {
      Set<String> ids = new HashSet<>();
      for (Arrival a : arrivals) {
        String text = text(a.body);
        if (a.taken && !DIGEST.matcher(text).find() && text.contains(desk + "\n")) {
          Matcher id = NUMBER.matcher(text);
          ids.add(id.find() ? id.group(1) : "?");
        }
      }
      return ids.size() == 1;
    }

    /** A request to the stand-in robot and its answer, for the floor under (a). */
    double echoP99Ms(Vertx vertx) {
      WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(RECEIVER_PORT));
      List<Double> ms = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        long at = System.nanoTime();
        client.post("/echo").sendBuffer(io.vertx.core.buffer.Buffer.buffer("{}")).await();
        ms.add((System.nanoTime() - at) / 1e6);
      }
      client.close();
      echo.set(ms.size());
      return pct(sorted(ms), 99);
    }

    void close() {
      server.close().await();
    }
  }

  private static void sql(Vertx vertx, String sql) {
    PgConnection.connect(vertx, PgConnectOptions.fromUri(url()))
        .compose(c -> c.query(sql).execute().eventually(c::close)).await();
  }

  private static long count(Vertx vertx, String sql) {
    Row row = PgConnection.connect(vertx, PgConnectOptions.fromUri(url()))
        .compose(c -> c.query(sql).execute().eventually(c::close)).await().iterator().next();
    return row.getLong(0);
  }

  /** The district of DistrictConfig on PostgreSQL, with the shipped escalated-petition rule. */
  private static Path write(DistrictConfig district, Path dir) throws java.io.IOException {
    Path application = district.write(dir, null, PORT);
    JsonObject app = new JsonObject(Files.readString(application));
    JsonObject pg = new JsonObject().put("url", url());
    // BENCH_NOTIFY_POOL=N: the notification store's connections (store.pg.notify-pool-size), to see what they cost
    String notifyPool = System.getenv("BENCH_NOTIFY_POOL");
    if (notifyPool != null && !notifyPool.isBlank()) {
      pg.put("notify-pool-size", Integer.parseInt(notifyPool));
      say("store.pg.notify-pool-size %s", notifyPool);
    }
    app.put("store", new JsonObject().put("kind", "postgres").put("pg", pg));
    Files.writeString(application, app.encodePrettily());
    JsonArray shipped = new JsonObject(Files.readString(Path.of("config/rules.json"))).getJsonArray("rules");
    JsonArray rules = new JsonArray();
    shipped.stream().map(JsonObject.class::cast).filter(r -> r.getString("id").equals("escalated-petition")).forEach(rules::add);
    Files.writeString(dir.resolve("rules.json"), new JsonObject().put("rules", rules).encodePrettily());
    return application;
  }

  private static String loadavg() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (java.io.IOException e) {
      return "?";
    }
  }

  static String url() {
    return "postgresql://postgres@127.0.0.1:5432/" + DATABASE;
  }

  private static double[] sorted(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
  }

  private static double pct(double[] sorted, double p) {
    return sorted.length == 0 ? Double.NaN : sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(p / 100 * sorted.length) - 1))];
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
