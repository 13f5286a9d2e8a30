package io.watchfloor.live;

import io.watchfloor.domain.Report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Which committed reports are new to the live picture, whichever way they arrive. Without a commit log
 * (the embedded store) only this node commits, and its commits are the whole truth. With one, the tail
 * brings every committed row of every node exactly once, and this node's own commits also arrive at
 * once, so a 201 is never ahead of its own picture: such a report is counted then and waits, unconfirmed,
 * until the tail brings it and is told to skip it. If the tail brings it first, its day already knows the
 * id and refuses it. Reports of days no longer live wait for the tail alone, which brings them once.
 * Past {@code maxUnconfirmed} (a tail stalled by a long transaction) commits wait for the tail too.
 */
final class CommitIntake {
  private final boolean tailed;
  private final int maxUnconfirmed;
  /** When each was counted here (System.nanoTime), oldest first: how far the tail is behind. */
  private final Map<UUID, Long> unconfirmed = new LinkedHashMap<>();

  CommitIntake(boolean tailed, int maxUnconfirmed) {
    this.tailed = tailed;
    this.maxUnconfirmed = maxUnconfirmed;
  }

  /**
   * This node's commits, applied to {@code state} if new.
   *
   * @param resent reports that may have been counted before: a duplicate's resend, or an in-doubt write
   *     found committed. With the tail they change nothing: the tail brings whatever was committed.
   * @return the reports newly counted, for the rules
   */
  List<Report> committedHere(LiveState state, List<Report> reports, boolean resent) {
    List<Report> counted = new ArrayList<>();
    if (tailed && resent) {
      return counted;
    }
    for (Report report : reports) {
      boolean isNew = !tailed ? (resent ? state.applyIfNew(report, true) : state.apply(report, true))
          : unconfirmed.size() < maxUnconfirmed && state.applyIfNew(report, true);
      if (isNew) {
        if (tailed) {
          unconfirmed.put(report.id(), System.nanoTime());
        }
        counted.add(report);
      }
    }
    return counted;
  }

  /** Rows from the tail, in commit order, applied to {@code state} unless counted at their commit here. */
  List<Report> tailed(LiveState state, List<Report> rows) {
    List<Report> counted = new ArrayList<>();
    for (Report report : rows) {
      if (unconfirmed.remove(report.id()) == null && state.apply(report, true)) {
        counted.add(report);
      }
    }
    return counted;
  }

  int unconfirmed() {
    return unconfirmed.size();
  }

  /**
   * How long the oldest report counted here has waited for the tail, in seconds; 0 when none waits.
   * It grows while a long transaction on the database holds every node's tail back.
   */
  double tailBehindSeconds(long nowNanos) {
    return unconfirmed.isEmpty() ? 0 : (nowNanos - unconfirmed.values().iterator().next()) / 1e9;
  }
}
