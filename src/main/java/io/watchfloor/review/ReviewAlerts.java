package io.watchfloor.review;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.watchfloor.domain.Severity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The review's alerts: each alert live in the scope that day with how long each step took, the
 * medians per severity, what was still open at the day's end and what escalated. A step's time is
 * from the step before: acknowledged after firing, resolved after the acknowledgement (or after
 * firing, when it was resolved unacknowledged).
 */
final class ReviewAlerts {
  private ReviewAlerts() {
  }

  /** @param alerts as AlertJson writes them; @param dayEnd what was not resolved by then is open */
  static JsonObject of(JsonArray alerts, Instant dayEnd) {
    JsonArray items = new JsonArray();
    JsonArray open = new JsonArray();
    JsonArray escalated = new JsonArray();
    Map<String, List<Long>> ackBy = new HashMap<>();
    Map<String, List<Long>> resolveBy = new HashMap<>();
    for (Object o : alerts) {
      JsonObject a = (JsonObject) o;
      Instant fired = Instant.parse(a.getString("firstSeen"));
      JsonObject ack = step(a.getJsonObject("acknowledged"), fired);
      Instant acked = ack == null ? fired : Instant.parse(a.getJsonObject("acknowledged").getString("at"));
      JsonObject resolved = step(a.getJsonObject("resolved"), acked);
      String severity = a.getString("severity");
      if (ack != null) {
        ackBy.computeIfAbsent(severity, s -> new ArrayList<>()).add(ack.getLong("afterSeconds"));
      }
      if (resolved != null) {
        resolveBy.computeIfAbsent(severity, s -> new ArrayList<>()).add(resolved.getLong("afterSeconds"));
      }
      String id = a.getString("id");
      items.add(new JsonObject().put("id", id).put("rule", a.getString("rule")).put("severity", severity)
          .put("title", a.getJsonObject("title")).put("subject", a.getString("subject")).put("area", a.getString("area"))
          .put("desk", a.getString("desk")).put("state", a.getString("state")).put("firstSeen", a.getString("firstSeen"))
          .put("acknowledged", ack).put("resolved", resolved).put("escalatedTo", a.getString("escalatedTo")));
      if (resolved == null || !Instant.parse(a.getJsonObject("resolved").getString("at")).isBefore(dayEnd)) {
        open.add(id);
      }
      if (a.getString("escalatedTo") != null) {
        escalated.add(id);
      }
    }
    JsonObject medians = new JsonObject();
    for (Severity s : Severity.values()) {
      medians.put(s.key(), new JsonObject().put("ackSeconds", median(ackBy.get(s.key())))
          .put("resolveSeconds", median(resolveBy.get(s.key()))));
    }
    return new JsonObject().put("items", items).put("medians", medians).put("open", open).put("escalated", escalated);
  }

  private static JsonObject step(JsonObject action, Instant after) {
    if (action == null) {
      return null;
    }
    Instant at = Instant.parse(action.getString("at"));
    return new JsonObject().put("by", action.getString("by")).put("at", action.getString("at"))
        .put("afterSeconds", Duration.between(after, at).toSeconds());
  }

  /** The middle value, or the mean of the middle two; null when nothing was timed. */
  static Number median(List<Long> values) {
    if (values == null || values.isEmpty()) {
      return null;
    }
    List<Long> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    if (n % 2 == 1) {
      return sorted.get(n / 2);
    }
    double mid = (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    return mid == Math.rint(mid) ? (Number) (long) mid : (Number) mid;
  }
}
