package io.watchfloor.ops;

import io.vertx.core.json.JsonObject;
import io.watchfloor.Api;
import io.watchfloor.MutableClock;
import io.watchfloor.PgTest;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** /metrics is Prometheus text, and the domain meters move when reports arrive. */
@PgTest
class MetricsTest {
  /** A sample line of the Prometheus text format: name, optional labels, a value, an optional timestamp. */
  private static final Pattern SAMPLE = Pattern.compile(
      "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\]|\\\\.)*\",?)*})? (-?[0-9.eE+-]+|NaN|\\+Inf|-Inf)( -?[0-9]+)?");

  static Map<String, Double> scrape(TestServer server) {
    var response = server.client.get("/metrics").send().await();
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("Content-Type")).startsWith("text/plain");
    Map<String, Double> samples = new HashMap<>();
    for (String line : response.bodyAsString().split("\n")) {
      if (line.isEmpty() || line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
        continue;
      }
      Matcher m = SAMPLE.matcher(line);
      assertThat(m.matches()).as("not Prometheus text: %s", line).isTrue();
      samples.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), Double.parseDouble(m.group(3).replace("+Inf", "Infinity")));
    }
    return samples;
  }

  static double sum(Map<String, Double> samples, String prefix, String... labels) {
    return samples.entrySet().stream()
        .filter(e -> e.getKey().startsWith(prefix) && java.util.Arrays.stream(labels).allMatch(e.getKey()::contains))
        .mapToDouble(Map.Entry::getValue).sum();
  }

  @Test
  void domainMetersMoveWhenReportsArrive() {
    try (TestServer server = TestServer.start(new JsonObject(), MutableClock.system())) {
      Api api = new Api(server);
      Map<String, Double> before = scrape(server);
      OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0);
      JsonObject report = TestTown.checkpointReport(UUID.randomUUID(), now, 5, 1);
      api.postReport(TestTown.CHECKPOINTS, report);
      api.postReport(TestTown.CHECKPOINTS, report);
      api.postReport(TestTown.CHECKPOINTS, report.copy().put("metrics", new JsonObject().put("vehicles_checked", -1)));
      api.postReport(TestTown.PETITIONS, new JsonObject().put("id", UUID.randomUUID().toString()).put("site", "pd-jinpen")
          .put("observedAt", now.toString()).put("metrics", new JsonObject().put("escalated_petitions", 1)));
      api.postReport(null, report);
      // the meters move after the replies (the live picture and the alerts follow the commit), so poll
      AtomicReference<Map<String, Double>> scraped = new AtomicReference<>();
      Awaitility.await("the meters to count the five posts").atMost(Duration.ofSeconds(30))
          .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            scraped.set(scrape(server));
            assertDomainMeters(before, scraped.get());
          });
      Map<String, Double> after = scraped.get();
      assertThat(after).containsKey("watchfloor_live_clients{hub=\"" + after.keySet().stream()
          .filter(k -> k.startsWith("watchfloor_live_clients{")).findFirst().orElseThrow().split("\"")[1] + "\"}");
      assertThat(sum(after, "jvm_memory_used_bytes")).isPositive();
      assertThat(after.keySet()).anyMatch(k -> k.startsWith("vertx_http_server_"));
    }
  }

  private static void assertDomainMeters(Map<String, Double> before, Map<String, Double> after) {
    assertThat(sum(after, "watchfloor_reports_total", "outcome=\"accepted\"", "site_kind=\"checkpoint\"")
        - sum(before, "watchfloor_reports_total", "outcome=\"accepted\"", "site_kind=\"checkpoint\"")).isEqualTo(1);
    assertThat(sum(after, "watchfloor_reports_total", "outcome=\"duplicate\"")).isEqualTo(1);
    assertThat(sum(after, "watchfloor_reports_total", "reason=\"invalid\"")).isEqualTo(1);
    assertThat(sum(after, "watchfloor_reports_total", "reason=\"unauthenticated\"")).isEqualTo(1);
    assertThat(sum(after, "watchfloor_ingest_ack_seconds_count")).isEqualTo(3);
    assertThat(sum(after, "watchfloor_store_commit_reports_count")).isGreaterThanOrEqualTo(2);
    assertThat(sum(after, "watchfloor_live_reports_total")).isEqualTo(2);
    assertThat(sum(after, "watchfloor_live_deltas_total")).isPositive();
    assertThat(sum(after, "watchfloor_alerts_unresolved", "state=\"open\"", "severity=\"critical\"")).isEqualTo(1);
  }

  @Test
  void inventedMethodsShareOneLabelInsteadOfAddingSeries() {
    try (TestServer server = TestServer.start(new JsonObject(), MutableClock.system())) {
      for (int i = 0; i < 5; i++) {
        int status = server.client.request(io.vertx.core.http.HttpMethod.valueOf("ANYTHING" + i), "/api/v1/catalog")
            .send().await().statusCode();
        assertThat(status).isGreaterThanOrEqualTo(400);
      }
      Map<String, Double> samples = scrape(server);
      assertThat(samples.keySet()).noneMatch(k -> k.contains("ANYTHING"));
      assertThat(sum(samples, "vertx_http_server_requests_total", "method=\"OTHER\"")).isEqualTo(5);
    }
  }

  private static TestServer withMetrics(JsonObject metrics) {
    return TestServer.start(new JsonObject().put("http", new JsonObject().put("metrics", metrics)), MutableClock.system());
  }

  private static int status(TestServer server, String localAddress, String token) {
    io.vertx.ext.web.client.WebClient client = io.vertx.ext.web.client.WebClient.create(server.vertx,
        new io.vertx.ext.web.client.WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(server.port)
            .setLocalAddress(localAddress));
    try {
      var request = client.get("/metrics");
      if (token != null) {
        request.putHeader("Authorization", "Bearer " + token);
      }
      var response = request.send().await();
      if (response.statusCode() >= 400) {
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
      }
      return response.statusCode();
    } finally {
      client.close();
    }
  }

  @Test
  void metricsAreOpenOnlyToTheAllowedNetworks() {
    try (TestServer server = withMetrics(new JsonObject().put("allowed-networks", new io.vertx.core.json.JsonArray().add("127.0.0.1/32")))) {
      assertThat(status(server, "127.0.0.1", null)).isEqualTo(200);
      assertThat(status(server, "127.0.0.2", null)).isEqualTo(403);
    }
  }

  @Test
  void aScrapeTokenOpensMetricsFromAnywhere() {
    JsonObject metrics = new JsonObject().put("allowed-networks", new io.vertx.core.json.JsonArray())
        .put("scrape-token-sha256", io.watchfloor.ops.HashSecret.sha256("scrape-secret"));
    try (TestServer server = withMetrics(metrics)) {
      assertThat(status(server, "127.0.0.1", null)).isEqualTo(403);
      assertThat(status(server, "127.0.0.1", "wrong")).isEqualTo(401);
      assertThat(status(server, "127.0.0.3", "scrape-secret")).isEqualTo(200);
    }
  }
}
