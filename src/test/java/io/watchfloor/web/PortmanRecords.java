package io.watchfloor.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.watchfloor.Api;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * The Postman environment of PortmanNewmanTest: the credentials a caller of each kind has, and the ids of real
 * records in the states the collection's requests need (an open alert, an open case, a case dispatched to a
 * unit, a channel with a route, a channel and a display key to remove, names for the unit and operator the run
 * creates), each made through the API as a client would and captured from its answer.
 * The requests that end a session (sign-out, the password change) get sessions of their own.
 */
final class PortmanRecords {
  private static final String STRONG = "v7#Qm2!pLx9&Tz4w";
  private static final String STRONG_2 = "Gr8%kW3z@Yq6!nB1";

  private final TestServer server;
  private final Api api;
  private final JsonArray values = new JsonArray();
  private final String suffix = UUID.randomUUID().toString().substring(0, 8);
  private final OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(8));
  private String duty;
  private String admin;

  private PortmanRecords(TestServer server, Api api) {
    this.server = server;
    this.api = api;
  }

  static JsonObject make(TestServer server, Api api) {
    return new PortmanRecords(server, api).make();
  }

  private JsonObject make() {
    credentials();
    times();
    alert();
    cases();
    flag();
    notifications();
    tables();
    return new JsonObject().put("id", UUID.randomUUID().toString()).put("name", "watchfloor-portman").put("values", values);
  }

  private void credentials() {
    duty = api.signIn("duty", "duty-demo-pass");
    admin = api.signIn("admin", "admin-demo-pass");
    put("baseUrl", api.origin());
    put("origin", api.origin());
    put("officerCookie", duty);
    put("adminCookie", admin);
    put("signOutCookie", api.signIn("duty", "duty-demo-pass"));
    put("unitToken", TestTown.CHECKPOINTS);
    put("taskToken", TestTown.SANITATION);
    put("displayKey", TestTown.DISPLAY_KEY);

    // an operator of its own changes its password, so no other session or sign-in depends on it
    String changer = "pm-pw-" + suffix;
    ok(call(HttpMethod.POST, "/api/v1/admin/operators", admin, new JsonObject().put("username", changer)
        .put("name", "改密 " + suffix).put("role", "officer").put("scope", "xudong").put("password", STRONG)), 201);
    put("passwordCookie", api.signIn(changer, STRONG));
    put("currentPassword", STRONG);
    put("newPassword", STRONG_2);
    put("newUnit", "pm-unit-" + suffix);
    put("newOperator", "pm-op-" + suffix);
    put("strongPassword", STRONG);
  }

  private void times() {
    LocalDate today = now.toLocalDate();
    put("today", today.toString());
    put("month", today.toString().substring(0, 7));
    // in UTC: a "+08:00" in a query string would read as a space
    put("from", now.minusHours(12).toInstant().toString());
    put("to", now.plusMinutes(5).toInstant().toString());
    put("now", now.toString());
  }

  private void alert() {
    // an escalated petition fires an alert, which the run reads, acknowledges and resolves
    ok(api.postReport(TestTown.PETITIONS, TestTown.body(UUID.randomUUID(), "pd-jinpen", now.toString(),
        new JsonObject().put("escalated_petitions", 1))), 201);
    String alert = await("an open alert").atMost(Duration.ofSeconds(30)).until(() -> {
      JsonArray open = ok(call(HttpMethod.GET, "/api/v1/alerts?state=open", duty, null), 200).getJsonArray("alerts");
      return open.isEmpty() ? null : open.getJsonObject(0).getString("id");
    }, id -> id != null);
    put("alertId", alert);
  }

  private void cases() {
    put("caseId", openCase("垃圾满溢 " + suffix));
    String task = openCase("路灯损坏 " + suffix);
    ok(call(HttpMethod.POST, "/api/v1/cases/" + task + "/dispatch", duty, new JsonObject().put("unit", "demo-sanitation")), 200);
    put("taskId", task);

    // a case reported back with a photo, whose photo the officer and the unit read
    String pictured = openCase("墙面涂鸦 " + suffix);
    ok(call(HttpMethod.POST, "/api/v1/cases/" + pictured + "/dispatch", duty, new JsonObject().put("unit", "demo-sanitation")), 200);
    ok(unit(server.client.post("/api/v1/tasks/" + pictured + "/accept")).sendJsonObject(new JsonObject()).await(), 200);
    // framed here, with its length: the server takes no chunked upload (411), which Vert.x's own form would be
    String boundary = "----portman" + suffix;
    Buffer form = Buffer.buffer("--" + boundary + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\n已清除\r\n--"
        + boundary + "\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"wall.jpg\"\r\n"
        + "Content-Type: image/jpeg\r\n\r\n").appendBuffer(jpeg()).appendString("\r\n--" + boundary + "--\r\n");
    ok(unit(server.client.post("/api/v1/tasks/" + pictured + "/report"))
        .putHeader("Content-Type", "multipart/form-data; boundary=" + boundary).sendBuffer(form).await(), 200);
    put("photoCaseId", pictured);
    put("photoId", ok(call(HttpMethod.GET, "/api/v1/cases/" + pictured, duty, null), 200).getJsonArray("photos")
        .getJsonObject(0).getString("id"));
  }

  private void flag() {
    // more turned back than checked at one checkpoint in a day is implausible: the report is flagged at ingest
    ok(api.postReport(TestTown.CHECKPOINTS, TestTown.body(UUID.randomUUID(), "cp-highway-exit", now.toString(),
        new JsonObject().put("vehicles_checked", 10).put("vehicles_turned_back", 2))), 201);
    UUID flagged = UUID.randomUUID();
    ok(api.postReport(TestTown.CHECKPOINTS, TestTown.body(flagged, "cp-highway-exit", now.plusSeconds(1).toString(),
        new JsonObject().put("vehicles_turned_back", 15))), 201);
    put("flaggedReportId", flagged.toString());
  }

  private void notifications() {
    put("channelId", channel("值班群 " + suffix));
    put("doomedChannelId", channel("待删群 " + suffix));
    put("routeId", ok(call(HttpMethod.POST, "/api/v1/admin/routes", admin, new JsonObject().put("channel", value("channelId"))
        .put("scope", "jinpen").put("events", new JsonArray().add("alert.fired"))), 201).getString("id"));
    put("keyId", ok(call(HttpMethod.POST, "/api/v1/admin/display-keys", admin, new JsonObject().put("label", "待撤 " + suffix)), 201)
        .getString("id"));
  }

  private void tables() {
    JsonObject rules = ok(call(HttpMethod.GET, "/api/v1/admin/rules", admin, null), 200);
    JsonObject rule = rules.getJsonArray(rules.containsKey("rules") ? "rules" : "items").getJsonObject(0);
    put("ruleId", rule.getString("id"));
    put("ruleBody", new JsonObject().put("rule", rule.getJsonObject("rule", rule)).encode());
    // the tables as they are, put back: the fields a change takes of what a read answers
    JsonObject limits = ok(call(HttpMethod.GET, "/api/v1/admin/case-limits", admin, null), 200);
    put("caseLimitsBody", new JsonObject().put("rows", limits.getJsonArray("rows")).encode());
    int year = now.getYear();
    put("year", String.valueOf(year));
    JsonObject calendar = ok(call(HttpMethod.GET, "/api/v1/admin/calendar?year=" + year, admin, null), 200);
    put("calendarBody", new JsonObject().put("days", calendar.getJsonArray("days")).encode());
  }

  private String openCase(String title) {
    return ok(call(HttpMethod.POST, "/api/v1/cases", duty, new JsonObject().put("title", title).put("category", "sanitation")
        .put("urgency", "normal").put("site", "sn-jinpen").put("description", "群众来电反映")), 201).getString("id");
  }

  /** A webhook to this server itself: the run's test message gets an answer without leaving the machine. */
  private String channel(String name) {
    return ok(call(HttpMethod.POST, "/api/v1/admin/channels", admin, new JsonObject().put("name", name).put("type", "webhook")
        .put("scope", "changling").put("url", api.origin() + "/health/live")), 201).getString("id");
  }

  private HttpRequest<Buffer> unit(HttpRequest<Buffer> request) {
    return request.putHeader("Authorization", "Bearer " + TestTown.SANITATION);
  }

  /** A small real JPEG: the server takes a photo by its bytes. */
  private static Buffer jpeg() {
    java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(64, 48, java.awt.image.BufferedImage.TYPE_INT_RGB);
    image.setRGB(10, 10, 0xff4d4f);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try {
      javax.imageio.ImageIO.write(image, "jpeg", out);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return Buffer.buffer(out.toByteArray());
  }

  private void put(String key, String value) {
    values.add(new JsonObject().put("key", key).put("value", value).put("type", "default").put("enabled", true));
  }

  private String value(String key) {
    return values.stream().map(v -> (JsonObject) v).filter(v -> key.equals(v.getString("key"))).findFirst()
        .orElseThrow().getString("value");
  }

  private HttpResponse<Buffer> call(HttpMethod method, String path, String cookie, JsonObject body) {
    HttpRequest<Buffer> request = server.client.request(method, path).putHeader("Cookie", cookie)
        .putHeader("Origin", api.origin());
    return body == null ? request.send().await() : request.sendJsonObject(body).await();
  }

  private static JsonObject ok(HttpResponse<Buffer> response, int status) {
    if (response.statusCode() != status) {
      throw new AssertionError("expected " + status + ", got " + response.statusCode() + ": " + response.bodyAsString());
    }
    Object body = response.bodyAsJson(Object.class);
    return body instanceof JsonObject o ? o : new JsonObject().put("items", body);
  }
}
