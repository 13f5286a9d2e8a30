package io.watchfloor.domain;

import io.watchfloor.UnitTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@UnitTest
class IdSetTest {
  @Test
  void anIdIsAddedOnceAndFoundAfterwards() {
    IdSet set = new IdSet();
    UUID id = UUID.randomUUID();
    assertThat(set.contains(id)).isFalse();
    assertThat(set.add(id)).isTrue();
    assertThat(set.add(new UUID(id.getMostSignificantBits(), id.getLeastSignificantBits()))).isFalse();
    assertThat(set.contains(id)).isTrue();
    assertThat(set.size()).isEqualTo(1);
  }

  @Test
  void theNilIdAndIdsWithOneHalfZeroAreIdsLikeAnyOther() {
    IdSet set = new IdSet();
    UUID nil = new UUID(0, 0);
    assertThat(set.contains(nil)).isFalse();
    assertThat(set.add(nil)).isTrue();
    assertThat(set.add(nil)).isFalse();
    assertThat(set.add(new UUID(0, 1))).isTrue();
    assertThat(set.add(new UUID(1, 0))).isTrue();
    assertThat(set.contains(new UUID(0, 1))).isTrue();
    assertThat(set.contains(new UUID(0, 2))).isFalse();
    assertThat(set.size()).isEqualTo(3);
  }

  /** Through many growths, against a HashSet: every id kept, none invented, duplicates refused. */
  @Test
  void growingKeepsEveryIdAndAgreesWithAHashSet() {
    Random random = new Random(29);
    IdSet set = new IdSet();
    Set<UUID> expected = new HashSet<>();
    List<UUID> added = new ArrayList<>();
    for (int i = 0; i < 200_000; i++) {
      // a third of the ids again, and ids that differ from another in one half only
      UUID id = i % 3 == 0 && !added.isEmpty() ? added.get(random.nextInt(added.size()))
          : i % 3 == 1 ? new UUID(i, 42) : new UUID(random.nextLong(), random.nextLong());
      assertThat(set.add(id)).isEqualTo(expected.add(id));
      added.add(id);
    }
    assertThat(set.size()).isEqualTo(expected.size());
    assertThat(expected).allMatch(set::contains);
    for (int i = 0; i < 10_000; i++) {
      UUID other = new UUID(random.nextLong(), random.nextLong());
      assertThat(set.contains(other)).isEqualTo(expected.contains(other));
    }
  }

  /** Ids that differ in a few bits only (a unit numbering its reports) spread like random ones. */
  @Test
  void idsThatDifferInFewBitsDoNotPileUp() {
    IdSet set = new IdSet();
    for (long i = 0; i < 50_000; i++) {
      assertThat(set.add(new UUID(0x1234_5678L, i << 20))).isTrue();
    }
    assertThat(set.size()).isEqualTo(50_000);
    assertThat(set.contains(new UUID(0x1234_5678L, 49_999L << 20))).isTrue();
    assertThat(set.contains(new UUID(0x1234_5678L, 50_000L << 20))).isFalse();
    assertThat(set.longestProbe()).as("slots walked at worst, at a load of at most a half").isLessThan(100);
  }
}
