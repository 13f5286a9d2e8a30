package io.watchfloor.live;

import io.watchfloor.PgTest;
import io.watchfloor.web.LiveHub;
import io.watchfloor.Api;
import io.watchfloor.TestServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** An operator's live socket ends with the session it was opened in; other sockets go on. */
@PgTest
class SessionSocketTest {
  @Test
  void signingOutClosesThatOperatorsSocketsAndNoOneElses() throws InterruptedException {
    try (TestServer server = TestServer.memory()) {
      Api api = new Api(server);
      String duty = api.signIn("duty", "duty-demo-pass");
      String admin = api.signIn("admin", "admin-demo-pass");
      try (LiveProbe dutyConsole = LiveProbe.connectAs(server, duty);
           LiveProbe dutySecondTab = LiveProbe.connectAs(server, duty);
           LiveProbe adminConsole = LiveProbe.connectAs(server, admin);
           LiveProbe wall = LiveProbe.connect(server)) {
        for (LiveProbe probe : new LiveProbe[] {dutyConsole, dutySecondTab, adminConsole, wall}) {
          assertThat(probe.await(p -> p.state() != null, 5)).isTrue();
        }
        int signOut = server.client.delete("/api/v1/session").putHeader("Cookie", duty)
            .putHeader("Origin", api.origin()).send().await().statusCode();
        assertThat(signOut).isEqualTo(204);

        assertThat(dutyConsole.await(p -> p.closeCode != null, 5)).as("the signed-out console is closed").isTrue();
        assertThat(dutySecondTab.await(p -> p.closeCode != null, 5)).isTrue();
        assertThat(dutyConsole.closeCode).isEqualTo(LiveHub.SESSION_OVER);
        assertThat(LiveProtocolTest.handshake(server, "/api/v1/live", duty).statusCode())
            .as("the old cookie opens no new socket").isEqualTo(401);

        adminConsole.send(new io.vertx.core.json.JsonObject().put("type", "resync"));
        assertThat(adminConsole.await(p -> p.ofType("snapshot").size() == 2, 5)).as("the other session's socket lives").isTrue();
        assertThat(adminConsole.closeCode).isNull();
        assertThat(wall.closeCode).isNull();
      }
    }
  }
}
