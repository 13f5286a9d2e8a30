package io.watchfloor.ingest;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.watchfloor.Api;
import io.watchfloor.MutableClock;
import io.watchfloor.TestDatabase;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reports flow at a steady rate while PostgreSQL is killed (immediate shutdown, as a crash) and
 * restarted several times. Every response is kept, and afterwards, like a Jepsen set checker:
 * every 2xx report is stored exactly once, every 4xx report is absent, every report whose outcome was
 * unknown is resent with its id until acknowledged and then stored once, and the live totals equal
 * the stored ones. Needs root and pg_ctlcluster, as CI has.
 */
class FaultTest {
  private static final String DATABASE = "wf_test_faults";
  private static final int RATE_PER_SECOND = 40;

  enum Result { ACKED, REFUSED, UNKNOWN }

  private final Map<UUID, JsonObject> bodies = new ConcurrentHashMap<>();
  private final Map<UUID, Result> results = new ConcurrentHashMap<>();

  @AfterEach
  void postgresBack() throws Exception {
    pg("start");
  }

  private static void pg(String action) throws IOException, InterruptedException {
    String version;
    try (var versions = Files.list(Path.of("/etc/postgresql"))) {
      version = versions.map(p -> p.getFileName().toString()).sorted().reduce((a, b) -> b).orElseThrow();
    }
    List<String> command = new ArrayList<>(List.of("pg_ctlcluster", "--skip-systemctl-redirect", version, "main", action));
    if (action.equals("stop")) {
      command.addAll(List.of("--", "-m", "immediate"));
    }
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    if (process.exitValue() != 0 && !(action.equals("start") && output.contains("already running"))) {
      throw new IllegalStateException("pg_ctlcluster " + action + " failed: " + output);
    }
  }

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
    String url = TestDatabase.fresh(DATABASE);
    try (TestServer server = TestServer.postgres(url, MutableClock.system())) {
      List<Future<Result>> inFlight = new ArrayList<>();
      long start = System.currentTimeMillis();
      long[][] outages = {{4_000, 8_000}, {14_000, 17_000}, {23_000, 27_000}};
      int outage = 0;
      boolean down = false;
      int n = 0;
      while (System.currentTimeMillis() - start < 32_000) {
        long t = System.currentTimeMillis() - start;
        if (!down && outage < outages.length && t >= outages[outage][0]) {
          pg("stop");
          down = true;
        } else if (down && t >= outages[outage][1]) {
          pg("start");
          down = false;
          outage++;
        }
        UUID id = UUID.randomUUID();
        boolean bad = n++ % 10 == 9;
        bodies.put(id, TestTown.checkpointReport(id, OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0), bad ? -1 : 1 + n % 5, 0));
        inFlight.add(post(server, id).onSuccess(r -> results.put(id, r)));
        Thread.sleep(1000 / RATE_PER_SECOND);
      }
      Future.join(inFlight).otherwiseEmpty().await();
      assertThat(outage).as("all outages happened").isEqualTo(outages.length);
      assertThat(results.values()).as("the outages were felt").contains(Result.UNKNOWN);
      assertThat(results.values()).contains(Result.ACKED, Result.REFUSED);

      resendUnknownUntilAcknowledged(server);
      check(server);
    }
  }

  private void resendUnknownUntilAcknowledged(TestServer server) throws InterruptedException {
    for (int round = 0; round < 60 && results.containsValue(Result.UNKNOWN); round++) {
      List<Future<Result>> resends = new ArrayList<>();
      results.forEach((id, result) -> {
        if (result == Result.UNKNOWN) {
          resends.add(post(server, id).onSuccess(r -> results.put(id, r)));
        }
      });
      Future.join(resends).otherwiseEmpty().await();
      Thread.sleep(500);
    }
    assertThat(results).doesNotContainValue(Result.UNKNOWN);
  }

  private void check(TestServer server) {
    long acked = 0;
    long refused = 0;
    for (var entry : results.entrySet()) {
      long stored = TestDatabase.count(DATABASE, "SELECT count(*) FROM report WHERE id = '" + entry.getKey() + "'");
      if (entry.getValue() == Result.ACKED) {
        assertThat(stored).as("acknowledged %s", entry.getKey()).isEqualTo(1);
        acked++;
      } else {
        assertThat(stored).as("refused %s", entry.getKey()).isZero();
        refused++;
      }
    }
    assertThat(TestDatabase.count(DATABASE, "SELECT count(*) FROM report")).isEqualTo(acked);
    long storedVehicles = TestDatabase.count(DATABASE,
        "SELECT coalesce(sum((metrics->>'vehicles_checked')::numeric), 0)::bigint FROM report");
    long expectedVehicles = results.entrySet().stream().filter(e -> e.getValue() == Result.ACKED)
        .mapToLong(e -> bodies.get(e.getKey()).getJsonObject("metrics").getLong("vehicles_checked")).sum();
    assertThat(storedVehicles).isEqualTo(expectedVehicles);
    assertThat(new Api(server).totals().getLong("vehicles_checked", 0L)).as("live totals equal the stored ones")
        .isEqualTo(storedVehicles);
    assertThat(acked + refused).isEqualTo(bodies.size());
  }
}
