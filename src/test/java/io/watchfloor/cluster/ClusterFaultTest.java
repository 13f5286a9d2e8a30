package io.watchfloor.cluster;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.watchfloor.ClusterTest;
import io.watchfloor.TestTown;
import org.assertj.core.api.SoftAssertions;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/**
 * The cluster's fault test (docs/benchmarks.md, docs/operations.md#several-nodes): three nodes and HAProxy on loopback, reports at a
 * steady rate through HAProxy from a client that resends unknown outcomes with the same id, screens on
 * each node and through HAProxy; the node holding the rule evaluator is killed with SIGKILL while a
 * critical alert waits to escalate, and started again later. Then every acknowledged report is stored
 * once, every screen equals the store, no alert is doubled or counted twice, the escalation due after the
 * kill happened, the restarted node shows what the others show, and an officer signed in on the dead
 * node is still signed in.
 *
 * <p>{@code -Dwatchfloor.fault.cluster=false} runs the same nodes unclustered (each its own live picture):
 * the process, HAProxy, reporter and screen plumbing can be tried, and the checks that need one live
 * picture fail, as they should.
 */
@ClusterTest
class ClusterFaultTest {
  private static final String DESK = "pd-jinpen";
  private static final String CRITICAL_RULE = "escalated-petition";
  private static final Duration ESCALATE_AFTER = Duration.ofSeconds(12);
  private static final Duration SETTLE = Duration.ofSeconds(10);
  private static final ZoneId TOWN_ZONE = ZoneId.of("Asia/Shanghai");

  /** The test's config: escalation short enough to fall due during the test, checks every second. */
  static JsonObject overrides() {
    return new JsonObject()
        .put("http", new JsonObject().put("host", "127.0.0.1"))
        .put("alerts", new JsonObject().put("escalate-critical-after", ESCALATE_AFTER.toString())
            .put("escalation-check-seconds", 1).put("missing-check-seconds", 2))
        .put("store", new JsonObject().put("pg", new JsonObject().put("connect-timeout-ms", 1000)));
  }

