package io.watchfloor.pgha;

import io.vertx.core.json.JsonObject;
import io.watchfloor.cluster.ClusterFaultScreen;
import io.watchfloor.cluster.ClusterFaultStore;
import io.watchfloor.cluster.ClusterFaultStore.AlertRow;
import org.assertj.core.api.SoftAssertions;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/** What PgFailoverTest checks after each failover, as soft assertions, so one run reports every miss. */
final class PgHaChecks {
  private static final Duration SCREENS_WITHIN = Duration.ofSeconds(2);

  private PgHaChecks() {
  }

  /** The reports: none lost or doubled, writes back in time, 503s that say when to come back, screens equal, txids. */
  static void reports(SoftAssertions soft, PgHaRound.Result r, boolean back, Duration writes, boolean planned) {
    soft.assertThat(back).as("a report sent after the fault acknowledged within 60 s").isTrue();
    soft.assertThat(r.refused()).as("writes refused: from the last acknowledgement before the fault to the first after")
        .isLessThanOrEqualTo(writes);
    soft.assertThat(r.drained()).as("every report acknowledged or refused within 30 s of the load's stop").isTrue();
    soft.assertThat(r.rejected()).as("reports refused for good").isEmpty();
    soft.assertThat(first(r.notStoredOnce())).as("acknowledged reports not stored exactly once").isEmpty();
    soft.assertThat(r.idsStoredTwice()).as("report ids with more than one row").isZero();
    soft.assertThat(r.answers().keySet().stream().filter(a -> a.matches("HTTP 5\\d\\d") && !a.equals("HTTP 503")).toList())
        .as("server errors other than 503 (the store changing hands is not the report's fault nor a crash): "
            + r.answers()).isEmpty();
    soft.assertThat(r.withoutRetryAfter()).as("503 and 429 answers without Retry-After, e.g. "
        + r.withoutRetryAfterSamples()).isZero();
    if (!planned) {
      soft.assertThat(r.unavailable()).as("503 answers while no primary answered").isPositive();
    }
    soft.assertThat(r.screensEqualAfterDrain()).as("every screen equals the store, after the last resend's acknowledgement"
        + " (" + first(r.differences()) + ")").isNotNull().isLessThanOrEqualTo(SCREENS_WITHIN);
    soft.assertThat(r.reportsAfter()).as("reports first sent after writes were back, acknowledged").isPositive();
    soft.assertThat(r.firstTxidAfter()).as("the commit tail's cursor: the lowest txid committed on the new primary"
        + " is above the highest acknowledged before the fault").isGreaterThan(r.lastTxidBefore());
  }

  /** The escalation that fell due during the failover: made once, after the fault, audited once. */
  static void escalatedOnce(SoftAssertions soft, ClusterFaultStore store, List<AlertRow> rows, Instant faultAt, Instant due,
                            Instant backAt, boolean dueDuring) {
    if (dueDuring) {
      soft.assertThat(due).as("the test's own timing: the escalation falls due between the fault and writes back")
          .isAfter(faultAt).isBefore(backAt);
    }
    soft.assertThat(rows).as("alerts on the escalating desk").isNotNull().hasSize(1);
    if (rows == null || rows.size() != 1) {
      return;
    }
    AlertRow alert = rows.get(0);
    soft.assertThat(alert.escalatedTo()).as("escalated to").isNotNull();
    soft.assertThat(alert.escalatedAt()).as("escalated at, not before the fault at " + faultAt).isAfter(faultAt);
    soft.assertThat(store.events(alert.id()).stream().filter(a -> a.startsWith("escalat")).count())
        .as("escalations in the audit trail " + store.events(alert.id())).isEqualTo(1);
  }

  /**
   * The acknowledgement pressed during the failover, and pressed again if it was not answered 200: applied once
   * (one audit line, the alert acknowledged, on every screen), never half.
   */
  static void acknowledgedOnce(SoftAssertions soft, ClusterFaultStore store, String alertId, PgHaOfficer.Answer during,
                               PgHaOfficer.Answer again, List<ClusterFaultScreen> screens) {
    soft.assertThat(during.status()).as("the answer during the failover: applied, or come back later").isIn(200, 503);
    if (during.status() == 503) {
      soft.assertThat(during.retryAfter()).as("the 503 to the officer carries Retry-After").isTrue();
    }
    if (again != null) {
      soft.assertThat(again.status()).as("pressed again after it: applied now, or already (" + again + ")").isIn(200, 409);
    }
    String state = store.openAlerts().stream().filter(a -> a.id().equals(alertId)).map(AlertRow::state).findFirst()
        .orElse("missing");
    long lines = store.events(alertId).stream().filter("acknowledged"::equals).count();
    soft.assertThat(state).as("the alert's state in the store").isEqualTo("acknowledged");
    soft.assertThat(lines).as("acknowledgements in the audit trail " + store.events(alertId)).isEqualTo(1);
    for (ClusterFaultScreen screen : screens) {
      JsonObject state0 = screen.state();
      Object shown = state0 == null ? null : state0.getJsonObject("alerts", new JsonObject()).getValue(alertId);
      soft.assertThat(shown instanceof JsonObject a ? a.getString("state") : String.valueOf(shown))
          .as(screen.name + ": the acknowledged alert's state").isEqualTo("acknowledged");
    }
  }

  /** The first reading {@code done} accepts, or the last one when {@code within} has passed: checked afterwards. */
  static <T> T lastReading(Callable<T> value, Predicate<? super T> done, Duration within) {
    AtomicReference<T> last = new AtomicReference<>();
    try {
      // a reading that fails (the store not answering yet) is no reading: the next one is waited for
      return await().atMost(within).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
          .until(() -> {
            T reading = value.call();
            last.set(reading);
            return reading;
          }, done);
    } catch (ConditionTimeoutException e) {
      return last.get();
    }
  }

  private static List<String> first(List<String> lines) {
    return lines.size() <= 10 ? lines : java.util.stream.Stream.concat(lines.stream().limit(10),
        java.util.stream.Stream.of("… and " + (lines.size() - 10) + " more")).toList();
  }
}
