package io.watchfloor.alert;

import io.vertx.core.Vertx;
import io.watchfloor.Handover;
import io.watchfloor.PgTest;
import io.watchfloor.TestDatabase;
import io.watchfloor.config.StoreConfig;
import io.watchfloor.storage.Storage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two nodes contend for the rule evaluator's lock (the notification sender and the deadline clock follow it) while
 * the database changes hands: exactly one holds again within a few intervals of the holder's session ending, never
 * both at once, and none while only a read-only server answers, where no evaluator could store what fires.
 */
@PgTest
class EvaluatorLockFailoverPgTest {
  private static final String DATABASE = "wf_test_evaluator_lock";
  private static final long INTERVAL_MS = 200;
  /** A few intervals, with room for a loaded machine: the takeover is one interval after the loss is seen. */
  private static final Duration TAKEOVER = Duration.ofMillis(INTERVAL_MS * 15);
  private static final String GRANTED = "FROM pg_locks WHERE locktype = 'advisory' AND granted AND objid = 7240413"
      + " AND database = (SELECT oid FROM pg_database WHERE datname = '" + TestDatabase.name(DATABASE) + "')";

  private final List<Vertx> nodes = new ArrayList<>();
  private final List<EvaluatorLock> locks = new ArrayList<>();
  /** The nodes whose lock last told them they hold, and the most that ever did at one instant. */
  private final Set<Integer> holding = new HashSet<>();
  private int mostAtOnce;

  @BeforeEach
  void twoNodes() {
    StoreConfig.Pg pg = TestDatabase.migrated(DATABASE);
    for (int i = 0; i < 2; i++) {
      Vertx vertx = Vertx.vertx();
      EvaluatorLock lock = EvaluatorLock.of(vertx, Storage.postgres(vertx, pg), INTERVAL_MS);
      int node = i;
      nodes.add(vertx);
      locks.add(lock);
      vertx.getOrCreateContext().runOnContext(v -> lock.start(held -> told(node, held)));
    }
  }

  @AfterEach
  void stop() {
    TestDatabase.run("ALTER DATABASE " + TestDatabase.name(DATABASE) + " RESET default_transaction_read_only");
    nodes.forEach(vertx -> vertx.close().await());
  }

  private synchronized void told(int node, boolean held) {
    if (held) {
      holding.add(node);
    } else {
      holding.remove(node);
    }
    mostAtOnce = Math.max(mostAtOnce, holding.size());
  }

  private synchronized int holders() {
    return holding.size();
  }

  private synchronized int mostAtOnce() {
    return mostAtOnce;
  }

  private static long grantedInDatabase() {
    return TestDatabase.count(DATABASE, "SELECT count(*) " + GRANTED);
  }

  private static long holderSession() {
    return TestDatabase.count(DATABASE, "SELECT coalesce(max(pid), 0) " + GRANTED);
  }

  @Test
  void whenTheHoldersSessionEndsExactlyOneNodeHoldsAgainWithinAFewIntervals() {
    await("one holder").atMost(TAKEOVER).until(() -> holders() == 1 && grantedInDatabase() == 1);
    for (int failover = 0; failover < 3; failover++) {
      long session = holderSession();
      TestDatabase.run("SELECT pg_terminate_backend(" + session + ")");
      await("a holder again after failover " + failover).atMost(TAKEOVER)
          .until(() -> holders() == 1 && grantedInDatabase() == 1 && holderSession() != session);
    }
    assertThat(mostAtOnce()).as("never both at once").isEqualTo(1);
  }

  @Test
  void everySessionEndingAtOnceLeavesExactlyOneHolder() {
    await("one holder").atMost(TAKEOVER).until(() -> holders() == 1 && grantedInDatabase() == 1);
    Handover.endSessions(DATABASE);
    await("a holder again").atMost(TAKEOVER).until(() -> holders() == 1 && grantedInDatabase() == 1);
    assertThat(mostAtOnce()).as("never both at once").isEqualTo(1);
  }

  @Test
  void noNodeHoldsWhileOnlyAReadOnlyServerAnswersAndOneDoesOnceWritesGoThrough() {
    await("one holder").atMost(TAKEOVER).until(() -> holders() == 1 && grantedInDatabase() == 1);
    Handover.STANDBY_ANSWERS.begin(DATABASE);
    await("the hold dropped").atMost(TAKEOVER).until(() -> holders() == 0);
    // "never" needs a window: twenty tries of each node, none of which may take the lock on a standby
    await("none holds on a read-only server").during(Duration.ofMillis(INTERVAL_MS * 20)).atMost(Duration.ofMillis(INTERVAL_MS * 40))
        .until(() -> holders() == 0 && grantedInDatabase() == 0);

    // writes go through again, on the sessions made from now on: each node's next try must open one
    TestDatabase.run("ALTER DATABASE " + TestDatabase.name(DATABASE) + " RESET default_transaction_read_only");
    await("one holder once writes go through").atMost(TAKEOVER).until(() -> holders() == 1 && grantedInDatabase() == 1);
    assertThat(mostAtOnce()).as("never both at once").isEqualTo(1);
  }
}
