package io.watchfloor.sim;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * How the demo's officers and units reach the server: over its public HTTP API, as the console and the field
 * page do. An officer signs in once with the demo password and again when the session has ended (a 401);
 * a unit sends its bearer token. Every write carries an Idempotency-Key, as the pages' do.
 */
final class DemoHttp {
  private static final Logger LOG = LoggerFactory.getLogger(DemoHttp.class);
  /** A call's status and JSON body (empty when the body is not JSON). */
  record Answer(int status, JsonObject body) {
    boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  private final WebClient client;
  private final String base;
  private final Map<String, String> passwords;
  private final Map<String, Future<String>> cookies = new HashMap<>();

  DemoHttp(WebClient client, String base, Map<String, String> passwords) {
    this.client = client;
    this.base = base;
    this.passwords = passwords;
  }

  Future<Answer> officerGet(String officer, String path) {
    return asOfficer(officer, cookie -> client.getAbs(base + path).putHeader("Cookie", cookie).send());
  }

  Future<Answer> officerPost(String officer, String path, JsonObject body) {
    return asOfficer(officer, cookie -> write(client.postAbs(base + path).putHeader("Cookie", cookie))
        .sendJsonObject(body)).map(answer -> said(path, answer));
  }

  Future<Answer> unitGet(String token, String path) {
    return client.getAbs(base + path).putHeader("Authorization", "Bearer " + token).send().map(DemoHttp::answer);
  }

  Future<Answer> unitPost(String token, String path, JsonObject body) {
    return write(client.postAbs(base + path).putHeader("Authorization", "Bearer " + token)).sendJsonObject(body)
        .map(DemoHttp::answer).map(answer -> said(path, answer));
  }

  /**
   * A report back or a field event with one photo, as the field page sends it: multipart/form-data with its
   * length, which the server requires before it takes any file (so no chunked upload).
   */
  Future<Answer> unitPostWithPhoto(String token, String path, Map<String, String> fields, byte[] jpeg) {
    String boundary = "demo-" + UUID.randomUUID();
    Buffer body = Buffer.buffer();
    fields.forEach((name, value) -> body.appendString("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
        + name + "\"\r\n\r\n").appendString(value, "UTF-8").appendString("\r\n"));
    body.appendString("--" + boundary + "\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"photo.jpg\"\r\n"
        + "Content-Type: image/jpeg\r\n\r\n").appendBytes(jpeg).appendString("\r\n--" + boundary + "--\r\n");
    return write(client.postAbs(base + path).putHeader("Authorization", "Bearer " + token)
            .putHeader("Content-Type", "multipart/form-data; boundary=" + boundary))
        .sendBuffer(body)
        .map(DemoHttp::answer).map(answer -> said(path, answer));
  }

  private HttpRequest<Buffer> write(HttpRequest<Buffer> request) {
    return request.putHeader("Origin", base).putHeader("Idempotency-Key", UUID.randomUUID().toString());
  }

  /** The call with the officer's session; once more after signing in again if the session had ended. */
  private Future<Answer> asOfficer(String officer, java.util.function.Function<String, Future<HttpResponse<Buffer>>> call) {
    return session(officer).compose(call).compose(response -> {
      if (response.statusCode() != 401) {
        return Future.succeededFuture(answer(response));
      }
      cookies.remove(officer);
      return session(officer).compose(call).map(DemoHttp::answer);
    });
  }

  private Future<String> session(String officer) {
    Future<String> cookie = cookies.computeIfAbsent(officer, this::signIn);
    // a failed sign-in is tried again at the next call, not kept
    return cookie.onFailure(e -> cookies.remove(officer, cookie));
  }

  private Future<String> signIn(String officer) {
    return client.postAbs(base + "/api/v1/session").putHeader("Origin", base)
        .sendJsonObject(new JsonObject().put("username", officer).put("password", passwords.get(officer)))
        .compose(response -> {
          if (response.statusCode() != 200 || response.cookies().isEmpty()) {
            return Future.failedFuture("demo officer " + officer + " could not sign in: " + response.statusCode());
          }
          String cookie = response.cookies().get(0);
          return Future.succeededFuture(cookie.substring(0, cookie.indexOf(';')));
        });
  }

  /**
   * A refused write is worth a line, except a 409: a person at the console or the deadline clock moved the case
   * first, and the demo looks at it again next round.
   */
  private static Answer said(String path, Answer answer) {
    if (answer.status() >= 400 && answer.status() != 409) {
      LOG.warn("demo: POST {} answered {}: {}", path, answer.status(), answer.body().getString("detail"));
    }
    return answer;
  }

  private static Answer answer(HttpResponse<Buffer> response) {
    JsonObject body;
    try {
      body = response.body() == null ? new JsonObject() : response.bodyAsJsonObject();
    } catch (RuntimeException e) {
      body = new JsonObject();
    }
    return new Answer(response.statusCode(), body == null ? new JsonObject() : body);
  }
}
