package io.watchfloor.notify;

import io.watchfloor.UnitTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Random;
import java.util.random.RandomGenerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Doubling from 5 s to 10 min, jittered within the upper half, and no try after the time is up. */
@UnitTest
class BackoffTest {
  /** A random source at its extremes, to see the bounds of the jitter exactly. */
  private static RandomGenerator always(boolean top) {
    return new RandomGenerator() {
      @Override
      public long nextLong() {
        return 0;
      }

      @Override
      public long nextLong(long bound) {
        return top ? bound - 1 : 0;
      }
    };
  }

  @Test
  void delaysDoubleFromFiveSecondsUpToTenMinutes() {
    Backoff top = Backoff.standard(Duration.ofHours(1), always(true));
    assertThat(top.delay(1)).isEqualTo(Duration.ofSeconds(5));
    assertThat(top.delay(2)).isEqualTo(Duration.ofSeconds(10));
    assertThat(top.delay(3)).isEqualTo(Duration.ofSeconds(20));
    assertThat(top.delay(7)).isEqualTo(Duration.ofSeconds(320));
    assertThat(top.delay(8)).as("640 s, over the cap").isEqualTo(Backoff.CAP);
    assertThat(top.delay(1_000)).as("no overflow").isEqualTo(Backoff.CAP);
    assertThat(top.delay(Integer.MAX_VALUE)).isEqualTo(Backoff.CAP);

    Backoff bottom = Backoff.standard(Duration.ofHours(1), always(false));
    assertThat(bottom.delay(1)).isEqualTo(Duration.ofMillis(2_500));
    assertThat(bottom.delay(1_000)).isEqualTo(Backoff.CAP.dividedBy(2));
  }

  @Test
  void jitterStaysWithinTheUpperHalf() {
    Backoff backoff = Backoff.standard(Duration.ofHours(1), new Random(7));
    for (int attempt = 1; attempt <= 20; attempt++) {
      long full = Math.min(Backoff.CAP.toMillis(), 5_000L << Math.min(attempt - 1, 30));
      for (int i = 0; i < 50; i++) {
        assertThat(backoff.delay(attempt).toMillis()).isBetween(full / 2, full);
      }
    }
  }

  @Test
  void theLastTryIsAtTheLimitAndNoneAfterIt() {
    Backoff backoff = Backoff.standard(Duration.ofMinutes(30), always(true));
    assertThat(backoff.next(1, Duration.ZERO)).contains(Duration.ofSeconds(5));
    assertThat(backoff.next(9, Duration.ofMinutes(25))).as("shortened to the limit").contains(Duration.ofMinutes(5));
    assertThat(backoff.next(10, Duration.ofMinutes(30))).isEmpty();
    assertThat(backoff.next(10, Duration.ofMinutes(31))).isEmpty();
  }

  @Test
  void nonsenseIsRefused() {
    assertThatThrownBy(() -> Backoff.standard(Duration.ofMinutes(1), new Random()).delay(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofMinutes(1), Duration.ofMinutes(1), new Random()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
