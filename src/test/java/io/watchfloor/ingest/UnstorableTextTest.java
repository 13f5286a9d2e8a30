package io.watchfloor.ingest;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.watchfloor.Api;
import io.watchfloor.MutableClock;
import io.watchfloor.PgTest;
import io.watchfloor.TestDatabase;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Text PostgreSQL cannot store is refused at the door with a 422 naming the field, and never holds
 * up the reports of other units that arrive at the same moment.
 */
@PgTest
class UnstorableTextTest {
  private static final String DATABASE = "wf_test_unstorable_text";
  private static TestServer server;
  private static Api api;

  @BeforeAll
  static void start() {
    server = TestServer.postgres(TestDatabase.fresh(DATABASE), MutableClock.system());
    api = new Api(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0);
  }

  /** The body as raw text, so the JSON escape reaches the server exactly as written. */
  private static Future<HttpResponse<Buffer>> postWithNote(UUID id, String noteLiteral) {
    String body = TestTown.checkpointReport(id, now(), 5, 0).put("note", "@").encode().replace("\"@\"", noteLiteral);
    return server.client.post("/api/v1/reports").putHeader("Content-Type", "application/json")
        .putHeader("Authorization", "Bearer " + TestTown.CHECKPOINTS).sendBuffer(Buffer.buffer(body));
  }

  private static Future<HttpResponse<Buffer>> postPetition(UUID id) {
    JsonObject body = new JsonObject().put("id", id.toString()).put("site", "pd-jinpen")
        .put("observedAt", now().toString()).put("metrics", new JsonObject().put("petitions_visit", 1));
    return server.client.post("/api/v1/reports").putHeader("Content-Type", "application/json")
        .putHeader("Authorization", "Bearer " + TestTown.PETITIONS).sendBuffer(body.toBuffer());
  }

  private static long stored(UUID id) {
    return TestDatabase.count(DATABASE, "SELECT count(*) FROM report WHERE id = '" + id + "'");
  }

  @Test
  void aNulInTheNoteIs422NamingNoteAndTheOtherUnitsReportsBesideItAre201AndStored() {
    UUID bad = UUID.randomUUID();
    List<UUID> good = new ArrayList<>();
    List<Future<HttpResponse<Buffer>>> goodAnswers = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      good.add(UUID.randomUUID());
    }
    for (int i = 0; i < 4; i++) {
      goodAnswers.add(postPetition(good.get(i)));
    }
    Future<HttpResponse<Buffer>> badAnswer = postWithNote(bad, "\"a\\u0000b\"");
    for (int i = 4; i < 8; i++) {
      goodAnswers.add(postPetition(good.get(i)));
    }
    HttpResponse<Buffer> refused = badAnswer.await();
    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(refused.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(refused.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("note");
    assertThat(stored(bad)).isZero();
    for (int i = 0; i < good.size(); i++) {
      assertThat(goodAnswers.get(i).await().statusCode()).as("report %d of the other unit", i).isEqualTo(201);
      assertThat(stored(good.get(i))).isEqualTo(1);
    }
  }

  @Test
  void anUnpairedSurrogateInTheNoteIs422NamingNote() {
    for (String literal : List.of("\"\\ud800\"", "\"x\\udc00y\"", "\"\\ud83d\"")) {
      UUID id = UUID.randomUUID();
      HttpResponse<Buffer> refused = postWithNote(id, literal).await();
      assertThat(refused.statusCode()).as(literal).isEqualTo(422);
      assertThat(refused.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("note");
      assertThat(stored(id)).isZero();
    }
  }

  @Test
  void aNoteWithAPairedSurrogateIsStoredAsSent() {
    UUID id = UUID.randomUUID();
    assertThat(postWithNote(id, "\"\\ud83d\\ude00 ok 好\"").await().statusCode()).isEqualTo(201);
    assertThat(TestDatabase.count(DATABASE, "SELECT count(*) FROM report WHERE id = '" + id + "' AND note = U&'\\+01F600 ok \\597D'"))
        .isEqualTo(1);
  }

  @Test
  void aBatchWithANulNoteRejectsThatItemAndAcceptsTheOthers() {
    JsonObject good = TestTown.checkpointReport(UUID.randomUUID(), now(), 3, 0);
    String badItem = TestTown.checkpointReport(UUID.randomUUID(), now(), 4, 0).put("note", "@").encode()
        .replace("\"@\"", "\"\\u0000\"");
    String body = "{\"reports\":[" + good.encode() + "," + badItem + "]}";
    HttpResponse<Buffer> answer = api.postRaw("/api/v1/reports/batch", TestTown.CHECKPOINTS, Buffer.buffer(body));
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.bodyAsJsonObject().getJsonArray("results").getJsonObject(0).getString("status")).isEqualTo("accepted");
    JsonObject rejected = answer.bodyAsJsonObject().getJsonArray("results").getJsonObject(1);
    assertThat(rejected.getString("status")).isEqualTo("rejected");
    assertThat(rejected.getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("note");
  }
}
