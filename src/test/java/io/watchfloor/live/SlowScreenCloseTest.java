package io.watchfloor.live;

import io.watchfloor.PgTest;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.json.JsonObject;
import io.watchfloor.MutableClock;
import io.watchfloor.TestDatabase;
import io.watchfloor.TestServer;
import io.watchfloor.ops.Meters;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A screen closed as too slow (4001) that never reads loses its TCP connection within seconds, with
 * the default idle timeout: the close frame it never reads must not keep the connection open.
 */
@PgTest
class SlowScreenCloseTest {
  @Test
  void aScreenThatFloodsResyncsAndNeverReadsLosesItsConnectionSoonAfterItsSlowClose() throws Exception {
    String url = TestDatabase.fresh("slow_screen_close_test");
    JsonObject tight = new JsonObject().put("http", new JsonObject().put("tcp-send-buffer-bytes", 4096))
        .put("live", new JsonObject().put("write-queue-bytes", 16 * 1024))
        .put("store", new JsonObject().put("kind", "postgres").put("pg", new JsonObject().put("url", url)));
    try (TestServer server = TestServer.start(tight, MutableClock.system()); RawScreen screen = new RawScreen(server)) {
      double slowBefore = slowCloses();
      Awaitility.await("closed as a slow client").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
          .until(() -> {
            floodResyncs(screen);
            return slowCloses() > slowBefore;
          });
      long closedAt = System.nanoTime();
      // it goes on sending and never reads; once the server has let go, the sends meet a reset
      Awaitility.await("the server ends the TCP connection").atMost(Duration.ofSeconds(8))
          .pollInterval(Duration.ofMillis(50)).ignoreNoExceptions()
          .until(() -> !sends(screen));
      assertThat((System.nanoTime() - closedAt) / 1e9).as("seconds from the 4001 to the connection's end")
          .isLessThan(8);
    }
  }

  private static void floodResyncs(RawScreen screen) throws IOException {
    for (int i = 0; i < 50; i++) {
      screen.sendText("{\"type\":\"resync\"}");
    }
  }

  private static boolean sends(RawScreen screen) {
    try {
      screen.sendText("{\"type\":\"resync\"}");
      return true;
    } catch (IOException reset) {
      return false;
    }
  }

  private static double slowCloses() {
    Counter counter = Meters.registry().find("watchfloor.live.slow.closes").counter();
    return counter == null ? 0 : counter.count();
  }
}
