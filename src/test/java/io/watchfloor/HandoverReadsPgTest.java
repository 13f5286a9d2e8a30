package io.watchfloor;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Readiness, the reads and the failover metrics while the store changes hands: /health/ready is 503 as long as no
 * server takes writes (a standby answering is not enough) and 200 again once one does; every read is answered, or
 * refused for now with 503 and Retry-After, never 500; /metrics counts the seconds without a primary.
 */
@PgTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HandoverReadsPgTest {
  private static final String DATABASE = TestDatabase.name("wf_test_handover_reads");
  private static final Instant NOON = Instant.parse("2026-12-07T04:00:00Z");
  private static final Duration PATIENCE = Duration.ofSeconds(30);
  /** The reads of the console, the wall, the review and /admin, each with who may make it. */
  private static final List<String> OFFICER_READS = List.of("/api/v1/alerts",
      "/api/v1/handover?from=2026-12-07T00:00:00Z&to=2026-12-07T04:00:00Z", "/api/v1/cases",
      "/api/v1/cases/stats?from=2026-12-07&to=2026-12-07&by=area", "/api/v1/series?metric=vehicles_checked&step=1h&from=2026-12-06T16:00:00Z&to=2026-12-07T04:00:00Z",
      "/api/v1/rankings/score", "/api/v1/compliance", "/api/v1/reports?site=cp-highway-exit",
      "/api/v1/review?date=2026-12-07", "/api/v1/compliance/urgings");
  private static final List<String> ADMIN_READS = List.of("/api/v1/admin/audit", "/api/v1/admin/channels",
      "/api/v1/admin/routes", "/api/v1/admin/rules", "/api/v1/admin/case-limits", "/api/v1/admin/units");

  private TestServer server;
  private Api api;
  private String duty;
  private String admin;

  @BeforeAll
  void start() {
    server = TestServer.start(new JsonObject().put("store",
        TestServer.postgresStore(TestDatabase.fresh(DATABASE)).put("primary-probe-ms", 200)), new MutableClock(NOON));
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
  void notReadyWhileNoServerTakesWritesAndReadyAgainOnceOneDoes(Handover handover) {
    assertThat(ready()).isEqualTo(200);
    handover.begin(DATABASE);
    try {
      await("not ready").atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).until(this::ready, status -> status == 503);
      HttpResponse<Buffer> down = server.client.get("/health/ready").send().await();
      assertThat(down.bodyAsJsonObject()).isEqualTo(new JsonObject().put("status", "DOWN").put("reason", "store unavailable"));
    } finally {
      handover.end(DATABASE);
    }
    await("ready again").atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).until(this::ready, status -> status == 200);
  }

  @ParameterizedTest
  @EnumSource(Handover.class)
  void everyReadIsAnsweredOrRefusedForNowNeverFailed(Handover handover) {
    Map<String, Integer> before = reads();
    assertThat(before).as("every read answers while a primary takes writes").allSatisfy((path, status) ->
        assertThat(status).as(path).isEqualTo(200));
    handover.begin(DATABASE);
    try {
      await("not ready").atMost(PATIENCE).until(this::ready, status -> status == 503);
      for (Map.Entry<String, HttpResponse<Buffer>> read : responses().entrySet()) {
        HttpResponse<Buffer> response = read.getValue();
        if (response.statusCode() != 200) {
          assertThat(response.statusCode()).as(read.getKey() + ": " + response.bodyAsString()).isEqualTo(503);
          assertThat(response.getHeader("Retry-After")).as(read.getKey()).isNotNull().matches("[1-9][0-9]*");
          assertThat(response.getHeader("Content-Type")).as(read.getKey()).isEqualTo("application/problem+json");
        }
      }
    } finally {
      handover.end(DATABASE);
    }
    await("ready again").atMost(PATIENCE).until(this::ready, status -> status == 200);
    assertThat(reads()).as("and all again after").isEqualTo(before);
  }

  @Test
  void metricsCountTheSecondsWithoutAPrimaryAndNoFailoverWhenTheSameServerComesBack() {
    double before = metric("watchfloor_store_unavailable_seconds_total");
    Handover.STANDBY_ANSWERS.begin(DATABASE);
    try {
      await("seconds without a primary counted").atMost(PATIENCE)
          .until(() -> metric("watchfloor_store_unavailable_seconds_total"), seconds -> seconds > before);
    } finally {
      Handover.STANDBY_ANSWERS.end(DATABASE);
    }
    await("ready again").atMost(PATIENCE).until(this::ready, status -> status == 200);
    assertThat(scrape()).contains("# TYPE watchfloor_store_failovers_total counter");
    assertThat(metric("watchfloor_store_failovers_total")).as("the same server took writes again").isZero();
  }

  private int ready() {
    return server.client.get("/health/ready").send().await().statusCode();
  }

  private Map<String, Integer> reads() {
    Map<String, Integer> statuses = new LinkedHashMap<>();
    responses().forEach((path, response) -> statuses.put(path, response.statusCode()));
    return statuses;
  }

  private Map<String, HttpResponse<Buffer>> responses() {
    Map<String, HttpResponse<Buffer>> answers = new LinkedHashMap<>();
    OFFICER_READS.forEach(path -> answers.put(path, get(path, duty)));
    ADMIN_READS.forEach(path -> answers.put(path, get(path, admin)));
    answers.put("/api/v1/snapshot", server.client.get("/api/v1/snapshot").addQueryParam("key", TestTown.DISPLAY_KEY)
        .timeout(PATIENCE.toMillis()).send().await());
    answers.put("/api/v1/tasks", server.client.get("/api/v1/tasks").putHeader("Authorization", "Bearer " + TestTown.SANITATION)
        .timeout(PATIENCE.toMillis()).send().await());
    return answers;
  }

  private HttpResponse<Buffer> get(String path, String cookie) {
    HttpRequest<Buffer> request = server.client.get(path).timeout(PATIENCE.toMillis())
        .putHeader("Cookie", cookie).putHeader("Origin", api.origin());
    return request.send().await();
  }

  private String scrape() {
    return server.client.get("/metrics").send().await().bodyAsString();
  }

  private double metric(String name) {
    return scrape().lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }
}
