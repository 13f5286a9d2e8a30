package io.watchfloor.cases;

import io.vertx.core.Vertx;
import io.watchfloor.UnitTest;
import io.watchfloor.domain.CaseAction;
import io.watchfloor.domain.CaseFile;
import io.watchfloor.store.StoreUnavailable;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@UnitTest
class MemoryCaseStoreTest extends CaseStoreContract {
  private static final int MAX_CASES = 50;
  private static final long MAX_PHOTO_BYTES = 4_000_000;

  @Override
  protected CaseStore create(Vertx vertx) {
    return new MemoryCaseStore(MACHINE, MAX_CASES, MAX_PHOTO_BYTES);
  }

  @Test
  void pastItsBoundANewCaseIsRefusedAndTheStoredOnesStillMove() {
    CaseFile first = open("jinpen", T0);
    for (int i = 1; i < MAX_CASES; i++) {
      open("jinpen", T0.plusSeconds(i));
    }
    UUID extra = UUID.randomUUID();
    assertThatThrownBy(() -> open(extra, subject("x", "sanitation", "jinpen", null, T0), T0))
        .isInstanceOfSatisfying(StoreUnavailable.class, e -> {
          assertThat(e.status()).isEqualTo(503);
          assertThat(e.getMessage()).contains("full").contains(String.valueOf(MAX_CASES));
        });
    assertThat(store.find(extra).await()).isEmpty();
    CaseStore.Outcome resent = store.open(MACHINE.open(first.id(), first.subject(), T0.plusSeconds(99)), List.of(), null,
        ANSWER).await();
    assertThat(resent.status()).as("the same opening again is no new case").isEqualTo(200);
    assertThat(step(first.id(), of(CaseAction.CANCEL, ALICE), T0.plusSeconds(100)).version()).isEqualTo(2);
  }

  @Test
  void pastItsPhotoBoundAStepWithPhotosIsRefusedAndChangesNothing() {
    UUID id = dispatched("jinpen", T0).id();
    step(id, of(CaseAction.ACCEPT, SANITATION), T0.plusSeconds(1));
    List<CaseStore.Photo> big = List.of(photo(2_100_000, "image/jpeg", 1), photo(2_100_000, "image/jpeg", 2));
    assertThatThrownBy(() -> store.act(id, of(CaseAction.REPORT, SANITATION), big, T0.plusSeconds(2), null, ANSWER).await())
        .isInstanceOf(StoreUnavailable.class);
    assertThat(stored(id).version()).isEqualTo(3);
    assertThat(store.detail(id).await().orElseThrow().photos()).isEmpty();
    assertThat(store.act(id, of(CaseAction.REPORT, SANITATION), big.subList(0, 1), T0.plusSeconds(3), null, ANSWER)
        .await().step().after().version()).isEqualTo(4);
  }
}
