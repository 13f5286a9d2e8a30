package io.watchfloor.alert;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.watchfloor.Api;
import io.watchfloor.MutableClock;
import io.watchfloor.TestDatabase;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** An alert's whole life through the API on PostgreSQL: fired by a report, acted on, audited, kept across a restart. */
class AlertApiTest {
  static final Instant NOON = Instant.parse("2026-11-21T04:00:00Z");

  static JsonObject escalated(Instant now, String site) {
    return new JsonObject().put("id", UUID.randomUUID().toString()).put("site", site)
        .put("observedAt", OffsetDateTime.ofInstant(now, ZoneOffset.ofHours(8)).toString())
        .put("metrics", new JsonObject().put("escalated_petitions", 1));
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
    HttpResponse<Buffer> response = request.send().await();
    assertThat(response.statusCode()).isEqualTo(200);
    return response.bodyAsJsonObject().getJsonArray("alerts");
  }

  static JsonObject awaitAlert(TestServer server, String cookie, String rule) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      for (Object a : alerts(server, cookie, null)) {
        if (((JsonObject) a).getString("rule").equals(rule)) {
          return (JsonObject) a;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no " + rule + " alert");
  }

  @Test
  void anEscalatedPetitionIsFiredActedOnAuditedAndKeptAcrossARestart() throws InterruptedException {
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

      new Api(server).postReport(TestTown.PETITIONS, escalated(NOON, "pd-jinpen"));
      Thread.sleep(300);
      assertThat(alerts(server, duty, "open")).hasSize(1);
      assertThat(alerts(server, duty, "open").getJsonObject(0).getLong("count")).as("a repeat counts, no second alert").isEqualTo(2);

      List<Future<HttpResponse<Buffer>>> race = List.of(
          as(server, server.client.post("/api/v1/alerts/" + id + "/ack"), duty).sendJsonObject(new JsonObject().put("note", "mine")),
          as(server, server.client.post("/api/v1/alerts/" + id + "/ack"), admin).sendJsonObject(new JsonObject()));
      Future.join(race).await();
      assertThat(race.stream().map(f -> f.result().statusCode())).containsExactlyInAnyOrder(200, 409);
      assertThat(race.stream().filter(f -> f.result().statusCode() == 409).findFirst().orElseThrow().result()
          .getHeader("Content-Type")).isEqualTo("application/problem+json");

      HttpResponse<Buffer> noNote = as(server, server.client.post("/api/v1/alerts/" + id + "/resolve"), duty)
          .sendJsonObject(new JsonObject()).await();
      assertThat(noNote.statusCode()).isEqualTo(422);
      clock.advance(Duration.ofMinutes(10));
      HttpResponse<Buffer> resolved = as(server, server.client.post("/api/v1/alerts/" + id + "/resolve"), duty)
          .sendJsonObject(new JsonObject().put("note", "已联系当事人，劝返到位")).await();
      assertThat(resolved.statusCode()).isEqualTo(200);
      assertThat(resolved.bodyAsJsonObject().getString("state")).isEqualTo("resolved");
      assertThat(resolved.bodyAsJsonObject().getJsonObject("resolved").getString("by")).isEqualTo("duty");
      assertThat(as(server, server.client.post("/api/v1/alerts/" + id + "/resolve"), admin)
          .sendJsonObject(new JsonObject().put("note", "again")).await().statusCode()).isEqualTo(409);
      assertThat(as(server, server.client.post("/api/v1/alerts/" + UUID.randomUUID() + "/ack"), duty)
          .sendJsonObject(new JsonObject()).await().statusCode()).isEqualTo(404);
    }

    try (TestServer restarted = TestServer.postgres(url, clock)) {
      String duty = signIn(restarted, "duty", "duty-demo-pass");
      HttpResponse<Buffer> detail = as(restarted, restarted.client.get("/api/v1/alerts/" + id), duty).send().await();
      assertThat(detail.statusCode()).isEqualTo(200);
      assertThat(detail.bodyAsJsonObject().getJsonObject("alert").getString("state")).isEqualTo("resolved");
      JsonArray history = detail.bodyAsJsonObject().getJsonArray("history");
      assertThat(history.stream().map(e -> ((JsonObject) e).getString("action"))).containsExactly("fired", "acknowledged", "resolved");
      assertThat(history.getJsonObject(2).getString("note")).isEqualTo("已联系当事人，劝返到位");

      HttpResponse<Buffer> handover = as(restarted, restarted.client.get("/api/v1/handover"), duty)
          .addQueryParam("from", "2026-11-21T08:00:00+08:00").addQueryParam("to", "2026-11-21T20:00:00+08:00").send().await();
      assertThat(handover.statusCode()).isEqualTo(200);
      assertThat(handover.bodyAsJsonObject().getJsonArray("events")).hasSize(3);

      new Api(restarted).postReport(TestTown.PETITIONS, escalated(clock.instant(), "pd-jinpen"));
      JsonObject again = awaitAlert(restarted, duty, "escalated-petition");
      assertThat(again.getString("id")).as("after resolution the rule fires anew").isNotEqualTo(id);
    }
  }

  @Test
  void anUnacknowledgedCriticalAlertEscalatesAfterTheDelay() throws InterruptedException {
    MutableClock clock = new MutableClock(NOON);
    JsonObject fast = new JsonObject().put("alerts", new JsonObject().put("escalate-critical-after", "PT5M")
        .put("escalation-check-seconds", 1));
    try (TestServer server = TestServer.start(fast, clock)) {
      String duty = signIn(server, "duty", "duty-demo-pass");
      new Api(server).postReport(TestTown.PETITIONS, escalated(NOON, "pd-jinpen"));
      new Api(server).postReport(TestTown.PETITIONS, escalated(NOON, "pd-liangting"));
      JsonObject acked = null;
      for (int i = 0; i < 100 && alerts(server, duty, null).size() < 2; i++) {
        Thread.sleep(50);
      }
      for (Object a : alerts(server, duty, null)) {
        if (((JsonObject) a).getString("subject").equals("pd-liangting")) {
          acked = (JsonObject) a;
        }
      }
      assertThat(as(server, server.client.post("/api/v1/alerts/" + acked.getString("id") + "/ack"), duty)
          .sendJsonObject(new JsonObject()).await().statusCode()).isEqualTo(200);

      Thread.sleep(1500);
      assertThat(alerts(server, duty, "open").getJsonObject(0).getBoolean("escalated")).as("not before the delay").isFalse();
      clock.advance(Duration.ofMinutes(5));
      boolean escalated = false;
      for (int i = 0; i < 60 && !escalated; i++) {
        Thread.sleep(50);
        escalated = alerts(server, duty, "open").getJsonObject(0).getBoolean("escalated");
      }
      assertThat(escalated).isTrue();
      assertThat(alerts(server, duty, "acknowledged").getJsonObject(0).getBoolean("escalated"))
          .as("an acknowledged alert does not escalate").isFalse();
    }
  }
}
