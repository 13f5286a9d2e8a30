package io.watchfloor.alert;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.watchfloor.Api;
import io.watchfloor.ApiContract;
import io.watchfloor.MutableClock;
import io.watchfloor.PgTest;
import io.watchfloor.TestDatabase;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An alert's whole life through the API on PostgreSQL: fired by a report, acted on, audited, kept across a restart. */
@PgTest
class AlertApiTest {
  static final Instant NOON = Instant.parse("2026-11-21T04:00:00Z");
  /** How long an alert may take to show on a loaded machine; a passing test waits only as long as it must. */
  static final Duration PATIENCE = Duration.ofSeconds(30);

  static JsonObject escalated(Instant now, String site) {
    return new JsonObject().put("id", UUID.randomUUID().toString()).put("site", site)
        .put("observedAt", OffsetDateTime.ofInstant(now, ZoneOffset.ofHours(8)).toString())
        .put("metrics", new JsonObject().put("escalated_petitions", 1));
  }

  /** The answers of this API's calls are held to its OpenAPI description. */
  static final ApiContract CONTRACT = ApiContract.shared();

  static HttpResponse<Buffer> sent(HttpRequest<Buffer> request, JsonObject body) {
    return CONTRACT.check(request, request.sendJsonObject(body).await());
  }

  static String signIn(TestServer server, String user, String password) {
    return new Api(server).signIn(user, password);
  }

  static String origin(TestServer server) {
    return new Api(server).origin();
  }

  static HttpRequest<Buffer> as(TestServer server, HttpRequest<Buffer> request, String cookie) {
    return request.putHeader("Cookie", cookie).putHeader("Origin", origin(server));
  }

  static JsonArray alerts(TestServer server, String cookie, String state) {
    HttpRequest<Buffer> request = as(server, server.client.get("/api/v1/alerts"), cookie);
    if (state != null) {
      request.addQueryParam("state", state);
    }
    HttpResponse<Buffer> response = CONTRACT.send(request);
    assertThat(response.statusCode()).isEqualTo(200);
    return response.bodyAsJsonObject().getJsonArray("alerts");
  }

  static Optional<JsonObject> find(JsonArray alerts, String field, String value) {
    return alerts.stream().map(JsonObject.class::cast).filter(a -> value.equals(a.getString(field))).findFirst();
  }

  static JsonObject awaitAlert(TestServer server, String cookie, String rule) {
    return await("a " + rule + " alert").atMost(PATIENCE)
        .until(() -> find(alerts(server, cookie, null), "rule", rule), Optional::isPresent).orElseThrow();
  }

