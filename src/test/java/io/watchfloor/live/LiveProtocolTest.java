package io.watchfloor.live;

import io.watchfloor.PgTest;
import io.watchfloor.web.LiveHub;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.watchfloor.Api;
import io.watchfloor.MutableClock;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The live protocol of docs/live-protocol.md with real WebSocket clients against a real server. */
@PgTest
class LiveProtocolTest {
  private static final int INTERVAL_MS = 250;
  private static TestServer server;
  private static Api api;

  @BeforeAll
  static void start() {
    server = TestServer.start(new JsonObject()
        .put("ingest", new JsonObject().put("rate-limit", new JsonObject().put("per-second", 100000).put("burst", 100000)))
        .put("live", new JsonObject().put("ping-seconds", 1).put("delta-interval-ms", INTERVAL_MS)), MutableClock.system());
    api = new Api(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0);
  }

  static void assertSeqContinuous(LiveProbe probe) {
    long expected = 1;
    for (LiveProbe.Frame frame : probe.frames) {
      if (frame.json().getString("type").equals("ping")) {
        assertThat(frame.json().containsKey("seq")).isFalse();
        continue;
      }
      assertThat(frame.json().getLong("seq")).as("frame %s", frame.json().getString("type")).isEqualTo(expected++);
    }
  }

