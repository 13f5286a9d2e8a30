package io.watchfloor.alert;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.watchfloor.Api;
import io.watchfloor.MutableClock;
import io.watchfloor.TestServer;
import io.watchfloor.alert.AlertMessages.Firings;
import io.watchfloor.bus.Addresses;
import io.watchfloor.domain.AlertRule;
import io.watchfloor.domain.Firing;
import io.watchfloor.domain.Label;
import io.watchfloor.domain.Severity;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The sample district's alerts through the API as its officers see them: 长岭区's duty and 许东镇's. */
final class TreeAlerts {
  static final String DISTRICT = "duty";
  static final String DISTRICT_PASS = "duty-demo-pass";
  static final String XUDONG = "xudong-duty";
  static final String XUDONG_PASS = "xudong-duty-demo-pass";
  /** A critical rule the sample has no report for: a matter raised on the district itself. */
  static final AlertRule DISTRICT_MATTER = new AlertRule("district-matter", AlertRule.Kind.ANY, Severity.CRITICAL,
      new Label("区级事项", "District matter"), "escalated_petitions", "community", AlertRule.Scope.AREA, null, null, true, 0,
      null, 0, 0);

  private TreeAlerts() {
  }

  /** A server on PostgreSQL that escalates after five minutes and looks every second. */
  static TestServer server(String url, MutableClock clock) {
    return TestServer.start(new JsonObject()
        .put("store", new JsonObject().put("kind", "postgres").put("pg", new JsonObject().put("url", url).put("connect-timeout-ms", 1000)))
        .put("alerts", new JsonObject().put("escalate-critical-after", "PT5M").put("escalation-check-seconds", 1)), clock);
  }

  /** An alert on the district's own desk: no site of the sample hangs there, so the firing goes straight to the alerts. */
  static void fireOnDistrict(TestServer server) {
    server.vertx.eventBus().send(Addresses.ALERTS_FIRE,
        new Firings(List.of(new Firing(DISTRICT_MATTER, "area", "changling", "changling", "区里交办"))));
  }

  static HttpRequest<Buffer> as(TestServer server, HttpRequest<Buffer> request, String cookie) {
    return request.putHeader("Cookie", cookie).putHeader("Origin", new Api(server).origin());
  }

  static HttpResponse<Buffer> get(TestServer server, String cookie, String path, Map<String, String> query) {
    HttpRequest<Buffer> request = as(server, server.client.get(path), cookie);
    query.forEach(request::addQueryParam);
    return request.send().await();
  }

  static JsonArray alerts(TestServer server, String cookie) {
    HttpResponse<Buffer> response = get(server, cookie, "/api/v1/alerts", Map.of());
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject().getJsonArray("alerts");
  }

  static JsonObject alert(TestServer server, String cookie, String id) {
    HttpResponse<Buffer> response = get(server, cookie, "/api/v1/alerts/" + id, Map.of());
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  static HttpResponse<Buffer> act(TestServer server, String cookie, String id, String action, String note) {
    return as(server, server.client.post("/api/v1/alerts/" + id + "/" + action), cookie)
        .sendJsonObject(note == null ? new JsonObject() : new JsonObject().put("note", note)).await();
  }

  static JsonObject byField(JsonArray alerts, String field, String value) {
    return alerts.stream().map(JsonObject.class::cast).filter(a -> value.equals(a.getString(field))).findFirst().orElse(null);
  }
}
