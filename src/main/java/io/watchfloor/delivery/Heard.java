package io.watchfloor.delivery;

import io.vertx.core.json.JsonObject;

import java.time.Instant;

/**
 * An event a route may send, as recorded for routing: its kind's key, the alert's, case's or urging's id,
 * and what tells it apart within that (the case's trail line, the escalation's area). {@code id} is the
 * store's order, 0 before it is stored. {@code detail} carries what the event says when no feature can be
 * asked for it later (an urging); null for alerts and cases, which are read when routed.
 */
public record Heard(long id, String kind, String ref, String step, Instant at, JsonObject detail) {
  public Heard(long id, String kind, String ref, String step, Instant at) {
    this(id, kind, ref, step, at, null);
  }

  /** The key that makes a message of this event the same message however often it is routed. */
  public String key() {
    return kind + ":" + ref + (step.isEmpty() ? "" : ":" + step);
  }

  /** As published on {@code notify.heard} ({@code bus/NotifyEvents}). */
  public static Heard fromJson(JsonObject json) {
    return new Heard(0, json.getString("kind"), json.getString("ref"), json.getString("step", ""),
        Instant.parse(json.getString("at")), json.getJsonObject("detail"));
  }
}
