package io.watchfloor.ingest;

import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;
import io.watchfloor.Api;
import io.watchfloor.MutableClock;
import io.watchfloor.PgTest;
import io.watchfloor.TestDatabase;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL commits a report and the connection dies before its answer arrives: the unit gets 503
 * for a report that is stored. The screen must still count it, whether the unit resends or not.
 */
@PgTest
class LostAckTest {
  private static final String DATABASE = TestDatabase.name("wf_test_lost_ack");
  private LostCommitProxy proxy;
  private TestServer server;

  @BeforeEach
  void proxy() {
    TestDatabase.fresh(DATABASE);
    PgConnectOptions admin = PgConnectOptions.fromUri(TestDatabase.adminUrl());
    proxy = new LostCommitProxy(admin.getHost(), admin.getPort());
  }

  @AfterEach
  void close() {
    if (server != null) {
      server.close();
    }
    proxy.close();
  }

  private TestServer start(long inDoubtCheckMs) {
    String user = PgConnectOptions.fromUri(TestDatabase.adminUrl()).getUser();
    server = TestServer.start(new JsonObject().put("store", new JsonObject().put("kind", "postgres")
        .put("pg", new JsonObject().put("url", proxy.url(user, DATABASE)).put("connect-timeout-ms", 1000))
        .put("in-doubt", new JsonObject().put("check-ms", inDoubtCheckMs))), MutableClock.system());
    return server;
  }

  private static long storedVehicles() {
    return TestDatabase.count(DATABASE, "SELECT coalesce(sum((metrics->>'vehicles_checked')::numeric), 0)::bigint FROM report");
  }

  private static JsonObject report(int vehicles) {
    return TestTown.checkpointReport(UUID.randomUUID(), OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0), vehicles, 0);
  }

  /** Sends a report whose commit answer the proxy loses, and checks it is stored though the unit got 503. */
  private JsonObject sendWithLostAck(Api api) {
    JsonObject lost = report(7);
    proxy.loseNextReportCommits(1);
    assertThat(api.postReport(TestTown.CHECKPOINTS, lost).statusCode()).as("the unit never heard of the commit").isEqualTo(503);
    assertThat(proxy.lost()).isEqualTo(1);
    assertThat(TestDatabase.count(DATABASE, "SELECT count(*) FROM report WHERE id = '" + lost.getString("id") + "'"))
        .as("yet PostgreSQL committed it").isEqualTo(1);
    return lost;
  }

  @Test
  void theResendOfAReportWhoseAcknowledgementWasLostCountsOnTheScreen() {
    Api api = new Api(start(3_600_000)); // only the resend can bring it to the screen here
    assertThat(api.postReport(TestTown.CHECKPOINTS, report(5)).statusCode()).isEqualTo(201);
    JsonObject lost = sendWithLostAck(api);

    assertThat(api.postReport(TestTown.CHECKPOINTS, lost).statusCode()).as("a duplicate").isEqualTo(200);
    long live = await().atMost(Duration.ofSeconds(10)).until(() -> api.totals().getLong("vehicles_checked", 0L), v -> v == 12);
    assertThat(live).as("live totals equal the stored ones").isEqualTo(storedVehicles()).isEqualTo(12);
    assertThat(api.postReport(TestTown.CHECKPOINTS, lost).statusCode()).isEqualTo(200);
    assertThat(api.totals().getLong("vehicles_checked")).as("a second resend counts nothing").isEqualTo(12);
  }

  @Test
  void aReportWhoseAcknowledgementWasLostCountsOnTheScreenEvenIfNeverResent() {
    Api api = new Api(start(200));
    assertThat(api.postReport(TestTown.CHECKPOINTS, report(5)).statusCode()).isEqualTo(201);
    sendWithLostAck(api);

    long live = await().atMost(Duration.ofSeconds(10)).until(() -> api.totals().getLong("vehicles_checked", 0L), v -> v == 12);
    assertThat(live).as("live totals equal the stored ones").isEqualTo(storedVehicles()).isEqualTo(12);
    assertThat(api.snapshot().getJsonObject("sites").getJsonObject("cp-highway-exit").getJsonObject("today")
        .getLong("vehicles_checked")).as("and so does the site's own figure").isEqualTo(12);
  }

  /** On PostgreSQL the commit tail finds the commit by itself: no resend, and no in-doubt check for an hour. */
  @Test
  void theCommitTailCountsALostAcknowledgementWithoutResendOrRecheck() {
    Api api = new Api(start(3_600_000));
    assertThat(api.postReport(TestTown.CHECKPOINTS, report(5)).statusCode()).isEqualTo(201);
    sendWithLostAck(api);

    long live = await().atMost(Duration.ofSeconds(10)).until(() -> api.totals().getLong("vehicles_checked", 0L), v -> v == 12);
    assertThat(live).as("live totals equal the stored ones").isEqualTo(storedVehicles()).isEqualTo(12);
  }
}
