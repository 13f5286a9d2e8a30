package io.watchfloor.admin;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.watchfloor.ApiContract;

/**
 * The admin API as the /admin page calls it: with the session cookie and the server's own Origin. Every answer
 * is held to the API's OpenAPI description on the way ({@link ApiContract}).
 */
final class AdminCalls {
  final WebClient client;
  final String origin;
  private final ApiContract contract = ApiContract.shared();

  AdminCalls(WebClient client, int port) {
    this.client = client;
    this.origin = "http://127.0.0.1:" + port;
  }

  HttpResponse<Buffer> get(String path, String cookie) {
    return contract.send(with(client.get(path), cookie));
  }

  HttpResponse<Buffer> post(String path, String cookie, JsonObject body) {
    HttpRequest<Buffer> request = with(client.post(path), cookie).putHeader("Origin", origin);
    return contract.check(request, body == null ? request.send().await() : request.sendJsonObject(body).await());
  }

  HttpResponse<Buffer> delete(String path, String cookie) {
    return contract.send(with(client.delete(path), cookie).putHeader("Origin", origin));
  }

  HttpResponse<Buffer> signInRaw(String username, String password) {
    HttpRequest<Buffer> request = client.post("/api/v1/session").putHeader("Origin", origin);
    return contract.check(request, request.sendJsonObject(new JsonObject().put("username", username).put("password", password)).await());
  }

  /** The cookie pair to send back. */
  String signIn(String username, String password) {
    HttpResponse<Buffer> response = signInRaw(username, password);
    if (response.statusCode() != 200) {
      throw new AssertionError("sign-in of " + username + " answered " + response.statusCode() + ": " + response.bodyAsString());
    }
    String cookie = response.cookies().get(0);
    return cookie.substring(0, cookie.indexOf(';'));
  }

  /** Signs in with a password an admin set, and changes it as the operator must; returns the re-issued session's cookie. */
  String signInAndChange(String username, String temporary, String chosen) {
    String cookie = signIn(username, temporary);
    HttpResponse<Buffer> changed = post("/api/v1/session/password", cookie,
        new JsonObject().put("currentPassword", temporary).put("password", chosen));
    if (changed.statusCode() != 200) {
      throw new AssertionError("password change answered " + changed.statusCode() + ": " + changed.bodyAsString());
    }
    return reissued(changed);
  }

  /** The session a password change re-issued under a new id. */
  static String reissued(HttpResponse<Buffer> changed) {
    String cookie = changed.cookies().stream().filter(c -> c.startsWith("wf_session=")).findFirst()
        .orElseThrow(() -> new AssertionError("no session re-issued: " + changed.cookies()));
    return cookie.substring(0, cookie.indexOf(';'));
  }

  HttpResponse<Buffer> report(String token, JsonObject body) {
    HttpRequest<Buffer> request = client.post("/api/v1/reports").putHeader("Authorization", "Bearer " + token);
    return contract.check(request, request.sendJsonObject(body).await());
  }

  HttpResponse<Buffer> withKey(String path, String key) {
    return contract.send(client.get(path).addQueryParam("key", key));
  }

  private static HttpRequest<Buffer> with(HttpRequest<Buffer> request, String cookie) {
    return cookie == null ? request : request.putHeader("Cookie", cookie);
  }
}
