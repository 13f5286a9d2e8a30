package io.watchfloor.ingest;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.watchfloor.Api;
import io.watchfloor.MutableClock;
import io.watchfloor.PgTest;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Numbers are judged as written, never expanded: an absurd exponent is a quick 422 and the event loop
 * stays free for everyone else. Whole-number metrics take JSON integers only; gauges take the
 * decimals the catalogue allows (3 for the score, by default).
 */
@PgTest
class AbsurdNumberTest {
  private static TestServer server;
  private static Api api;

  @BeforeAll
  static void start() {
    server = TestServer.start(new JsonObject().put("ingest", new JsonObject()
        .put("rate-limit", new JsonObject().put("per-second", 100_000).put("burst", 100_000))), MutableClock.system());
    api = new Api(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String body(String site, String metric, String literal) {
    JsonObject report = new JsonObject().put("id", UUID.randomUUID().toString()).put("site", site)
        .put("observedAt", OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0).toString())
        .put("metrics", new JsonObject().put(metric, "@"));
    return report.encode().replace("\"@\"", literal);
  }

  private static String tokenFor(String site) {
    return site.startsWith("cp-") ? TestTown.CHECKPOINTS : site.startsWith("pd-") ? TestTown.PETITIONS : TestTown.SANITATION;
  }

  private static HttpResponse<Buffer> post(String site, String metric, String literal) {
    return api.postRaw("/api/v1/reports", tokenFor(site), Buffer.buffer(body(site, metric, literal)));
  }

  @Test
  void anAbsurdExponentIsA422AtOnceAndAnotherRequestMeanwhileIsNotHeldUp() {
    for (String literal : new String[] {"1e-99999999", "1e-999999999", "1.5e-99999999", "1E+99999999"}) {
      long started = System.nanoTime();
      Future<HttpResponse<Buffer>> absurd = server.client.post("/api/v1/reports")
          .putHeader("Content-Type", "application/json").putHeader("Authorization", "Bearer " + TestTown.SANITATION)
          .sendBuffer(Buffer.buffer(body("sn-jinpen", "score", literal)));
      HttpResponse<Buffer> other = server.client.get("/health/live").send().await();
      long otherMs = (System.nanoTime() - started) / 1_000_000;
      HttpResponse<Buffer> answer = absurd.await();
      long absurdMs = (System.nanoTime() - started) / 1_000_000;
      assertThat(answer.statusCode()).as(literal).isEqualTo(422);
      assertThat(answer.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("metrics.score");
      assertThat(other.statusCode()).isEqualTo(200);
      // Generous bounds for a loaded machine: the old code took 4 s and 32 s.
      assertThat(otherMs).as("a request beside %s", literal).isLessThan(2000);
      assertThat(absurdMs).as("the answer to %s", literal).isLessThan(2000);
    }
  }

  @ParameterizedTest(name = "{0} {1} = {2} -> {3}")
  @CsvSource({
      "sn-jinpen, score, 92.5, 201",
      "sn-jinpen, score, 92.125, 201",
      "sn-jinpen, score, 92.1250000, 201",
      "sn-jinpen, score, 0e-99999999, 201",
      "sn-jinpen, score, 92.1255, 422",
      "sn-jinpen, score, 1e-4, 422",
      "sn-jinpen, score, 1e2, 201",
      "sn-jinpen, score, 1e3, 422",
      "cp-highway-exit, vehicles_checked, 42, 201",
      "cp-highway-exit, vehicles_checked, 1e2, 422",
      "cp-highway-exit, vehicles_checked, 42.0, 422",
      "cp-highway-exit, vehicles_checked, 0e-99999999, 422",
      "cp-highway-exit, vehicles_checked, 1e99999999, 422",
      "pd-jinpen, backlog_cases, 7, 201",
      "pd-jinpen, backlog_cases, 7.5, 422",
      "pd-jinpen, backlog_cases, 7e0, 422",
  })
  void countersTakeJsonIntegersAndGaugesTheCataloguesDecimals(String site, String metric, String literal, int status) {
    HttpResponse<Buffer> answer = post(site, metric, literal);
    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(status);
    if (status == 422) {
      assertThat(answer.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"))
          .isEqualTo("metrics." + metric);
    }
  }

  @Test
  void anExponentBeyondWhatAnyNumberCanHoldIsAClientError() {
    HttpResponse<Buffer> answer = post("sn-jinpen", "score", "1e-9999999999");
    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(answer.getHeader("Content-Type")).isEqualTo("application/problem+json");
  }
}
