package io.watchfloor.storage;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Tuple;
import io.watchfloor.MutableClock;
import io.watchfloor.TestDatabase;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;
import io.watchfloor.config.StoreConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A whole server on PostgreSQL, busy with reports, alerts, flags and history reads, never holds more
 * connections than its configuration allows, and each pool's name stands for one set of connections:
 * two stores building a pool of the same name each would show as more connections under that name
 * than the pool's size. Small pools make a second set of any of them show at once.
 */
@Tag("pg")
class ConnectionBoundsTest {
  private static final String DATABASE = "wf_test_connection_bounds";
  private static final Instant NOON = Instant.parse("2026-11-21T04:00:00Z");
  private static final int ROUNDS = 5;

  @Test
  void aBusyServerHoldsNoMoreConnectionsThanItsPoolsAllowAndNoPoolTwice() {
    JsonObject pg = new JsonObject().put("url", TestDatabase.fresh(DATABASE)).put("connect-timeout-ms", 1000)
        .put("pool-size", 2).put("read-pool-size", 1).put("alert-pool-size", 1).put("admin-pool-size", 1)
        .put("notify-pool-size", 1)
        // room for a round's 20 history reads behind the one read connection: a full queue answers 503, by
        // design, which is ReadFloodTest's subject, not this one's (it failed this test once, when the reports
        // finished first and all 20 reads waited at once)
        .put("read-max-wait-queue", 64);
    Watcher watcher = new Watcher();
    try (TestServer server = TestServer.start(new JsonObject().put("store", new JsonObject().put("kind", "postgres")
        .put("pg", pg)), new MutableClock(NOON))) {
      PgPools pools = new PgPools(server.vertx, StoreConfig.Pg.of(pg));
      for (int round = 0; round < ROUNDS; round++) {
        busy(server);
      }
      await("every pool in use").atMost(Duration.ofSeconds(30))
          .until(() -> watcher.peak.keySet().containsAll(List.of(PgPools.COMMITS, PgPools.READS, PgPools.ALERTS,
              PgPools.ADMIN, PgPools.LOCK)));
      watcher.close();

      assertThat(watcher.peak.keySet()).as("the application names of the server's connections")
          .isSubsetOf(pools.sizes().keySet());
      pools.sizes().forEach((name, size) -> assertThat(watcher.peak.getOrDefault(name, 0))
          .as("connections named %s at once (%s)", name, watcher.peak).isLessThanOrEqualTo(size));
      assertThat(watcher.total.get()).as("connections at once; allowed %s", pools.sizes())
          .isLessThanOrEqualTo(pools.maxConnections());
    } finally {
      watcher.close();
    }
  }

  /** Reports of every kind at once (checks, flags, alerts fired), and history reads beside them. */
  private static void busy(TestServer server) {
    List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      calls.add(post(server, TestTown.CHECKPOINTS, TestTown.checkpointReport(UUID.randomUUID(),
          OffsetDateTime.ofInstant(NOON, ZoneOffset.ofHours(8)), 10 + i, i % 3)));
      calls.add(post(server, TestTown.PETITIONS, TestTown.body(UUID.randomUUID(), "pd-jinpen",
          OffsetDateTime.ofInstant(NOON, ZoneOffset.ofHours(8)).toString(),
          new JsonObject().put("escalated_petitions", 1))));
      calls.add(server.client.get("/api/v1/series").addQueryParam("key", TestTown.DISPLAY_KEY)
          .addQueryParam("metric", "vehicles_checked").addQueryParam("step", "1h")
          .addQueryParam("from", "2026-11-21T00:00:00+08:00").addQueryParam("to", "2026-11-22T00:00:00+08:00").send());
    }
    Future.all(calls).await();
    calls.forEach(call -> assertThat(call.result().statusCode()).as(call.result().bodyAsString()).isLessThan(300));
  }

  private static Future<HttpResponse<Buffer>> post(TestServer server, String token, JsonObject report) {
    return server.client.post("/api/v1/reports").putHeader("Content-Type", "application/json")
        .putHeader("Authorization", "Bearer " + token).sendBuffer(report.toBuffer());
  }

  /** Counts the database's connections by application name every few milliseconds, keeping the peaks. */
  private static final class Watcher implements AutoCloseable {
    private static final String BY_NAME = "SELECT application_name, count(*) FROM pg_stat_activity "
        + "WHERE datname = $1 GROUP BY application_name";
    final Map<String, Integer> peak = new ConcurrentHashMap<>();
    final AtomicInteger total = new AtomicInteger();
    private final Vertx vertx = Vertx.vertx();
    private boolean closed;

    Watcher() {
      PgConnection conn = PgConnection.connect(vertx, PgConnectOptions.fromUri(TestDatabase.adminUrl())).await();
      vertx.setPeriodic(10, id -> conn.preparedQuery(BY_NAME).execute(Tuple.of(TestDatabase.name(DATABASE))).onSuccess(rows -> {
        int sum = 0;
        for (var row : rows) {
          int count = row.getInteger(1);
          sum += count;
          peak.merge(row.getString(0), count, Math::max);
        }
        total.accumulateAndGet(sum, Math::max);
      }));
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        vertx.close().await();
      }
    }
  }
}
