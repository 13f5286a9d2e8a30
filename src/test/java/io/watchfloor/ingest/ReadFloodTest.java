package io.watchfloor.ingest;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.watchfloor.MutableClock;
import io.watchfloor.PgTest;
import io.watchfloor.TestDatabase;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Viewers cannot starve field units: a flood of 400-day series requests and readiness probes runs
 * on PostgreSQL while a unit posts, and every post is committed. The ingest pool is made small
 * (2 connections, 8 waiting) so that, were reads to share it, the flood would fill it at once.
 */
@PgTest
class ReadFloodTest {
  private static final String DATABASE = "wf_test_read_flood";
  private static final int READERS = 48;
  private static final int POSTS = 10;

  @Test
  void aFloodOfLongSeriesReadsNeverRefusesAReport() {
    String url = TestDatabase.fresh(DATABASE);
    JsonObject config = new JsonObject().put("store", new JsonObject().put("kind", "postgres")
        .put("pg", new JsonObject().put("url", url).put("connect-timeout-ms", 1000)
            .put("pool-size", 2).put("max-wait-queue", 8)));
    try (TestServer server = TestServer.start(config, MutableClock.system())) {
      // A year of readings, so each series request has real work to do in the database.
      TestDatabase.execute(DATABASE, """
          INSERT INTO report (id, unit, site, observed_at, local_day, received_at, metrics, body_hash)
          SELECT gen_random_uuid(), 'demo-checkpoints', 'cp-highway-exit', t, (t AT TIME ZONE 'Asia/Shanghai')::date,
                 t, '{"vehicles_checked": 3}'::jsonb, 'seeded'
            FROM generate_series(now() - interval '390 days', now() - interval '8 days', interval '4 minutes') AS t""");
      WebClient readers = WebClient.create(server.vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
          .setDefaultPort(server.port), new io.vertx.core.http.PoolOptions().setHttp1MaxSize(READERS));
      AtomicBoolean reading = new AtomicBoolean(true);
      Map<Integer, Integer> readStatuses = new ConcurrentHashMap<>();
      AtomicInteger sequence = new AtomicInteger();
      for (int i = 0; i < READERS; i++) {
        read(readers, reading, readStatuses, sequence);
      }
      Map<Integer, Integer> postStatuses = new TreeMap<>();
      try {
        for (int i = 0; i < POSTS; i++) {
          JsonObject report = TestTown.checkpointReport(UUID.randomUUID(), OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0), 1, 0);
          HttpResponse<Buffer> answer = server.client.post("/api/v1/reports").putHeader("Content-Type", "application/json")
              .putHeader("Authorization", "Bearer " + TestTown.CHECKPOINTS).sendBuffer(report.toBuffer()).await();
          postStatuses.merge(answer.statusCode(), 1, Integer::sum);
        }
      } finally {
        reading.set(false);
      }
      assertThat(postStatuses).as("the unit's answers while viewers flooded (reads: %s)", readStatuses)
          .containsExactly(Map.entry(201, POSTS));
      assertThat(readStatuses.keySet()).as("reads are answered or refused fast, never failed otherwise")
          .isSubsetOf(200, 503);
      readers.close();
    }
  }

  private static void read(WebClient client, AtomicBoolean reading, Map<Integer, Integer> statuses, AtomicInteger sequence) {
    if (!reading.get()) {
      return;
    }
    int n = sequence.incrementAndGet();
    if (n % 4 == 0) {
      client.get("/health/ready").send().onComplete(answer -> {
        statuses.merge(answer.succeeded() ? answer.result().statusCode() : -1, 1, Integer::sum);
        read(client, reading, statuses, sequence);
      });
      return;
    }
    // A different end each time, so no layer can answer from a cache.
    OffsetDateTime to = OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0).minusSeconds(n);
    client.get("/api/v1/series").addQueryParam("key", TestTown.DISPLAY_KEY).addQueryParam("metric", "vehicles_checked")
        .addQueryParam("step", "1d").addQueryParam("from", to.minusDays(399).toString()).addQueryParam("to", to.toString())
        .send().onComplete(answer -> {
          statuses.merge(answer.succeeded() ? answer.result().statusCode() : -1, 1, Integer::sum);
          read(client, reading, statuses, sequence);
        });
  }
}
