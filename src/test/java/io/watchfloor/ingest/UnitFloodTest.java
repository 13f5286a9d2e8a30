package io.watchfloor.ingest;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.watchfloor.MutableClock;
import io.watchfloor.PgTest;
import io.watchfloor.TestDatabase;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One unit sending full batches as fast as it can, on PostgreSQL, while another unit posts its
 * reports: the flooding unit is told to wait (429), the quiet unit is never refused. The commit
 * queue is made small (2,500 reports) and commits are held back for a moment, so the flood fills it.
 */
@PgTest
class UnitFloodTest {
  private static final String DATABASE = "wf_test_unit_flood";
  private static final int FLOODERS = 8;
  private static final int QUIET_REPORTS = 5;

  private static JsonObject config(String url, JsonObject rateLimit) {
    return new JsonObject()
        .put("store", new JsonObject().put("kind", "postgres")
            .put("pg", new JsonObject().put("url", url).put("connect-timeout-ms", 1000))
            .put("group-commit", new JsonObject().put("max-queued", 2500)))
        .put("ingest", rateLimit == null ? new JsonObject() : new JsonObject().put("rate-limit", rateLimit));
  }

  @Test
  void withTheShippedRateLimitAFloodOfBatchesNeverRefusesAnotherUnit() {
    floodWhileAnotherUnitPosts(config(TestDatabase.fresh(DATABASE), null));
  }

  @Test
  void withTheRateLimitLiftedTheUnitsShareOfTheCommitQueueStillProtectsTheOthers() {
    floodWhileAnotherUnitPosts(config(TestDatabase.fresh(DATABASE),
        new JsonObject().put("per-second", 10_000_000).put("burst", 10_000_000)));
  }

  private static void floodWhileAnotherUnitPosts(JsonObject config) {
    try (TestServer server = TestServer.start(config, MutableClock.system())) {
      // Inserts wait while the test holds this lock, so the flood piles up in the commit queue
      // however fast the machine commits; the quiet unit's reports arrive at that moment.
      PgConnection lock = PgConnection.connect(server.vertx, PgConnectOptions.fromUri(TestDatabase.adminUrl())
          .setDatabase(TestDatabase.name(DATABASE))).await();
      lock.query("BEGIN").execute().compose(v -> lock.query("LOCK TABLE report IN SHARE MODE").execute()).await();
      WebClient floodClient = WebClient.create(server.vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
          .setDefaultPort(server.port), new io.vertx.core.http.PoolOptions().setHttp1MaxSize(FLOODERS));
      Map<Integer, Integer> floodStatuses = new ConcurrentHashMap<>();
      AtomicBoolean flooding = new AtomicBoolean(true);
      List<Future<HttpResponse<Buffer>>> quiet = new ArrayList<>();
      try {
        for (int i = 0; i < FLOODERS; i++) {
          flood(floodClient, flooding, floodStatuses);
        }
        awaitUntil(Duration.ofSeconds(20), () -> floodStatuses.containsKey(429) || floodStatuses.containsKey(503));
        for (int i = 0; i < QUIET_REPORTS; i++) {
          quiet.add(postPetition(server));
        }
        awaitUntil(Duration.ofSeconds(3), () -> quiet.stream().allMatch(Future::isComplete));
      } finally {
        flooding.set(false);
        lock.query("COMMIT").execute().eventually(lock::close).await();
      }
      Map<Integer, Integer> quietStatuses = new TreeMap<>();
      quiet.forEach(answer -> quietStatuses.merge(answer.await().statusCode(), 1, Integer::sum));
      assertThat(quietStatuses).as("the quiet unit's answers while the flood filled the queue (flood: %s)", floodStatuses)
          .containsExactly(Map.entry(201, QUIET_REPORTS));
      assertThat(floodStatuses).as("the flooding unit was told to wait").containsKey(429);
      assertThat(TestDatabase.count(DATABASE, "SELECT count(*) FROM report WHERE site = 'pd-jinpen'")).isEqualTo(QUIET_REPORTS);
      floodClient.close();
    }
  }

  private static Future<HttpResponse<Buffer>> postPetition(TestServer server) {
    JsonObject petition = new JsonObject().put("id", UUID.randomUUID().toString()).put("site", "pd-jinpen")
        .put("observedAt", OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0).toString())
        .put("metrics", new JsonObject().put("petitions_visit", 1));
    return server.client.post("/api/v1/reports").putHeader("Content-Type", "application/json")
        .putHeader("Authorization", "Bearer " + TestTown.PETITIONS).sendBuffer(petition.toBuffer());
  }

  /** Waits for the condition, at most {@code atMost}; the assertions after it say what did not happen. */
  private static void awaitUntil(Duration atMost, BooleanSupplier condition) {
    try {
      await().atMost(atMost).pollInterval(Duration.ofMillis(20)).until(condition::getAsBoolean);
    } catch (ConditionTimeoutException e) {
      // asserted below, with what was seen
    }
  }

  private static void flood(WebClient client, AtomicBoolean flooding, Map<Integer, Integer> statuses) {
    if (!flooding.get()) {
      return;
    }
    // Built cheaply: the flood shares the test's two cores with the server it floods.
    String item = ",{\"site\":\"cp-highway-exit\",\"observedAt\":\""
        + OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0) + "\",\"metrics\":{\"vehicles_checked\":1},\"id\":\"";
    StringBuilder body = new StringBuilder(500 * 140).append("{\"reports\":[");
    java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
    for (int i = 0; i < 500; i++) {
      body.append(i == 0 ? item.substring(1) : item).append(new UUID(random.nextLong(), random.nextLong())).append("\"}");
    }
    client.post("/api/v1/reports/batch").putHeader("Content-Type", "application/json")
        .putHeader("Authorization", "Bearer " + TestTown.CHECKPOINTS)
        .sendBuffer(Buffer.buffer(body.append("]}").toString()))
        .onComplete(answer -> {
          statuses.merge(answer.succeeded() ? answer.result().statusCode() : -1, 1, Integer::sum);
          flood(client, flooding, statuses);
        });
  }
}
