package io.watchfloor.cluster;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.watchfloor.MutableClock;
import io.watchfloor.TestServer;
import io.watchfloor.Watchfloor;
import io.watchfloor.config.ClusterConfig;
import io.watchfloor.config.Settings;

import java.util.List;

/** One node of a loopback cluster in the test JVM: the whole server, clustered, on ports of its own. */
final class ClusterNode implements AutoCloseable {
  final Vertx vertx;
  final int httpPort;
  final ClusterConfig cluster;
  final WebClient client;

  private ClusterNode(Vertx vertx, int httpPort, ClusterConfig cluster) {
    this.vertx = vertx;
    this.httpPort = httpPort;
    this.cluster = cluster;
    this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(httpPort),
        new PoolOptions().setHttp1MaxSize(8));
  }

  /** The cluster section of a node on loopback that lists {@code members}. */
  static JsonObject clusterSection(int port, List<String> members) {
    return new JsonObject().put("enabled", true).put("host", "127.0.0.1").put("port", port)
        .put("bus-port", TestServer.freePort()).put("members", new JsonArray(members)).put("heartbeat-seconds", 3);
  }

  /**
   * Two nodes of one loopback cluster on PostgreSQL at {@code pgUrl}, each with its clock, started one after
   * the other: the first creates the schema, the second finds it made. If the second does not start, the
   * first is closed, so no node is left running in the test JVM.
   */
  static ClusterNode[] pair(String pgUrl, MutableClock clockA, MutableClock clockB) {
    int portA = TestServer.freePort();
    int portB = TestServer.freePort();
    List<String> members = List.of("127.0.0.1:" + portA, "127.0.0.1:" + portB);
    ClusterNode a = start(pgUrl, clusterSection(portA, members), clockA);
    try {
      return new ClusterNode[] {a, start(pgUrl, clusterSection(portB, members), clockB)};
    } catch (RuntimeException e) {
      a.close();
      throw e;
    }
  }

  /** The demo's operators with the simulation off, on PostgreSQL at {@code pgUrl}. */
  static ClusterNode start(String pgUrl, JsonObject clusterSection, MutableClock clock) {
    int httpPort = TestServer.freePort();
    JsonObject app = TestServer.shipped("application.json");
    app.getJsonObject("demo").put("enabled", true).put("simulate", false);
    app.getJsonObject("http").put("port", httpPort).put("host", "127.0.0.1");
    app.getJsonObject("store").put("kind", "postgres").getJsonObject("pg").put("url", pgUrl);
    app.put("cluster", clusterSection);
    Settings settings = Settings.of(app, TestServer.shipped("town.json"), TestServer.shipped("access.json"),
        TestServer.shipped("demo-access.json"), TestServer.shipped("rules.json"), TestServer.shipped("case-limits.json"));
    ClusterConfig cluster = settings.app().cluster();
    Vertx vertx = Watchfloor.vertx(cluster).await();
    try {
      Watchfloor.deploy(vertx, settings, clock).await();
    } catch (RuntimeException e) {
      vertx.close().await();
      throw e;
    }
    return new ClusterNode(vertx, httpPort, cluster);
  }

  String origin() {
    return "http://127.0.0.1:" + httpPort;
  }

  HttpResponse<Buffer> get(String path, String cookie) {
    return withCookie(client.get(path), cookie).send().await();
  }

  /** Signs in as a browser on this node's page would; returns the cookie pair to send back. */
  String signIn(String username, String password) {
    HttpResponse<Buffer> response = client.post("/api/v1/session").putHeader("Origin", origin())
        .sendJsonObject(new JsonObject().put("username", username).put("password", password)).await();
    if (response.statusCode() != 200) {
      throw new AssertionError("sign-in answered " + response.statusCode() + ": " + response.bodyAsString());
    }
    String cookie = response.cookies().get(0);
    return cookie.substring(0, cookie.indexOf(';'));
  }

  HttpResponse<Buffer> signOut(String cookie) {
    return withCookie(client.delete("/api/v1/session").putHeader("Origin", origin()), cookie).send().await();
  }

  private static HttpRequest<Buffer> withCookie(HttpRequest<Buffer> request, String cookie) {
    return cookie == null ? request : request.putHeader("Cookie", cookie);
  }

  @Override
  public void close() {
    client.close();
    vertx.close().await();
  }
}
