package io.watchfloor.delivery;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.watchfloor.ApiContract;
import io.watchfloor.TestServer;

/**
 * The channels' and routes' API as the /admin page calls it: with the session cookie and the server's Origin.
 * Every answer is held to the API's OpenAPI description on the way ({@link ApiContract}).
 */
final class NotifyCalls {
  static final String STRONG = "v7#Qm2!pLx9&Tz4w";
  static final String STRONG_2 = "Gr8%kW3z@Yq6!nB1";

  private final TestServer server;
  private final String origin;
  private final ApiContract contract;

  NotifyCalls(TestServer server) {
    this.server = server;
    this.origin = "http://127.0.0.1:" + server.port;
    this.contract = new ApiContract(server.vertx);
  }

  HttpResponse<Buffer> get(String path, String cookie) {
    return contract.send(with(server.client.get(path), cookie));
  }

  HttpResponse<Buffer> post(String path, String cookie, JsonObject body) {
    HttpRequest<Buffer> request = with(server.client.post(path), cookie).putHeader("Origin", origin);
    return contract.check(request, body == null ? request.send().await() : request.sendJsonObject(body).await());
  }

  HttpResponse<Buffer> postRaw(String path, String cookie, String body) {
    HttpRequest<Buffer> request = with(server.client.post(path), cookie).putHeader("Origin", origin)
        .putHeader("Content-Type", "application/json");
    return contract.check(request, request.sendBuffer(Buffer.buffer(body)).await());
  }

  HttpResponse<Buffer> delete(String path, String cookie) {
    return contract.send(with(server.client.delete(path), cookie).putHeader("Origin", origin));
  }

  String signIn(String username, String password) {
    HttpRequest<Buffer> request = server.client.post("/api/v1/session").putHeader("Origin", origin);
    HttpResponse<Buffer> response = contract.check(request,
        request.sendJsonObject(new JsonObject().put("username", username).put("password", password)).await());
    if (response.statusCode() != 200) {
      throw new AssertionError("sign-in of " + username + " answered " + response.statusCode() + ": " + response.bodyAsString());
    }
    String cookie = response.cookies().get(0);
    return cookie.substring(0, cookie.indexOf(';'));
  }

  /** A new admin of {@code scope}, signed in with the password they had to choose. */
  String townAdmin(String admin, String username, String scope) {
    HttpResponse<Buffer> made = post("/api/v1/admin/operators", admin, new JsonObject().put("username", username)
        .put("name", "管理员 " + username).put("role", "admin").put("scope", scope).put("password", STRONG));
    if (made.statusCode() != 201) {
      throw new AssertionError(made.bodyAsString());
    }
    String cookie = signIn(username, STRONG);
    HttpResponse<Buffer> changed = post("/api/v1/session/password", cookie,
        new JsonObject().put("currentPassword", STRONG).put("password", STRONG_2));
    String reissued = changed.cookies().stream().filter(c -> c.startsWith("wf_session=")).findFirst().orElseThrow();
    return reissued.substring(0, reissued.indexOf(';'));
  }

  private static HttpRequest<Buffer> with(HttpRequest<Buffer> request, String cookie) {
    return cookie == null ? request : request.putHeader("Cookie", cookie);
  }
}
