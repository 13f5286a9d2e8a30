package io.watchfloor;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.json.schema.JsonSchemaValidationException;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.ResponseValidator;
import io.vertx.openapi.validation.ValidatableResponse;
import io.watchfloor.web.ApiDescription;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Holds an answer of the server to the API's OpenAPI description, with Vert.x's own validator: its status
 * must be one the operation lists, its described headers present and well formed, its body of the media
 * type and schema described. An API test calls {@link #check} on each answer it gets.
 *
 * <p>The validator reads JSON bodies; for an answer of another media type (a photo, the audit's CSV,
 * Prometheus text) this checks that the operation lists its status and its media type, not the bytes.
 */
public final class ApiContract {
  private static final String PROBLEM = "application/problem+json";

  private final JsonObject description;
  private final OpenAPIContract contract;
  private final ResponseValidator validator;

  private static ApiContract shared;

  /**
   * One for the whole test run, on a Vert.x of its own, for a helper that holds a server's client but not
   * its Vert.x; the validator keeps no state between answers.
   */
  public static synchronized ApiContract shared() {
    if (shared == null) {
      shared = new ApiContract(Vertx.vertx());
    }
    return shared;
  }

  public ApiContract(Vertx vertx) {
    this.description = description();
    this.contract = OpenAPIContract.from(vertx, readable(description)).await();
    this.validator = ResponseValidator.create(vertx, contract);
  }

  public static JsonObject description() {
    try (InputStream in = ApiContract.class.getClassLoader().getResourceAsStream(ApiDescription.RESOURCE)) {
      if (in == null) {
        throw new AssertionError(ApiDescription.RESOURCE + " is not on the class path");
      }
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends the request and checks the answer; for tests that would rather not repeat the method and path. */
  public HttpResponse<Buffer> send(HttpRequest<Buffer> request) {
    return check(request, request.send().await());
  }

  /** Checks an answer to this request, and hands it back so a test can go on asserting on it. */
  public HttpResponse<Buffer> check(HttpRequest<Buffer> request, HttpResponse<Buffer> response) {
    return check(request.method(), request.uri(), response);
  }

  public HttpResponse<Buffer> check(HttpMethod method, String uri, HttpResponse<Buffer> response) {
    String path = uri.contains("?") ? uri.substring(0, uri.indexOf('?')) : uri;
    Operation operation = contract.findOperation(path, method);
    if (operation == null) {
      throw new AssertionError(method + " " + path + " is not in " + ApiDescription.RESOURCE);
    }
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    response.headers().forEach(h -> headers.merge(h.getKey(), h.getValue(), (a, b) -> a + ", " + b));
    // the validator cannot decode a challenge with a quoted parameter (Bearer error="invalid_token") as a
    // string, so this header is checked here
    String challenge = headers.remove("WWW-Authenticate");
    if (response.statusCode() == 401 && (challenge == null || !challenge.startsWith("Bearer"))) {
      throw new AssertionError(method + " " + uri + " answered 401 without a Bearer challenge: " + challenge);
    }
    // nor a link with a quoted relation (<…>; rel="next"): checked here too
    String link = headers.remove("Link");
    if (link != null && !link.matches("<[^>]+>; *rel=\"next\"")) {
      throw new AssertionError(method + " " + uri + " answered a Link that is not <url>; rel=\"next\": " + link);
    }
    String contentType = response.getHeader("Content-Type");
    String type = contentType == null ? null : contentType.split(";")[0].trim().toLowerCase();
    Buffer body = response.body();
    JsonObject described = described(operation, response.statusCode());
    if (described != null && body != null && body.length() > 0 && described.getJsonObject("content") != null
        && !described.getJsonObject("content").containsKey(type)) {
      throw new AssertionError(method + " " + uri + " answered " + response.statusCode() + " as " + contentType
          + ", not as " + described.getJsonObject("content").fieldNames() + " (" + operation.getOperationId() + ")");
    }
    if (PROBLEM.equals(type)) {
      contentType = "application/json"; // the validator reads problem+json as the JSON it is (see readable)
    }
    if (body != null && body.length() > 0 && !json(type)) {
      if (described == null) {
        throw new AssertionError(method + " " + uri + " answered " + response.statusCode() + ", a status "
            + operation.getOperationId() + " does not list");
      }
      return response; // a status and a media type it lists: the validator reads no further than JSON
    }
    ValidatableResponse answer = body == null || body.length() == 0
        ? ValidatableResponse.create(response.statusCode(), headers)
        : ValidatableResponse.create(response.statusCode(), headers, body, contentType);
    try {
      validator.validate(answer, operation.getOperationId()).await();
    } catch (RuntimeException e) {
      throw new AssertionError(method + " " + uri + " answered " + response.statusCode() + " " + contentType
          + " that does not conform to " + ApiDescription.RESOURCE + " (" + operation.getOperationId() + "): "
          + e.getMessage() + "\n" + response.bodyAsString(), e);
    }
    return response;
  }

  /**
   * A JSON body the server accepted must be one the description accepts too, or a client generated from it
   * could not send it: checked against the operation's request schema.
   */
  public void checkAccepted(HttpMethod method, String uri, Object body) {
    String path = uri.contains("?") ? uri.substring(0, uri.indexOf('?')) : uri;
    Operation operation = contract.findOperation(path, method);
    if (operation == null) {
      throw new AssertionError(method + " " + path + " is not in " + ApiDescription.RESOURCE);
    }
    MediaType json = operation.getRequestBody() == null ? null : operation.getRequestBody().getContent().get("application/json");
    if (json == null) {
      throw new AssertionError(operation.getOperationId() + " describes no JSON body, yet the server took one");
    }
    try {
      contract.getSchemaRepository().validator(json.getSchema()).validate(body).checkValidity();
    } catch (JsonSchemaValidationException e) {
      throw new AssertionError("the server accepted a body for " + operation.getOperationId() + " that "
          + ApiDescription.RESOURCE + " refuses: " + e.getMessage() + " at " + e.location() + "\n" + body, e);
    }
  }

  /** The response the description gives for this status, its reference followed; null if none. */
  private JsonObject described(Operation operation, int status) {
    JsonObject responses = description.getJsonObject("paths").getJsonObject(operation.getOpenAPIPath())
        .getJsonObject(operation.getHttpMethod().name().toLowerCase()).getJsonObject("responses");
    JsonObject response = responses.getJsonObject(String.valueOf(status));
    if (response != null && response.containsKey("$ref")) {
      String name = response.getString("$ref").substring("#/components/responses/".length());
      response = description.getJsonObject("components").getJsonObject("responses").getJsonObject(name);
    }
    return response;
  }

  /** The bodies the validator reads: JSON; others (a photo, CSV, Prometheus text) are checked by type only. */
  private static boolean json(String type) {
    return "application/json".equals(type) || PROBLEM.equals(type);
  }


  /**
   * The description as the validator can load it: it refuses a contract naming a media type it cannot
   * read (image/jpeg, text/csv), so answers are left with their JSON media types only (see check).
   * It does not know application/problem+json either, which is JSON: the errors are read as such, once
   * {@link #check} has made sure the server sent the media type described.
   */
  private static JsonObject readable(JsonObject description) {
    JsonObject copy = description.copy();
    JsonObject shared = copy.getJsonObject("components").getJsonObject("responses");
    for (String name : shared.fieldNames()) {
      JsonObject headers = shared.getJsonObject(name).getJsonObject("headers");
      if (headers != null) {
        headers.remove("WWW-Authenticate"); // checked by check() itself
      }
      JsonObject content = shared.getJsonObject(name).getJsonObject("content");
      if (content != null && content.containsKey(PROBLEM)) {
        content.put("application/json", content.remove(PROBLEM));
      }
    }
    JsonObject paths = copy.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        JsonObject responses = item.getJsonObject(method).getJsonObject("responses");
        for (String status : responses.fieldNames()) {
          JsonObject headers = responses.getJsonObject(status).getJsonObject("headers");
          if (headers != null) {
            headers.remove("Link"); // checked by check() itself
          }
          JsonObject content = responses.getJsonObject(status).getJsonObject("content");
          if (content != null) {
            content.fieldNames().removeIf(type -> !json(type));
            if (content.isEmpty()) {
              responses.getJsonObject(status).remove("content");
            }
          }
        }
      }
    }
    return copy;
  }
}
