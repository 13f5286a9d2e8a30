package io.watchfloor.store;

import io.watchfloor.UnitTest;
import io.watchfloor.store.PrimaryWatch.Answer;
import io.watchfloor.store.PrimaryWatch.Change;
import io.watchfloor.store.PrimaryWatch.Server;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** What the failover metrics say for the probes' answers: failovers counted once each, gaps in seconds. */
@UnitTest
class PrimaryWatchTest {
  private static final long S = 1_000_000_000L;
  private static final Server A = new Server("127.0.0.1", 5433, "2026-12-07 07:00:00+00");
  private static final Server B = new Server("127.0.0.1", 5434, "2026-12-07 07:00:01+00");
  private static final Server A_RESTARTED = new Server("127.0.0.1", 5433, "2026-12-07 08:00:00+00");

  private final PrimaryWatch watch = new PrimaryWatch();

  @Test
  void theSamePrimaryAnsweringIsNeitherAFailoverNorAGap() {
    assertThat(watch.answered(0, new Answer(A, true))).isEqualTo(Change.FOUND);
    assertThat(watch.answered(S, new Answer(A, true))).isEqualTo(Change.NONE);
    assertThat(watch.answered(2 * S, new Answer(A, true))).isEqualTo(Change.NONE);
    assertThat(watch.failovers()).isZero();
    assertThat(watch.unavailableSeconds(3 * S)).isZero();
  }

  @Test
  void anotherPrimaryAfterAGapIsOneFailoverAndTheGapIsItsSeconds() {
    watch.answered(0, new Answer(A, true));
    assertThat(watch.failed(S)).isEqualTo(Change.LOST);
    assertThat(watch.failed(2 * S)).isEqualTo(Change.NONE);
    assertThat(watch.unavailableSeconds(5 * S / 2)).as("the open gap counts as it runs").isCloseTo(1.5, within(1e-9));
    assertThat(watch.answered(4 * S, new Answer(B, true))).isEqualTo(Change.FAILOVER);
    assertThat(watch.failovers()).isEqualTo(1);
    assertThat(watch.unavailableSeconds(10 * S)).as("from the first failed probe to the writable one").isCloseTo(3.0, within(1e-9));
    assertThat(watch.primary()).isEqualTo(B);
    assertThat(watch.previous()).isEqualTo(A);
  }

  @Test
  void aStandbyAnsweringReadOnlyIsPartOfTheGapNotAFailoverOfItsOwn() {
    watch.answered(0, new Answer(A, true));
    assertThat(watch.answered(S, new Answer(B, false))).isEqualTo(Change.LOST);
    assertThat(watch.answered(2 * S, new Answer(B, false))).isEqualTo(Change.NONE);
    assertThat(watch.failovers()).isZero();
    assertThat(watch.answered(3 * S, new Answer(B, true))).as("the standby promoted").isEqualTo(Change.FAILOVER);
    assertThat(watch.failovers()).isEqualTo(1);
    assertThat(watch.unavailableSeconds(3 * S)).isCloseTo(2.0, within(1e-9));
  }

  @Test
  void theSamePrimaryBackAfterAGapIsAGapButNoFailover() {
    watch.answered(0, new Answer(A, true));
    watch.failed(S);
    assertThat(watch.answered(3 * S, new Answer(A, true))).isEqualTo(Change.BACK);
    assertThat(watch.failovers()).isZero();
    assertThat(watch.unavailableSeconds(4 * S)).isCloseTo(2.0, within(1e-9));
  }

  @Test
  void aServerRestartedInPlaceIsANewServer() {
    watch.answered(0, new Answer(A, true));
    watch.failed(S);
    assertThat(watch.answered(2 * S, new Answer(A_RESTARTED, true))).isEqualTo(Change.FAILOVER);
  }

  @Test
  void eachFailoverCountsOnceAndTheGapsAddUp() {
    watch.answered(0, new Answer(A, true));
    watch.failed(10 * S);
    watch.answered(12 * S, new Answer(B, true));
    watch.answered(13 * S, new Answer(B, true));
    watch.answered(20 * S, new Answer(A, false));
    watch.answered(25 * S, new Answer(A, true));
    assertThat(watch.failovers()).isEqualTo(2);
    assertThat(watch.unavailableSeconds(30 * S)).isCloseTo(7.0, within(1e-9));
  }

  @Test
  void aStoreUnreachableBeforeAnyPrimaryWasSeenCountsItsGapButNoFailover() {
    assertThat(watch.failed(0)).isEqualTo(Change.LOST);
    assertThat(watch.answered(2 * S, new Answer(A, true))).isEqualTo(Change.FOUND);
    assertThat(watch.failovers()).isZero();
    assertThat(watch.unavailableSeconds(2 * S)).isCloseTo(2.0, within(1e-9));
  }

  @Test
  void theSecondsOnlyGrowWhileAGapIsOpenAndAfterItCloses() {
    watch.answered(0, new Answer(A, true));
    watch.failed(S);
    double during = watch.unavailableSeconds(3 * S);
    watch.answered(4 * S, new Answer(B, true));
    assertThat(watch.unavailableSeconds(4 * S)).isGreaterThanOrEqualTo(during);
    assertThat(watch.unavailableSeconds(100 * S)).isEqualTo(watch.unavailableSeconds(4 * S));
  }
}
