package io.watchfloor.sim;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.watchfloor.Api;
import io.watchfloor.MutableClock;
import io.watchfloor.PgTest;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo secrets are public, so only a server started with the demo accepts them; a demo server
 * with its simulated units off still accepts them, and nothing posts behind a test's back.
 */
@PgTest
class DemoAccessTest {
  private static final Map<String, String> OPERATORS = Map.of(
      "duty", DemoCredentials.DUTY_PASSWORD, "admin", DemoCredentials.ADMIN_PASSWORD,
      DemoCredentials.XUDONG_DUTY, DemoCredentials.XUDONG_DUTY_PASSWORD,
      DemoCredentials.CHECK_DUTY, DemoCredentials.CHECK_DUTY_PASSWORD);
  private static final List<String> DISPLAY_KEYS = List.of(DemoCredentials.DISPLAY_KEY, DemoCredentials.XUDONG_DISPLAY_KEY);

  @Test
  void aServerStartedWithoutTheDemoRefusesEveryDemoCredential() {
    try (TestServer server = TestServer.plain(new JsonObject())) {
      Api api = new Api(server);
      DemoCredentials.UNIT_TOKENS.forEach((unit, token) -> {
        HttpResponse<Buffer> post = api.postReport(token, TestTown.checkpointReport(UUID.randomUUID(),
            java.time.OffsetDateTime.now(java.time.ZoneOffset.ofHours(8)).withNano(0), 1, 0));
        assertThat(post.statusCode()).as("report with the token of %s", unit).isEqualTo(401);
        assertThat(post.getHeader("Content-Type")).isEqualTo("application/problem+json");
        assertThat(whoAmI(server, token).statusCode()).as("session of %s", unit).isEqualTo(401);
      });
      DISPLAY_KEYS.forEach(key -> {
        assertThat(catalog(server, key).statusCode()).as("catalog with %s", key).isEqualTo(401);
        assertThat(server.client.get("/api/v1/snapshot").addQueryParam("key", key)
            .send().await().statusCode()).as("snapshot with %s", key).isEqualTo(401);
      });
      OPERATORS.forEach((user, password) ->
          assertThat(signIn(server, user, password).statusCode()).as("sign-in of %s", user).isEqualTo(401));
    }
  }

  @Test
  void aDemoServerWithoutSimulationAcceptsThemAndItsTotalsStayZero() throws InterruptedException {
    JsonObject quietDemo = new JsonObject().put("demo", new JsonObject()
        .put("enabled", true).put("simulate", false).put("tick-ms", 20));
    try (TestServer server = TestServer.start(quietDemo, MutableClock.system())) {
      DemoCredentials.UNIT_TOKENS.forEach((unit, token) ->
          assertThat(whoAmI(server, token).statusCode()).as("session of %s", unit).isEqualTo(200));
      DISPLAY_KEYS.forEach(key -> assertThat(catalog(server, key).statusCode()).as("catalog with %s", key).isEqualTo(200));
      OPERATORS.forEach((user, password) ->
          assertThat(signIn(server, user, password).statusCode()).as("sign-in of %s", user).isEqualTo(200));
      // at 20 ms a tick the simulated checkpoints would post within a few ticks; a second is fifty of them
      await("totals with the simulation off stay empty").during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
          .until(() -> new Api(server).totals().getMap().isEmpty());
    }
  }

  private static HttpResponse<Buffer> whoAmI(TestServer server, String token) {
    return server.client.get("/api/v1/session").putHeader("Authorization", "Bearer " + token).send().await();
  }

  private static HttpResponse<Buffer> catalog(TestServer server, String key) {
    return server.client.get("/api/v1/catalog").addQueryParam("key", key).send().await();
  }

  private static HttpResponse<Buffer> signIn(TestServer server, String user, String password) {
    return server.client.post("/api/v1/session").putHeader("Origin", "http://127.0.0.1:" + server.port)
        .sendJsonObject(new JsonObject().put("username", user).put("password", password)).await();
  }
}
