package io.watchfloor.domain;

/**
 * A rule's condition met for a subject (a site or an area) at one moment.
 *
 * @param cause what made it fire, once: the report's id, or the day of a missing-report deadline. The
 *     alert store counts a cause once however often it is sent; null for a firing without one.
 */
public record Firing(AlertRule rule, String subjectType, String subject, String area, String detail, String cause) {
  public Firing(AlertRule rule, String subjectType, String subject, String area, String detail) {
    this(rule, subjectType, subject, area, detail, null);
  }

  public Firing because(String why) {
    return new Firing(rule, subjectType, subject, area, detail, why);
  }
}
