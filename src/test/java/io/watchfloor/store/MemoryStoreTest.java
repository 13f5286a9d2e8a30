package io.watchfloor.store;

import io.vertx.core.Vertx;
import io.watchfloor.UnitTest;
import io.watchfloor.domain.Outcome;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@UnitTest
class MemoryStoreTest extends ReportStoreContract {
  @Override
  ReportStore create(Vertx vertx) {
    return new MemoryStore(20);
  }

  @Test
  void aFullStoreRefusesNewReportsInsteadOfDroppingOldOnes() {
    for (int i = 0; i < 20; i++) {
      write(report(UUID.randomUUID(), MORNING, i));
    }
    assertThatThrownBy(() -> write(report(UUID.randomUUID(), MORNING, 99)))
        .isInstanceOf(StoreUnavailable.class).hasMessageContaining("full");
    assertThat(store.reportsOn(MORNING.toLocalDate()).await()).hasSize(20);
  }

  @Test
  void aFullStoreStillAnswersResends() {
    var first = report(UUID.randomUUID(), MORNING, 1);
    write(first);
    for (int i = 1; i < 20; i++) {
      write(report(UUID.randomUUID(), MORNING, i));
    }
    assertThat(write(first)).containsExactly(Outcome.DUPLICATE);
  }
}
