package io.watchfloor.live;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.watchfloor.Api;
import io.watchfloor.PgTest;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Officers' notes and who acted on an alert stay with operators: a wall screen (display key) sees
 * that an alert was acknowledged and when, in its frames, its state and the snapshot API, never by
 * whom nor the note. An operator's console sees both.
 */
@PgTest
class WallRedactionTest {
  private static final String NOTE = "已电话联系村书记，稍后回访";

  @Test
  void aDisplayKeyNeverSeesTheOfficersNoteOrNameAndAnOperatorDoes() throws InterruptedException {
    try (TestServer server = TestServer.memory()) {
      Api api = new Api(server);
      String duty = api.signIn("duty", "duty-demo-pass");
      try (LiveProbe wall = LiveProbe.connect(server); LiveProbe console = LiveProbe.connectAs(server, duty)) {
        assertThat(wall.await(p -> p.state() != null, 5)).isTrue();
        assertThat(console.await(p -> p.state() != null, 5)).isTrue();
        JsonObject report = new JsonObject().put("id", UUID.randomUUID().toString()).put("site", "pd-liangting")
            .put("observedAt", OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0).toString())
            .put("metrics", new JsonObject().put("group_petitions", 1));
        assertThat(api.postReport(TestTown.PETITIONS, report).statusCode()).isEqualTo(201);
        assertThat(console.await(p -> !p.ofType("alert").isEmpty(), 5)).isTrue();
        String id = console.ofType("alert").get(0).getJsonObject("alert").getString("id");

        HttpResponse<Buffer> ack = server.client.post("/api/v1/alerts/" + id + "/ack").putHeader("Cookie", duty)
            .putHeader("Origin", api.origin()).sendJsonObject(new JsonObject().put("note", NOTE)).await();
        assertThat(ack.statusCode()).isEqualTo(200);

        assertThat(console.await(p -> acknowledged(p, id) != null && acknowledged(p, id).containsKey("note"), 5))
            .as("the console's state shows the note").isTrue();
        assertThat(acknowledged(console, id).getString("note")).isEqualTo(NOTE);
        assertThat(acknowledged(console, id).getString("by")).isEqualTo("duty");
        assertThat(console.ofType("alert")).anySatisfy(f -> assertThat(f.encode()).contains(NOTE));

        assertThat(wall.await(p -> acknowledged(p, id) != null, 5)).as("the wall learns of the acknowledgement").isTrue();
        assertThat(wall.await(p -> p.ofType("alert").stream().anyMatch(f ->
            "acknowledged".equals(f.getJsonObject("alert").getString("state"))), 5)).isTrue();
        assertThat(acknowledged(wall, id).getString("at")).isNotNull();
        assertThat(acknowledged(wall, id).fieldNames()).doesNotContain("by", "note");
        wall.frames.forEach(f -> assertThat(f.json().encode()).doesNotContain(NOTE).doesNotContain("\"by\""));

        try (LiveProbe lateWall = LiveProbe.connect(server); LiveProbe lateConsole = LiveProbe.connectAs(server, duty)) {
          assertThat(lateWall.await(p -> p.state() != null, 5)).isTrue();
          assertThat(lateConsole.await(p -> p.state() != null, 5)).isTrue();
          assertThat(lateWall.ofType("snapshot").get(0).encode()).doesNotContain(NOTE).doesNotContain("\"by\"");
          assertThat(acknowledged(lateConsole, id).getString("note")).isEqualTo(NOTE);
        }
      }

      String wallSnapshot = server.client.get("/api/v1/snapshot").addQueryParam("key", TestTown.DISPLAY_KEY)
          .send().await().bodyAsString();
      JsonObject shown = new JsonObject(wallSnapshot).getJsonObject("alerts").getJsonObject(id(wallSnapshot));
      assertThat(shown.getJsonObject("acknowledged").fieldNames()).containsExactly("at");
      assertThat(wallSnapshot).doesNotContain(NOTE).doesNotContain("\"by\"");
      String consoleSnapshot = server.client.get("/api/v1/snapshot").putHeader("Cookie", duty).send().await().bodyAsString();
      assertThat(consoleSnapshot).contains(NOTE);
    }
  }

  private static JsonObject acknowledged(LiveProbe probe, String id) {
    JsonObject alert = probe.state().getJsonObject("alerts").getJsonObject(id);
    return alert == null ? null : alert.getJsonObject("acknowledged");
  }

  private static String id(String snapshot) {
    return new JsonObject(snapshot).getJsonObject("alerts").fieldNames().iterator().next();
  }
}