  /** The run takes under 3 minutes; the net is wider so a loaded CI machine reports checks, not a timeout. */
  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void killingTheEvaluatorsNodeUnderLoadLosesNothingAndDoublesNothing() throws Exception {
    boolean clustered = Boolean.parseBoolean(System.getProperty("watchfloor.fault.cluster", "true"));
    Vertx vertx = Vertx.vertx();
    List<ClusterFaultScreen> screens = new ArrayList<>();
    ClusterFaultReporter reporter = null;
    String database = System.getProperty("watchfloor.fault.db", "wf_test_cluster_fault");
    try (ClusterFaultRig rig = ClusterFaultRig.start(database, Path.of("target/cluster-fault/test"), 3, clustered,
        overrides(), true)) {
      ClusterFaultStore store = new ClusterFaultStore(vertx, rig.pgUrl);
      ClusterFaultHaproxy haproxy = rig.haproxy;
      ClusterFaultNode victim = rig.evaluator();
      List<ClusterFaultNode> survivors = rig.nodes.stream().filter(n -> n != victim).toList();
      say("nodes ready " + rig.names() + "; the evaluator's node, to be killed: " + victim.name);

      String cookie = ClusterFaultHttp.signIn(victim.baseUrl());
      String key = "key=" + TestTown.DISPLAY_KEY;
      for (ClusterFaultNode node : rig.nodes) {
        screens.add(new ClusterFaultScreen(vertx, "screen on " + node.name, node.httpPort, haproxy.port, key).start());
      }
      screens.add(new ClusterFaultScreen(vertx, "screen A via haproxy", haproxy.port, haproxy.port, key).start());
      screens.add(new ClusterFaultScreen(vertx, "screen B via haproxy", haproxy.port, haproxy.port, key).start());
      ClusterFaultScreen victimsScreen = screens.get(rig.nodes.indexOf(victim));
      awaitState(screens, Duration.ofSeconds(15));

      reporter = new ClusterFaultReporter(vertx, haproxy.baseUrl(), 40).start();
      ClusterFaultNode.sleep(2000);
      reporter.critical(DESK);
      reporter.critical(DESK);
      List<ClusterFaultStore.AlertRow> fired = lastReading(() -> store.alertsOf(CRITICAL_RULE, DESK), l -> !l.isEmpty(),
          Duration.ofSeconds(10));
      if (fired.isEmpty()) {
        throw new AssertionError("the critical alert did not fire within 10 s: the rest of the test needs it");
      }
      String alertId = fired.get(0).id();
      Instant escalationDue = fired.get(0).firstSeen().plus(ESCALATE_AFTER);
      boolean seenEverywhere = lastReading(() -> screens.stream().allMatch(s -> shows(s, alertId)), b -> b,
          Duration.ofSeconds(3));
      say("critical alert " + alertId + " fired; on every screen before the kill: " + seenEverywhere);

      Instant killedAt = Instant.now();
      long killedNanos = System.nanoTime();
      victim.kill9();
      say("killed " + victim.name + " (SIGKILL) at " + killedAt);
      ClusterFaultNode.sleep(1000);
      reporter.critical(DESK); // a firing of the same alert after the kill: the new evaluator counts it once

      int officer = lastReading(() -> ClusterFaultHttp.alertsWithCookie(haproxy.baseUrl(), cookie), status -> status == 200,
          Duration.ofSeconds(10));
      haproxy.awaitUp(survivors.stream().map(n -> n.name).toList(), Duration.ofSeconds(10));
      List<ClusterFaultStore.AlertRow> escalated = lastReading(() -> store.alertsOf(CRITICAL_RULE, DESK),
          l -> l.size() == 1 && l.get(0).escalatedTo() != null, ESCALATE_AFTER.plusSeconds(10));
      say("escalation: " + escalated);

      victim.restart(Duration.ofSeconds(60));
      haproxy.awaitUp(rig.names(), Duration.ofSeconds(15));
      say("restarted " + victim.name + "; its screen, moved to HAProxy, had a snapshot again "
          + (victimsScreen.reconnectedSnapshotNanos - killedNanos) / 1_000_000 + " ms after the kill");
      ClusterFaultNode.sleep(3000); // the restarted node takes its share of reports and screens again
      reporter.stop();
      boolean drained = reporter.awaitDrained(Duration.ofSeconds(30));
      say("reporter: " + reporter.sent.size() + " sent, " + reporter.acknowledged.size() + " acknowledged, "
          + reporter.resends.get() + " resends, outcomes " + new TreeMap<>(reporter.outcomes));

      LocalDate day = LocalDate.now(TOWN_ZONE);
      long settleStart = System.nanoTime();
      boolean converged = lastReading(() -> converged(store, day, screens, rig), b -> b, SETTLE);
      say("screens and nodes " + (converged ? "equal the store after " + (System.nanoTime() - settleStart) / 1_000_000
          + " ms" : "did NOT converge within " + SETTLE.toSeconds() + " s"));

      SoftAssertions soft = new SoftAssertions();
      // every acknowledged report stored exactly once, and nothing stored that was not sent
      soft.assertThat(drained).as("every report sent was acknowledged or refused within 30 s after the stop").isTrue();
      soft.assertThat(reporter.rejected).as("reports refused for good").isEmpty();
      Map<String, Long> stored = store.reportIds();
      soft.assertThat(reporter.acknowledged.stream().filter(id -> !Long.valueOf(1).equals(stored.get(id))).toList())
          .as("acknowledged reports not stored exactly once").isEmpty();
      soft.assertThat(stored.keySet()).as("reports in the store that were never sent")
          .allMatch(reporter.sent::containsKey);
      soft.assertThat(stored.values()).as("rows per report id").allMatch(n -> n == 1L);

      // every screen, and every node's snapshot, equals the store
      ClusterFaultPicture picture = ClusterFaultPicture.read(store, day);
      for (ClusterFaultScreen screen : screens) {
        soft.assertThat(first(12, picture.differences(screen.name, screen.state())))
            .as(screen.name + " against the store").isEmpty();
        soft.assertThat(screen.violations()).as(screen.name + ": frames against the AsyncAPI description").isEmpty();
      }
      Map<String, JsonObject> snapshots = new TreeMap<>();
      for (ClusterFaultNode node : rig.nodes) {
        JsonObject snapshot = ClusterFaultHttp.snapshot(node.baseUrl());
        snapshots.put(node.name, snapshot == null ? null : ClusterFaultPicture.stable(snapshot));
        soft.assertThat(first(12, picture.differences(node.name + " snapshot", snapshot)))
            .as(node.name + "'s snapshot").isEmpty();
      }
      for (ClusterFaultNode survivor : survivors) {
        JsonObject restarted = snapshots.get(victim.name);
        JsonObject other = snapshots.get(survivor.name);
        soft.assertThat(restarted == null || other == null ? List.of("a snapshot is missing")
                : ClusterFaultPicture.pathsThatDiffer(restarted, other, 15))
            .as("the restarted " + victim.name + "'s snapshot against " + survivor.name + "'s").isEmpty();
      }
      soft.assertThat(victimsScreen.moved()).as("the dead node's screen moved to HAProxy").isTrue();
      soft.assertThat(victimsScreen.reconnectedSnapshotNanos).as("the dead node's screen got a snapshot after the kill")
          .isGreaterThan(killedNanos);
      soft.assertThat(seenEverywhere).as("the alert reached the screens of every node before the kill").isTrue();

      // no alert doubled or counted N times
      soft.assertThat(store.duplicatedAlerts()).as("rule and subject with more than one unresolved alert").isEmpty();
      List<ClusterFaultStore.AlertRow> rows = store.alertsOf(CRITICAL_RULE, DESK);
      long firings = reporter.sentWith(DESK, "escalated_petitions");
      soft.assertThat(rows).as("alerts of " + CRITICAL_RULE + " on " + DESK).hasSize(1);
      if (rows.size() == 1) {
        ClusterFaultStore.AlertRow alert = rows.get(0);
        soft.assertThat(alert.count()).as("the alert's count: at most the reports that fired it")
            .isLessThanOrEqualTo(firings);
        soft.assertThat(alert.count()).as("the alert's count: each of the " + firings + " reports once")
            .isEqualTo(firings);
        // the escalation due after the kill happened, after the kill, once
        soft.assertThat(alert.escalatedTo()).as("escalated to").isNotNull();
        soft.assertThat(killedAt).as("the test's own timing: the escalation (due " + escalationDue
            + ") must fall due well after the kill").isBefore(escalationDue.minusSeconds(3));
        soft.assertThat(alert.escalatedAt()).as("escalated at, after the kill at " + killedAt).isAfter(killedAt);
        soft.assertThat(store.events(alert.id()).stream().filter(a -> a.startsWith("escalat")).count())
            .as("escalation steps in the audit trail of " + store.events(alert.id())).isEqualTo(1);
      }
      soft.assertThat(officer).as("an officer signed in on the dead node, through HAProxy after the kill").isEqualTo(200);
      soft.assertAll();
    } finally {
      screens.forEach(ClusterFaultScreen::close);
      if (reporter != null) {
        reporter.close();
      }
      vertx.close().await();
    }
  }

