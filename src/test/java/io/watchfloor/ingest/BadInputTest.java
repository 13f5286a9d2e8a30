package io.watchfloor.ingest;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every kind of bad input gets a clear 4xx problem and changes nothing, on the PostgreSQL store. */
@PgTest
class BadInputTest {
  private static final String DATABASE = "wf_test_bad_input";
  private static final Instant NOW = Instant.now();
  private static TestServer server;
  private static Api api;

  @BeforeAll
  static void start() {
    server = TestServer.postgres(TestDatabase.fresh(DATABASE), new MutableClock(NOW));
    api = new Api(server);
    api.postReport(TestTown.CHECKPOINTS, valid().put("id", UUID.randomUUID().toString()));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static JsonObject valid() {
    return TestTown.checkpointReport(UUID.randomUUID(), OffsetDateTime.ofInstant(NOW, ZoneOffset.ofHours(8)).withNano(0), 5, 1);
  }

  private static String with(String field, Object value) {
    return valid().put(field, value).encode();
  }

  private static String withMetric(String metric, String literal) {
    return valid().getJsonObject("metrics").put(metric, 0).encode().replace("\"" + metric + "\":0", "\"" + metric + "\":" + literal)
        .transform(metrics -> valid().put("metrics", "@").encode().replace("\"@\"", metrics));
  }

  static Stream<Arguments> badBodies() {
    OffsetDateTime now = OffsetDateTime.ofInstant(NOW, ZoneOffset.ofHours(8)).withNano(0);
    return Stream.of(
        Arguments.of("unknown field", with("extra", 1), 422, "extra"),
        Arguments.of("count as a string", withMetric("vehicles_checked", "\"5\""), 422, "metrics.vehicles_checked"),
        Arguments.of("fraction", withMetric("vehicles_checked", "2.5"), 422, "metrics.vehicles_checked"),
        Arguments.of("negative", withMetric("vehicles_checked", "-3"), 422, "metrics.vehicles_checked"),
        Arguments.of("1e309", withMetric("vehicles_checked", "1e309"), 422, "metrics.vehicles_checked"),
        Arguments.of("huge integer", withMetric("vehicles_checked", "123456789012345678901234567890"), 422, "metrics.vehicles_checked"),
        Arguments.of("NaN", withMetric("vehicles_checked", "NaN"), 400, null),
        Arguments.of("unknown metric", withMetric("score", "90"), 422, "metrics.score"),
        Arguments.of("turned back more than checked", withMetric("vehicles_turned_back", "50"), 422, "metrics.vehicles_turned_back"),
        Arguments.of("no metrics", with("metrics", new JsonObject()), 422, "metrics"),
        Arguments.of("time without offset", with("observedAt", "2026-11-21T08:15:00"), 422, "observedAt"),
        Arguments.of("time not a time", with("observedAt", "yesterday"), 422, "observedAt"),
        Arguments.of("too far in the future", with("observedAt", now.plusMinutes(10).toString()), 422, "observedAt"),
        Arguments.of("older than the late window", with("observedAt", now.minusDays(8).toString()), 422, "observedAt"),
        Arguments.of("id not a uuid", with("id", "report-1"), 422, "id"),
        Arguments.of("unknown site", with("site", "cp-nowhere"), 422, "site"),
        Arguments.of("note too long", with("note", "长".repeat(501)), 422, "note"),
        Arguments.of("duplicate key", valid().encode().replace("{\"id\"", "{\"site\":\"cp-xudong-road\",\"id\""), 400, null),
        Arguments.of("not JSON", "id=1&site=cp-highway-exit", 400, null),
        Arguments.of("trailing garbage", valid().encode() + "}", 400, null),
        Arguments.of("an array", "[" + valid().encode() + "]", 422, ""),
        Arguments.of("empty body", "", 400, null),
        Arguments.of("oversize body", with("note", "x".repeat(70_000)), 413, null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badBodies")
  void badBodyIsRefusedAndChangesNothing(String name, String body, int status, String field) {
    JsonObject totalsBefore = api.totals();
    long rowsBefore = TestDatabase.count(DATABASE, "SELECT count(*) FROM report");

    HttpResponse<Buffer> response = api.postRaw("/api/v1/reports", TestTown.CHECKPOINTS, Buffer.buffer(body));

    assertProblem(response, status, field);
    assertThat(api.totals()).isEqualTo(totalsBefore);
    assertThat(TestDatabase.count(DATABASE, "SELECT count(*) FROM report")).isEqualTo(rowsBefore);
  }

  @org.junit.jupiter.api.Test
  void invalidUtf8IsRefused() {
    byte[] good = valid().put("note", "AB").encode().getBytes(StandardCharsets.UTF_8);
    String text = new String(good, StandardCharsets.UTF_8);
    int at = text.indexOf("AB");
    good[at] = (byte) 0xC3;
    good[at + 1] = (byte) 0x28;
    JsonObject before = api.totals();
    assertProblem(api.postRaw("/api/v1/reports", TestTown.CHECKPOINTS, Buffer.buffer(good)), 400, null);
    assertThat(api.totals()).isEqualTo(before);
  }

  @org.junit.jupiter.api.Test
  void aBodyThatIsNotDeclaredJsonIs415() {
    HttpResponse<Buffer> response = server.client.post("/api/v1/reports").putHeader("Content-Type", "text/plain")
        .putHeader("Authorization", "Bearer " + TestTown.CHECKPOINTS).sendBuffer(Buffer.buffer(valid().encode())).await();
    assertProblem(response, 415, null);
  }

  private static void assertProblem(HttpResponse<Buffer> response, int status, String field) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    JsonObject problem = response.bodyAsJsonObject();
    assertThat(problem.getInteger("status")).isEqualTo(status);
    assertThat(problem.getString("title")).isNotBlank();
    assertThat(problem.getString("detail")).isNotBlank();
    assertThat(response.bodyAsString()).doesNotContain("Exception").doesNotContain("\tat ");
    if (field != null) {
      assertThat(problem.getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("field"))).contains(field);
    }
  }
}
