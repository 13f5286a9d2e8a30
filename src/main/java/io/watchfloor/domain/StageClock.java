package io.watchfloor.domain;

import java.time.Instant;

/** When a stage started at {@code start} is due, for a case's category and urgency (the time-limit table). */
@FunctionalInterface
public interface StageClock {
  Instant dueAt(String category, String urgency, CaseStage stage, Instant start);
}
