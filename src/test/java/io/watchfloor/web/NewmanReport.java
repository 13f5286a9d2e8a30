package io.watchfloor.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What Newman's JSON reporter wrote: each request with its answer's status and its assertions. A failure is a
 * failed assertion or a 5xx (which no assertion need mention: a variation that expects a 4xx also fails on one,
 * but an answer nothing asserts on must not pass unseen), and Newman's own errors (a request that got no answer).
 */
record NewmanReport(int requests, int assertions, int operations, List<String> failures) {

  static NewmanReport read(Path file) throws IOException {
    JsonObject run = new JsonObject(Files.readString(file, StandardCharsets.UTF_8)).getJsonObject("run");
    List<String> failures = new ArrayList<>();
    int assertions = 0;
    java.util.Set<String> operations = new java.util.TreeSet<>();
    JsonArray executions = run.getJsonArray("executions", new JsonArray());
    for (Object e : executions) {
      JsonObject execution = (JsonObject) e;
      String name = execution.getJsonObject("item", new JsonObject()).getString("name", "?");
      JsonObject response = execution.getJsonObject("response");
      JsonObject request = execution.getJsonObject("request", new JsonObject());
      String said = request.getString("method", "?") + " " + url(request) + " (" + name + ")";
      if (response == null) {
        failures.add(said + ": no answer" + error(execution.getJsonObject("requestError")));
        continue;
      }
      int status = response.getInteger("code", 0);
      if (status >= 500) {
        failures.add(said + ": " + status + " " + body(response));
      }
      for (Object a : execution.getJsonArray("assertions", new JsonArray())) {
        JsonObject assertion = (JsonObject) a;
        assertions++;
        operations.add(assertion.getString("assertion", "").replaceFirst(" - .*", ""));
        if (assertion.containsKey("error")) {
          failures.add(said + ": " + status + ", " + assertion.getString("assertion") + ": "
              + assertion.getJsonObject("error").getString("message") + " " + body(response));
        }
      }
    }
    for (Object f : run.getJsonArray("failures", new JsonArray())) {
      JsonObject failure = (JsonObject) f;
      JsonObject error = failure.getJsonObject("error", new JsonObject());
      if (!"AssertionError".equals(error.getString("name"))) { // the assertions are listed above
        failures.add(failure.getJsonObject("source", new JsonObject()).getString("name", "?") + ": "
            + error.getString("name") + " " + error.getString("message"));
      }
    }
    return new NewmanReport(executions.size(), assertions, operations.size(), failures);
  }

  private static String url(JsonObject request) {
    Object url = request.getValue("url");
    if (url instanceof JsonObject u) {
      String path = String.join("/", u.getJsonArray("path", new JsonArray()).stream().map(String::valueOf).toList());
      List<String> query = u.getJsonArray("query", new JsonArray()).stream().map(q -> (JsonObject) q)
          .filter(q -> !q.getBoolean("disabled", false)).map(q -> q.getString("key") + "=" + q.getString("value")).toList();
      return "/" + path + (query.isEmpty() ? "" : "?" + String.join("&", query));
    }
    return String.valueOf(url);
  }

  /** The answer's body, shortened: Newman keeps it as an array of bytes. */
  private static String body(JsonObject response) {
    JsonObject stream = response.getJsonObject("stream");
    if (stream == null) {
      return "";
    }
    JsonArray data = stream.getJsonArray("data", new JsonArray());
    byte[] bytes = new byte[Math.min(data.size(), 300)];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) data.getInteger(i).intValue();
    }
    return new String(bytes, StandardCharsets.UTF_8) + (data.size() > bytes.length ? "…" : "");
  }

  private static String error(JsonObject error) {
    return error == null ? "" : ": " + error.getString("message");
  }
}
