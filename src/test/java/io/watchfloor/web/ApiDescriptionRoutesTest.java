package io.watchfloor.web;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.watchfloor.MutableClock;
import io.watchfloor.PgTest;
import io.watchfloor.TestServer;
import io.watchfloor.Watchfloor;
import io.watchfloor.bus.Addresses;
import io.watchfloor.config.Settings;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A route with no description fails the build, and so does a description of a route the server does not
 * have: the routes are the ones the HTTP verticle really registers, read from its router (an HTTP server
 * of its own on loopback, no store).
 */
@PgTest
class ApiDescriptionRoutesTest {
  /** Paths described and routed outside /api/v1: the operational endpoints. */
  private static final Set<String> OPERATIONAL = Set.of("/health/live", "/health/ready", "/metrics");

  @Test
  void everyRouteIsDescribedAndEveryDescribedPathIsRouted() throws IOException {
    Set<String> routed = routed();
    Set<String> described = described();

    Set<String> undescribed = new TreeSet<>(routed);
    undescribed.removeAll(described);
    Set<String> unrouted = new TreeSet<>(described);
    unrouted.removeAll(routed);
    assertThat(undescribed).as("routes missing from " + ApiDescription.RESOURCE).isEmpty();
    assertThat(unrouted).as("described in " + ApiDescription.RESOURCE + " but not routed").isEmpty();
    // the route list is the real one, not an empty one that would pass the checks above
    assertThat(routed).contains("POST /api/v1/reports", "GET /api/v1/openapi.json", "POST /api/v1/cases/{id}/{action}");
  }

  /** "METHOD /path/{param}" for each route with a method under /api/v1 and each operational one. */
  private static Set<String> routed() {
    Vertx vertx = Watchfloor.vertx();
    try {
      // the verticle asks the store for who may call; with no store here, an answer of nothing will do
      vertx.eventBus().localConsumer(Addresses.ACCESS_CURRENT, message -> message.reply("none"));
      HttpVerticle http = new HttpVerticle(MutableClock.system(), settings());
      vertx.deployVerticle(http).await();
      Set<String> routed = new TreeSet<>();
      for (Route route : http.routes()) {
        // a path with parameters is matched as a regular expression; its name is the path as written
        String path = route.isRegexPath() ? route.getName() : route.getPath();
        Set<HttpMethod> methods = route.methods();
        if (path == null || methods == null || methods.isEmpty()
            || !(path.startsWith("/api/v1/") || OPERATIONAL.contains(path))) {
          continue;
        }
        String openApiPath = path.replaceAll(":([A-Za-z0-9_]+)", "{$1}");
        methods.forEach(m -> routed.add(m.name() + " " + openApiPath));
      }
      return routed;
    } finally {
      vertx.close().await();
    }
  }

  private static Set<String> described() throws IOException {
    JsonObject paths = description().getJsonObject("paths");
    Set<String> described = new TreeSet<>();
    for (String path : paths.fieldNames()) {
      for (String method : paths.getJsonObject(path).fieldNames()) {
        if (Set.of("get", "put", "post", "delete", "patch", "head", "options").contains(method)) {
          described.add(method.toUpperCase() + " " + path);
        }
      }
    }
    return described;
  }

  static JsonObject description() throws IOException {
    try (InputStream in = ApiDescriptionRoutesTest.class.getClassLoader().getResourceAsStream(ApiDescription.RESOURCE)) {
      assertThat(in).as(ApiDescription.RESOURCE).isNotNull();
      return new JsonObject(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  private static Settings settings() {
    JsonObject app = TestServer.shipped("application.json");
    app.getJsonObject("http").put("port", TestServer.freePort()).put("host", "127.0.0.1");
    return Settings.of(app, TestServer.shipped("town.json"), TestServer.shipped("access.json"),
        TestServer.shipped("demo-access.json"), TestServer.shipped("rules.json"), TestServer.shipped("case-limits.json"));
  }
}