  /**
   * Each message reaches a screen in one text frame, its per-connection prefix and the shared rest
   * together: one write and one flush per client, where two fragments cost two of each at every screen.
   */
  @Test
  void everyMessageIsOneWholeTextFrame() {
    WebSocketClient client = server.vertx.createWebSocketClient();
    List<WebSocketFrame> frames = new CopyOnWriteArrayList<>();
    try {
      ClientWebSocket socket = client.webSocket();
      socket.frameHandler(frame -> {
        if (!frame.isPing() && !frame.isClose() && (frame.isText() || frame.isBinary() || frame.isContinuation())) {
          frames.add(frame);
        }
      });
      socket.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(server.port)
          .setURI("/api/v1/live?key=" + TestTown.DISPLAY_KEY)).await();
      int status = server.client.post("/api/v1/reports").putHeader("Authorization", "Bearer " + TestTown.CHECKPOINTS)
          .sendJsonObject(TestTown.checkpointReport(UUID.randomUUID(), now(), 3, 0)).await().statusCode();
      assertThat(status).isEqualTo(201);
      org.awaitility.Awaitility.await("a delta after the snapshot").atMost(LiveProbe.PATIENCE)
          .until(() -> frames.stream().anyMatch(f -> f.isText() && f.textData().contains("\"type\":\"delta\"")));
      assertThat(frames).allSatisfy(frame -> {
        assertThat(frame.isText()).as("a text frame, not a fragment").isTrue();
        assertThat(frame.isFinal()).as("the whole message").isTrue();
        JsonObject message = new JsonObject(frame.textData());
        assertThat(message.getString("type")).isNotBlank();
        if (!message.getString("type").equals("ping")) {
          assertThat(message.getLong("seq")).isPositive();
        }
      });
    } finally {
      client.close().await();
    }
  }

  @Test
  void concurrentPostsEndInTheSameTotalsOnScreenAsPosted() {
    try (LiveProbe probe = LiveProbe.connect(server)) {
      probe.expect("the first snapshot", p -> p.state() != null);
      assertThat(probe.frames.get(0).json().getString("type")).isEqualTo("snapshot");
      long before = vehicles(probe);
      List<Future<HttpResponse<Buffer>>> posts = new ArrayList<>();
      long posted = 0;
      for (int i = 0; i < 200; i++) {
        int vehicles = 1 + i % 7;
        posted += vehicles;
        posts.add(server.client.post("/api/v1/reports").putHeader("Content-Type", "application/json")
            .putHeader("Authorization", "Bearer " + TestTown.CHECKPOINTS)
            .sendJsonObject(TestTown.checkpointReport(UUID.randomUUID(), now(), vehicles, 0)
                .put("site", List.of("cp-highway-exit", "cp-xudong-road", "cp-yinjiapu-bridge").get(i % 3))));
      }
      Future.all(posts).await();
      assertThat(posts).allSatisfy(f -> assertThat(f.result().statusCode()).isEqualTo(201));
      long expected = before + posted;
      probe.expect("screen totals reach the posted sum", p -> vehicles(p) == expected);
      JsonObject screen = probe.state();
      JsonObject server = api.snapshot();
      assertThat(screen.getJsonObject("sites")).isEqualTo(server.getJsonObject("sites"));
      assertThat(screen.getJsonObject("totals")).isEqualTo(server.getJsonObject("totals"));
      assertSeqContinuous(probe);
    }
  }

  static long vehicles(LiveProbe probe) {
    return probe.state().getJsonObject("totals").getLong("vehicles_checked", 0L);
  }

  /**
   * Hundreds of reports in waves of concurrent posts: the screen gets no more deltas than intervals
   * passed (plus one under way when posting began, one for the leftovers of the test before, and one
   * for the timer catching up after a stall; the timer runs at a fixed rate), however fast or slow the
   * machine posts, and the deltas add up to every report.
   */
  @Test
  void deltasAreCoalescedToOneAnIntervalWhateverTheRate() {
    try (LiveProbe probe = LiveProbe.connect(server)) {
      probe.expect("the first snapshot", p -> p.state() != null);
      long before = vehicles(probe);
      int posted = 0;
      long started = System.nanoTime();
      for (int wave = 0; wave < 8; wave++) {
        List<Future<HttpResponse<Buffer>>> posts = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
          posts.add(server.client.post("/api/v1/reports").putHeader("Content-Type", "application/json")
              .putHeader("Authorization", "Bearer " + TestTown.CHECKPOINTS)
              .sendJsonObject(TestTown.checkpointReport(UUID.randomUUID(), now(), 1, 0)));
          posted++;
        }
        Future.all(posts).await();
        assertThat(posts).allSatisfy(f -> assertThat(f.result().statusCode()).isEqualTo(201));
      }
      long expected = before + posted;
      probe.expect("every posted report reflected on the screen", p -> vehicles(p) == expected);

      List<LiveProbe.Frame> deltas = probe.frames.stream().filter(f -> f.json().getString("type").equals("delta")).toList();
      long elapsedMs = (deltas.get(deltas.size() - 1).arrivedNanos() - started) / 1_000_000;
      assertThat(deltas.size()).as("deltas in %d ms of posting %d reports", elapsedMs, posted)
          .isLessThanOrEqualTo((int) (elapsedMs / INTERVAL_MS) + 3)
          .isLessThan(posted);
      assertSeqContinuous(probe);
    }
  }

  @Test
  void resyncAnswersWithASnapshotAndSeqGoesOn() {
    try (LiveProbe probe = LiveProbe.connect(server)) {
      probe.expect("the first snapshot", p -> p.state() != null);
      assertThat(api.postReport(TestTown.CHECKPOINTS, TestTown.checkpointReport(UUID.randomUUID(), now(), 3, 0))
          .statusCode()).isEqualTo(201);
      probe.expect("a delta", p -> !p.ofType("delta").isEmpty());
      probe.send(new JsonObject().put("type", "resync"));
      probe.expect("a second snapshot, answering the resync", p -> p.ofType("snapshot").size() == 2);
      assertThat(probe.state()).isEqualTo(probe.ofType("snapshot").get(1).getJsonObject("state"));
      probe.expect("a ping (sent every second here)", p -> !p.ofType("ping").isEmpty());
      assertSeqContinuous(probe);
    }
  }

  /** An upgrade request as a browser sends it; refused ones must get their answer before any upgrade. */
  static HttpResponse<Buffer> handshake(String uri, String origin) {
    var request = server.client.get(uri).putHeader("Connection", "Upgrade").putHeader("Upgrade", "websocket")
        .putHeader("Sec-WebSocket-Version", "13").putHeader("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
    if (origin != null) {
      request.putHeader("Origin", origin);
    }
    return request.send().await();
  }

  /** The same with an operator's session cookie and the server's own origin. */
  static HttpResponse<Buffer> handshake(TestServer server, String uri, String cookie) {
    return server.client.get(uri).putHeader("Cookie", cookie).putHeader("Origin", "http://127.0.0.1:" + server.port)
        .putHeader("Connection", "Upgrade").putHeader("Upgrade", "websocket").putHeader("Sec-WebSocket-Version", "13")
        .putHeader("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==").send().await();
  }

  @Test
  void handshakesWithoutCredentialsOrFromAnotherOriginAreRefused() {
    assertThat(handshake("/api/v1/live", null).statusCode()).isEqualTo(401);
    assertThat(handshake("/api/v1/live?key=wrong", null).statusCode()).isEqualTo(401);
    // a unit token is a unit's credential only as a bearer header (then 403: units post, they do not watch);
    // as ?key= it is a display key nobody has (401)
    assertThat(handshake("/api/v1/live?key=" + TestTown.CHECKPOINTS, null).statusCode()).isEqualTo(401);
    assertThat(server.client.get("/api/v1/live").putHeader("Authorization", "Bearer " + TestTown.CHECKPOINTS)
        .putHeader("Connection", "Upgrade").putHeader("Upgrade", "websocket").putHeader("Sec-WebSocket-Version", "13")
        .putHeader("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==").send().await().statusCode()).isEqualTo(403);
    HttpResponse<Buffer> foreign = handshake("/api/v1/live?key=" + TestTown.DISPLAY_KEY, "http://evil.example");
    assertThat(foreign.statusCode()).isEqualTo(403);
    assertThat(foreign.getHeader("Content-Type")).isEqualTo("application/problem+json");
    WebSocketClient sameOrigin = server.vertx.createWebSocketClient();
    assertThat(LiveProbe.attempt(sameOrigin, server, "/api/v1/live?key=" + TestTown.DISPLAY_KEY, "http://127.0.0.1:" + server.port)
        .await().isClosed()).isFalse();
    sameOrigin.close().await();
  }

  @Test
  void aClientThatStopsReadingIsClosedWithTheSlowClientCode() {
    JsonObject tight = new JsonObject()
        .put("ingest", new JsonObject().put("rate-limit", new JsonObject().put("per-second", 100000).put("burst", 100000)))
        .put("http", new JsonObject().put("tcp-send-buffer-bytes", 4096))
        // this client reads now and then: it has time to reach the close frame before its connection is cut
        .put("live", new JsonObject().put("delta-interval-ms", 20).put("write-queue-bytes", 2048).put("max-pending-merges", 10)
            .put("closing-timeout-seconds", 60));
    try (TestServer slow = TestServer.start(tight, MutableClock.system());
         LiveProbe probe = LiveProbe.connect(slow, new WebSocketClientOptions().setReceiveBufferSize(4096), null)) {
      probe.expect("the first snapshot", p -> p.state() != null);
      probe.socket.pause();
      Api slowApi = new Api(slow);
      // posts until the server gives up on the client; the deadline only keeps a broken server from looping forever
      long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      int i = 0;
      while (System.nanoTime() < until && probe.closeCode == null) {
        slowApi.postReport(TestTown.CHECKPOINTS, TestTown.checkpointReport(UUID.randomUUID(), now(), 1 + i++ % 9, 0)
            .put("note", "x".repeat(400)));
        if (i % 50 == 0) {
          probe.socket.resume();
          probe.socket.pause();
        }
      }
      probe.socket.resume();
      probe.expect("the server to close the slow client", p -> p.closeCode != null);
      assertThat(probe.closeCode).isEqualTo(LiveHub.SLOW_CLIENT);
    }
  }
}
