package io.watchfloor.flag;

import io.watchfloor.UnitTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The ring keeps its sorted values and its ids in step with the readings it holds. */
@UnitTest
class ReadingRingTest {
  private static final Instant T = Instant.parse("2026-11-21T04:00:00Z");

  @Test
  void theNewestReadingsStayAndWhatLeavesLeavesTheMedianAndTheIdsToo() {
    ReadingRing ring = new ReadingRing(3);
    UUID first = UUID.randomUUID();
    ring.add(new ReadingRing.Reading(first, T, 100));
    ring.add(new ReadingRing.Reading(UUID.randomUUID(), T.plusSeconds(1), 1));
    ring.add(new ReadingRing.Reading(UUID.randomUUID(), T.plusSeconds(2), 2));
    assertThat(ring.values().median()).isEqualTo(2);
    assertThat(ring.holds(first)).isTrue();
    UUID fourth = UUID.randomUUID();
    ring.add(new ReadingRing.Reading(fourth, T.plusSeconds(3), 3));
    assertThat(ring.holds(first)).as("pushed out by the fourth").isFalse();
    assertThat(ring.values().size()).isEqualTo(3);
    assertThat(ring.values().median()).as("100 is gone").isEqualTo(2);
  }

  @Test
  void readingsOlderThanTheWindowLeaveWhereverTheyAre() {
    ReadingRing ring = new ReadingRing(10);
    UUID late = UUID.randomUUID();
    ring.add(new ReadingRing.Reading(UUID.randomUUID(), T.plusSeconds(50), 5));
    ring.add(new ReadingRing.Reading(late, T, 7)); // a late report: old, yet added last
    ring.add(new ReadingRing.Reading(UUID.randomUUID(), T.plusSeconds(60), 9));
    ring.dropBefore(T.plusSeconds(10));
    assertThat(ring.holds(late)).isFalse();
    assertThat(ring.values().size()).isEqualTo(2);
    assertThat(ring.values().median()).isEqualTo(7);
    ring.dropBefore(T.plusSeconds(55));
    assertThat(ring.values().size()).isEqualTo(1);
    assertThat(ring.values().median()).isEqualTo(9);
  }
}
