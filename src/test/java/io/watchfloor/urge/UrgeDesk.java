package io.watchfloor.urge;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.watchfloor.Api;
import io.watchfloor.MutableClock;
import io.watchfloor.TestDatabase;
import io.watchfloor.TestServer;
import io.watchfloor.ops.HashSecret;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

/**
 * 催报 over HTTP as the console and the field page call it, blocking, so tests read top to bottom: the demo's
 * officers (长岭区's duty, 许东镇's) and a viewer added here, the demo units' tokens.
 */
final class UrgeDesk implements AutoCloseable {
  static final String DISTRICT = "duty";
  static final String XUDONG = "xudong-duty";
  static final String VIEWER = "xudong-viewer";
  private static final Map<String, String> PASSWORDS = Map.of(DISTRICT, "duty-demo-pass",
      XUDONG, "xudong-duty-demo-pass", VIEWER, "xudong-viewer-pass");

  final TestServer server;
  final String database;

  private UrgeDesk(TestServer server, String database) {
    this.server = server;
    this.database = database;
  }

  /** A server on a fresh PostgreSQL database, with these overrides of the application file. */
  static UrgeDesk postgres(String database, MutableClock clock, JsonObject overrides) {
    JsonObject access = TestServer.shipped("access.json");
    access.getJsonArray("operators").add(new JsonObject().put("username", VIEWER).put("name", "许东镇观察员")
        .put("role", "viewer").put("scope", "xudong").put("passwordHash", HashSecret.password(PASSWORDS.get(VIEWER))));
    JsonObject settings = overrides.copy().put("store", TestServer.postgresStore(TestDatabase.fresh(database)));
    return new UrgeDesk(TestServer.start(settings, clock, access), database);
  }

  String signIn(String user) {
    return new Api(server).signIn(user, PASSWORDS.get(user));
  }

  HttpRequest<Buffer> officer(HttpRequest<Buffer> request, String cookie) {
    return request.putHeader("Cookie", cookie).putHeader("Origin", new Api(server).origin());
  }

  HttpResponse<Buffer> urge(String cookie, JsonObject body) {
    return officer(server.client.post("/api/v1/compliance/urge"), cookie).sendJsonObject(body).await();
  }

  HttpResponse<Buffer> urgeRaw(String cookie, String body) {
    return officer(server.client.post("/api/v1/compliance/urge"), cookie).putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer(body)).await();
  }

  static JsonObject sites(String... sites) {
    return new JsonObject().put("sites", new JsonArray(java.util.List.of((Object[]) sites)));
  }

  /** The unit's urgings of today, at once, as the field page reads them when it opens. */
  JsonObject today(String token) {
    HttpResponse<Buffer> read = server.client.get("/api/v1/urgings").putHeader("Authorization", "Bearer " + token)
        .send().await();
    return ok(read, 200);
  }

  HttpResponse<Buffer> review(String cookie, String scope, String date) {
    return officer(server.client.get("/api/v1/review?scope=" + scope + "&date=" + date), cookie).send().await();
  }

  /** A sanitation inspection's report, observed now by the server's clock. */
  HttpResponse<Buffer> report(String token, String site, Instant at) {
    JsonObject body = new JsonObject().put("id", UUID.randomUUID().toString()).put("site", site)
        .put("observedAt", OffsetDateTime.ofInstant(at, ZoneOffset.ofHours(8)).toString())
        .put("metrics", new JsonObject().put("score", 92));
    return new Api(server).postReport(token, body);
  }

  long stored() {
    return TestDatabase.count(database, "SELECT count(*) FROM urging");
  }

  static JsonObject ok(HttpResponse<Buffer> response, int status) {
    if (response.statusCode() != status) {
      throw new AssertionError("expected " + status + ", got " + response.statusCode() + ": " + response.bodyAsString());
    }
    return response.bodyAsJsonObject();
  }

  @Override
  public void close() {
    server.close();
  }
}
