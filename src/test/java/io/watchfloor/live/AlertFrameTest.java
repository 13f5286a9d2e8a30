package io.watchfloor.live;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.watchfloor.Api;
import io.watchfloor.PgTest;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An alert reaches the screens as a frame of its own and joins the open list in the state. How fast it
 * arrives is measured by the benchmark (bench/live.sh), not here, where the machine may be loaded.
 */
@PgTest
class AlertFrameTest {
  /** After the first snapshot, a group petition at pd-liangting: the alert frame it fires. */
  private static JsonObject groupPetitionAlert(TestServer server, LiveProbe probe) {
    probe.expect("the first snapshot", p -> p.state() != null);
    JsonObject report = new JsonObject().put("id", UUID.randomUUID().toString()).put("site", "pd-liangting")
        .put("observedAt", OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0).toString())
        .put("metrics", new JsonObject().put("group_petitions", 1));
    assertThat(new Api(server).postReport(TestTown.PETITIONS, report).statusCode()).isEqualTo(201);
    // the group petition's frame: after the daily deadlines the missing-report rule's alerts arrive too
    probe.expect("the group petition's alert frame", p -> p.ofType("alert").stream()
        .anyMatch(a -> "group-petition".equals(a.getJsonObject("alert", a).getString("rule"))));
    return probe.ofType("alert").stream()
        .filter(a -> "group-petition".equals(a.getJsonObject("alert", a).getString("rule"))).findFirst().orElseThrow();
  }

  @Test
  void anAlertFrameArrivesAndTheOpenListFollows() {
    try (TestServer server = TestServer.memory(); LiveProbe probe = LiveProbe.connect(server)) {
      JsonObject frame = groupPetitionAlert(server, probe);
      JsonObject alert = frame.getJsonObject("alert");
      assertThat(alert.getString("rule")).isEqualTo("group-petition");
      assertThat(alert.getString("state")).isEqualTo("open");
      assertThat(frame.getLong("seq")).isPositive();
      probe.expect("the alert in the state's open list", p -> p.state().getJsonObject("alerts").containsKey(alert.getString("id")));
      assertThat(probe.state().getJsonObject("alerts").getJsonObject(alert.getString("id")).getString("site"))
          .isEqualTo("pd-liangting");
    }
  }

  /**
   * What a client written from docs/live-protocol.md alone does: the new alert comes twice, as its frame and in
   * the next delta (with no null inside it), and a state kept by applying every frame in seq order, the deltas
   * as JSON Merge Patches (RFC 7396), is GET /api/v1/snapshot's less its {@code at}, a null read as absent.
   */
  @Test
  void theAlertComesAgainInTheNextDeltaAndAMergePatchClientHoldsTheSnapshot() {
    try (TestServer server = TestServer.memory(); LiveProbe probe = LiveProbe.connect(server)) {
      JsonObject frame = groupPetitionAlert(server, probe);
      String id = frame.getJsonObject("alert").getString("id");
      probe.expect("a later delta with the same alert", p -> inDelta(p, frame.getLong("seq"), id) != null);
      JsonObject again = inDelta(probe, frame.getLong("seq"), id);
      assertThat(again).as("the same alert, its null members left out").isEqualTo(withoutNulls(frame.getJsonObject("alert")));

      await("the client's state equals GET /api/v1/snapshot").atMost(LiveProbe.PATIENCE).pollInterval(Duration.ofMillis(100))
          .untilAsserted(() -> {
            JsonObject snapshot = server.client.get("/api/v1/snapshot").addQueryParam("key", TestTown.DISPLAY_KEY).send().await()
                .bodyAsJsonObject();
            assertThat(snapshot.remove("at")).isNotNull();
            assertThat(mergePatchClient(probe)).isEqualTo(withoutNulls(snapshot));
          });
    }
  }

  /** The alert of this id in a delta after the given seq, or null. */
  private static JsonObject inDelta(LiveProbe probe, long after, String id) {
    for (JsonObject delta : probe.ofType("delta")) {
      JsonObject alerts = delta.getLong("seq") > after ? delta.getJsonObject("changes").getJsonObject("alerts") : null;
      if (alerts != null && alerts.getValue(id) instanceof JsonObject alert) {
        return alert;
      }
    }
    return null;
  }

  /** A client as the document tells it: the last snapshot, then deltas merged by RFC 7396 and alerts put by id. */
  private static JsonObject mergePatchClient(LiveProbe probe) {
    JsonObject state = null;
    for (LiveProbe.Frame f : probe.frames) {
      JsonObject frame = f.json();
      switch (frame.getString("type")) {
        case "snapshot" -> state = withoutNulls(frame.getJsonObject("state"));
        case "delta" -> mergePatch(state, frame.getJsonObject("changes"));
        case "alert" -> {
          JsonObject alert = frame.getJsonObject("alert");
          if ("resolved".equals(alert.getString("state"))) {
            state.getJsonObject("alerts").remove(alert.getString("id"));
          } else {
            state.getJsonObject("alerts").put(alert.getString("id"), withoutNulls(alert));
          }
        }
        default -> { }
      }
    }
    return state;
  }

  /** RFC 7396, section 2. */
  private static JsonObject mergePatch(JsonObject target, JsonObject patch) {
    for (String key : patch.fieldNames()) {
      Object value = patch.getValue(key);
      if (value == null) {
        target.remove(key);
      } else if (value instanceof JsonObject inner) {
        target.put(key, mergePatch(target.getValue(key) instanceof JsonObject t ? t : new JsonObject(), inner));
      } else {
        target.put(key, value);
      }
    }
    return target;
  }

  private static JsonObject withoutNulls(JsonObject object) {
    JsonObject copy = new JsonObject();
    object.forEach(e -> {
      if (e.getValue() instanceof JsonObject inner) {
        copy.put(e.getKey(), withoutNulls(inner));
      } else if (e.getValue() != null) {
        copy.put(e.getKey(), e.getValue() instanceof JsonArray a ? a.copy() : e.getValue());
      }
    });
    return copy;
  }
}
