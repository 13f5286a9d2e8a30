package io.watchfloor.alert;

import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.watchfloor.Api;
import io.watchfloor.LiveContract;
import io.watchfloor.MutableClock;
import io.watchfloor.PgTest;
import io.watchfloor.TestDatabase;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

/** The alert store refuses a write for a while: the escalated petition's alert is stored once it can be, not lost. */
@PgTest
class AlertStoreFailureTest {
  private static final String DATABASE = "wf_test_alert_store_down";
  private static final String BLOCK = "ALTER TABLE alert ADD CONSTRAINT wf_test_refuse CHECK (false) NOT VALID";
  private static final String UNBLOCK = "ALTER TABLE alert DROP CONSTRAINT IF EXISTS wf_test_refuse";
  private TestServer server;

  @AfterEach
  void close() {
    if (server != null) {
      server.close();
    }
  }

  private long retrying() {
    String metrics = server.client.get("/metrics").send().await().bodyAsString();
    return metrics.lines().filter(l -> l.startsWith("watchfloor_alerts_retrying"))
        .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }

  @Test
  void anEscalatedPetitionWhoseAlertCouldNotBeStoredAppearsOnceTheStoreIsBack() {
    server = TestServer.start(new JsonObject()
        .put("store", new JsonObject().put("kind", "postgres")
            .put("pg", new JsonObject().put("url", TestDatabase.fresh(DATABASE)).put("connect-timeout-ms", 1000)))
        .put("alerts", new JsonObject().put("fire-retry-first-ms", 100).put("fire-retry-max-ms", 400)),
        new MutableClock(AlertApiTest.NOON));
    String duty = AlertApiTest.signIn(server, "duty", "duty-demo-pass");
    List<JsonObject> alertFrames = new CopyOnWriteArrayList<>();
    WebSocketClient sockets = server.vertx.createWebSocketClient();
    sockets.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(server.port)
            .setURI("/api/v1/live?key=" + TestTown.DISPLAY_KEY))
        .onSuccess(ws -> ws.textMessageHandler(text -> {
          JsonObject frame = new JsonObject(text);
          if ("alert".equals(frame.getString("type"))) {
            alertFrames.add(frame);
          }
        })).await();

    TestDatabase.execute(DATABASE, BLOCK);
    try {
      assertThat(new Api(server).postReport(TestTown.PETITIONS, AlertApiTest.escalated(AlertApiTest.NOON, "pd-jinpen"))
          .statusCode()).isEqualTo(201);
      // the firing has met the refusing store (on code that only logged the failure, this waits in vain)
      await().atMost(Duration.ofSeconds(5)).until(this::retrying, n -> n > 0);
      assertThat(AlertApiTest.alerts(server, duty, null)).as("not stored while the store refuses").isEmpty();
    } finally {
      TestDatabase.execute(DATABASE, UNBLOCK);
    }

    JsonArray alerts = await().atMost(Duration.ofSeconds(15)).until(() -> AlertApiTest.alerts(server, duty, null), a -> !a.isEmpty());
    assertThat(alerts).as("the alert once the store is back").hasSize(1);
    assertThat(alerts.getJsonObject(0).getString("rule")).isEqualTo("escalated-petition");
    assertThat(alerts.getJsonObject(0).getString("subject")).isEqualTo("pd-jinpen");
    assertThat(alerts.getJsonObject(0).getString("firstSeen")).as("dated when it fired").isEqualTo(AlertApiTest.NOON.toString());
    List<JsonObject> frames = await().atMost(Duration.ofSeconds(10)).until(() -> List.copyOf(alertFrames), f -> !f.isEmpty());
    assertThat(frames).as("and on the wall screen").isNotEmpty();
    frames.forEach(LiveContract.shared()::check); // an alert fired late is an alert frame as described
    assertThat(TestDatabase.count(DATABASE, "SELECT count(*) FROM alert")).as("stored once").isEqualTo(1);
    sockets.close().await();
  }
}
