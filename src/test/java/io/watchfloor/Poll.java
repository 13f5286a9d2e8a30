package io.watchfloor;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls with a deadline instead of sleeping for a guessed time: fast when things are fast, patient on a loaded machine. */
public final class Poll {
  private Poll() {
  }

  /**
   * Reads {@code value} until {@code done} holds or {@code within} has passed, and returns the last
   * reading, for the caller to assert on (so a failure shows what was seen last).
   */
  public static <T> T until(Supplier<T> value, Predicate<T> done, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    T last = value.get();
    while (!done.test(last) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return last;
      }
      last = value.get();
    }
    return last;
  }
}
