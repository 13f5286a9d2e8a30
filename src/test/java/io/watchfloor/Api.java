package io.watchfloor;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;

/** Blocking calls against a {@link TestServer}, so tests read top to bottom. */
public final class Api {
  private final TestServer server;

  public Api(TestServer server) {
    this.server = server;
  }

  public HttpResponse<Buffer> postReport(String token, JsonObject body) {
    return postRaw("/api/v1/reports", token, body.toBuffer());
  }

  public HttpResponse<Buffer> postBatch(String token, JsonObject body) {
    return postRaw("/api/v1/reports/batch", token, body.toBuffer());
  }

  public HttpResponse<Buffer> postRaw(String path, String token, Buffer body) {
    HttpRequest<Buffer> request = server.client.post(path).putHeader("Content-Type", "application/json");
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    return request.sendBuffer(body).await();
  }

  public JsonObject snapshot() {
    HttpResponse<Buffer> response = server.client.get("/api/v1/snapshot").addQueryParam("key", TestTown.DISPLAY_KEY)
        .send().await();
    if (response.statusCode() != 200) {
      throw new AssertionError("snapshot answered " + response.statusCode() + ": " + response.bodyAsString());
    }
    return response.bodyAsJsonObject();
  }

  /** Signs an operator in as a browser would (with the server's own Origin); returns the cookie pair to send back. */
  public String signIn(String username, String password) {
    HttpResponse<Buffer> response = server.client.post("/api/v1/session").putHeader("Origin", origin())
        .sendJsonObject(new JsonObject().put("username", username).put("password", password)).await();
    if (response.statusCode() != 200) {
      throw new AssertionError("sign-in answered " + response.statusCode() + ": " + response.bodyAsString());
    }
    String cookie = response.cookies().get(0);
    return cookie.substring(0, cookie.indexOf(';'));
  }

  public String origin() {
    return "http://127.0.0.1:" + server.port;
  }

  public JsonObject totals() {
    return snapshot().getJsonObject("totals");
  }
}
