package io.watchfloor.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.watchfloor.PgTest;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Operator sign-in: hashed passwords, a fresh HttpOnly SameSite=Strict cookie, and no cross-site writes. */
@PgTest
class SessionTest {
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.memory();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<Buffer> login(String username, String password, String cookie) {
    HttpRequest<Buffer> request = server.client.post("/api/v1/session").putHeader("Content-Type", "application/json")
        .putHeader("Origin", "http://127.0.0.1:" + server.port);
    if (cookie != null) {
      request.putHeader("Cookie", cookie);
    }
    return request.sendJsonObject(new JsonObject().put("username", username).put("password", password)).await();
  }

  private static String sessionCookie(HttpResponse<Buffer> response) {
    return response.cookies().stream().filter(c -> c.startsWith("wf_session=")).findFirst()
        .orElseThrow(() -> new AssertionError("no session cookie in " + response.cookies()));
  }

  private static String pair(String setCookie) {
    return setCookie.substring(0, setCookie.indexOf(';'));
  }

  @Test
  void anOfficerSignsInWithAFreshStrictHttpOnlyCookie() {
    String planted = pair(sessionCookie(login("duty", "duty-demo-pass", null)));
    HttpResponse<Buffer> response = login("duty", "duty-demo-pass", planted);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject().getString("role")).isEqualTo("officer");
    String cookie = sessionCookie(response);
    assertThat(cookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict");
    assertThat(pair(cookie)).as("the session id is renewed at sign-in").isNotEqualTo(planted);

    HttpResponse<Buffer> me = server.client.get("/api/v1/session").putHeader("Cookie", pair(cookie)).send().await();
    assertThat(me.bodyAsJsonObject().getString("id")).isEqualTo("duty");
    assertThat(server.client.get("/api/v1/snapshot").putHeader("Cookie", pair(cookie)).send().await().statusCode())
        .isEqualTo(200);
    assertThat(server.client.get("/api/v1/snapshot").putHeader("Cookie", planted).send().await().statusCode())
        .as("the id held before signing in is worth nothing after").isEqualTo(401);
  }

  @Test
  void wrongPasswordsAndUnknownUsersGetTheSame401() {
    HttpResponse<Buffer> wrong = login("admin", "guess", null);
    HttpResponse<Buffer> unknown = login("nobody", "guess", null);
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(unknown.statusCode()).isEqualTo(401);
    assertThat(wrong.bodyAsJsonObject().getString("detail")).isEqualTo(unknown.bodyAsJsonObject().getString("detail"));
  }

  @Test
  void aMalformedSignInIs422() {
    HttpResponse<Buffer> response = server.client.post("/api/v1/session").putHeader("Content-Type", "application/json")
        .sendJsonObject(new JsonObject().put("username", "duty").put("pass", "x")).await();
    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(response.bodyAsJsonObject().getJsonArray("errors")).isNotEmpty();
  }

  @Test
  void signingOutNeedsTheServersOwnOriginAndEndsTheSession() {
    String cookie = pair(sessionCookie(login("admin", "admin-demo-pass", null)));
    HttpResponse<Buffer> crossSite = server.client.delete("/api/v1/session").putHeader("Cookie", cookie)
        .putHeader("Origin", "http://evil.example").send().await();
    assertThat(crossSite.statusCode()).isEqualTo(403);
    HttpResponse<Buffer> noOrigin = server.client.delete("/api/v1/session").putHeader("Cookie", cookie).send().await();
    assertThat(noOrigin.statusCode()).isEqualTo(403);

    HttpResponse<Buffer> own = server.client.delete("/api/v1/session").putHeader("Cookie", cookie)
        .putHeader("Origin", "http://127.0.0.1:" + server.port).send().await();
    assertThat(own.statusCode()).isEqualTo(204);
    assertThat(server.client.get("/api/v1/snapshot").putHeader("Cookie", cookie).send().await().statusCode()).isEqualTo(401);
  }

  @Test
  void aCrossSiteSignInIsRefused() {
    HttpResponse<Buffer> response = server.client.post("/api/v1/session").putHeader("Content-Type", "application/json")
        .putHeader("Origin", "http://evil.example")
        .sendJsonObject(new JsonObject().put("username", "duty").put("password", "duty-demo-pass")).await();
    assertThat(response.statusCode()).isEqualTo(403);
  }

  @Test
  void theSnapshotIsForViewersNotForUnitTokens() {
    assertThat(server.client.get("/api/v1/snapshot").send().await().statusCode()).isEqualTo(401);
    assertThat(server.client.get("/api/v1/snapshot").addQueryParam("key", "wrong").send().await().statusCode()).isEqualTo(401);
    assertThat(server.client.get("/api/v1/snapshot").putHeader("Authorization", "Bearer " + TestTown.CHECKPOINTS)
        .send().await().statusCode()).isEqualTo(403);
    HttpResponse<Buffer> display = server.client.get("/api/v1/snapshot").addQueryParam("key", TestTown.DISPLAY_KEY).send().await();
    assertThat(display.statusCode()).isEqualTo(200);
    assertThat(display.bodyAsJsonObject().getJsonObject("store").getString("warning")).contains("lost");
  }
}
