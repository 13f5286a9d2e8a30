package io.watchfloor.live;

import io.micrometer.core.instrument.Counter;
import io.vertx.core.json.JsonObject;
import io.watchfloor.MutableClock;
import io.watchfloor.PgTest;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;
import io.watchfloor.ops.Meters;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A wall-screen client cannot grow the server's memory by asking for snapshots: resyncs merge into
 * at most one snapshot a second, and a client whose write queue is full is closed whatever it sends.
 */
@PgTest
class ResyncFloodTest {
  private static final byte[] RESYNC = frame("{\"type\":\"resync\"}");

  /**
   * Once closed, the hub writes it nothing more; its close frame waits behind the bytes it never
   * read, so the connection goes when it falls idle (three seconds here).
   */
  @Test
  void aClientThatFloodsResyncsAndNeverReadsIsClosedAndCostsABoundedNumberOfSnapshots() throws Exception {
    JsonObject tight = new JsonObject()
        .put("http", new JsonObject().put("tcp-send-buffer-bytes", 4096).put("idle-timeout-seconds", 3))
        .put("live", new JsonObject().put("write-queue-bytes", 16 * 1024));
    try (TestServer server = TestServer.start(tight, MutableClock.system());
         Socket raw = new Socket()) {
      // what one snapshot of the whole district weighs: the bound below grows with the district, not with the flood
      int snapshotBytes = new io.watchfloor.Api(server).snapshot().encode().getBytes(StandardCharsets.UTF_8).length;
      double slowBefore = slowCloses();
      double snapshotsBefore = snapshots();
      raw.setReceiveBufferSize(4096);
      raw.connect(new InetSocketAddress("127.0.0.1", server.port));
      OutputStream out = raw.getOutputStream();
      out.write(("GET /api/v1/live?key=" + TestTown.DISPLAY_KEY + " HTTP/1.1\r\nHost: 127.0.0.1:" + server.port
          + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
          + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));

      long started = System.nanoTime();
      long deadline = System.currentTimeMillis() + 30_000;
      int sent = 0;
      // never reads a byte while it floods: thousands of resyncs, and on after the server gave up on it
      while (System.currentTimeMillis() < deadline && (sent < 5000 || slowCloses() == slowBefore)) {
        for (int i = 0; i < 50; i++) {
          out.write(RESYNC);
        }
        out.flush();
        sent += 50;
        Thread.sleep(5); // paces the flood at about ten thousand resyncs a second: load, not a wait for anything
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      assertThat(slowCloses() - slowBefore).as("closed as a slow client (4001) within 30 s").isEqualTo(1);
      double snapshotsSent = snapshots() - snapshotsBefore;
      assertThat(snapshotsSent).as("snapshots queued for %d resyncs in %.1f s", sent, seconds)
          .isLessThanOrEqualTo(2 + seconds);

      raw.setSoTimeout(15_000);
      InputStream in = raw.getInputStream();
      long read = 0;
      for (int n = in.read(new byte[8192]); n >= 0; n = in.read(new byte[8192])) {
        read += n;
      }
      // the state may have grown meanwhile: after the daily deadlines, the missing-report rule fires an alert a
      // late site soon after start, and every snapshot from then on carries them; no report arrives, so the state
      // is at its largest at the end
      int largest = Math.max(snapshotBytes,
          new io.watchfloor.Api(server).snapshot().encode().getBytes(StandardCharsets.UTF_8).length);
      assertThat(read).as("bytes the server had queued for it (%.0f snapshots of at most %d)", snapshotsSent, largest)
          .isLessThan((long) ((snapshotsSent + 1) * largest) + 16 * 1024);
    }
  }

  @Test
  void aBurstOfResyncsGetsOneSnapshotAfterIt() throws InterruptedException {
    try (TestServer server = TestServer.memory(); LiveProbe probe = LiveProbe.connect(server)) {
      assertThat(probe.await(p -> p.state() != null, 5)).isTrue();
      for (int i = 0; i < 50; i++) {
        probe.send(new JsonObject().put("type", "resync"));
      }
      long lastAsked = System.nanoTime();
      assertThat(probe.await(p -> p.frames.stream().anyMatch(f -> f.json().getString("type").equals("snapshot")
          && f.arrivedNanos() > lastAsked), 5)).as("a snapshot after the last resync").isTrue();
      // any snapshot still owed for the burst would come within a resync gap
      await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() -> probe.ofType("snapshot").size() <= 2);
      assertThat(probe.ofType("snapshot")).as("the first and one for the whole burst").hasSize(2);
      LiveProtocolTest.assertSeqContinuous(probe);
    }
  }

  @Test
  void malformedOrOversizedTextDoesNotBreakTheServer() throws InterruptedException {
    try (TestServer server = TestServer.memory(); LiveProbe probe = LiveProbe.connect(server)) {
      assertThat(probe.await(p -> p.state() != null, 5)).isTrue();
      probe.socket.writeTextMessage("{\"type\":\"resync\"").await();
      probe.socket.writeTextMessage("[\"resync\"]").await();
      probe.socket.writeTextMessage("{\"type\":[\"resync\"]}").await();
      probe.send(new JsonObject().put("type", "resync"));
      assertThat(probe.await(p -> p.ofType("snapshot").size() == 2, 5)).as("still served after bad text").isTrue();
      probe.socket.writeTextMessage("{\"type\":\"resync\",\"pad\":\"" + "x".repeat(1000) + "\"}");
      assertThat(probe.await(p -> p.closeCode != null, 5)).isTrue();
      assertThat(probe.closeCode).isEqualTo((short) 1009);
    }
  }

  private static double slowCloses() {
    Counter counter = Meters.registry().find("watchfloor.live.slow.closes").counter();
    return counter == null ? 0 : counter.count();
  }

  private static double snapshots() {
    Counter counter = Meters.registry().find("watchfloor.live.frames").tag("type", "snapshot").counter();
    return counter == null ? 0 : counter.count();
  }

  /** A client's text frame: masked, as RFC 6455 requires of clients, with a zero mask. */
  private static byte[] frame(String text) {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    byte[] frame = new byte[6 + payload.length];
    frame[0] = (byte) 0x81;
    frame[1] = (byte) (0x80 | payload.length);
    System.arraycopy(payload, 0, frame, 6, payload.length);
    return frame;
  }
}
