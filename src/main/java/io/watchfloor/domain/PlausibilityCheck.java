package io.watchfloor.domain;

/** A cross-field rule within one report: {@code metric} may not exceed {@code atMost}. */
public record PlausibilityCheck(String metric, String atMost) {
}
