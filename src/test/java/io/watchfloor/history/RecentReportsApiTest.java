package io.watchfloor.history;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.watchfloor.Api;
import io.watchfloor.MutableClock;
import io.watchfloor.PgTest;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GET /api/v1/reports (the site's recent reports beside an alert in the duty console): newest first,
 * times in the jurisdiction's offset, strict parameters. Who may call it is in the authorisation matrix;
 * that both stores give the same order is in the store suite.
 */
@PgTest
class RecentReportsApiTest {
  private static final Instant NOON = Instant.parse("2026-11-21T04:00:00Z");
  private static TestServer server;
  private static String duty;

  @BeforeAll
  static void start() {
    server = TestServer.start(new JsonObject(), new MutableClock(NOON));
    duty = new Api(server).signIn("duty", "duty-demo-pass");
    Api api = new Api(server);
    for (int minutes : new int[] {50, 10, 30}) {
      OffsetDateTime at = OffsetDateTime.ofInstant(NOON.minusSeconds(minutes * 60L), ZoneOffset.UTC);
      assertThat(api.postReport(TestTown.PETITIONS, TestTown.body(UUID.randomUUID(), "pd-jinpen", at.toString(),
          new JsonObject().put("petitions_visit", minutes))).statusCode()).isEqualTo(201);
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static HttpResponse<Buffer> get(String query) {
    HttpRequest<Buffer> request = server.client.get("/api/v1/reports" + query).putHeader("Cookie", duty);
    return request.send().await();
  }

  @Test
  void theNewestReportsOfTheSiteComeFirstInShanghaiTime() {
    HttpResponse<Buffer> response = get("?site=pd-jinpen&limit=2");
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getString("site")).isEqualTo("pd-jinpen");
    JsonArray reports = body.getJsonArray("reports");
    assertThat(reports).hasSize(2);
    JsonObject newest = reports.getJsonObject(0);
    assertThat(newest.getString("observedAt")).isEqualTo("2026-11-21T11:50:00+08:00");
    assertThat(newest.getJsonObject("metrics")).isEqualTo(new JsonObject().put("petitions_visit", 10));
    assertThat(newest.getString("unit")).isEqualTo("demo-petitions");
    assertThat(newest.containsKey("bodyHash")).isFalse();
    assertThat(reports.getJsonObject(1).getString("observedAt")).isEqualTo("2026-11-21T11:30:00+08:00");
    assertThat(get("?site=pd-jinpen").bodyAsJsonObject().getJsonArray("reports")).as("ten by default").hasSize(3);
    assertThat(get("?site=pd-liangting").bodyAsJsonObject().getJsonArray("reports")).isEmpty();
  }

  @Test
  void badParametersAreNamedInOneProblem() {
    for (String query : new String[] {"", "?site=pd-jinpen&limit=0", "?site=pd-jinpen&limit=101",
        "?site=pd-jinpen&limit=ten", "?site=pd-jinpen&since=today"}) {
      HttpResponse<Buffer> response = get(query);
      assertThat(response.statusCode()).as(query).isEqualTo(422);
      assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
      assertThat(response.bodyAsJsonObject().getJsonArray("errors")).as(query).isNotEmpty();
    }
    assertThat(get("?site=pd-jinpen&site=pd-liangting").statusCode()).isEqualTo(400);
    assertThat(get("?site=atlantis").statusCode()).as("an unknown site is refused as one outside the scope").isEqualTo(403);
  }
}
