package io.watchfloor.ingest;

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

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** When PostgreSQL cannot commit, reports get 503 and no 2xx; once it is back, resends count once. */
class StoreFailureTest {
  private static final String DATABASE = "wf_test_store_down";
  private TestServer server;

  @AfterEach
  void reopen() {
    TestDatabase.run("ALTER DATABASE " + DATABASE + " ALLOW_CONNECTIONS true");
    if (server != null) {
      server.close();
    }
  }

  private static void cutOff() {
    TestDatabase.run("ALTER DATABASE " + DATABASE + " ALLOW_CONNECTIONS false");
    TestDatabase.run("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + DATABASE + "'");
  }

  @Test
  void aServerStartedWithoutItsDatabaseIsNotReadyRefusesReportsAndRecoversByItself() throws InterruptedException {
    String url = TestDatabase.fresh(DATABASE);
    TestDatabase.run("CREATE DATABASE " + DATABASE);
    cutOff();
    server = TestServer.start(new JsonObject().put("store", new JsonObject().put("kind", "postgres").put("open-retry-ms", 300)
        .put("pg", new JsonObject().put("url", url).put("connect-timeout-ms", 1000))), MutableClock.system());
    HttpResponse<Buffer> ready = server.client.get("/health/ready").send().await();
    assertThat(ready.statusCode()).isEqualTo(503);
    assertThat(ready.bodyAsJsonObject().getString("reason")).isEqualTo("store unavailable");
    JsonObject report = TestTown.checkpointReport(UUID.randomUUID(), OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0), 4, 0);
    HttpResponse<Buffer> refused = new Api(server).postReport(TestTown.CHECKPOINTS, report);
    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.getHeader("Retry-After")).isNotNull();

    TestDatabase.run("ALTER DATABASE " + DATABASE + " ALLOW_CONNECTIONS true");
    int status = 0;
    for (int i = 0; i < 100 && status != 200; i++) {
      Thread.sleep(100);
      status = server.client.get("/health/ready").send().await().statusCode();
    }
    assertThat(status).as("ready without a restart").isEqualTo(200);
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
    long started = System.nanoTime();
    HttpResponse<Buffer> refused = api.postReport(TestTown.CHECKPOINTS, report);
    long tookMs = (System.nanoTime() - started) / 1_000_000;
    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.getHeader("Retry-After")).isEqualTo("2");
    assertThat(refused.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(tookMs).as("a client learns of the outage within the connect timeout, not after 30 s").isLessThan(10_000);
    assertThat(server.client.get("/health/ready").send().await().statusCode()).isEqualTo(503);
    assertThat(api.totals().getLong("vehicles_checked", 0L)).isZero();

    TestDatabase.run("ALTER DATABASE " + DATABASE + " ALLOW_CONNECTIONS true");
    assertThat(api.postReport(TestTown.CHECKPOINTS, report).statusCode()).isEqualTo(201);
    assertThat(api.postReport(TestTown.CHECKPOINTS, report).statusCode()).isEqualTo(200);
    assertThat(api.totals().getLong("vehicles_checked")).isEqualTo(17);
    assertThat(server.client.get("/health/ready").send().await().statusCode()).isEqualTo(200);
  }
}
