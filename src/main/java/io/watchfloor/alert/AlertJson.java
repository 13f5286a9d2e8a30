package io.watchfloor.alert;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.watchfloor.domain.Alert;
import io.watchfloor.domain.AlertEvent;

import java.time.Instant;
import java.util.List;

/**
 * Alerts as the API, the live state and the alert frames show them. {@code desk} is the command centre
 * that owns the alert, {@code escalatedTo} the one it was last escalated to (null while it has not been).
 */
public final class AlertJson {
  private static final List<String> OFFICER_ACTIONS = List.of("acknowledged", "resolved");
  private static final List<String> OFFICER_TEXT = List.of("by", "note");

  private AlertJson() {
  }

  public static JsonObject of(Alert a, EscalationLadder ladder) {
    return new JsonObject()
        .put("id", a.id().toString())
        .put("rule", a.rule())
        .put("kind", a.kind())
        .put("severity", a.severity().key())
        .put("subjectType", a.subjectType())
        .put("subject", a.subject())
        .put("site", "site".equals(a.subjectType()) ? a.subject() : null)
        .put("area", a.area())
        .put("desk", ladder.desk(a.area()))
        .put("title", new JsonObject().put("zh", a.title().zh()).put("en", a.title().en()))
        .put("detail", a.detail())
        .put("firstSeen", text(a.firstSeen()))
        .put("lastSeen", text(a.lastSeen()))
        .put("count", a.count())
        .put("state", a.state().key())
        .put("escalated", a.escalatedAt() != null)
        .put("escalatedAt", text(a.escalatedAt()))
        .put("escalatedTo", a.escalatedTo())
        .put("acknowledged", action(a.acknowledged()))
        .put("resolved", action(a.resolved()));
  }

  /**
   * What a wall screen may show of an alert: that it was acknowledged or resolved and when, but not
   * who did it nor the officer's note, which stay with operators. Works on a whole alert and on the
   * part of one that a delta carries; a part left with nothing to show comes back empty.
   */
  public static JsonObject forWall(JsonObject alert) {
    JsonObject wall = alert.copy();
    for (String action : OFFICER_ACTIONS) {
      if (wall.getValue(action) instanceof JsonObject done) {
        OFFICER_TEXT.forEach(done::remove);
        if (done.isEmpty()) {
          wall.remove(action);
        }
      }
    }
    return wall;
  }

  /** {@link #forWall} over alerts keyed by id; an id whose change was only officer text drops out. */
  public static JsonObject forWallById(JsonObject alerts) {
    JsonObject wall = new JsonObject();
    alerts.forEach(entry -> {
      if (!(entry.getValue() instanceof JsonObject alert)) {
        wall.put(entry.getKey(), entry.getValue());
      } else if (!alert.isEmpty()) {
        JsonObject shown = forWall(alert);
        if (!shown.isEmpty()) {
          wall.put(entry.getKey(), shown);
        }
      }
    });
    return wall;
  }

  public static JsonArray of(List<Alert> alerts, EscalationLadder ladder) {
    JsonArray list = new JsonArray();
    alerts.forEach(a -> list.add(of(a, ladder)));
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
