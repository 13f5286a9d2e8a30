package io.watchfloor.domain;

/** A rule's condition met for a subject (a site or an area) at one moment. */
public record Firing(AlertRule rule, String subjectType, String subject, String area, String detail) {
}
