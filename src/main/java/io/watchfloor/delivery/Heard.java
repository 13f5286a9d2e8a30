package io.watchfloor.delivery;

import java.time.Instant;

/**
 * An event a route may send, as recorded for routing: its kind's key, the alert's, case's or urging's id,
 * and what tells it apart within that (the case's trail line, the escalation's area). {@code id} is the
 * store's order, 0 before it is stored.
 */
public record Heard(long id, String kind, String ref, String step, Instant at) {
  /** The key that makes a message of this event the same message however often it is routed. */
  public String key() {
    return kind + ":" + ref + (step.isEmpty() ? "" : ":" + step);
  }
}