  @Test
  void anEscalatedPetitionIsFiredActedOnAuditedAndKeptAcrossARestart() {
    String url = TestDatabase.fresh("wf_test_alert_api");
    MutableClock clock = new MutableClock(NOON);
    String id;
    try (TestServer server = TestServer.postgres(url, clock)) {
      String duty = signIn(server, "duty", "duty-demo-pass");
      String admin = signIn(server, "admin", "admin-demo-pass");
      assertThat(new Api(server).postReport(TestTown.PETITIONS, escalated(NOON, "pd-jinpen")).statusCode()).isEqualTo(201);
      JsonObject alert = awaitAlert(server, duty, "escalated-petition");
      id = alert.getString("id");
      assertThat(alert.getString("severity")).isEqualTo("critical");
      assertThat(alert.getString("subject")).isEqualTo("pd-jinpen");
      assertThat(alert.getString("area")).isEqualTo("jinpen");
      assertThat(alert.getJsonObject("title").getString("zh")).isEqualTo("越级访");

      assertThat(new Api(server).postReport(TestTown.PETITIONS, escalated(NOON, "pd-jinpen")).statusCode()).isEqualTo(201);
      await("the repeat is counted on the alert").atMost(PATIENCE)
          .until(() -> find(alerts(server, duty, "open"), "id", id).map(a -> a.getLong("count")).orElse(0L) == 2);
      assertThat(alerts(server, duty, "open")).as("a repeat counts, no second alert").hasSize(1);

      List<Future<HttpResponse<Buffer>>> race = List.of(
          as(server, server.client.post("/api/v1/alerts/" + id + "/ack"), duty).sendJsonObject(new JsonObject().put("note", "mine")),
          as(server, server.client.post("/api/v1/alerts/" + id + "/ack"), admin).sendJsonObject(new JsonObject()));
      Future.join(race).await();
      race.forEach(answer -> CONTRACT.check(HttpMethod.POST, "/api/v1/alerts/" + id + "/ack", answer.result()));
      assertThat(race.stream().map(f -> f.result().statusCode())).containsExactlyInAnyOrder(200, 409);
      assertThat(race.stream().filter(f -> f.result().statusCode() == 409).findFirst().orElseThrow().result()
          .getHeader("Content-Type")).isEqualTo("application/problem+json");

      HttpResponse<Buffer> noNote = sent(as(server, server.client.post("/api/v1/alerts/" + id + "/resolve"), duty),
          new JsonObject());
      assertThat(noNote.statusCode()).isEqualTo(422);
      clock.advance(Duration.ofMinutes(10));
      HttpResponse<Buffer> resolved = sent(as(server, server.client.post("/api/v1/alerts/" + id + "/resolve"), duty),
          new JsonObject().put("note", "已联系当事人，劝返到位"));
      assertThat(resolved.statusCode()).isEqualTo(200);
      assertThat(resolved.bodyAsJsonObject().getString("state")).isEqualTo("resolved");
      assertThat(resolved.bodyAsJsonObject().getJsonObject("resolved").getString("by")).isEqualTo("duty");
      assertThat(sent(as(server, server.client.post("/api/v1/alerts/" + id + "/resolve"), admin),
          new JsonObject().put("note", "again")).statusCode()).isEqualTo(409);
      assertThat(sent(as(server, server.client.post("/api/v1/alerts/" + UUID.randomUUID() + "/ack"), duty),
          new JsonObject()).statusCode()).isEqualTo(404);
    }

    try (TestServer restarted = TestServer.postgres(url, clock)) {
      String duty = signIn(restarted, "duty", "duty-demo-pass");
      HttpResponse<Buffer> detail = CONTRACT.send(as(restarted, restarted.client.get("/api/v1/alerts/" + id), duty));
      assertThat(detail.statusCode()).isEqualTo(200);
      assertThat(detail.bodyAsJsonObject().getJsonObject("alert").getString("state")).isEqualTo("resolved");
      JsonArray history = detail.bodyAsJsonObject().getJsonArray("history");
      assertThat(history.stream().map(e -> ((JsonObject) e).getString("action"))).containsExactly("fired", "acknowledged", "resolved");
      assertThat(history.getJsonObject(2).getString("note")).isEqualTo("已联系当事人，劝返到位");

      HttpResponse<Buffer> handover = CONTRACT.send(as(restarted, restarted.client.get("/api/v1/handover"), duty)
          .addQueryParam("from", "2026-11-21T08:00:00+08:00").addQueryParam("to", "2026-11-21T20:00:00+08:00"));
      assertThat(handover.statusCode()).isEqualTo(200);
      assertThat(handover.bodyAsJsonObject().getJsonArray("events")).hasSize(3);

      new Api(restarted).postReport(TestTown.PETITIONS, escalated(clock.instant(), "pd-jinpen"));
      JsonObject again = awaitAlert(restarted, duty, "escalated-petition");
      assertThat(again.getString("id")).as("after resolution the rule fires anew").isNotEqualTo(id);
    }
  }

  @Test
  void anUnacknowledgedCriticalAlertEscalatesAfterTheDelay() {
    MutableClock clock = new MutableClock(NOON);
    JsonObject fast = new JsonObject().put("alerts", new JsonObject().put("escalate-critical-after", "PT5M")
        .put("escalation-check-seconds", 1));
    try (TestServer server = TestServer.start(fast, clock)) {
      String duty = signIn(server, "duty", "duty-demo-pass");
      Api api = new Api(server);
      assertThat(api.postReport(TestTown.PETITIONS, escalated(NOON, "pd-jinpen")).statusCode()).isEqualTo(201);
      assertThat(api.postReport(TestTown.PETITIONS, escalated(NOON, "pd-liangting")).statusCode()).isEqualTo(201);
      JsonArray fired = await("two alerts").atMost(PATIENCE).until(() -> alerts(server, duty, null), a -> a.size() == 2);
      String acked = find(fired, "subject", "pd-liangting").orElseThrow().getString("id");
      assertThat(as(server, server.client.post("/api/v1/alerts/" + acked + "/ack"), duty)
          .sendJsonObject(new JsonObject()).await().statusCode()).isEqualTo(200);

      // A third alert fires four minutes later. The check that escalates the first one sees it too,
      // so its staying unescalated shows the delay is kept without sleeping through a check.
      clock.advance(Duration.ofMinutes(4));
      assertThat(api.postReport(TestTown.PETITIONS, escalated(clock.instant(), "pd-puzizui")).statusCode()).isEqualTo(201);
      await("three alerts").atMost(PATIENCE).until(() -> alerts(server, duty, null).size() == 3);
      clock.advance(Duration.ofMinutes(1));
      JsonArray after = await("the first alert escalates once it is five minutes old").atMost(PATIENCE)
          .until(() -> alerts(server, duty, null),
              a -> find(a, "subject", "pd-jinpen").orElseThrow().getBoolean("escalated"));
      assertThat(find(after, "subject", "pd-puzizui").orElseThrow().getBoolean("escalated"))
          .as("not before the delay").isFalse();
      assertThat(find(after, "subject", "pd-liangting").orElseThrow().getBoolean("escalated"))
          .as("an acknowledged alert does not escalate").isFalse();
    }
  }
}
