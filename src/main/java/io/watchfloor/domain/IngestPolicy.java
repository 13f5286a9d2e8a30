package io.watchfloor.domain;

import java.time.Duration;

/** How far from now a report's observedAt may lie, and how long a note may be. */
public record IngestPolicy(Duration lateWindow, Duration futureSkew, int maxNoteLength) {
  public static IngestPolicy defaults() {
    return new IngestPolicy(Duration.ofDays(7), Duration.ofMinutes(5), 500);
  }
}
