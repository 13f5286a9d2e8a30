package io.watchfloor.notify;

import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When to try a refused message again: doubling from {@code first} up to {@code cap}, each delay drawn between
 * half and all of it, so channels refused together (a receiver's outage) do not all come back in the same
 * second; and no more tries once {@code giveUpAfter} has passed since the first, when the message is failed.
 * The random source is given, so tests are repeatable.
 */
public record Backoff(Duration first, Duration cap, Duration giveUpAfter, RandomGenerator random) {
  public static final Duration FIRST = Duration.ofSeconds(5);
  public static final Duration CAP = Duration.ofMinutes(10);

  public Backoff {
    if (first.isNegative() || first.isZero() || cap.compareTo(first) < 0 || giveUpAfter.isNegative()) {
      throw new IllegalArgumentException("backoff needs 0 < first <= cap and giveUpAfter >= 0");
    }
  }

  /** From 5 s up to 10 min, giving up after {@code giveUpAfter}. */
  public static Backoff standard(Duration giveUpAfter, RandomGenerator random) {
    return new Backoff(FIRST, CAP, giveUpAfter, random);
  }

  /** The delay after the {@code attempt}-th failed try (1 for the first). */
  public Duration delay(int attempt) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempts count from 1, not " + attempt);
    }
    long ceiling = cap.toMillis();
    int doublings = Math.min(attempt - 1, 62);
    // Compared before shifting, so a late attempt meets the cap instead of overflowing.
    long full = first.toMillis() <= ceiling >> doublings ? first.toMillis() << doublings : ceiling;
    long half = full / 2;
    return Duration.ofMillis(half + random.nextLong(full - half + 1));
  }

  /**
   * The wait before the next try after the {@code attempt}-th failure, {@code elapsed} after the first try, or
   * empty when the time is up. The last wait is shortened to end at the limit, so a message gets its last
   * try at the limit rather than being given up minutes early.
   */
  public Optional<Duration> next(int attempt, Duration elapsed) {
    Duration left = giveUpAfter.minus(elapsed);
    if (left.isNegative() || left.isZero()) {
      return Optional.empty();
    }
    Duration wait = delay(attempt);
    return Optional.of(wait.compareTo(left) > 0 ? left : wait);
  }
}
