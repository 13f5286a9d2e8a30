package io.watchfloor.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * An alert and where it stands: open → acknowledged → resolved, with who acted, when and why.
 * {@code escalatedTo} is the command-centre area it was last escalated to (null: still only at its own
 * desk) and {@code escalatedAt} when. Immutable; every change makes a new value.
 */
public record Alert(UUID id, String rule, String kind, Severity severity, String subjectType, String subject,
                    String area, Label title, String detail, Instant firstSeen, Instant lastSeen, long count,
                    State state, Instant escalatedAt, String escalatedTo, Action acknowledged, Action resolved) {

  public enum State {
    OPEN, ACKNOWLEDGED, RESOLVED;

    public String key() {
      return name().toLowerCase();
    }
  }

  /** Who did something to the alert, when, and their note. */
  public record Action(String by, Instant at, String note) {
  }

  public static Alert fired(UUID id, Firing firing, Instant now) {
    AlertRule rule = firing.rule();
    return new Alert(id, rule.id(), rule.kindKey(), rule.severity(), firing.subjectType(), firing.subject(),
        firing.area(), rule.title(), firing.detail(), now, now, 1, State.OPEN, null, null, null, null);
  }

  public Alert repeated(String newDetail, Instant now) {
    return new Alert(id, rule, kind, severity, subjectType, subject, area, title, newDetail, firstSeen, now, count + 1,
        state, escalatedAt, escalatedTo, acknowledged, resolved);
  }

  public Alert escalated(String to, Instant now) {
    return new Alert(id, rule, kind, severity, subjectType, subject, area, title, detail, firstSeen, lastSeen, count,
        state, now, to, acknowledged, resolved);
  }

  public Alert acknowledgedBy(String by, Instant now, String note) {
    return new Alert(id, rule, kind, severity, subjectType, subject, area, title, detail, firstSeen, lastSeen, count,
        State.ACKNOWLEDGED, escalatedAt, escalatedTo, new Action(by, now, note), resolved);
  }

  public Alert resolvedBy(String by, Instant now, String note) {
    return new Alert(id, rule, kind, severity, subjectType, subject, area, title, detail, firstSeen, lastSeen, count,
        State.RESOLVED, escalatedAt, escalatedTo, acknowledged, new Action(by, now, note));
  }
}
