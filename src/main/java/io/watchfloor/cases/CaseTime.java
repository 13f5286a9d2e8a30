package io.watchfloor.cases;

import io.watchfloor.domain.CaseDeadlines;
import io.watchfloor.domain.CaseStage;
import io.watchfloor.domain.StageClock;

import java.time.Instant;

/**
 * This node's time-limit table and calendar, one for every verticle that computes a deadline (the case
 * verticle's machine, the deadline clock). A change from /admin replaces the whole {@link CaseDeadlines} in
 * one write, so each deadline is computed from one table and one calendar, never half of a change.
 */
public final class CaseTime implements StageClock {
  private volatile CaseDeadlines current;

  public CaseTime(CaseDeadlines initial) {
    this.current = initial;
  }

  public CaseDeadlines current() {
    return current;
  }

  /** Package-private: only the deadline verticle, which follows the store, swaps it. */
  void swap(CaseDeadlines next) {
    current = next;
  }

  @Override
  public Instant dueAt(String category, String urgency, CaseStage stage, Instant start) {
    return current.dueAt(category, urgency, stage, start);
  }
}
