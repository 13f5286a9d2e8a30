package io.watchfloor.live;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.SqlConnection;
import io.watchfloor.Api;
import io.watchfloor.ClusterTest;
import io.watchfloor.MutableClock;
import io.watchfloor.TestDatabase;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live picture is a projection of the store: two servers on one PostgreSQL database (nodes that
 * share no bus here, so only the commit tail can tell one about the other's reports) each show exactly
 * what the store has committed, through a node joining while reports flow, a transaction that commits
 * after later ones, and rules that must fire once for both.
 */
@ClusterTest
class ProjectionTest {
  private static final String DATABASE = TestDatabase.name("wf_test_projection");
  private final List<TestServer> servers = new ArrayList<>();

  @BeforeEach
  void database() {
    TestDatabase.fresh("wf_test_projection");
  }

  @AfterEach
  void close() {
    servers.forEach(TestServer::close);
  }

  private static String url() {
    PgConnectOptions admin = PgConnectOptions.fromUri(TestDatabase.adminUrl());
    return "postgresql://" + admin.getUser() + "@" + admin.getHost() + ":" + admin.getPort() + "/" + DATABASE;
  }

  private Api nodeOnSharedDatabase() {
    TestServer server = TestServer.postgres(url(), MutableClock.system());
    servers.add(server);
    return new Api(server);
  }

  private static long storedVehicles() {
    return TestDatabase.count(DATABASE,
        "SELECT coalesce(sum((metrics->>'vehicles_checked')::numeric), 0)::bigint FROM report");
  }

  private static long vehiclesOn(Api node) {
    return node.totals().getLong("vehicles_checked", 0L);
  }

  private static JsonObject report(int vehicles) {
    return TestTown.checkpointReport(UUID.randomUUID(), OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0), vehicles, 0);
  }

  private static void settlesOnTheStore(Api... nodes) {
    long stored = storedVehicles();
    for (Api node : nodes) {
      await("a node's picture equals the store").atMost(Duration.ofSeconds(10)).until(() -> vehiclesOn(node), v -> v == stored);
    }
  }

  @Test
  void aReportCommittedOnOneNodeShowsOnTheOtherOnce() {
    Api a = nodeOnSharedDatabase();
    Api b = nodeOnSharedDatabase();
    for (int i = 1; i <= 5; i++) {
      assertThat(a.postReport(TestTown.CHECKPOINTS, report(i)).statusCode()).isEqualTo(201);
      assertThat(b.postReport(TestTown.CHECKPOINTS, report(10 * i)).statusCode()).isEqualTo(201);
    }
    assertThat(vehiclesOn(a)).as("a node counts its own commit before it answers").isGreaterThanOrEqualTo(15);
    settlesOnTheStore(a, b);
    assertThat(storedVehicles()).isEqualTo(165);
  }

  @Test
  void aNodeJoiningWhileReportsFlowMissesNoneAndCountsNoneTwice() throws Exception {
    Api a = nodeOnSharedDatabase();
    AtomicBoolean flowing = new AtomicBoolean(true);
    AtomicInteger sent = new AtomicInteger();
    Thread unit = new Thread(() -> {
      while (flowing.get()) {
        if (a.postReport(TestTown.CHECKPOINTS, report(1)).statusCode() == 201) {
          sent.incrementAndGet();
        }
      }
    });
    unit.start();
    try {
      await().atMost(Duration.ofSeconds(20)).until(sent::get, n -> n >= 50);
      Api b = nodeOnSharedDatabase(); // rebuilds below a horizon while A commits, then tails from there
      int atJoin = sent.get();
      await().atMost(Duration.ofSeconds(20)).until(sent::get, n -> n >= atJoin + 100);
      flowing.set(false);
      unit.join();
      assertThat(storedVehicles()).isEqualTo(sent.get());
      settlesOnTheStore(a, b);
    } finally {
      flowing.set(false);
      unit.join();
    }
  }

  /**
   * Transaction T1 takes its id first and commits last. A reader following a sequence or "the
   * highest id seen" would have passed T1's row by the time it commits, and never count it.
   */
  @Test
  void aTransactionCommittingAfterLaterOnesIsCountedWhenItCommits() {
    Api a = nodeOnSharedDatabase();
    Api b = nodeOnSharedDatabase();
    Vertx vertx = Vertx.vertx();
    try {
      PgConnection slow = PgConnection.connect(vertx, PgConnectOptions.fromUri(url())).await();
      slow.query("BEGIN").execute().await();
      slow.query("SELECT pg_current_xact_id()").execute().await(); // T1's id, older than every later commit
      for (int i = 0; i < 3; i++) {
        assertThat(a.postReport(TestTown.CHECKPOINTS, report(2)).statusCode()).isEqualTo(201);
      }
      // three tail polls, and B must show nothing in any of them
      await("held back while T1 runs: the tail may not pass a transaction that has not ended")
          .during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() -> vehiclesOn(b), v -> v == 0);
      assertThat(vehiclesOn(a)).as("A counted its own commits at once").isEqualTo(6);
      OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0);
      slow.query("INSERT INTO report (id, unit, site, observed_at, local_day, received_at, metrics, note, body_hash)"
          + " VALUES ('" + UUID.randomUUID() + "', 'demo-checkpoints', 'cp-highway-exit', '" + now + "', '"
          + now.toLocalDate() + "', now(), '{\"vehicles_checked\": 100, \"vehicles_turned_back\": 0}', null, 'x')")
          .execute().await();
      slow.query("COMMIT").execute().await();
      ((SqlConnection) slow).close().await();
      assertThat(storedVehicles()).isEqualTo(106);
      settlesOnTheStore(a, b);
    } finally {
      vertx.close().await();
    }
  }

  @Test
  void rulesFireOnceForTwoNodesAndTheReadinessNamesOneEvaluator() {
    Api a = nodeOnSharedDatabase();
    Api b = nodeOnSharedDatabase();
    for (int i = 0; i < 4; i++) {
      Api node = i % 2 == 0 ? a : b;
      assertThat(node.postReport(TestTown.PETITIONS, new JsonObject().put("id", UUID.randomUUID().toString())
          .put("site", "pd-xijie").put("observedAt", OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0).toString())
          .put("metrics", new JsonObject().put("escalated_petitions", 1))).statusCode()).isEqualTo(201);
    }
    long count = await().atMost(Duration.ofSeconds(10)).until(() -> TestDatabase.count(DATABASE,
            "SELECT coalesce(sum(count), 0) FROM alert WHERE rule = 'escalated-petition' AND subject = 'pd-xijie'"),
        c -> c >= 4);
    assertThat(count).as("four reports fired the rule: counted four times, not eight").isEqualTo(4);
    assertThat(TestDatabase.count(DATABASE, "SELECT count(*) FROM alert WHERE rule = 'escalated-petition'"))
        .as("one alert").isEqualTo(1);
    int evaluators = 0;
    for (TestServer server : servers) {
      JsonObject ready = server.client.get("/health/ready").send().await().bodyAsJsonObject();
      evaluators += ready.getBoolean("evaluator") ? 1 : 0;
    }
    assertThat(evaluators).as("exactly one node evaluates the rules").isEqualTo(1);
  }

  private static boolean evaluates(TestServer server) {
    var response = server.client.get("/health/ready").send().await();
    return response.statusCode() == 200 && response.bodyAsJsonObject().getBoolean("evaluator", false);
  }

  private static void petition(Api node) {
    assertThat(node.postReport(TestTown.PETITIONS, new JsonObject().put("id", UUID.randomUUID().toString())
        .put("site", "pd-xijie").put("observedAt", OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0).toString())
        .put("metrics", new JsonObject().put("escalated_petitions", 1))).statusCode()).isEqualTo(201);
  }

  private static long counted() {
    return TestDatabase.count(DATABASE,
        "SELECT coalesce(sum(count), 0) FROM alert WHERE rule = 'escalated-petition' AND subject = 'pd-xijie'");
  }

  /**
   * The evaluator goes away; the other node takes the lock within seconds and sends the last minute's
   * firings again, in case the first died before storing one: the store counts each cause once.
   */
  @Test
  void anotherNodeTakesOverTheRulesAndCountsNothingTwice() {
    nodeOnSharedDatabase();
    nodeOnSharedDatabase();
    TestServer first = await().atMost(Duration.ofSeconds(5))
        .until(() -> servers.stream().filter(ProjectionTest::evaluates).findFirst().orElse(null), s -> s != null);
    TestServer other = servers.get(servers.get(0) == first ? 1 : 0);
    Api survivor = new Api(other);
    petition(survivor);
    petition(survivor);
    await().atMost(Duration.ofSeconds(10)).until(ProjectionTest::counted, c -> c == 2);

    servers.remove(first);
    first.close();
    long closed = System.nanoTime();
    await().atMost(Duration.ofSeconds(5)).until(() -> evaluates(other));
    assertThat(Duration.ofNanos(System.nanoTime() - closed)).as("taken over within seconds").isLessThan(Duration.ofSeconds(4));
    // the new evaluator sends the last minute's firings again as it takes over: none may count twice
    await("the resent firings were counted before").during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
        .until(ProjectionTest::counted, c -> c == 2);

    petition(survivor);
    await("and new ones count").atMost(Duration.ofSeconds(10)).until(ProjectionTest::counted, c -> c == 3);
  }
}
