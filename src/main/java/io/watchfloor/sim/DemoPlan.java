package io.watchfloor.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;

/**
 * How one simulated case will go, drawn when it is opened (or first seen by a unit): most are handled in time,
 * some are signed late, some run overdue and climb the tree, some are sent back for rework, parked, handed
 * back, extended or cancelled. Each step is due at a fraction of its stage's time (0.5 = half the limit gone,
 * 1.3 = 30 % past it), so the demo's mix of on-time, near-due and overdue holds whatever the time limits are.
 */
final class DemoPlan {
  enum Fate {
    SMOOTH(44), LATE_SIGN(12), OVERDUE(12), REWORK(10), EXTENDED(6), PARKED(5), RETURNED(6), CANCELLED(5);

    final int weight;

    Fate(int weight) {
      this.weight = weight;
    }

    static Fate draw(Random random) {
      int total = 0;
      for (Fate f : values()) {
        total += f.weight;
      }
      int pick = random.nextInt(total);
      for (Fate f : values()) {
        pick -= f.weight;
        if (pick < 0) {
          return f;
        }
      }
      return SMOOTH;
    }
  }

  final Fate fate;
  /** The demo's own cases get dispatched and verified by the demo officers; others are left to people. */
  final boolean ours;
  final Instant dispatchAt;
  final double signAt;
  final double handleAt;
  final double verifyAt;
  final Duration parkFor;
  int reworksLeft;
  boolean returned;
  boolean parked;
  Instant parkedAt;

  private DemoPlan(Fate fate, boolean ours, Instant openedAt, Random random) {
    this.fate = fate;
    this.ours = ours;
    this.dispatchAt = openedAt.plusSeconds(5 + random.nextInt(25));
    this.signAt = fate == Fate.LATE_SIGN ? between(random, 0.85, 1.4) : between(random, 0.1, 0.6);
    this.handleAt = fate == Fate.OVERDUE ? between(random, 1.3, 2.5)
        : fate == Fate.EXTENDED ? between(random, 0.6, 0.9) : between(random, 0.2, 0.75);
    this.verifyAt = between(random, 0.1, 0.6);
    this.parkFor = Duration.ofSeconds(60 + random.nextInt(120));
    this.reworksLeft = fate == Fate.REWORK ? 1 : 0;
  }

  static DemoPlan opened(Instant at, Random random) {
    return new DemoPlan(Fate.draw(random), true, at, random);
  }

  /** A case a person dispatched to a demo unit: the unit handles it in time and leaves the rest to people. */
  static DemoPlan someoneElses(Instant at, Random random) {
    return new DemoPlan(Fate.SMOOTH, false, at, random);
  }

  private static double between(Random random, double low, double high) {
    return low + random.nextDouble() * (high - low);
  }
}
