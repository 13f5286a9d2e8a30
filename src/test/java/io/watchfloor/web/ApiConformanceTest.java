package io.watchfloor.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.watchfloor.Api;
import io.watchfloor.ApiContract;
import io.watchfloor.LiveContract;
import io.watchfloor.MutableClock;
import io.watchfloor.PgTest;
import io.watchfloor.TestDatabase;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The server's answers conform to the OpenAPI description it serves: a representative request of each kind
 * of caller, accepted and refused, on PostgreSQL, each answer checked by Vert.x's validator
 * ({@link ApiContract}) for its status, its headers and its body.
 */
@PgTest
class ApiConformanceTest {
  private static TestServer server;
  private static ApiContract contract;
  private static String origin;

  @BeforeAll
  static void start() {
    server = TestServer.postgres(TestDatabase.fresh("wf_test_openapi"), MutableClock.system());
    contract = new ApiContract(server.vertx);
    origin = new Api(server).origin();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static HttpResponse<Buffer> send(HttpRequest<Buffer> request) {
    return contract.send(request);
  }

  /** Sends a JSON body and checks the answer; a body the server accepts must be one the description accepts. */
  private static HttpResponse<Buffer> json(HttpRequest<Buffer> request, Object body) {
    Buffer bytes = body instanceof Buffer b ? b : Buffer.buffer(body.toString());
    HttpResponse<Buffer> response = contract.check(request,
        request.putHeader("Content-Type", "application/json").sendBuffer(bytes).await());
    if (response.statusCode() / 100 == 2 && body instanceof JsonObject object) {
      contract.checkAccepted(request.method(), request.uri(), object);
    }
    return response;
  }

  private static HttpRequest<Buffer> unit(HttpRequest<Buffer> request, String token) {
    return request.putHeader("Authorization", "Bearer " + token);
  }

  private static HttpRequest<Buffer> officer(HttpRequest<Buffer> request, String cookie) {
    return request.putHeader("Cookie", cookie).putHeader("Origin", origin);
  }

  private static String signIn(String user, String password) {
    HttpResponse<Buffer> response = json(server.client.post("/api/v1/session").putHeader("Origin", origin),
        new JsonObject().put("username", user).put("password", password));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    String cookie = response.cookies().get(0);
    return cookie.substring(0, cookie.indexOf(';'));
  }

  private static JsonObject report(String site, JsonObject metrics) {
    return new JsonObject().put("id", UUID.randomUUID().toString()).put("site", site)
        .put("observedAt", OffsetDateTime.now(ZoneOffset.ofHours(8)).toString()).put("metrics", metrics);
  }

  private static int status(HttpResponse<Buffer> response) {
    return response.statusCode();
  }

  @Test
  void theDescriptionIsServedToAnyoneAndCached() {
    HttpResponse<Buffer> first = send(server.client.get(ApiDescription.PATH));
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.getHeader("Cache-Control")).isEqualTo("public, max-age=3600");
    assertThat(first.bodyAsJsonObject()).isEqualTo(ApiContract.description());
    // a bad credential does not stand in the way of reading how to send a good one
    assertThat(send(server.client.get(ApiDescription.PATH).putHeader("Authorization", "Bearer nonsense")).statusCode())
        .isEqualTo(200);
    HttpResponse<Buffer> again = send(server.client.get(ApiDescription.PATH).putHeader("If-None-Match", first.getHeader("ETag")));
    assertThat(again.statusCode()).isEqualTo(304);
  }

