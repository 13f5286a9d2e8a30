package io.watchfloor.bench;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server's ingest rate: {@code loops} clients each post a report across the district's sites as soon as
 * the last one was answered (closed loop), so the accepted reports per second are what the server sustains
 * beside whatever else runs. One instance per window, so each window's count is its own.
 */
final class IngestPump {
  private final WebClient http;
  private final List<JsonObject> sites;
  private final String token;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private long started;
  private long stopped;

  IngestPump(Vertx vertx, int port, List<JsonObject> sites, String token, int loops) {
    this.http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port)
        .setTcpNoDelay(true), new PoolOptions().setHttp1MaxSize(loops));
    this.sites = sites;
    this.token = "Bearer " + token;
    this.started = System.nanoTime();
    for (int i = 0; i < loops; i++) {
      next();
    }
  }

  private void next() {
    if (!running.get()) {
      return;
    }
    JsonObject site = sites.get(ThreadLocalRandom.current().nextInt(sites.size()));
    http.post("/api/v1/reports").putHeader("Authorization", token).putHeader("Content-Type", "application/json")
        .sendBuffer(body(site))
        .onComplete(answer -> {
          if (answer.succeeded() && answer.result().statusCode() == 201) {
            accepted.incrementAndGet();
          } else {
            refused.incrementAndGet();
          }
          next();
        });
  }

  /** Stops sending and answers the accepted reports per second of the window. */
  double stop() {
    running.set(false);
    stopped = System.nanoTime();
    return accepted.get() * 1e9 / (stopped - started);
  }

  long refused() {
    return refused.get();
  }

  void close() {
    running.set(false);
    http.close();
  }

  private static Buffer body(JsonObject site) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    JsonObject metrics = switch (site.getString("kind")) {
      case "community" -> new JsonObject().put("petitions_visit", random.nextInt(3));
      case "inspection" -> new JsonObject().put("score", 60 + random.nextInt(41));
      default -> new JsonObject().put("vehicles_checked", 1 + random.nextInt(5));
    };
    return new JsonObject().put("id", UUID.randomUUID().toString()).put("site", site.getString("id"))
        .put("observedAt", OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0).toString())
        .put("metrics", metrics).toBuffer();
  }
}
