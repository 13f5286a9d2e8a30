package io.watchfloor.urge;

import io.vertx.core.Vertx;
import io.watchfloor.UnitTest;
import io.watchfloor.urge.UrgeWaiters.Refusal;
import io.watchfloor.urge.UrgeWaiters.Waiter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The held field pages' bounds: the node's, shared by its HTTP instances, and each unit's within it. */
@UnitTest
class UrgeWaitersTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  private static Waiter waiter(String unit, String site, List<String> woken) {
    return new Waiter(unit, Set.of(site), () -> woken.add(unit));
  }

  @Test
  void aUnitHoldsAtMostItsShareAndTheNodeAtMostItsMaximumAcrossInstances() {
    UrgeWaiters one = new UrgeWaiters(vertx, 10);
    UrgeWaiters two = new UrgeWaiters(vertx, 10);
    List<String> woken = new ArrayList<>();
    List<Long> keys = new ArrayList<>();
    for (int i = 0; i < UrgeWaiters.PER_UNIT; i++) {
      UrgeWaiters.Hold hold = (i % 2 == 0 ? one : two).hold(waiter("demo-sanitation", "sn-jinpen", woken));
      assertThat(hold.refused()).isNull();
      keys.add(hold.key());
    }
    assertThat(one.hold(waiter("demo-sanitation", "sn-jinpen", woken)).refused()).isEqualTo(Refusal.UNIT_FULL);
    assertThat(UrgeWaiters.held(vertx)).isEqualTo(UrgeWaiters.PER_UNIT);

    assertThat(two.hold(waiter("demo-petitions", "pd-jinpen", woken)).refused()).isNull();
    assertThat(two.hold(waiter("demo-petitions", "pd-jinpen", woken)).refused()).isNull();
    assertThat(two.hold(waiter("demo-checkpoints", "cp-highway-exit", woken)).refused())
        .as("ten held on the node").isEqualTo(Refusal.NODE_FULL);

    one.release(keys.get(0));
    one.release(keys.get(0));
    assertThat(UrgeWaiters.held(vertx)).as("a second release changes nothing").isEqualTo(9);
    assertThat(one.hold(waiter("demo-sanitation", "sn-jinpen", woken)).refused()).isNull();
  }

  @Test
  void anUrgingWakesOnlyTheRequestsOfItsSite() {
    UrgeWaiters waiters = new UrgeWaiters(vertx, 10);
    List<String> woken = new ArrayList<>();
    waiters.hold(waiter("demo-sanitation", "sn-jinpen", woken));
    waiters.hold(waiter("demo-petitions", "pd-jinpen", woken));
    waiters.urged("sn-jinpen");
    assertThat(woken).containsExactly("demo-sanitation");
  }
}
