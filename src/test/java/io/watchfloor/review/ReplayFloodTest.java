package io.watchfloor.review;

import io.watchfloor.PgTest;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.watchfloor.MutableClock;
import io.watchfloor.TestDatabase;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A wall-screen key that asks for replays in a loop gets one at a time: the others are 429 with a
 * Retry-After, not a queue of whole-day rebuilds ahead of everyone's work; and a past day once built
 * is answered again without a rebuild.
 */
@PgTest
class ReplayFloodTest {
  private static final String DB = "replay_flood_test";
  private static final String SLOW_DB = "replay_flood_test_slow";
  private static final int PARALLEL = 8;

  @Test
  void parallelReplaysOfOneKeyAreRefusedWith429AndAPastDayIsBuiltOnce() {
    try (TestServer server = TestServer.postgres(TestDatabase.fresh(DB), MutableClock.system())) {
      LocalDate yesterday = LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(1);
      seed(DB, yesterday, 30_000);

      List<Future<HttpResponse<Buffer>>> flood = new ArrayList<>();
      for (int i = 0; i < PARALLEL; i++) {
        flood.add(replay(server, yesterday));
      }
      Future.join(new ArrayList<>(flood)).otherwiseEmpty().await();
      List<HttpResponse<Buffer>> answers = flood.stream().map(Future::result).toList();
      assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(200, 429).contains(200, 429);
      answers.stream().filter(a -> a.statusCode() == 429)
          .forEach(a -> assertThat(a.getHeader("Retry-After")).as("Retry-After on a 429").isNotBlank());
      Buffer first = answers.stream().filter(a -> a.statusCode() == 200).findFirst().orElseThrow().body();

      TestDatabase.execute(DB, "DELETE FROM report WHERE local_day = '" + yesterday + "'");
      HttpResponse<Buffer> again = replay(server, yesterday).await();
      assertThat(again.statusCode()).isEqualTo(200);
      assertThat(again.body()).as("the past day as built before, not rebuilt from the store").isEqualTo(first);
    }
  }

  /**
   * The replay's day reads go to the viewers' pool and its statement timeout, as the review's do: a
   * read that takes too long is a 503 with Retry-After, not a commit connection held for as long.
   */
  @Test
  void aDayTooBigForTheViewersStatementTimeoutIs503WithRetryAfter() {
    String url = TestDatabase.fresh(SLOW_DB);
    JsonObject tight = new JsonObject().put("store", new JsonObject().put("kind", "postgres")
        .put("pg", new JsonObject().put("url", url).put("read-statement-timeout-ms", 100)));
    try (TestServer server = TestServer.start(tight, MutableClock.system())) {
      LocalDate yesterday = LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(1);
      seed(SLOW_DB, yesterday, 400_000);
      HttpResponse<Buffer> answer = replay(server, yesterday).await();
      assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(503);
      assertThat(answer.getHeader("Retry-After")).isNotBlank();
    }
  }

  private static Future<HttpResponse<Buffer>> replay(TestServer server, LocalDate date) {
    return server.client.get("/api/v1/review/replay").addQueryParam("key", TestTown.DISPLAY_KEY)
        .addQueryParam("date", date.toString()).send();
  }

  /** A busy day's reports of one checkpoint, written straight into the store's tables. */
  private static void seed(String database, LocalDate day, int reports) {
    TestDatabase.execute(database, """
        WITH t AS (
          SELECT gen_random_uuid() AS id, ts FROM generate_series(
            ('%1$s'::date)::timestamp AT TIME ZONE 'Asia/Shanghai',
            ('%1$s'::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai' - interval '1 second',
            interval '1 day' / %2$d) AS ts
        ), k AS (
          INSERT INTO report_key (id, local_day, body_hash) SELECT id, '%1$s'::date, md5(id::text) FROM t
        )
        INSERT INTO report (id, unit, site, observed_at, local_day, received_at, metrics, note, body_hash)
        SELECT id, 'demo-checkpoints', 'cp-highway-exit', ts, '%1$s'::date, ts,
               '{"vehicles_checked": 3, "vehicles_turned_back": 1}'::jsonb, NULL, md5(id::text) FROM t
        """.formatted(day, reports));
  }
}
