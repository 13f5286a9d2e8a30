package io.watchfloor.alert;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.watchfloor.domain.Alert;
import io.watchfloor.domain.AlertEvent;

import java.time.Instant;
import java.util.List;

/** Alerts as the API, the live state and the alert frames show them. */
public final class AlertJson {
  private AlertJson() {
  }

  public static JsonObject of(Alert a) {
    return new JsonObject()
        .put("id", a.id().toString())
        .put("rule", a.rule())
        .put("kind", a.kind())
        .put("severity", a.severity().key())
        .put("subjectType", a.subjectType())
        .put("subject", a.subject())
        .put("site", "site".equals(a.subjectType()) ? a.subject() : null)
        .put("area", a.area())
        .put("title", new JsonObject().put("zh", a.title().zh()).put("en", a.title().en()))
        .put("detail", a.detail())
        .put("firstSeen", text(a.firstSeen()))
        .put("lastSeen", text(a.lastSeen()))
        .put("count", a.count())
        .put("state", a.state().key())
        .put("escalated", a.escalatedAt() != null)
        .put("escalatedAt", text(a.escalatedAt()))
        .put("acknowledged", action(a.acknowledged()))
        .put("resolved", action(a.resolved()));
  }

  public static JsonArray of(List<Alert> alerts) {
    JsonArray list = new JsonArray();
    alerts.forEach(a -> list.add(of(a)));
    return list;
  }

  public static JsonObject event(AlertEvent e) {
    return new JsonObject().put("alertId", e.alertId().toString()).put("at", text(e.at())).put("actor", e.actor())
        .put("action", e.action()).put("note", e.note());
  }

  public static JsonArray events(List<AlertEvent> events) {
    JsonArray list = new JsonArray();
    events.forEach(e -> list.add(event(e)));
    return list;
  }

  private static JsonObject action(Alert.Action action) {
    return action == null ? null
        : new JsonObject().put("by", action.by()).put("at", text(action.at())).put("note", action.note());
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