  private static boolean converged(ClusterFaultStore store, LocalDate day, List<ClusterFaultScreen> screens,
                                   ClusterFaultRig rig) {
    ClusterFaultPicture picture = ClusterFaultPicture.read(store, day);
    if (!screens.stream().allMatch(s -> picture.differences(s.name, s.state()).isEmpty())) {
      return false;
    }
    return rig.nodes.stream().allMatch(n -> picture.differences(n.name, ClusterFaultHttp.snapshot(n.baseUrl())).isEmpty());
  }

  private static List<String> first(int n, List<String> lines) {
    return lines.size() <= n ? lines : java.util.stream.Stream.concat(lines.stream().limit(n),
        java.util.stream.Stream.of("… and " + (lines.size() - n) + " more")).toList();
  }

  /**
   * The first reading {@code done} accepts, or the last one read when {@code within} has passed: the test
   * says what it saw and checks everything at the end, rather than stopping at the first miss. Read at a
   * pace a loaded machine can afford when each reading queries every node and the store.
   */
  private static <T> T lastReading(Callable<T> value, Predicate<? super T> done, Duration within) throws Exception {
    AtomicReference<T> last = new AtomicReference<>(value.call());
    if (done.test(last.get())) {
      return last.get();
    }
    try {
      return await().atMost(within).pollInterval(Duration.ofMillis(250)).until(() -> {
        T reading = value.call();
        last.set(reading);
        return reading;
      }, done);
    } catch (ConditionTimeoutException e) {
      return last.get();
    }
  }

  private static void awaitState(List<ClusterFaultScreen> screens, Duration within) {
    await().atMost(within).pollInterval(Duration.ofMillis(250))
        .alias("screens with a snapshot").until(() -> screens.stream().allMatch(s -> s.state() != null));
  }

  private static boolean shows(ClusterFaultScreen screen, String alertId) {
    JsonObject state = screen.state();
    return state != null && state.getJsonObject("alerts", new JsonObject()).getValue(alertId) instanceof JsonObject;
  }

  private static void say(String line) {
    System.out.println("[cluster-fault] " + line);
  }
}
