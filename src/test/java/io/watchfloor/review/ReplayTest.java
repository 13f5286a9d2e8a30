package io.watchfloor.review;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.watchfloor.Api;
import io.watchfloor.MutableClock;
import io.watchfloor.PgTest;
import io.watchfloor.TestDatabase;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /api/v1/review/replay on PostgreSQL: the wall screen's day, hour by hour, as the page folds it. */
@PgTest
class ReplayTest {
  @Test
  void eachHourHoldsTheReportsObservedByItsEnd() {
    MutableClock clock = new MutableClock(OffsetDateTime.parse("2026-11-21T11:00:00+08:00").toInstant());
    try (TestServer server = TestServer.postgres(TestDatabase.fresh("wf_test_replay"), clock)) {
      Api api = new Api(server);
      post(api, "2026-11-21T09:10:00+08:00", 5);
      post(api, "2026-11-21T10:20:00+08:00", 7);
      post(api, "2026-11-20T23:30:00+08:00", 100);

      HttpResponse<Buffer> response = server.client.get("/api/v1/review/replay").addQueryParam("key", TestTown.DISPLAY_KEY)
          .addQueryParam("date", "2026-11-21").addQueryParam("scope", "xudong").send().await();
      assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
      JsonObject replay = response.bodyAsJsonObject();
      assertThat(replay.getString("scope")).isEqualTo("xudong");
      JsonArray hours = replay.getJsonArray("hours");
      assertThat(hours).hasSize(24);
      assertThat(hours.getJsonObject(0).getJsonObject("state").getString("scope")).isEqualTo("xudong");

      JsonObject state = null;
      Object[] checked = new Object[24];
      for (int h = 0; h < 24; h++) {
        JsonObject entry = hours.getJsonObject(h);
        assertThat(entry.getInteger("hour")).isEqualTo(h);
        state = h == 0 ? entry.getJsonObject("state").copy() : apply(state, entry.getJsonObject("changes"));
        checked[h] = state.getJsonObject("totals").getValue("vehicles_checked");
      }
      assertThat(checked[8]).as("nothing yet at 08:59").isNull();
      assertThat(checked[9]).as("09:10 only").isEqualTo(5);
      assertThat(checked[10]).as("both by 10:59").isEqualTo(12);
      assertThat(checked[23]).isEqualTo(12);
      assertThat(state.getJsonObject("sites").getJsonObject("cp-highway-exit").getJsonObject("today").getInteger("vehicles_checked"))
          .isEqualTo(12);
      assertThat(state.getJsonObject("trend").getJsonObject("yesterday").getJsonArray("vehicles_checked").getInteger(23))
          .as("yesterday's trend").isEqualTo(100);

      assertThat(server.client.get("/api/v1/review/replay").addQueryParam("key", TestTown.DISPLAY_KEY)
          .addQueryParam("date", "2026-11-22").send().await().statusCode()).isEqualTo(422);
    }
  }

  @Test
  void theEmbeddedStoreAnswersTheSameReads() {
    MutableClock clock = new MutableClock(OffsetDateTime.parse("2026-11-21T11:00:00+08:00").toInstant());
    try (TestServer server = TestServer.start(new JsonObject(), clock)) {
      Api api = new Api(server);
      post(api, "2026-11-21T09:10:00+08:00", 5);
      post(api, "2026-11-20T09:10:00+08:00", 3);
      JsonObject review = server.client.get("/api/v1/review").addQueryParam("key", TestTown.DISPLAY_KEY).send().await()
          .bodyAsJsonObject();
      JsonObject vehicles = review.getJsonObject("figures").getJsonObject("vehicles_checked");
      assertThat(vehicles.getInteger("day")).isEqualTo(5);
      assertThat(vehicles.getInteger("yesterday")).isEqualTo(3);
      assertThat(vehicles.getJsonObject("areas").getJsonObject("xudong").getInteger("vsYesterday")).isEqualTo(2);
      assertThat(vehicles.getJsonObject("movers").getJsonArray("up").getJsonObject(0).getString("area")).isEqualTo("xudong");
      JsonArray hours = server.client.get("/api/v1/review/replay").addQueryParam("key", TestTown.DISPLAY_KEY).send().await()
          .bodyAsJsonObject().getJsonArray("hours");
      assertThat(hours.getJsonObject(9).getJsonObject("changes").getJsonObject("totals").getInteger("vehicles_checked"))
          .isEqualTo(5);
    }
  }

  private static void post(Api api, String at, int vehicles) {
    JsonObject body = TestTown.body(UUID.randomUUID(), "cp-highway-exit", at, new JsonObject().put("vehicles_checked", vehicles));
    assertThat(api.postReport(TestTown.CHECKPOINTS, body).statusCode()).isEqualTo(201);
  }

  /** As js/live-state.js applies a delta: objects key by key, null removes, anything else replaces. */
  static JsonObject apply(JsonObject state, JsonObject changes) {
    changes.forEach(e -> {
      Object value = e.getValue();
      if (value == null) {
        state.remove(e.getKey());
      } else if (value instanceof JsonObject inner && state.getValue(e.getKey()) instanceof JsonObject into) {
        apply(into, inner);
      } else {
        state.put(e.getKey(), value instanceof JsonObject o ? o.copy() : value);
      }
    });
    return state;
  }
}
