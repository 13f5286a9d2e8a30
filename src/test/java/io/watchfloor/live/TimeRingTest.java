package io.watchfloor.live;

import io.watchfloor.UnitTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Fixed slots reused as time passes: sums per slot, and what has left the ring reads 0. */
@UnitTest
class TimeRingTest {
  private static final Instant T = Instant.parse("2026-11-21T04:00:00Z");

  @Test
  void addsWithinASlotAndKeepsSitesAndMetricsApart() {
    TimeRing ring = new TimeRing(60, 60);
    ring.add("cp-1", "vehicles", T, 2);
    ring.add("cp-1", "vehicles", T.plusSeconds(59), 3);
    ring.add("cp-1", "persons", T, 7);
    ring.add("cp-2", "vehicles", T, 11);
    long slot = ring.slotOf(T);
    assertThat(ring.at("cp-1", "vehicles", slot)).isEqualTo(5);
    assertThat(ring.at("cp-1", "persons", slot)).isEqualTo(7);
    assertThat(ring.at("cp-2", "vehicles", slot)).isEqualTo(11);
    assertThat(ring.at("cp-1", "vehicles", slot + 1)).isZero();
    assertThat(ring.at("cp-3", "vehicles", slot)).as("never seen").isZero();
  }

  @Test
  void aSlotReusedByLaterTimeForgetsTheOlderSum() {
    TimeRing ring = new TimeRing(60, 60);
    long slot = ring.slotOf(T);
    ring.add("cp-1", "vehicles", T, 4);
    ring.add("cp-1", "vehicles", T.plusSeconds(60 * 60), 9); // an hour on: the same place in the ring
    assertThat(ring.at("cp-1", "vehicles", slot)).as("left the ring").isZero();
    assertThat(ring.at("cp-1", "vehicles", slot + 60)).isEqualTo(9);
  }

  @Test
  void anObservationOlderThanWhatItsSlotHoldsIsDropped() {
    TimeRing ring = new TimeRing(60, 60);
    ring.add("cp-1", "vehicles", T.plusSeconds(60 * 60), 9);
    ring.add("cp-1", "vehicles", T, 4); // late: its slot now holds the newer minute
    assertThat(ring.at("cp-1", "vehicles", ring.slotOf(T) + 60)).isEqualTo(9);
    assertThat(ring.at("cp-1", "vehicles", ring.slotOf(T))).isZero();
  }

  @Test
  void slotsGoByFloorSoTimeBeforeTheEpochStillFallsInPlace() {
    TimeRing ring = new TimeRing(3600, 24 * 8);
    assertThat(ring.slotOf(Instant.ofEpochSecond(-1))).isEqualTo(-1);
    assertThat(ring.slotOf(Instant.ofEpochSecond(3599))).isZero();
  }

  @Test
  void theRollingWindowSumsTheLastMinutesUpToNow() {
    RollingWindow window = new RollingWindow();
    window.add("cp-1", "turned_back", T.minusSeconds(59 * 60), 1);
    window.add("cp-1", "turned_back", T.minusSeconds(10 * 60), 2);
    window.add("cp-1", "turned_back", T, 4);
    window.add("cp-1", "turned_back", T.minusSeconds(61 * 60), 100);
    assertThat(window.sum("cp-1", "turned_back", T, 60)).isEqualTo(7);
    assertThat(window.sum("cp-1", "turned_back", T, 15)).isEqualTo(6);
    assertThat(window.sum("cp-1", "turned_back", T, 1)).isEqualTo(4);
    assertThat(window.sum("cp-1", "turned_back", T.plusSeconds(30 * 60), 60)).as("as time passes").isEqualTo(6);
  }

  /** A window's sum reads each slot once, in the order asked, and skips what has left the ring as {@code at} does. */
  @Test
  void aSumOverSlotsEqualsItsSlotsReadOneByOne() {
    TimeRing ring = new TimeRing(60, 60);
    java.util.Random random = new java.util.Random(7);
    for (int i = 0; i < 2000; i++) {
      ring.add("cp-" + random.nextInt(3), "m", T.plusSeconds(random.nextInt(3 * 3600) - 3600), random.nextInt(10) / 4.0);
    }
    long now = ring.slotOf(T.plusSeconds(3600));
    for (String site : new String[] {"cp-0", "cp-1", "cp-2", "cp-9"}) {
      for (int count = 1; count <= 60; count++) {
        double forward = 0;
        for (long m = now - count + 1; m <= now; m++) {
          forward += ring.at(site, "m", m);
        }
        assertThat(ring.sum(site, "m", now - count + 1, count, 1)).isEqualTo(forward);
      }
      double back = 0;
      for (int d = 1; d <= 7; d++) {
        back += ring.at(site, "m", now - 3L * d);
      }
      assertThat(ring.sum(site, "m", now - 3, 7, -3)).isEqualTo(back);
    }
    assertThat(ring.sum("cp-0", "other", now, 60, 1)).as("a metric never seen").isZero();
  }
}
