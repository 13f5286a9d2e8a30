package io.watchfloor.flag;

import io.vertx.core.Vertx;
import io.watchfloor.UnitTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@UnitTest
class MemoryFlagStoreTest extends FlagStoreContract {
  @Override
  protected FlagStore create(Vertx vertx) {
    return new MemoryFlagStore(1000);
  }

  /** The embedded store's own bound: past it the oldest flags go first, as its oldest reports do. */
  @Test
  void pastItsBoundTheOldestFlagsGoFirst() {
    FlagStore small = new MemoryFlagStore(2);
    var first = flag(CHECKPOINT, DAY, AT);
    var second = flag(CHECKPOINT, DAY, AT.plusSeconds(1));
    var third = flag(CHECKPOINT, DAY, AT.plusSeconds(2));
    small.save(List.of(first, second)).await();
    small.save(List.of(third)).await();
    assertThat(small.list(DAY, DAY.plusDays(1), List.of(CHECKPOINT)).await()).containsExactly(second, third);
  }
}
