package io.watchfloor.domain;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One line of a case's trail: who did what, when, from which state to which, and why. {@code seq} is the
 * case's version after the line, 1 for the opening; {@code detail} holds the action's own fields (the unit
 * dispatched to, passed or not, the deadline granted, the level).
 */
public record CaseEvent(UUID caseId, int seq, CaseAction action, String by, Instant at, CaseState from, CaseState to,
                        String note, Map<String, Object> detail) {
  public CaseEvent {
    detail = detail == null ? Map.of() : Map.copyOf(detail);
  }
}
