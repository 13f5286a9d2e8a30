package io.watchfloor.review;

import io.watchfloor.UnitTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The review's alert timings on alerts as the alert verticle writes them. */
@UnitTest
class ReviewAlertsTest {
  private static final Instant DAY_END = Instant.parse("2026-11-21T16:00:00Z");

  private static JsonObject alert(String id, String severity, String fired, String acked, String resolved) {
    return new JsonObject().put("id", id).put("rule", "r").put("severity", severity)
        .put("title", new JsonObject().put("zh", "告警").put("en", "Alert")).put("subject", "s").put("area", "jinpen")
        .put("desk", "xudong").put("state", resolved != null ? "resolved" : acked != null ? "acknowledged" : "open")
        .put("firstSeen", fired).putNull("escalatedTo")
        .put("acknowledged", acked == null ? null : new JsonObject().put("by", "duty").put("at", acked).put("note", "n"))
        .put("resolved", resolved == null ? null : new JsonObject().put("by", "duty").put("at", resolved).put("note", "n"));
  }

  @Test
  void stepsAreTimedFromTheStepBeforeAndMediansTakeTheMiddleOrTheMeanOfTheMiddleTwo() {
    JsonArray alerts = new JsonArray()
        .add(alert("a", "warning", "2026-11-21T01:00:00Z", "2026-11-21T01:01:00Z", "2026-11-21T01:11:00Z"))
        .add(alert("b", "warning", "2026-11-21T02:00:00Z", "2026-11-21T02:03:00Z", null))
        .add(alert("c", "warning", "2026-11-21T03:00:00Z", null, "2026-11-21T03:30:00Z"))
        .add(alert("d", "critical", "2026-11-21T04:00:00Z", "2026-11-21T04:00:30Z", "2026-11-22T01:00:00Z"));
    JsonObject review = ReviewAlerts.of(alerts, DAY_END);

    JsonObject c = review.getJsonArray("items").getJsonObject(2);
    assertThat(c.getValue("acknowledged")).isNull();
    assertThat(c.getJsonObject("resolved").getLong("afterSeconds")).as("resolved unacknowledged: from firing").isEqualTo(1800);
    assertThat(review.getJsonObject("medians").getJsonObject("warning"))
        .isEqualTo(new JsonObject().put("ackSeconds", 120).put("resolveSeconds", 1200));
    assertThat(review.getJsonObject("medians").getJsonObject("info"))
        .isEqualTo(new JsonObject().putNull("ackSeconds").putNull("resolveSeconds"));
    assertThat(review.getJsonArray("open")).as("d was resolved only the next day").containsExactly("b", "d");
    assertThat(review.getJsonArray("escalated")).isEmpty();
  }
}
