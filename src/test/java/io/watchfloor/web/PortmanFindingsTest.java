package io.watchfloor.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.watchfloor.Api;
import io.watchfloor.ApiContract;
import io.watchfloor.MutableClock;
import io.watchfloor.PgTest;
import io.watchfloor.TestDatabase;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Portman's contract tests under Newman found (PortmanNewmanTest), each pinned here on PostgreSQL: a client
 * generated from the description must be told what the server requires and what it answers.
 */
@PgTest
class PortmanFindingsTest {
  private static TestServer server;
  private static ApiContract contract;
  private static String duty;

  @BeforeAll
  static void start() {
    server = TestServer.postgres(TestDatabase.fresh("wf_test_portman_findings"), MutableClock.system());
    contract = new ApiContract(server.vertx);
    duty = new Api(server).signIn("duty", "duty-demo-pass");
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** A setup link that is unknown, used or expired is gone (410): the description lists that answer. */
  @Test
  void anUnknownSetupLinkIsGoneAsDescribed() {
    HttpResponse<Buffer> gone = server.client.post("/api/v1/setup").sendJsonObject(new JsonObject()
        .put("secret", "no-such-setup-secret").put("username", "first-admin").put("name", "管理员")
        .put("password", "v7#Qm2!pLx9&Tz4w")).await();
    assertThat(gone.statusCode()).as(gone.bodyAsString()).isEqualTo(410);
    contract.check(HttpMethod.POST, "/api/v1/setup", gone);
  }

  /** The series needs its step and the recent reports their site: without one, 422; so both are required. */
  @Test
  void theQueryParametersTheServerRequiresAreRequiredInTheDescription() {
    HttpResponse<Buffer> series = server.client.get("/api/v1/series?metric=vehicles_checked&key=" + TestTown.DISPLAY_KEY)
        .send().await();
    assertThat(series.statusCode()).isEqualTo(422);
    assertThat(series.bodyAsString()).contains("\"step\"");
    contract.check(HttpMethod.GET, "/api/v1/series", series);
    assertThat(required("/api/v1/series", "step")).as("series' step is required").isTrue();

    HttpResponse<Buffer> reports = server.client.get("/api/v1/reports").putHeader("Cookie", duty).send().await();
    assertThat(reports.statusCode()).isEqualTo(422);
    assertThat(reports.bodyAsString()).contains("\"site\"");
    contract.check(HttpMethod.GET, "/api/v1/reports", reports);
    assertThat(required("/api/v1/reports", "site")).as("the recent reports' site is required").isTrue();
  }

  /**
   * A plain GET of the live feed, no upgrade asked, is refused as described: a 400 problem, not the bare text
   * of the WebSocket handshake written past the API's error handling.
   */
  @Test
  void aLiveRequestThatAsksNoUpgradeIsAProblem() {
    HttpResponse<Buffer> plain = server.client.get("/api/v1/live?key=" + TestTown.DISPLAY_KEY).send().await();
    assertThat(plain.statusCode()).as(plain.bodyAsString()).isEqualTo(400);
    assertThat(plain.getHeader("Content-Type")).isEqualTo("application/problem+json");
    contract.check(HttpMethod.GET, "/api/v1/live", plain);
  }

  private static boolean required(String path, String name) {
    JsonArray parameters = ApiContract.description().getJsonObject("paths").getJsonObject(path).getJsonObject("get")
        .getJsonArray("parameters");
    return parameters.stream().map(p -> (JsonObject) p).filter(p -> name.equals(p.getString("name")))
        .findFirst().orElseThrow().getBoolean("required", false);
  }
}
