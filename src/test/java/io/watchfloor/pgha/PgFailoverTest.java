package io.watchfloor.pgha;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.watchfloor.HaTest;
import io.watchfloor.TestTown;
import io.watchfloor.cluster.ClusterFaultNode;
import io.watchfloor.cluster.ClusterFaultScreen;
import io.watchfloor.cluster.ClusterFaultStore;
import io.watchfloor.cluster.ClusterFaultStore.AlertRow;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Watchfloor on the data tier of deploy/pg-ha.sh (a primary and its synchronous standby under Patroni,
 * HAProxy in front), under 200 reports/s from twenty units that resend what got no answer, with two wall screens
 * connected: the primary killed with SIGKILL; then the killed node back as the standby and the new primary
 * killed; then a planned switchover. Each time: no acknowledged report lost or stored twice, writes accepted
 * again within 15 s (5 s for the switchover), the 503s in between with Retry-After, every screen equal to
 * the store once the resends are in, the commit tail's cursor still right on the other server (reports sent
 * after the failover carry higher txids than those before, and the screens show each once), an escalation
 * that fell due during the failover made once, an officer's acknowledgement sent during it applied once, and
 * /metrics counting each failover once, with the seconds it went without a primary.
 */
@HaTest
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PgFailoverTest {
  private static final Path DIR = Path.of("target/pg-failover");
  private static final String CRITICAL_RULE = "escalated-petition";
  private static final Duration ESCALATE_AFTER = Duration.ofSeconds(12);
  private static final double RATE = 200;
  /**
   * The tier's shape: -Dwatchfloor.pgha.nodes=2|3, -Dwatchfloor.pgha.strict=true|false (deploy/pg-ha.sh's variables),
   * by default the script's: two nodes, not strict. With two and synchronous_mode_strict the new primary has no
   * standby to confirm a commit, and every write waits until the killed node is back; three nodes are strict.
   */
  private static final int NODES = Integer.getInteger("watchfloor.pgha.nodes", 2);
  private static final boolean STRICT = Boolean.parseBoolean(System.getProperty("watchfloor.pgha.strict",
      String.valueOf(NODES == 3)));

  private Vertx vertx;
  private PgHaTier tier;
  private ClusterFaultNode server;
  private PgHaOfficer officer;
  private final List<ClusterFaultScreen> screens = new ArrayList<>();
  private int killedFirst;

  /** Escalation due soon enough to fall within a failover, checked every second. */
  private static JsonObject overrides() {
    return new JsonObject()
        .put("http", new JsonObject().put("host", "127.0.0.1"))
        .put("alerts", new JsonObject().put("escalate-critical-after", ESCALATE_AFTER.toString())
            .put("escalation-check-seconds", 1))
        .put("store", new JsonObject().put("pg", new JsonObject().put("connect-timeout-ms", 1000)));
  }

  @BeforeAll
  void start(Vertx vertx) throws Exception {
    this.vertx = vertx;
    tier = PgHaTier.start(DIR, NODES, STRICT);
    say("data tier up: " + tier.status());
    server = PgHaServer.start("server", DIR, tier.url("watchfloor"), overrides());
    officer = PgHaOfficer.signIn(server.baseUrl());
    for (String name : List.of("screen A", "screen B")) {
      screens.add(new ClusterFaultScreen(vertx, name, server.httpPort, server.httpPort, "key=" + TestTown.DISPLAY_KEY).start());
    }
    await("screens with a snapshot").atMost(Duration.ofSeconds(30)).until(() -> screens.stream().allMatch(s -> s.state() != null));
  }

  @AfterAll
  void stop() {
    screens.forEach(ClusterFaultScreen::close);
    if (server != null) {
      server.close();
    }
    if (tier != null) {
      List<String> left = tier.stop();
      assertThat(left).as("processes of the data tier still running after its stop").isEmpty();
      assertThat(tier.dir).as("the data tier's state directory").doesNotExist();
    }
  }

  @Test
  @Order(1)
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void killingThePrimaryUnderLoadLosesNothingAndDoublesNothing() throws Exception {
    failover(0, "kill-primary", () -> killedFirst = tier.killPrimary(), Duration.ofSeconds(15), Duration.ofSeconds(6));
  }

  @Test
  @Order(2)
  @Timeout(value = 300, unit = TimeUnit.SECONDS)
  void theKilledNodeRejoinsAsTheStandbyAndKillingTheNewPrimaryLosesNothing() throws Exception {
    allNodesUp();
    say("every node up again: " + tier.status());
    int[] killed = {0};
    failover(1, "kill-primary again", () -> killed[0] = tier.killPrimary(), Duration.ofSeconds(15), Duration.ofSeconds(6));
    if (killedFirst != 0) {
      assertThat(killed[0]).as("the second kill hit the new primary, not the node killed first").isNotEqualTo(killedFirst);
    }
  }

  @Test
  @Order(3)
  @Timeout(value = 300, unit = TimeUnit.SECONDS)
  void aPlannedSwitchoverUnderLoadCostsOnlyItsFewSeconds() throws Exception {
    allNodesUp();
    say("every node up again: " + tier.status());
    failover(2, "switchover", tier::switchover, Duration.ofSeconds(5), Duration.ofMillis(1500));
  }

  /** Revives whichever node a test before left down, so each test starts from a primary and its standbys. */
  private void allNodesUp() {
    for (int k = 1; k <= tier.nodes; k++) {
      if (!tier.nodesUp().contains(k)) {
        tier.revive(k);
      }
    }
  }

  /**
   * @param round   which pair of alert desks the round uses
   * @param writes  the longest writes may be refused
   * @param lead    how long before the escalation falls due the fault's command starts, so that it falls due during
   *                the fault (the script strikes 1-3 s after its start on a busy machine, and writes stay refused ~10 s)
   */
  private void failover(int round, String name, Runnable fault, Duration writes, Duration lead) throws Exception {
    String escalating = PgHaLoad.ALERT_DESKS.get(2 * round);
    String acknowledged = PgHaLoad.ALERT_DESKS.get(2 * round + 1);
    ClusterFaultStore store = new ClusterFaultStore(vertx, tier.url("watchfloor"));
    double unavailableBefore = metric("watchfloor_store_unavailable_seconds_total");
    PgHaRound run = PgHaRound.begin(vertx, server.baseUrl(), tier.url("watchfloor"), screens, RATE);
    try {
      run.load.critical(escalating);
      run.load.critical(acknowledged);
      AlertRow toEscalate = firstAlert(store, escalating);
      AlertRow toAcknowledge = firstAlert(store, acknowledged);
      Instant due = toEscalate.firstSeen().plus(ESCALATE_AFTER);
      await().atMost(ESCALATE_AFTER.plusSeconds(5)).pollInterval(Duration.ofMillis(20))
          .until(() -> !Instant.now().isBefore(due.minus(lead)));

      // the officer presses acknowledge once the units get 503s (the store is changing hands), and waits for the answer
      long refusedBefore = run.load.refused();
      AtomicBoolean faultDone = new AtomicBoolean();
      CompletableFuture<PgHaOfficer.Answer> during = CompletableFuture.supplyAsync(() -> {
        PgHaChecks.lastReading(() -> run.load.refused() > refusedBefore || faultDone.get(), b -> b, Duration.ofSeconds(90));
        return officer.acknowledge(toAcknowledge.id());
      });
      // the command's start: the fault strikes after it, so nothing it causes can come before
      Instant faultAt = Instant.now();
      run.fault(fault);
      faultDone.set(true);
      say(name + ": the command took " + Duration.between(faultAt, Instant.now()).toMillis() + " ms: " + tier.status());
      boolean back = run.awaitWritesBack(Duration.ofSeconds(60));
      Instant backAt = Instant.now();
      PgHaOfficer.Answer first = during.get(60, TimeUnit.SECONDS);
      // not applied as far as the officer knows: pressed again once the store answers
      PgHaOfficer.Answer again = first.status() == 200 ? null : PgHaChecks.lastReading(
          () -> officer.acknowledge(toAcknowledge.id()), a -> a.status() != 503, Duration.ofSeconds(30));
      List<AlertRow> escalated = PgHaChecks.lastReading(() -> store.alertsOf(CRITICAL_RULE, escalating),
          l -> l.size() == 1 && l.get(0).escalatedTo() != null, Duration.ofSeconds(30));
      run.settle(Duration.ofSeconds(30), Duration.ofSeconds(10));
      PgHaRound.Result result = run.result();
      say(name + ": " + result.summary());
      say(name + ": acknowledgement during it " + first + (again == null ? "" : ", again after it " + again)
          + "; escalation due " + due + ", fault at " + faultAt + ", writes back at " + backAt + ": " + escalated);

      SoftAssertions soft = new SoftAssertions();
      PgHaChecks.reports(soft, result, back, writes, name.equals("switchover"));
      PgHaChecks.escalatedOnce(soft, store, escalated, faultAt, due, backAt, !name.equals("switchover"));
      PgHaChecks.acknowledgedOnce(soft, store, toAcknowledge.id(), first, again, screens);
      double failovers = PgHaChecks.lastReading(() -> metric("watchfloor_store_failovers_total"), n -> n >= round + 1,
          Duration.ofSeconds(10));
      soft.assertThat(failovers).as("/metrics: failovers seen after round " + round).isEqualTo(round + 1.0);
      soft.assertThat(metric("watchfloor_store_unavailable_seconds_total") - unavailableBefore)
          .as("/metrics: seconds without a primary in this round").isGreaterThan(name.equals("switchover") ? 0.0 : 1.0);
      soft.assertAll();
    } finally {
      run.close();
    }
  }

  /** A counter of the server's /metrics (the registry is the server process's own: counted from its start). */
  private double metric(String name) {
    try {
      java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(
          java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.baseUrl() + "/metrics")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      return answer.body().lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
          .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static AlertRow firstAlert(ClusterFaultStore store, String desk) {
    return await("the critical alert on " + desk).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
        .ignoreExceptions().until(() -> store.alertsOf(CRITICAL_RULE, desk), l -> !l.isEmpty()).get(0);
  }

  private static void say(String line) {
    System.out.println("[pg-failover] " + line);
    try {
      Files.createDirectories(DIR);
      Files.writeString(DIR.resolve("test.log"), Instant.now() + " " + line + "\n", java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
    } catch (java.io.IOException e) {
      // the console has it
    }
  }
}
