package io.watchfloor.live;

import io.watchfloor.PgTest;
import io.vertx.core.json.JsonObject;
import io.watchfloor.Api;
import io.watchfloor.MutableClock;
import io.watchfloor.TestDatabase;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Screens that close their socket just as an alert fans out cost no other screen that alert. A
 * screen that sends its close frame but does not read stays in the hub's list (its close handler
 * waits for the server's answer to be written), while Vert.x already refuses writes to it.
 */
@PgTest
class ClosedSocketFanOutTest {
  private static final int WATCHERS = 6;

  @Test
  void everyOpenScreenGetsTheAlertWhenOthersClosedTheirSocketsJustBefore() throws Exception {
    String url = TestDatabase.fresh("closed_socket_fan_out_test");
    JsonObject tight = new JsonObject().put("http", new JsonObject().put("tcp-send-buffer-bytes", 4096))
        .put("store", new JsonObject().put("kind", "postgres").put("pg", new JsonObject().put("url", url)));
    List<LiveProbe> watchers = new ArrayList<>();
    try (TestServer server = TestServer.start(tight, MutableClock.system());
         RawScreen first = new RawScreen(server); RawScreen second = new RawScreen(server)) {
      for (int i = 0; i < WATCHERS; i++) {
        LiveProbe probe = LiveProbe.connect(server);
        watchers.add(probe);
        probe.expect("a snapshot", p -> p.state() != null);
      }
      // two closing screens among six open ones: on a loop that stops at the first, some open one comes after it
      first.sendClose();
      second.sendClose();

      JsonObject report = new JsonObject().put("id", UUID.randomUUID().toString()).put("site", "pd-liangting")
          .put("observedAt", OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0).toString())
          .put("metrics", new JsonObject().put("group_petitions", 1));
      assertThat(new Api(server).postReport(TestTown.PETITIONS, report).statusCode()).isEqualTo(201);

      for (LiveProbe watcher : watchers) {
        watcher.expect("the alert frame on every open screen", p -> !p.ofType("alert").isEmpty());
      }
      watchers.forEach(LiveProbe::close);
    }
  }
}
