package io.watchfloor;

import io.watchfloor.config.Settings;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/** A whole Watchfloor server in the test JVM, started from the shipped config with overrides. */
public final class TestServer implements AutoCloseable {
  public final Vertx vertx;
  public final int port;
  public final MutableClock clock;
  public final WebClient client;

  private TestServer(Vertx vertx, int port, MutableClock clock) {
    this.vertx = vertx;
    this.port = port;
    this.clock = clock;
    this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port),
        new io.vertx.core.http.PoolOptions().setHttp1MaxSize(32));
  }

  /** @param overrides merged deeply into config/application.json */
  public static TestServer start(JsonObject overrides, MutableClock clock) {
    return start(overrides, clock, shipped("access.json"), freePort());
  }

  /** @param access replaces config/access.json, e.g. to add a viewer; the demo entries still come on top */
  public static TestServer start(JsonObject overrides, MutableClock clock, JsonObject access) {
    return start(overrides, clock, access, freePort());
  }

  /** On a given port, e.g. to start a server again where a browser expects it. */
  public static TestServer start(JsonObject overrides, MutableClock clock, int port) {
    return start(overrides, clock, shipped("access.json"), port);
  }

  /**
   * Tests sign in with the demo credentials, which only a demo server accepts, and most need quiet
   * totals: so the demo is on with its simulated units off, unless the overrides say otherwise. A
   * test that turns the demo on itself wants the simulated units and the demo's time limits, as
   * {@code --demo} gives them.
   */
  private static TestServer start(JsonObject overrides, MutableClock clock, JsonObject access, int port) {
    JsonObject app = shipped("application.json");
    JsonObject asked = overrides.getJsonObject("demo", new JsonObject());
    if (!asked.containsKey("enabled")) {
      app.getJsonObject("demo").put("enabled", true).put("simulate", false);
    }
    app.mergeIn(overrides, true);
    app.getJsonObject("http").put("port", port).put("host", "127.0.0.1");
    // only a test that paces the demo's case loop itself wants the demo's minutes; a wall test that merely
    // turns the simulated units on times its own cases against the shipped limits
    boolean demoAsked = asked.containsKey("case-tick-ms") && app.getJsonObject("demo").getBoolean("enabled");
    Settings settings = Settings.of(app, shipped("town.json"), access, shipped("demo-access.json"), shipped("rules.json"),
        demoAsked ? demoCaseLimits() : shipped("case-limits.json"));
    Vertx vertx = Watchfloor.vertx();
    try {
      Watchfloor.deploy(vertx, settings, clock).await();
    } catch (RuntimeException e) {
      vertx.close().await();
      throw e;
    }
    return new TestServer(vertx, port, clock);
  }

  /** The time limits --demo runs on: the demo's minutes, the shipped calendar (Settings.caseTime). */
  private static JsonObject demoCaseLimits() {
    return shipped("case-limits.json").put("limits", shipped("demo-case-limits.json").getJsonArray("limits"));
  }

  /** A server as started without --demo: the demo credentials must not work on it. */
  public static TestServer plain(JsonObject overrides) {
    return start(new JsonObject().put("demo", new JsonObject().put("enabled", false)).mergeIn(overrides, true),
        MutableClock.system());
  }

  public static TestServer memory() {
    return start(new JsonObject(), MutableClock.system());
  }

  public static TestServer postgres(String url, MutableClock clock) {
    return start(new JsonObject().put("store", postgresStore(url)), clock);
  }

  /** The {@code store} settings for the PostgreSQL database at {@code url}, for a test that sets more than these. */
  public static JsonObject postgresStore(String url) {
    return new JsonObject().put("kind", "postgres").put("pg", new JsonObject().put("url", url).put("connect-timeout-ms", 1000));
  }

  public static JsonObject shipped(String file) {
    try {
      return new JsonObject(Buffer.buffer(Files.readAllBytes(Path.of("config", file))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A port free now and never handed out before in this run. The kernel may give the same ephemeral port to
   * two calls in a row once the first socket is closed: a balancer and its stats page were once given one
   * port, and the screens meant for the balancer all reached the stats page.
   */
  public static int freePort() {
    while (true) {
      try (ServerSocket socket = new ServerSocket(0)) {
        int port = socket.getLocalPort();
        if (HANDED_OUT.add(port)) {
          return port;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

  @Override
  public void close() {
    client.close();
    vertx.close().await();
  }
}
