package io.watchfloor.flag;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.core.json.JsonObject;
import io.watchfloor.Api;
import io.watchfloor.MutableClock;
import io.watchfloor.PgTest;
import io.watchfloor.TestDatabase;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;
import io.watchfloor.bus.Addresses;
import io.watchfloor.store.StoreMessages.FlagsRequest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A restart keeps the check's memory: the site's last 28 days are read back from PostgreSQL, so the
 * first wild reading after a restart is flagged as it would have been before. On the embedded store the
 * same wild reading, and a second clear of its flag, behave as on PostgreSQL.
 */
@PgTest
class FlagRestartTest {
  private static final String DATABASE = "wf_test_flags_restart";
  private static final OffsetDateTime FIRST_DAY = OffsetDateTime.parse("2026-10-20T10:00:00+08:00");
  private static final String SITE = "sn-jinpen";
  private static final String CHECKPOINT = "cp-highway-exit";
  /** alert/EvaluatorLock's advisory lock key. */
  private static final long EVALUATOR_LOCK = 7240413L;

  @Test
  void theHistoryIsReadBackAfterARestart() {
    MutableClock clock = new MutableClock(FIRST_DAY.plusMinutes(5).toInstant());
    String url = storedHistory(clock);
    try (TestServer second = TestServer.postgres(url, clock)) {
      UUID wild = postWild(second, clock);
      assertThat(flagged(second, wild)).as("flag of the first wild reading after the restart").isTrue();
    }
  }

  /**
   * A node that does not evaluate the rules (another holds the evaluator's lock: here the test) still stores
   * what it flags, so no flag is lost while no node, or another, holds the lock.
   */
  @Test
  void aNodeThatDoesNotEvaluateTheRulesStoresItsFlagsToo() {
    MutableClock clock = new MutableClock(FIRST_DAY.plusMinutes(5).toInstant());
    String url = storedHistory(clock);
    Vertx vertx = Vertx.vertx();
    try {
      PgConnection holder = PgConnection.connect(vertx, PgConnectOptions.fromUri(TestDatabase.adminUrl())
          .setDatabase(TestDatabase.name(DATABASE))).await();
      holder.query("SELECT pg_advisory_lock(" + EVALUATOR_LOCK + ")").execute().await();
      try (TestServer second = TestServer.postgres(url, clock)) {
        UUID wild = postWild(second, clock);
        assertThat(flagged(second, wild)).as("flag stored by a node that is not the evaluator").isTrue();
      }
    } finally {
      vertx.close().await();
    }
  }

  /**
   * The day's totals survive a restart too: 10 vehicles checked before it, then 3 turned back after it is
   * plausible for the day (3 of 10), and only a later 20 turned back (23 of 10) is flagged.
   */
  @Test
  void theDaysTotalsAreReadBackAfterARestart() {
    String url = TestDatabase.fresh(DATABASE);
    OffsetDateTime at = FIRST_DAY;
    MutableClock clock = new MutableClock(at.plusMinutes(5).toInstant());
    try (TestServer first = TestServer.postgres(url, clock)) {
      assertThat(new Api(first).postReport(TestTown.CHECKPOINTS, TestTown.checkpointReport(UUID.randomUUID(), at, 10, 0))
          .statusCode()).isEqualTo(201);
    }
    try (TestServer second = TestServer.postgres(url, clock)) {
      UUID plausible = postTurnedBack(second, at.plusMinutes(1), 3);
      UUID implausible = postTurnedBack(second, at.plusMinutes(2), 20);
      LocalDate day = at.toLocalDate();
      JsonArray flags = await().atMost(Duration.ofSeconds(5)).until(() -> second.vertx.eventBus().<JsonArray>request(
          Addresses.STORE_FLAGS, new FlagsRequest(day, day.plusDays(1), List.of(CHECKPOINT))).await().body(), list -> !list.isEmpty());
      assertThat(flags.stream().map(JsonObject.class::cast).map(f -> f.getString("reportId")))
          .as("only the report that takes the day past its checked total").containsExactly(implausible.toString())
          .doesNotContain(plausible.toString());
    }
  }

  private static UUID postTurnedBack(TestServer server, OffsetDateTime at, int turnedBack) {
    UUID id = UUID.randomUUID();
    assertThat(new Api(server).postReport(TestTown.CHECKPOINTS, TestTown.body(id, CHECKPOINT, at.toString(),
        new JsonObject().put("vehicles_turned_back", turnedBack))).statusCode()).isEqualTo(201);
    return id;
  }

  @Test
  void theEmbeddedStoreFlagsAndClearsOnceToo() {
    MutableClock clock = new MutableClock(FIRST_DAY.plusMinutes(5).toInstant());
    try (TestServer server = TestServer.start(new JsonObject(), clock)) {
      buildHistory(server, clock);
      UUID wild = postWild(server, clock);
      assertThat(flagged(server, wild)).isTrue();
      Api api = new Api(server);
      String officer = api.signIn(io.watchfloor.sim.DemoCredentials.XUDONG_DUTY, io.watchfloor.sim.DemoCredentials.XUDONG_DUTY_PASSWORD);
      for (int expected : new int[] {200, 409}) {
        int status = server.client.post("/api/v1/flags/" + wild + "/score/clear").putHeader("Cookie", officer)
            .putHeader("Origin", api.origin()).sendJsonObject(new JsonObject().put("note", "checked on site")).await().statusCode();
        assertThat(status).isEqualTo(expected);
      }
    }
  }

  /** A fresh database holding the 28 days of history a first server stored before it stopped. */
  private static String storedHistory(MutableClock clock) {
    String url = TestDatabase.fresh(DATABASE);
    try (TestServer first = TestServer.postgres(url, clock)) {
      buildHistory(first, clock);
    }
    return url;
  }

  private static void buildHistory(TestServer server, MutableClock clock) {
    Api api = new Api(server);
    for (int day = 0; day < 28; day++) {
      OffsetDateTime at = FIRST_DAY.plusDays(day);
      clock.set(at.plusMinutes(5).toInstant());
      assertThat(api.postReport(TestTown.SANITATION, TestTown.body(UUID.randomUUID(), SITE, at.toString(),
          new JsonObject().put("score", 85 + day % 5))).statusCode()).isEqualTo(201);
    }
  }

  private static UUID postWild(TestServer server, MutableClock clock) {
    OffsetDateTime at = FIRST_DAY.plusDays(28);
    clock.set(at.plusMinutes(5).toInstant());
    UUID id = UUID.randomUUID();
    assertThat(new Api(server).postReport(TestTown.SANITATION, TestTown.body(id, SITE, at.toString(),
        new JsonObject().put("score", 12))).statusCode()).isEqualTo(201);
    return id;
  }

  private static boolean flagged(TestServer server, UUID reportId) {
    LocalDate day = FIRST_DAY.plusDays(28).toLocalDate();
    JsonArray flags = await().atMost(Duration.ofSeconds(5)).until(() -> server.vertx.eventBus().<JsonArray>request(Addresses.STORE_FLAGS,
        new FlagsRequest(day, day.plusDays(1), List.of(SITE))).await().body(), list -> !list.isEmpty());
    return flags.stream().map(JsonObject.class::cast).anyMatch(f -> f.getString("reportId").equals(reportId.toString()));
  }
}