  /** The live socket's AsyncAPI description sits beside it, as public and cached the same way. */
  @Test
  void theLiveSocketsDescriptionIsServedBesideIt() {
    HttpResponse<Buffer> first = send(server.client.get(ApiDescription.ASYNC_PATH));
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.getHeader("Cache-Control")).isEqualTo("public, max-age=3600");
    assertThat(first.bodyAsJsonObject()).isEqualTo(LiveContract.description());
    assertThat(first.bodyAsJsonObject().getString("asyncapi")).startsWith("3.0");
    assertThat(send(server.client.get(ApiDescription.ASYNC_PATH).putHeader("If-None-Match", first.getHeader("ETag")))
        .statusCode()).isEqualTo(304);
  }

  /** The check is not a formality: an answer another operation would give is refused, by status or by body. */
  @Test
  void anAnswerTheDescriptionDoesNotGiveIsRefused() {
    HttpResponse<Buffer> refused = server.client.get("/api/v1/snapshot").send().await();
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThatThrownBy(() -> contract.check(HttpMethod.GET, "/health/live", refused))
        .isInstanceOf(AssertionError.class).hasMessageContaining("healthLive");
    HttpResponse<Buffer> snapshot = server.client.get("/api/v1/snapshot").addQueryParam("key", TestTown.DISPLAY_KEY).send().await();
    assertThat(snapshot.statusCode()).isEqualTo(200);
    assertThatThrownBy(() -> contract.check(HttpMethod.GET, "/api/v1/alerts", snapshot))
        .isInstanceOf(AssertionError.class).hasMessageContaining("alerts");
    assertThatThrownBy(() -> contract.check(HttpMethod.GET, "/api/v1/no-such-path", snapshot))
        .isInstanceOf(AssertionError.class).hasMessageContaining("is not in");
    assertThatThrownBy(() -> contract.checkAccepted(HttpMethod.POST, "/api/v1/reports", new JsonObject().put("colour", "red")))
        .isInstanceOf(AssertionError.class).hasMessageContaining("postReport");
  }

  @Test
  void healthAndMetrics() {
    assertThat(status(send(server.client.get("/health/live")))).isEqualTo(200);
    await().atMost(Duration.ofSeconds(30)).until(() -> status(send(server.client.get("/health/ready"))) == 200);
    assertThat(status(send(server.client.get("/metrics")))).isEqualTo(200);
  }

  @Test
  void reportsAcceptedAndRefused() {
    JsonObject metrics = new JsonObject().put("vehicles_checked", 42).put("vehicles_turned_back", 3).put("persons_turned_back", 7);
    JsonObject one = report("cp-highway-exit", metrics);
    HttpRequest<Buffer> post = unit(server.client.post("/api/v1/reports"), TestTown.CHECKPOINTS);
    assertThat(status(json(post, one))).isEqualTo(201);
    assertThat(status(json(post, one))).isEqualTo(200);
    assertThat(status(json(post, one.copy().put("metrics", metrics.copy().put("vehicles_checked", 43))))).isEqualTo(409);
    assertThat(status(json(post, report("cp-highway-exit", new JsonObject().put("vehicles_checked", -1))))).isEqualTo(422);
    assertThat(status(json(post, report("pd-jinpen", new JsonObject().put("escalated_petitions", 1))))).isEqualTo(403);
    assertThat(status(json(server.client.post("/api/v1/reports"), report("cp-highway-exit", metrics)))).isEqualTo(401);
    assertThat(status(json(unit(server.client.post("/api/v1/reports"), "no-such-token"), one))).isEqualTo(401);
    assertThat(status(json(post, "{"))).isEqualTo(400);
    assertThat(status(json(post, report("cp-highway-exit", metrics).put("note", "x".repeat(70_000))))).isEqualTo(413);
    assertThat(status(contract.check(post, post.putHeader("Content-Type", "text/plain").sendBuffer(Buffer.buffer("hello")).await())))
        .isEqualTo(415);

    JsonObject batch = new JsonObject().put("reports", new JsonArray().add(report("cp-highway-exit", metrics)).add(one)
        .add(report("cp-highway-exit", new JsonObject().put("vehicles_checked", "many"))));
    HttpResponse<Buffer> answered = json(unit(server.client.post("/api/v1/reports/batch"), TestTown.CHECKPOINTS), batch);
    assertThat(answered.statusCode()).isEqualTo(200);
    assertThat(answered.bodyAsJsonObject().getInteger("rejected")).isEqualTo(1);
  }

  @Test
  void liveReadsForEachCredential() {
    String duty = signIn("duty", "duty-demo-pass");
    // an open alert, so the snapshot's alerts are held to their schema too, as a screen and an officer see them
    assertThat(status(json(unit(server.client.post("/api/v1/reports"), TestTown.PETITIONS),
        report("pd-jinpen", new JsonObject().put("escalated_petitions", 1))))).isEqualTo(201);
    await().atMost(Duration.ofSeconds(30)).until(() -> !send(server.client.get("/api/v1/snapshot")
        .addQueryParam("key", TestTown.DISPLAY_KEY)).bodyAsJsonObject().getJsonObject("alerts").isEmpty());
    assertThat(status(send(server.client.get("/api/v1/snapshot").addQueryParam("key", TestTown.DISPLAY_KEY)))).isEqualTo(200);
    assertThat(status(send(officer(server.client.get("/api/v1/snapshot"), duty)))).isEqualTo(200);
    assertThat(status(send(server.client.get("/api/v1/snapshot")))).isEqualTo(401);
    assertThat(status(send(server.client.get("/api/v1/snapshot").addQueryParam("key", TestTown.DISPLAY_KEY)
        .addQueryParam("scope", "nowhere")))).isEqualTo(403);
    assertThat(status(send(unit(server.client.get("/api/v1/snapshot"), TestTown.CHECKPOINTS)))).isEqualTo(403);
    // a unit's token is a credential only as a bearer header: as ?key= it is an unknown display key
    assertThat(status(send(server.client.get("/api/v1/snapshot").addQueryParam("key", TestTown.CHECKPOINTS)))).isEqualTo(401);
    assertThat(status(send(server.client.get("/api/v1/catalog").addQueryParam("key", TestTown.DISPLAY_KEY)))).isEqualTo(200);
    assertThat(status(send(unit(server.client.get("/api/v1/catalog"), TestTown.CHECKPOINTS)))).isEqualTo(200);
    assertThat(status(send(officer(server.client.get("/api/v1/catalog"), duty)))).isEqualTo(200);
    assertThat(status(send(officer(server.client.get("/api/v1/session"), duty)))).isEqualTo(200);
    assertThat(status(send(unit(server.client.get("/api/v1/session"), TestTown.CHECKPOINTS)))).isEqualTo(200);
    assertThat(status(send(server.client.get("/api/v1/compliance").addQueryParam("key", TestTown.DISPLAY_KEY)))).isEqualTo(200);
    assertThat(status(send(server.client.get("/api/v1/series").addQueryParam("key", TestTown.DISPLAY_KEY)
        .addQueryParam("metric", "nonsense")))).isEqualTo(422);
    assertThat(status(send(server.client.get("/api/v1/series").addQueryParam("key", TestTown.DISPLAY_KEY)
        .addQueryParam("metric", "vehicles_checked").addQueryParam("step", "1h")))).isEqualTo(200);
    assertThat(status(send(server.client.get("/api/v1/rankings/score").addQueryParam("key", TestTown.DISPLAY_KEY)))).isEqualTo(200);
    assertThat(status(send(server.client.get("/api/v1/compliance").addQueryParam("key", TestTown.DISPLAY_KEY)
        .addQueryParam("date", "nonsense")))).isIn(400, 422);
    assertThat(status(json(server.client.post("/api/v1/session").putHeader("Origin", origin),
        new JsonObject().put("username", "duty").put("password", "wrong-password")))).isEqualTo(401);
    String leaving = signIn("duty", "duty-demo-pass");
    assertThat(status(send(officer(server.client.delete("/api/v1/session"), leaving)))).isEqualTo(204);
    HttpResponse<Buffer> nowhere = server.client.get("/api/v1/nothing-here").addQueryParam("key", TestTown.DISPLAY_KEY).send().await();
    assertThat(nowhere.statusCode()).isEqualTo(404);
    assertThat(nowhere.getHeader("Content-Type")).isEqualTo("application/problem+json");
  }

  @Test
  void alertsListedAcknowledgedAndRefused() {
    String duty = signIn("duty", "duty-demo-pass");
    assertThat(status(json(unit(server.client.post("/api/v1/reports"), TestTown.PETITIONS),
        report("pd-jinpen", new JsonObject().put("escalated_petitions", 1))))).isEqualTo(201);
    String id = await().atMost(Duration.ofSeconds(30)).until(() -> {
      JsonArray alerts = send(officer(server.client.get("/api/v1/alerts").addQueryParam("state", "open"), duty))
          .bodyAsJsonObject().getJsonArray("alerts");
      return alerts.isEmpty() ? null : alerts.getJsonObject(0).getString("id");
    }, found -> found != null);
    assertThat(status(send(officer(server.client.get("/api/v1/alerts/" + id), duty)))).isEqualTo(200);
    HttpRequest<Buffer> ack = officer(server.client.post("/api/v1/alerts/" + id + "/ack"), duty);
    assertThat(status(json(ack, new JsonObject().put("note", "on my way")))).isEqualTo(200);
    assertThat(status(json(ack, new JsonObject().put("note", "me too")))).isEqualTo(409);
    assertThat(status(json(officer(server.client.post("/api/v1/alerts/" + id + "/resolve"), duty), new JsonObject())))
        .isEqualTo(422);
    assertThat(status(json(server.client.post("/api/v1/alerts/" + id + "/ack").putHeader("Cookie", duty)
        .putHeader("Origin", "https://elsewhere.example"), new JsonObject()))).isEqualTo(403);
    assertThat(status(send(officer(server.client.get("/api/v1/alerts/" + UUID.randomUUID()), duty)))).isEqualTo(404);
    assertThat(status(send(server.client.get("/api/v1/alerts").addQueryParam("key", TestTown.DISPLAY_KEY)))).isEqualTo(403);
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(8));
    assertThat(status(send(officer(server.client.get("/api/v1/handover").addQueryParam("from", now.minusHours(12).toString())
        .addQueryParam("to", now.toString()), duty)))).isEqualTo(200);
    assertThat(status(send(officer(server.client.get("/api/v1/handover"), duty)))).isEqualTo(400);
  }

  @Test
  void casesOpenedListedAndMoved() {
    String duty = signIn("duty", "duty-demo-pass");
    String id = UUID.randomUUID().toString();
    JsonObject bin = new JsonObject().put("id", id).put("title", "垃圾满溢").put("category", "sanitation").put("urgency", "normal")
        .put("site", "sn-jinpen").put("description", "村口垃圾桶满溢，群众来电反映");
    HttpRequest<Buffer> open = officer(server.client.post("/api/v1/cases"), duty);
    assertThat(status(json(open, bin))).isEqualTo(201);
    assertThat(status(json(open, bin))).isEqualTo(200);
    assertThat(status(json(open, bin.copy().put("title", "另一件事")))).isEqualTo(409);
    assertThat(status(json(open, bin.copy().put("id", UUID.randomUUID().toString()).put("urgency", "soon")))).isEqualTo(422);
    assertThat(status(send(officer(server.client.get("/api/v1/cases").addQueryParam("state", "open"), duty)))).isEqualTo(200);
    assertThat(status(send(officer(server.client.get("/api/v1/cases/" + id), duty)))).isEqualTo(200);
    assertThat(status(send(officer(server.client.get("/api/v1/cases/" + id + "/units"), duty)))).isEqualTo(200);
    String today = OffsetDateTime.now(ZoneOffset.ofHours(8)).toLocalDate().toString();
    assertThat(status(send(officer(server.client.get("/api/v1/cases/stats").addQueryParam("from", today)
        .addQueryParam("to", today), duty)))).isEqualTo(200);
    assertThat(status(json(officer(server.client.post("/api/v1/cases/" + id + "/verify"), duty),
        new JsonObject().put("passed", true).put("note", "ok")))).isEqualTo(409);
    assertThat(status(json(officer(server.client.post("/api/v1/cases/" + id + "/dispatch"), duty),
        new JsonObject().put("unit", "demo-sanitation")))).isEqualTo(200);
    assertThat(status(json(officer(server.client.post("/api/v1/cases/" + id + "/fly"), duty), new JsonObject()))).isEqualTo(404);
    assertThat(status(send(unit(server.client.get("/api/v1/tasks"), TestTown.SANITATION)))).isEqualTo(200);
    assertThat(status(json(unit(server.client.post("/api/v1/tasks/" + id + "/accept"), TestTown.SANITATION), new JsonObject())))
        .isEqualTo(200);
    assertThat(status(send(unit(server.client.get("/api/v1/tasks/" + id), TestTown.SANITATION)))).isEqualTo(200);
  }

  @Test
  void adminChannelsAndTheRest() {
    String admin = signIn("admin", "admin-demo-pass");
    String duty = signIn("duty", "duty-demo-pass");
    HttpRequest<Buffer> channels = officer(server.client.post("/api/v1/admin/channels"), admin);
    JsonObject wecom = new JsonObject().put("name", "值班群").put("type", "wecom").put("scope", "changling")
        .put("url", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7b2c-4bc4-97a0-0ec2b1fa3f2a");
    assertThat(status(json(channels, wecom))).isEqualTo(201);
    assertThat(status(json(channels, wecom.copy().put("name", "")))).isEqualTo(422);
    assertThat(status(send(officer(server.client.get("/api/v1/admin/channels"), admin)))).isEqualTo(200);
    assertThat(status(json(officer(server.client.post("/api/v1/admin/channels"), duty), wecom))).isEqualTo(403);
    for (String path : new String[] {"/api/v1/admin/units", "/api/v1/admin/operators", "/api/v1/admin/display-keys",
        "/api/v1/admin/audit", "/api/v1/admin/rules", "/api/v1/admin/routes", "/api/v1/admin/case-limits",
        "/api/v1/admin/calendar", "/api/v1/admin/ranking"}) {
      assertThat(status(send(officer(server.client.get(path), admin)))).as(path).isEqualTo(200);
    }
    assertThat(status(send(officer(server.client.get("/api/v1/admin/audit").addQueryParam("format", "csv"), admin)))).isEqualTo(200);
    // the floor as it was (80), so the other checks' screens are as they were
    assertThat(status(json(officer(server.client.put("/api/v1/admin/ranking"), admin), new JsonObject().put("onTimeRedFloor", 80))))
        .isEqualTo(200);
    assertThat(status(json(officer(server.client.put("/api/v1/admin/ranking"), admin), new JsonObject().put("onTimeRedFloor", 101))))
        .isEqualTo(422);
  }

  /** Found by ApiFuzzTest: the password change's own limit answered a 429 the description did not list. */
  @Test
  void wrongCurrentPasswordsAreLimitedAsDescribed() {
    String town = signIn("xudong-duty", "xudong-duty-demo-pass");
    HttpRequest<Buffer> change = officer(server.client.post("/api/v1/session/password"), town);
    JsonObject wrong = new JsonObject().put("currentPassword", "not-the-password").put("password", UUID.randomUUID().toString());
    await().atMost(Duration.ofSeconds(30)).until(() -> status(json(change, wrong)) == 429);
  }
}
