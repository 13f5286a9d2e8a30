package io.watchfloor.cluster;

import io.vertx.core.json.JsonObject;
import io.watchfloor.TestTown;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The few blocking HTTP calls the fault test and the cluster benchmark make besides the reporter: an
 * officer's sign-in, an officer-only read with the cookie, a node's snapshot, one report. A call that
 * gets no answer gives -1 or null rather than throwing, since a dead node is what is being tested.
 */
public final class ClusterFaultHttp {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private ClusterFaultHttp() {
  }

  /** Signs the duty officer in at {@code baseUrl} (a node, directly); returns the cookie pair to send back. */
  public static String signIn(String baseUrl) throws IOException, InterruptedException {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/session"))
        .header("Content-Type", "application/json").header("Origin", baseUrl)
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("username", "duty")
            .put("password", "duty-demo-pass").encode())).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new AssertionError("sign-in at " + baseUrl + " answered " + response.statusCode() + ": " + response.body());
    }
    String cookie = response.headers().firstValue("Set-Cookie").orElseThrow();
    return cookie.substring(0, cookie.indexOf(';'));
  }

  /** GET /api/v1/alerts (officers only) with the cookie; the status, or -1 on no answer. */
  public static int alertsWithCookie(String baseUrl, String cookie) {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/alerts")).header("Cookie", cookie)
          .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** A node's snapshot for the district screen key; null if it does not answer 200. */
  public static JsonObject snapshot(String baseUrl) {
    try {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl
          + "/api/v1/snapshot?key=" + TestTown.DISPLAY_KEY)).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? new JsonObject(response.body()) : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** POST one report body with a unit's token; the status, or -1 on no answer. */
  public static int postReport(String baseUrl, String token, String body) {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/reports"))
          .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
          .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }
}
