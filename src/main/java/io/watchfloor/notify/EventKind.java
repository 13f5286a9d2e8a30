package io.watchfloor.notify;

import java.util.Optional;

/** The events a route may send (docs/notify.md), by the keys of the admin API. */
public enum EventKind {
  ALERT_FIRED("alert.fired"),
  ALERT_ESCALATED("alert.escalated"),
  ALERT_RESOLVED("alert.resolved"),
  CASE_DISPATCHED("case.dispatched"),
  CASE_NEAR_DUE("case.near-due"),
  CASE_OVERDUE("case.overdue"),
  CASE_URGED("case.urged"),
  CASE_REWORKED("case.reworked"),
  COMPLIANCE_URGED("compliance.urged");

  private final String key;

  EventKind(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }

  public boolean ofAlert() {
    return key.startsWith("alert.");
  }

  public boolean ofCase() {
    return key.startsWith("case.");
  }

  /** Events that concern one field unit, and so also go to the unit's own contact channel. */
  public boolean forTheUnit() {
    return this == CASE_DISPATCHED || this == CASE_NEAR_DUE || this == CASE_OVERDUE || this == CASE_URGED
        || this == CASE_REWORKED || this == COMPLIANCE_URGED;
  }

  /**
   * The event a case's step is, if any: by the action's key and the state it left the case in (a check that
   * does not close the case sends it back: 返工). The trigger on case_event (V12__notify.sql) says the same.
   */
  public static Optional<EventKind> ofCaseStep(String action, String toState) {
    return Optional.ofNullable(switch (action) {
      case "dispatch" -> CASE_DISPATCHED;
      case "near_due" -> CASE_NEAR_DUE;
      case "overdue" -> CASE_OVERDUE;
      case "urge" -> CASE_URGED;
      case "verify" -> "closed".equals(toState) ? null : CASE_REWORKED;
      default -> null;
    });
  }

  public static Optional<EventKind> of(String key) {
    for (EventKind kind : values()) {
      if (kind.key.equals(key)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}
