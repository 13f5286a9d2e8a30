package io.watchfloor;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every write while the store changes hands (docs/operations.md, when the database changes hands): answered 503
 * with Retry-After as problem+json, never 500 and never half done; once a primary takes writes, nothing of it is
 * stored, and the same request sent again is applied exactly once. Each write meets both middles of a failover: a
 * standby answering (SQLSTATE 25006 on every write) and no server at all.
 */
@PgTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HandoverWritesPgTest {
  private static final String DATABASE = TestDatabase.name("wf_test_handover_writes");
  private static final Instant NOON = Instant.parse("2026-12-07T04:00:00Z");
  /** Longer than any timeout of the server's own, so only a hang runs into it. */
  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final String STRONG = "v7#Qm2!pLx9&Tz4w";
  private static final String STRONG_2 = "Gr8%kW3z@Yq6!nB1";
  private static final String WECOM = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7b2c-4bc4-97a0-0ec2b1fa3f2a";

  private TestServer server;
  private Api api;
  private String duty;
  private String admin;

  @BeforeAll
  void start() {
    server = TestServer.postgres(TestDatabase.fresh(DATABASE), new MutableClock(NOON));
    api = new Api(server);
    duty = api.signIn("duty", "duty-demo-pass");
    admin = api.signIn("admin", "admin-demo-pass");
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @ParameterizedTest
  @EnumSource(Handover.class)
  void aReportIsRefusedForNowAndItsResendCountsOnce(Handover handover) {
    int vehicles = handover.ordinal() + 7;
    JsonObject report = TestTown.checkpointReport(UUID.randomUUID(), OffsetDateTime.ofInstant(NOON, ZoneOffset.ofHours(8)),
        vehicles, 0);
    long before = api.totals().getLong("vehicles_checked", 0L);

    during(handover, () -> refusedForNow(call(HttpMethod.POST, "/api/v1/reports", null, report, TestTown.CHECKPOINTS)));

    assertThat(api.totals().getLong("vehicles_checked", 0L)).as("nothing counted").isEqualTo(before);
    assertThat(call(HttpMethod.POST, "/api/v1/reports", null, report, TestTown.CHECKPOINTS).statusCode()).isEqualTo(201);
    assertThat(call(HttpMethod.POST, "/api/v1/reports", null, report, TestTown.CHECKPOINTS).statusCode()).isEqualTo(200);
    assertThat(api.totals().getLong("vehicles_checked")).as("counted once").isEqualTo(before + vehicles);
  }

  @ParameterizedTest
  @EnumSource(Handover.class)
  void anAlertsAcknowledgementAndResolutionAreRefusedForNowAndAppliedOnceWhenSentAgain(Handover handover) {
    String site = handover == Handover.STANDBY_ANSWERS ? "pd-jinpen" : "pd-liangting";
    JsonObject petition = new JsonObject().put("id", UUID.randomUUID().toString()).put("site", site)
        .put("observedAt", OffsetDateTime.ofInstant(NOON, ZoneOffset.ofHours(8)).toString())
        .put("metrics", new JsonObject().put("escalated_petitions", 1));
    assertThat(call(HttpMethod.POST, "/api/v1/reports", null, petition, TestTown.PETITIONS).statusCode()).isEqualTo(201);
    String id = await("the escalated petition's alert").atMost(PATIENCE).until(() -> alertOf(site), a -> a != null)
        .getString("id");
    String path = "/api/v1/alerts/" + id;
    JsonObject fired = ok(call(HttpMethod.GET, path, duty, null, null));

    during(handover, () -> refusedForNow(call(HttpMethod.POST, path + "/ack", duty, new JsonObject().put("note", "收到"), null)));
    assertThat(ok(call(HttpMethod.GET, path, duty, null, null))).as("not acknowledged").isEqualTo(fired);
    assertThat(call(HttpMethod.POST, path + "/ack", duty, new JsonObject().put("note", "收到"), null).statusCode()).isEqualTo(200);
    assertThat(call(HttpMethod.POST, path + "/ack", duty, new JsonObject().put("note", "收到"), null).statusCode())
        .as("acknowledged once").isEqualTo(409);

    JsonObject acknowledged = ok(call(HttpMethod.GET, path, duty, null, null));
    JsonObject note = new JsonObject().put("note", "已劝返");
    during(handover, () -> refusedForNow(call(HttpMethod.POST, path + "/resolve", duty, note, null)));
    assertThat(ok(call(HttpMethod.GET, path, duty, null, null))).as("not resolved").isEqualTo(acknowledged);
    assertThat(call(HttpMethod.POST, path + "/resolve", duty, note, null).statusCode()).isEqualTo(200);
    assertThat(call(HttpMethod.POST, path + "/resolve", duty, note, null).statusCode()).as("resolved once").isEqualTo(409);
    assertThat(ok(call(HttpMethod.GET, path, duty, null, null)).getJsonArray("history").stream()
        .map(e -> ((JsonObject) e).getString("action"))).containsExactly("fired", "acknowledged", "resolved");
  }

  @ParameterizedTest
  @EnumSource(Handover.class)
  void aCaseOpenedAndDispatchedMeanwhileIsRefusedForNowAndDoneOnceWhenSentAgain(Handover handover) {
    String id = UUID.randomUUID().toString();
    JsonObject bin = new JsonObject().put("id", id).put("title", "垃圾满溢").put("category", "sanitation")
        .put("urgency", "normal").put("site", "sn-jinpen").put("description", "村口垃圾桶满溢，群众来电反映");

    during(handover, () -> refusedForNow(call(HttpMethod.POST, "/api/v1/cases", duty, bin, null)));
    assertThat(call(HttpMethod.GET, "/api/v1/cases/" + id, duty, null, null).statusCode()).as("not opened").isEqualTo(404);
    JsonObject opened = ok(call(HttpMethod.POST, "/api/v1/cases", duty, bin, null), 201);
    assertThat(ok(call(HttpMethod.POST, "/api/v1/cases", duty, bin, null))).as("opened once").isEqualTo(opened);

    JsonObject before = ok(call(HttpMethod.GET, "/api/v1/cases/" + id, duty, null, null));
    JsonObject dispatch = new JsonObject().put("unit", "demo-sanitation").put("note", "请当天清运");
    String key = "dispatch-" + handover.name().toLowerCase(Locale.ROOT);
    during(handover, () -> refusedForNow(call(HttpMethod.POST, "/api/v1/cases/" + id + "/dispatch", duty, dispatch, null, key)));
    assertThat(ok(call(HttpMethod.GET, "/api/v1/cases/" + id, duty, null, null))).as("not dispatched").isEqualTo(before);
    JsonObject dispatched = ok(call(HttpMethod.POST, "/api/v1/cases/" + id + "/dispatch", duty, dispatch, null, key));
    assertThat(dispatched.getString("state")).isEqualTo("dispatched");
    assertThat(ok(call(HttpMethod.POST, "/api/v1/cases/" + id + "/dispatch", duty, dispatch, null, key)))
        .as("the same key's answer").isEqualTo(dispatched);
    assertThat(ok(call(HttpMethod.GET, "/api/v1/cases/" + id, duty, null, null)).getJsonArray("trail").stream()
        .map(e -> ((JsonObject) e).getString("action"))).containsExactly("open", "dispatch");
  }

  @ParameterizedTest
  @EnumSource(Handover.class)
  void anUrgingIsRefusedForNowAndUrgedOnceWhenSentAgain(Handover handover) {
    String site = handover == Handover.STANDBY_ANSWERS ? "sn-xijie" : "sn-beimen";
    JsonObject urge = new JsonObject().put("sites", new JsonArray().add(site)).put("note", "今日未报");

    during(handover, () -> refusedForNow(call(HttpMethod.POST, "/api/v1/compliance/urge", duty, urge, null)));
    JsonObject first = ok(call(HttpMethod.POST, "/api/v1/compliance/urge", duty, urge, null));
    assertThat(first.getJsonArray("urged")).as("nothing was urged while refused").hasSize(1);
    JsonObject again = ok(call(HttpMethod.POST, "/api/v1/compliance/urge", duty, urge, null));
    assertThat(again.getJsonArray("urged")).as("urged once").isEmpty();
    assertThat(again.getJsonArray("limited")).hasSize(1);
  }

  @ParameterizedTest
  @EnumSource(Handover.class)
  void administrationIsRefusedForNowAndDoneOnceWhenSentAgain(Handover handover) {
    String suffix = handover.name().toLowerCase(Locale.ROOT).replace('_', '-');
    JsonObject unit = new JsonObject().put("id", "ha-team-" + suffix).put("name", "组 " + suffix)
        .put("sites", new JsonArray().add("cp-highway-exit"));
    during(handover, () -> refusedForNow(call(HttpMethod.POST, "/api/v1/admin/units", admin, unit, null)));
    assertThat(ids("/api/v1/admin/units", "id")).as("no unit issued").doesNotContain("ha-team-" + suffix);
    assertThat(call(HttpMethod.POST, "/api/v1/admin/units", admin, unit, null).statusCode()).isEqualTo(201);
    assertThat(call(HttpMethod.POST, "/api/v1/admin/units", admin, unit, null).statusCode()).as("issued once").isEqualTo(409);

    String username = "ha-officer-" + suffix;
    JsonObject operator = new JsonObject().put("username", username).put("name", "值班员 " + suffix).put("role", "officer")
        .put("scope", "xudong").put("password", STRONG);
    during(handover, () -> refusedForNow(call(HttpMethod.POST, "/api/v1/admin/operators", admin, operator, null)));
    assertThat(ids("/api/v1/admin/operators", "username")).as("no operator made").doesNotContain(username);
    assertThat(call(HttpMethod.POST, "/api/v1/admin/operators", admin, operator, null).statusCode()).isEqualTo(201);

    String officer = api.signIn(username, STRONG);
    JsonObject change = new JsonObject().put("currentPassword", STRONG).put("password", STRONG_2);
    during(handover, () -> refusedForNow(call(HttpMethod.POST, "/api/v1/session/password", officer, change, null)));
    assertThat(call(HttpMethod.POST, "/api/v1/session/password", officer, change, null).statusCode()).isEqualTo(200);
    assertThat(api.signIn(username, STRONG_2)).as("the new password, once changed").isNotEmpty();

    JsonObject rule = new JsonObject().put("enabled", handover != Handover.STANDBY_ANSWERS);
    during(handover, () -> refusedForNow(call(HttpMethod.PUT, "/api/v1/admin/rules/turned-back-surge", admin, rule, null)));
    assertThat(call(HttpMethod.PUT, "/api/v1/admin/rules/turned-back-surge", admin, rule, null).statusCode()).isEqualTo(200);

    String name = "企业微信 " + suffix;
    JsonObject channel = new JsonObject().put("name", name).put("type", "wecom").put("url", WECOM).put("scope", "changling");
    during(handover, () -> refusedForNow(call(HttpMethod.POST, "/api/v1/admin/channels", admin, channel, null)));
    assertThat(ids("/api/v1/admin/channels", "name")).as("no channel added").doesNotContain(name);
    assertThat(call(HttpMethod.POST, "/api/v1/admin/channels", admin, channel, null).statusCode()).isEqualTo(201);
    assertThat(call(HttpMethod.POST, "/api/v1/admin/channels", admin, channel, null).statusCode()).as("added once").isEqualTo(409);
    assertThat(ids("/api/v1/admin/channels", "name").stream().filter(name::equals)).hasSize(1);
  }

  /** Signing in needs no write: it goes on while the store changes hands. */
  @ParameterizedTest
  @EnumSource(Handover.class)
  void officersSignInMeanwhile(Handover handover) {
    during(handover, () -> assertThat(api.signIn("duty", "duty-demo-pass")).isNotEmpty());
  }

  /** Runs {@code check} while the store changes hands, then waits for a primary to take writes again. */
  private void during(Handover handover, Runnable check) {
    handover.begin(DATABASE);
    try {
      check.run();
    } finally {
      handover.end(DATABASE);
    }
    await("ready again").atMost(PATIENCE).pollInterval(Duration.ofMillis(100))
        .until(() -> server.client.get("/health/ready").send().await().statusCode(), status -> status == 200);
  }

  /** What a client can act on: wait the time it is told, and send the same again. */
  private static void refusedForNow(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(503);
    assertThat(response.getHeader("Retry-After")).as("Retry-After").isNotNull().matches("[1-9][0-9]*");
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(response.bodyAsJsonObject().getInteger("status")).isEqualTo(503);
  }

  private HttpResponse<Buffer> call(HttpMethod method, String path, String cookie, JsonObject body, String token) {
    return call(method, path, cookie, body, token, null);
  }

  private HttpResponse<Buffer> call(HttpMethod method, String path, String cookie, JsonObject body, String token,
                                    String idempotencyKey) {
    HttpRequest<Buffer> request = server.client.request(method, path).timeout(PATIENCE.toMillis());
    if (cookie != null) {
      request.putHeader("Cookie", cookie).putHeader("Origin", api.origin());
    }
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    if (idempotencyKey != null) {
      request.putHeader("Idempotency-Key", idempotencyKey);
    }
    return body == null ? request.send().await() : request.sendJsonObject(body).await();
  }

  private static JsonObject ok(HttpResponse<Buffer> response) {
    return ok(response, 200);
  }

  private static JsonObject ok(HttpResponse<Buffer> response, int status) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    return response.bodyAsJsonObject();
  }

  private JsonObject alertOf(String site) {
    JsonArray alerts = ok(call(HttpMethod.GET, "/api/v1/alerts", duty, null, null)).getJsonArray("alerts");
    return alerts.stream().map(JsonObject.class::cast).filter(a -> site.equals(a.getString("subject"))).findFirst().orElse(null);
  }

  private List<String> ids(String path, String field) {
    return listed(path).stream().map(o -> ((JsonObject) o).getString(field)).toList();
  }

  private JsonArray listed(String path) {
    HttpResponse<Buffer> response = call(HttpMethod.GET, path, admin, null, null);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonArray();
  }
}
