package io.watchfloor.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Principals × scopes × every read that shows figures, on PostgreSQL (docs/api.md#the-tree-of-areas-and-scopes): a caller sees its
 * scope's subtree and nothing else. Another town and an area that does not exist get the same 403 with
 * the same body, and no refused call writes a row.
 */
@PgTest
class ScopeMatrixTest {
  private static final String DATABASE = "wf_test_scope_matrix";
  private static final MutableClock CLOCK = new MutableClock(OffsetDateTime.parse("2026-11-21T12:00:00+08:00").toInstant());
  private static final String DAY = "2026-11-21";
  private static TestServer server;
  private static Map<String, String> cookies;

  @BeforeAll
  static void start() {
    server = TestServer.postgres(TestDatabase.fresh(DATABASE), CLOCK);
    Api api = new Api(server);
    cookies = Map.of("district-officer", api.signIn("duty", "duty-demo-pass"),
        "town-officer", api.signIn("xudong-duty", "xudong-duty-demo-pass"));
    // figures and an alert in two towns, so every read has something of the other town to leak
    post(TestTown.CHECKPOINTS, "cp-highway-exit", new JsonObject().put("vehicles_checked", 5));
    post(TestTown.CHECKPOINTS, "cp-chengguan-toll", new JsonObject().put("vehicles_checked", 7));
    post(TestTown.PETITIONS, "pd-xijie", new JsonObject().put("escalated_petitions", 1));
    post(TestTown.SANITATION, "sn-xijie", new JsonObject().put("score", 70));
    // the escalated petition fires its alert after the 201, on the evaluator's own time: a read that found
    // the row count moving must have written it, so the matrix starts once the firing is in
    await().atMost(Duration.ofSeconds(30)).until(() ->
        TestDatabase.count(DATABASE, "SELECT count(*) FROM alert_event WHERE action = 'fired'") == 1);
  }

  private static void post(String token, String site, JsonObject metrics) {
    JsonObject report = new JsonObject().put("id", UUID.randomUUID().toString()).put("site", site)
        .put("observedAt", "2026-11-21T11:00:00+08:00").put("metrics", metrics);
    assertThat(new Api(server).postReport(token, report).statusCode()).isEqualTo(201);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** The reads of docs/api.md that take a scope, with what they need beside it. */
  private static final String[] READS = {
      "/api/v1/catalog", "/api/v1/snapshot", "/api/v1/series?metric=vehicles_checked&step=1h",
      "/api/v1/rankings/score?month=2026-11", "/api/v1/compliance?date=" + DAY, "/api/v1/alerts",
      "/api/v1/handover?from=2026-11-21T08:00:00%2B08:00&to=2026-11-21T20:00:00%2B08:00"};

  static Stream<Arguments> matrix() {
    // caller → scopes it may ask for; every other one is refused
    Map<String, List<String>> allowed = Map.of(
        "district-officer", List.of("", "changling", "xudong", "chengguan", "liangting"),
        "town-officer", List.of("", "xudong", "liangting"),
        "district-screen", List.of("", "changling", "xudong", "chengguan", "liangting"),
        "town-screen", List.of("", "xudong", "liangting"));
    List<Arguments> rows = new ArrayList<>();
    for (var caller : allowed.entrySet()) {
      for (String read : READS) {
        boolean officerOnly = read.contains("/alerts") || read.contains("/handover");
        if (officerOnly && caller.getKey().endsWith("screen")) {
          continue; // a role refusal, the other matrix's business
        }
        for (String scope : List.of("", "changling", "xudong", "chengguan", "liangting", "atlantis")) {
          rows.add(Arguments.of(caller.getKey(), read, scope, caller.getValue().contains(scope) ? 200 : 403));
        }
      }
    }
    return rows.stream();
  }

  private static HttpRequest<Buffer> as(String caller, String path) {
    HttpRequest<Buffer> request = server.client.get(path);
    switch (caller) {
      case "district-screen" -> request.addQueryParam("key", TestTown.DISPLAY_KEY);
      case "town-screen" -> request.addQueryParam("key", "demo-display-key-xudong");
      default -> request.putHeader("Cookie", cookies.get(caller)).putHeader("Origin", "http://127.0.0.1:" + server.port);
    }
    return request;
  }

  private static HttpResponse<Buffer> read(String caller, String path, String scope) {
    HttpRequest<Buffer> request = as(caller, path);
    if (!scope.isEmpty()) {
      request.addQueryParam("scope", scope);
    }
    return request.send().await();
  }

  @ParameterizedTest(name = "{0} {1} scope={2} -> {3}")
  @MethodSource("matrix")
  void aCallerSeesItsSubtreeAndNothingElse(String caller, String path, String scope, int status) {
    long reports = TestDatabase.count(DATABASE, "SELECT count(*) FROM report");
    long events = TestDatabase.count(DATABASE, "SELECT count(*) FROM alert_event");
    HttpResponse<Buffer> response = read(caller, path, scope);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    if (status == 403) {
      // an unknown area and another town's answer alike: nothing tells the caller which exists
      assertThat(response.bodyAsString()).isEqualTo(read(caller, path, "atlantis").bodyAsString())
          .doesNotContain(scope);
    } else if (caller.startsWith("town") && response.bodyAsString() != null) {
      // what a town's caller gets names nothing of another town
      assertThat(response.bodyAsString()).doesNotContain("chengguan", "xijie", "shiqiao", "城关");
    }
    assertThat(TestDatabase.count(DATABASE, "SELECT count(*) FROM report")).isEqualTo(reports);
    assertThat(TestDatabase.count(DATABASE, "SELECT count(*) FROM alert_event")).isEqualTo(events);
  }

  @Test
  void aSiteOrAreaOutsideTheScopeIsRefusedLikeAnUnknownOne() {
    String series = "/api/v1/series?metric=vehicles_checked&step=1h";
    HttpResponse<Buffer> unknown = as("town-officer", series + "&area=atlantis").send().await();
    assertThat(unknown.statusCode()).isEqualTo(403);
    for (String query : List.of("&area=xijie", "&site=cp-chengguan-toll", "&scope=xudong&area=xijie",
        "&scope=liangting&site=cp-highway-exit")) {
      HttpResponse<Buffer> response = as("town-officer", series + query).send().await();
      assertThat(response.statusCode()).as(query).isEqualTo(403);
      assertThat(response.bodyAsString()).as(query).isEqualTo(unknown.bodyAsString());
    }
    assertThat(as("town-officer", "/api/v1/reports?site=cp-chengguan-toll").send().await().statusCode()).isEqualTo(403);
    assertThat(as("town-officer", "/api/v1/reports?site=cp-highway-exit").send().await().statusCode()).isEqualTo(200);
    assertThat(as("district-officer", series + "&area=xijie").send().await().statusCode()).isEqualTo(200);
  }

  @Test
  void theLiveSocketTakesOnlyAScopeInsideTheCallers() {
    assertThat(upgrade("demo-display-key-xudong", "")).isEqualTo(101);
    assertThat(upgrade("demo-display-key-xudong", "liangting")).isEqualTo(101);
    assertThat(upgrade("demo-display-key-xudong", "chengguan")).isEqualTo(403);
    assertThat(upgrade("demo-display-key-xudong", "atlantis")).isEqualTo(403);
    assertThat(upgrade(TestTown.DISPLAY_KEY, "chengguan")).isEqualTo(101);
  }

  private static int upgrade(String key, String scope) {
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(server.port)
        .setURI("/api/v1/live?key=" + key + (scope.isEmpty() ? "" : "&scope=" + scope));
    WebSocketClient client = server.vertx.createWebSocketClient();
    try {
      WebSocket socket = client.connect(options).await();
      socket.close();
      return 101;
    } catch (io.vertx.core.http.UpgradeRejectedException e) {
      return e.getStatus();
    } finally {
      client.close().await();
    }
  }
}
