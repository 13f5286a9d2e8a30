package io.watchfloor.pgha;

import io.vertx.core.json.JsonObject;
import io.watchfloor.cluster.ClusterFaultHttp;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The duty officer of the demo, signed in once, acknowledging alerts from the console as its buttons do. */
final class PgHaOfficer {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /** An answer: its status (-1 for none), whether it carried Retry-After, and its body. */
  record Answer(int status, boolean retryAfter, String body) {
    @Override
    public String toString() {
      return status + (retryAfter ? " with Retry-After" : "") + (status >= 300 ? " " + body : "");
    }
  }

  private final String baseUrl;
  private final String cookie;

  private PgHaOfficer(String baseUrl, String cookie) {
    this.baseUrl = baseUrl;
    this.cookie = cookie;
  }

  static PgHaOfficer signIn(String baseUrl) throws IOException, InterruptedException {
    return new PgHaOfficer(baseUrl, ClusterFaultHttp.signIn(baseUrl));
  }

  /** POST /api/v1/alerts/ID/ack; waits for the answer as long as a person would before pressing again. */
  Answer acknowledge(String alertId) {
    try {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/alerts/" + alertId
              + "/ack")).header("Cookie", cookie).header("Origin", baseUrl).header("Content-Type", "application/json")
          .timeout(Duration.ofSeconds(30))
          .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("note", "on my way").encode())).build(),
          HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.headers().firstValue("Retry-After").isPresent(), response.body());
    } catch (IOException e) {
      return new Answer(-1, false, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(-1, false, "interrupted");
    }
  }
}
