package io.watchfloor.bus;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.time.Instant;

/** What a feature publishes on {@link Addresses#NOTIFY_HEARD} when it stored a step a notification route may send. */
public final class NotifyEvents {
  private NotifyEvents() {
  }

  /**
   * @param kind the event's key (notify's {@code EventKind})
   * @param ref the alert's, case's or urging's id
   * @param step what tells this event from others of the same ref and kind ("" if nothing need)
   * @param detail what the event says, for events no feature can be asked about later; null otherwise
   */
  public static JsonObject heard(String kind, String ref, String step, Instant at, JsonObject detail) {
    return new JsonObject().put("kind", kind).put("ref", ref).put("step", step).put("at", at.toString())
        .put("detail", detail);
  }

  public static void publish(Vertx vertx, String kind, String ref, String step, Instant at, JsonObject detail) {
    vertx.eventBus().publish(Addresses.NOTIFY_HEARD, heard(kind, ref, step, at, detail));
  }
}
