package io.watchfloor.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.watchfloor.Api;
import io.watchfloor.MutableClock;
import io.watchfloor.TestDatabase;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * A steady field unit beside floods of the heavy reads (replays, rule previews): the unit posts one
 * report every 200 ms and its p50/p99 are taken quiet, then under each flood. The database holds
 * {@code days} days of {@code perDay} reports over the district's checkpoints, written by SQL. A
 * measurement, not a test: it prints figures and asserts nothing. Rerun with {@code bench/floods.sh}.
 */
public final class FloodBench {
  static final String DATABASE = "watchfloor_flood_bench";
  static final ZoneId ZONE = TestTown.CATALOGUE.jurisdiction().timezone();

  private FloodBench() {
  }

  public static void main(String[] args) {
    int perDay = args.length > 0 ? Integer.parseInt(args[0]) : 12_000;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    int days = 8;
    String url = TestDatabase.fresh(DATABASE);
    try (TestServer server = TestServer.postgres(url, MutableClock.system())) {
      long started = System.nanoTime();
      LocalDate today = LocalDate.now(ZONE);
      for (int back = days - 1; back >= 0; back--) {
        fill(today.minusDays(back), perDay);
      }
      TestDatabase.execute(DATABASE, "VACUUM ANALYZE report");
      System.out.printf("filled %d days x %,d reports in %.1f s%n", days, perDay, (System.nanoTime() - started) / 1e9);
      Api api = new Api(server);
      String admin = api.signIn("admin", "admin-demo-pass");
      String yesterday = today.minusDays(1).toString();
      System.out.printf("%-52s %8s %8s %8s %6s  %s%n", "phase (" + seconds + " s each)", "p50 ms", "p99 ms", "max ms",
          "posts", "flood answers");
      phase(server, "quiet", seconds, 0, null);
      phase(server, "8 replay loops, yesterday", seconds, 8, i -> replay(server, yesterday));
      phase(server, "16 replay loops, yesterday", seconds, 16, i -> replay(server, yesterday));
      phase(server, "16 replay loops, 7 past days", seconds, 16,
          i -> replay(server, today.minusDays(1 + i % 7).toString()));
      phase(server, "16 replay loops, today (never kept)", seconds, 16, i -> replay(server, today.toString()));
      phase(server, "16 rule-preview loops (spike rule, district admin)", seconds, 16, i -> preview(server, admin));
    }
  }

  private static Future<HttpResponse<Buffer>> replay(TestServer server, String date) {
    return server.client.get("/api/v1/review/replay?key=" + TestTown.DISPLAY_KEY + "&date=" + date).send();
  }

  private static Future<HttpResponse<Buffer>> preview(TestServer server, String cookie) {
    return server.client.post("/api/v1/admin/rules/checkpoint-spike/preview").putHeader("Cookie", cookie)
        .putHeader("Origin", "http://127.0.0.1:" + server.port).sendJsonObject(new JsonObject());
  }

  /** The unit's posts for {@code seconds}, with {@code loops} flood loops running back to back beside it. */
  private static void phase(TestServer server, String name, int seconds, int loops,
                            IntFunction<Future<HttpResponse<Buffer>>> flood) {
    Vertx vertx = Vertx.vertx();
    WebClient unit = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(server.port));
    AtomicBoolean running = new AtomicBoolean(true);
    Map<Integer, AtomicLong> answers = new ConcurrentHashMap<>();
    for (int i = 0; i < loops; i++) {
      loop(flood, i, running, answers);
    }
    List<Double> ms = new ArrayList<>();
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    long next = System.nanoTime();
    while (System.nanoTime() < end) {
      JsonObject body = new JsonObject().put("id", UUID.randomUUID().toString()).put("site", "cp-highway-exit")
          .put("observedAt", OffsetDateTime.now(ZONE).withNano(0).toString())
          .put("metrics", new JsonObject().put("vehicles_checked", 3).put("vehicles_turned_back", 0));
      long sent = System.nanoTime();
      HttpResponse<Buffer> response = unit.post("/api/v1/reports").putHeader("Authorization", "Bearer " + TestTown.CHECKPOINTS)
          .sendJsonObject(body).await();
      if (response.statusCode() != 201) {
        throw new IllegalStateException("the unit's report answered " + response.statusCode() + ": " + response.bodyAsString());
      }
      ms.add((System.nanoTime() - sent) / 1e6);
      next += 200_000_000L;
      long wait = next - System.nanoTime();
      if (wait > 0) {
        sleep(wait / 1_000_000);
      }
    }
    running.set(false);
    sleep(2000); // the loops' last requests end before the next phase
    unit.close();
    vertx.close().await();
    ms.sort(Double::compare);
    Map<Integer, Long> counted = new TreeMap<>();
    answers.forEach((status, n) -> counted.put(status, n.get()));
    System.out.printf("%-52s %8.1f %8.1f %8.1f %6d  %s%n", name, ms.get(ms.size() / 2), ms.get((int) (ms.size() * 0.99)),
        ms.get(ms.size() - 1), ms.size(), counted.isEmpty() ? "" : counted);
  }

  /** Back to back: the next request as soon as the answer is in, or after the Retry-After of a refusal. */
  private static void loop(IntFunction<Future<HttpResponse<Buffer>>> flood, int i, AtomicBoolean running,
                           Map<Integer, AtomicLong> answers) {
    if (!running.get()) {
      return;
    }
    flood.apply(i).onComplete(r -> {
      int status = r.succeeded() ? r.result().statusCode() : -1;
      answers.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
      String retry = r.succeeded() ? r.result().getHeader("Retry-After") : null;
      if (retry == null) {
        loop(flood, i, running, answers);
      } else {
        // as the review page and the admin page do: a refusal says when to ask again
        Vertx.currentContext().owner().setTimer(Long.parseLong(retry) * 1000, id -> loop(flood, i, running, answers));
      }
    });
  }

  /** One local day's reports, spread over its hours and the district's checkpoints, straight into the tables. */
  private static void fill(LocalDate day, int reports) {
    String sites = String.join(",", TestTown.CATALOGUE.sites().stream().filter(s -> s.kind().equals("checkpoint"))
        .map(s -> "'" + s.id() + "'").toList());
    TestDatabase.execute(DATABASE, """
        WITH t AS (
          SELECT gen_random_uuid() AS id, i,
                 ('%1$s'::timestamp AT TIME ZONE 'Asia/Shanghai') + interval '1 day' * i / %2$d AS ts
            FROM generate_series(0, %2$d - 1) AS i
        ), s AS (
          SELECT t.*, (ARRAY[%3$s])[1 + i %% array_length(ARRAY[%3$s], 1)] AS site FROM t WHERE ts < now()
        ), k AS (
          INSERT INTO report_key (id, local_day, body_hash) SELECT id, '%1$s'::date, md5(id::text) FROM s
        )
        INSERT INTO report (id, unit, site, observed_at, local_day, received_at, metrics, note, body_hash)
        SELECT id, 'demo-checkpoints', site, ts, '%1$s'::date, ts,
               jsonb_build_object('vehicles_checked', 1 + i %% 7, 'vehicles_turned_back', i %% 2), NULL, md5(id::text)
          FROM s
        """.formatted(day, reports, sites));
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
