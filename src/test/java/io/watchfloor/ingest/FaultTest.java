package io.watchfloor.ingest;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.watchfloor.Api;
import io.watchfloor.MutableClock;
import io.watchfloor.PgTest;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reports flow at a steady rate while PostgreSQL is killed (immediate shutdown, as a crash) and
 * restarted several times, and now and then a commit's answer is lost on the way back. Every response
 * is kept, and afterwards, like a Jepsen set checker: the live totals equal the stored ones before any
 * resend, every 2xx report is stored exactly once, every 4xx report is absent, every report whose
 * outcome was unknown is resent with its id until acknowledged and then stored once, and the live
 * totals still equal the stored ones. PostgreSQL here is a cluster of the test's own, on its own
 * port, so the machine's clusters are never stopped. Needs root and the Debian cluster tools, as CI has.
 */
@PgTest
class FaultTest {
  private static final String DATABASE = "wf_test_faults";
  private static final int RATE_PER_SECOND = 40;

  enum Result { ACKED, REFUSED, UNKNOWN }

  private final Map<UUID, JsonObject> bodies = new ConcurrentHashMap<>();
  private final Map<UUID, Result> results = new ConcurrentHashMap<>();

  private Future<Result> post(TestServer server, UUID id) {
    return server.client.post("/api/v1/reports").putHeader("Content-Type", "application/json")
        .putHeader("Authorization", "Bearer " + TestTown.CHECKPOINTS).timeout(3000)
        .sendBuffer(bodies.get(id).toBuffer())
        .map(FaultTest::classify)
        .otherwise(Result.UNKNOWN);
  }

  private static Result classify(HttpResponse<Buffer> response) {
    int status = response.statusCode();
    return status == 200 || status == 201 ? Result.ACKED : status >= 400 && status < 500 ? Result.REFUSED : Result.UNKNOWN;
  }

  @Test
  void nothingAcknowledgedIsLostOrCountedTwiceWhilePostgresCrashesAndReturns() throws Exception {
    try (OwnCluster cluster = OwnCluster.create("wf_fault");
         LostCommitProxy proxy = new LostCommitProxy("127.0.0.1", cluster.port);
         TestServer server = TestServer.postgres(proxy.url("postgres", DATABASE), MutableClock.system())) {
      List<Future<Result>> inFlight = new ArrayList<>();
      long start = System.currentTimeMillis();
      long[][] outages = {{4_000, 8_000}, {14_000, 17_000}, {23_000, 27_000}};
      long[] lostAcks = {2_000, 10_000, 19_000, 29_000};
      int outage = 0;
      int lostAck = 0;
      boolean down = false;
      int n = 0;
      while (System.currentTimeMillis() - start < 32_000) {
        long t = System.currentTimeMillis() - start;
        if (!down && outage < outages.length && t >= outages[outage][0]) {
          cluster.crash();
          down = true;
        } else if (down && t >= outages[outage][1]) {
          cluster.start();
          down = false;
          outage++;
        }
        if (lostAck < lostAcks.length && t >= lostAcks[lostAck]) {
          proxy.loseNextReportCommits(1);
          lostAck++;
        }
        UUID id = UUID.randomUUID();
        boolean bad = n++ % 10 == 9;
        bodies.put(id, TestTown.checkpointReport(id, OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0), bad ? -1 : 1 + n % 5, 0));
        inFlight.add(post(server, id).onSuccess(r -> results.put(id, r)));
        Thread.sleep(1000 / RATE_PER_SECOND); // paces the units' reports: the load, not a wait for anything
      }
      Future.join(inFlight).otherwiseEmpty().await();
      proxy.disarm();
      assertThat(outage).as("all outages happened").isEqualTo(outages.length);
      assertThat(proxy.lost()).as("commits were made whose answer was lost").isPositive();
      assertThat(results.values()).as("the outages were felt").contains(Result.UNKNOWN);
      assertThat(results.values()).contains(Result.ACKED, Result.REFUSED);

      long[] liveAndStored = await().atMost(Duration.ofSeconds(30)).until(() -> new long[] {new Api(server).totals().getLong("vehicles_checked", 0L),
          storedVehicles(cluster)}, both -> both[0] == both[1]);
      assertThat(liveAndStored[0]).as("live totals equal the stored ones, lost answers included, before any resend")
          .isEqualTo(liveAndStored[1]);

      resendUnknownUntilAcknowledged(server);
      check(server, cluster);
    }
  }

  private static long storedVehicles(OwnCluster cluster) {
    return cluster.count(DATABASE, "SELECT coalesce(sum((metrics->>'vehicles_checked')::numeric), 0)::bigint FROM report");
  }

  /** Resends every report whose outcome is unknown, a round every half second, until none is. */
  private void resendUnknownUntilAcknowledged(TestServer server) {
    await("every unknown outcome resent until known").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
        .until(() -> {
          List<Future<Result>> resends = new ArrayList<>();
          results.forEach((id, result) -> {
            if (result == Result.UNKNOWN) {
              resends.add(post(server, id).onSuccess(r -> results.put(id, r)));
            }
          });
          Future.join(resends).otherwiseEmpty().await();
          return !results.containsValue(Result.UNKNOWN);
        });
  }

  private void check(TestServer server, OwnCluster cluster) {
    long acked = 0;
    long refused = 0;
    for (var entry : results.entrySet()) {
      long stored = cluster.count(DATABASE, "SELECT count(*) FROM report WHERE id = '" + entry.getKey() + "'");
      if (entry.getValue() == Result.ACKED) {
        assertThat(stored).as("acknowledged %s", entry.getKey()).isEqualTo(1);
        acked++;
      } else {
        assertThat(stored).as("refused %s", entry.getKey()).isZero();
        refused++;
      }
    }
    assertThat(cluster.count(DATABASE, "SELECT count(*) FROM report")).isEqualTo(acked);
    long storedVehicles = storedVehicles(cluster);
    long expectedVehicles = results.entrySet().stream().filter(e -> e.getValue() == Result.ACKED)
        .mapToLong(e -> bodies.get(e.getKey()).getJsonObject("metrics").getLong("vehicles_checked")).sum();
    assertThat(storedVehicles).isEqualTo(expectedVehicles);
    assertThat(new Api(server).totals().getLong("vehicles_checked", 0L)).as("live totals equal the stored ones")
        .isEqualTo(storedVehicles);
    assertThat(acked + refused).isEqualTo(bodies.size());
  }
}
