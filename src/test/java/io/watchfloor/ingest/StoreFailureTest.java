package io.watchfloor.ingest;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.watchfloor.Api;
import io.watchfloor.MutableClock;
import io.watchfloor.PgTest;
import io.watchfloor.TestDatabase;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** When PostgreSQL cannot commit, reports get 503 and no 2xx; once it is back, resends count once. */
@PgTest
class StoreFailureTest {
  private static final String DATABASE = TestDatabase.name("wf_test_store_down");
  /** Longer than any timeout of the server's own (connect 3 s, store 10 s), so only a hang runs into it. */
  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private TestServer server;

  @AfterEach
  void reopen() {
    TestDatabase.run("ALTER DATABASE " + DATABASE + " ALLOW_CONNECTIONS true");
    if (server != null) {
      server.close();
    }
  }

  /** A report as a field unit posts it, which gives up (and fails the test) after {@code patience} without an answer. */
  private HttpResponse<Buffer> postGivingUpAfter(Duration patience, JsonObject report) {
    return server.client.post("/api/v1/reports").putHeader("Content-Type", "application/json")
        .putHeader("Authorization", "Bearer " + TestTown.CHECKPOINTS).timeout(patience.toMillis())
        .sendJsonObject(report).await();
  }

  private static void cutOff() {
    TestDatabase.run("ALTER DATABASE " + DATABASE + " ALLOW_CONNECTIONS false");
    TestDatabase.run("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + DATABASE + "'");
  }

  @Test
  void aServerStartedWithoutItsDatabaseIsNotReadyRefusesReportsAndRecoversByItself() {
    String url = TestDatabase.fresh(DATABASE);
    TestDatabase.run("CREATE DATABASE " + DATABASE);
    cutOff();
    server = TestServer.start(new JsonObject().put("store", new JsonObject().put("kind", "postgres").put("open-retry-ms", 300)
        .put("pg", new JsonObject().put("url", url).put("connect-timeout-ms", 1000))), MutableClock.system());
    HttpResponse<Buffer> ready = server.client.get("/health/ready").send().await();
    assertThat(ready.statusCode()).isEqualTo(503);
    assertThat(ready.bodyAsJsonObject().getString("reason")).isEqualTo("store unavailable");
    JsonObject report = TestTown.checkpointReport(UUID.randomUUID(), OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0), 4, 0);
    HttpResponse<Buffer> refused = postGivingUpAfter(PATIENCE, report);
    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.getHeader("Retry-After")).isNotNull();

    TestDatabase.run("ALTER DATABASE " + DATABASE + " ALLOW_CONNECTIONS true");
    Awaitility.await("ready without a restart").atMost(PATIENCE).pollInterval(Duration.ofMillis(100))
        .until(() -> server.client.get("/health/ready").send().await().statusCode(), status -> status == 200);
    assertThat(new Api(server).postReport(TestTown.CHECKPOINTS, report).statusCode()).isEqualTo(201);
    assertThat(new Api(server).totals().getLong("vehicles_checked")).isEqualTo(4);
  }

  @Test
  void aStoreThatCannotCommitGives503AndTheResendLaterCountsOnce() {
    server = TestServer.postgres(TestDatabase.fresh(DATABASE), MutableClock.system());
    Api api = new Api(server);
    JsonObject report = TestTown.checkpointReport(UUID.randomUUID(),
        OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0), 17, 2);

    cutOff();
    // what the field unit notices: a prompt 503 telling it when to resend, not a request left hanging
    HttpResponse<Buffer> refused = postGivingUpAfter(PATIENCE, report);
    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.getHeader("Retry-After")).isEqualTo("2");
    assertThat(refused.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(server.client.get("/health/ready").send().await().statusCode()).isEqualTo(503);
    assertThat(api.totals().getLong("vehicles_checked", 0L)).isZero();

    TestDatabase.run("ALTER DATABASE " + DATABASE + " ALLOW_CONNECTIONS true");
    assertThat(api.postReport(TestTown.CHECKPOINTS, report).statusCode()).isEqualTo(201);
    assertThat(api.postReport(TestTown.CHECKPOINTS, report).statusCode()).isEqualTo(200);
    assertThat(api.totals().getLong("vehicles_checked")).isEqualTo(17);
    assertThat(server.client.get("/health/ready").send().await().statusCode()).isEqualTo(200);
  }
}
