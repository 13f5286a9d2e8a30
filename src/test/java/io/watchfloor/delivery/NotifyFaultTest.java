package io.watchfloor.delivery;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.watchfloor.MutableClock;
import io.watchfloor.PgTest;
import io.watchfloor.TestDatabase;
import io.watchfloor.TestServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a receiver's faults do to delivery, on PostgreSQL, the server's clock moved by the test: a receiver down
 * for five minutes gets everything once it is up, in order; a restart with a full outbox sends each message
 * once; a bad secret stops the channel; a receiver that refuses past the give-up time gets its messages failed.
 */
@PgTest
class NotifyFaultTest {
  static JsonObject overrides(String url) {
    return new JsonObject().put("store", TestServer.postgresStore(url))
        .put("notify", new JsonObject().put("check-ms", 100).put("first-retry-ms", 1_000).put("max-retry-seconds", 60)
            .put("give-up-minutes", 30));
  }

  /** The counter of /metrics for messages that ended so: the registry is the JVM's, so tests compare before and after. */
  static long messages(TestServer server, String outcome) {
    String metrics = server.client.get("/metrics").send().await().bodyAsString();
    return metrics.lines().filter(l -> l.startsWith("watchfloor_notify_messages_total{") && l.contains("outcome=\"" + outcome + "\""))
        .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }

  static List<String> sitesInOrder(RecordingReceiver hook, String path) {
    return hook.at(path).stream().map(r -> r.json().getJsonArray("alerts").getJsonObject(0).getJsonObject("labels")
        .getString("site")).toList();
  }

  @Test
  void aReceiverDownForFiveMinutesGetsEverythingOnceItIsUpInOrder() {
    String db = "wf_test_notify_down";
    String url = TestDatabase.fresh(db);
    MutableClock clock = new MutableClock(NotifyWireTest.NOON);
    Vertx receivers = Vertx.vertx();
    try (RecordingReceiver hook = RecordingReceiver.start(receivers); TestServer server = TestServer.start(overrides(url), clock)) {
      NotifySql sql = new NotifySql(db);
      sql.channel("ch-am", "webhook", hook.url("/am"), null, "none", null, "changling", null, 20);
      sql.route("rt-am", "ch-am", "changling", null, "alert.fired");
      hook.down(true);
      Bursts.fire(server, "down", "jinpen", 5);
      await("a first try").atMost(NotifyWireTest.PATIENCE).until(() -> hook.cutOff.get() >= 1);
      // five minutes down, a step past the longest wait at a time: each step is one more try that fails
      for (int minute = 0; minute < 5; minute++) {
        int before = hook.cutOff.get();
        clock.advance(Duration.ofSeconds(61));
        await("another try, minute " + (minute + 1)).atMost(NotifyWireTest.PATIENCE).until(() -> hook.cutOff.get() > before);
      }
      assertThat(hook.received).isEmpty();
      hook.down(false);
      clock.advance(Duration.ofSeconds(61));
      await("everything, once the receiver is up").atMost(NotifyWireTest.PATIENCE).until(() -> hook.at("/am").size() == 5);
      assertThat(sitesInOrder(hook, "/am")).containsExactly("down-1", "down-2", "down-3", "down-4", "down-5");
      assertThat(sql.count("SELECT count(*) FROM notify_outbox WHERE state = 'sent'")).isEqualTo(5);
      assertThat(sql.count("SELECT max(attempts) FROM notify_outbox")).as("the first one was tried each minute").isGreaterThan(5);
    } finally {
      receivers.close().await();
    }
  }

  @Test
  void aRestartWithAFullOutboxSendsEachMessageOnce() {
    String db = "wf_test_notify_restart";
    String url = TestDatabase.fresh(db);
    MutableClock clock = new MutableClock(NotifyWireTest.NOON);
    Vertx receivers = Vertx.vertx();
    NotifySql sql = new NotifySql(db);
    try (RecordingReceiver hook = RecordingReceiver.start(receivers)) {
      try (TestServer server = TestServer.start(overrides(url), clock)) {
        sql.channel("ch-am", "webhook", hook.url("/am"), null, "none", null, "changling", null, 600);
        sql.route("rt-am", "ch-am", "changling", null, "alert.fired");
        hook.down(true);
        Bursts.fire(server, "full", "jinpen", 200);
        await("two hundred messages waiting").atMost(NotifyWireTest.PATIENCE)
            .until(() -> sql.count("SELECT count(*) FROM notify_outbox WHERE state = 'pending'") == 200);
      }
      hook.down(false);
      clock.advance(Duration.ofSeconds(61));
      try (TestServer restarted = TestServer.start(overrides(url), clock)) {
        await("every message after the restart").atMost(Duration.ofSeconds(60))
            .until(() -> sql.count("SELECT count(*) FROM notify_outbox WHERE state = 'sent'") == 200);
        Set<String> ids = hook.at("/am").stream().map(r -> r.headers().get(HttpTransport.ID_HEADER)).collect(Collectors.toSet());
        assertThat(ids).hasSize(200);
        assertThat(hook.at("/am")).as("each once: none was ever taken before the restart").hasSize(200);
      }
    } finally {
      receivers.close().await();
    }
  }

  @Test
  void aBadSecretStopsTheChannelAndARefusalPastTheGiveUpTimeFailsTheMessage() {
    String db = "wf_test_notify_refused";
    String url = TestDatabase.fresh(db);
    MutableClock clock = new MutableClock(NotifyWireTest.NOON);
    Vertx receivers = Vertx.vertx();
    try (RecordingReceiver robot = RecordingReceiver.start(receivers); TestServer server = TestServer.start(overrides(url), clock)) {
      robot.answer(r -> r.path().equals("/ding") ? RecordingReceiver.Answer.BAD_SECRET_DINGTALK
          : new RecordingReceiver.Answer(503, "{}", false));
      NotifySql sql = new NotifySql(db);
      sql.channel("ch-ding", "dingtalk", robot.url("/ding?access_token=t"), "SECwrong", "none", null, "changling", null, 20);
      sql.channel("ch-busy", "webhook", robot.url("/busy"), null, "none", null, "changling", null, 20);
      sql.route("rt-ding", "ch-ding", "changling", null, "alert.fired");
      sql.route("rt-busy", "ch-busy", "changling", null, "alert.fired");
      long failedBefore = messages(server, "failed");
      long retriedBefore = messages(server, "retried");
      Bursts.fire(server, "refused", "jinpen", 2);
      await("the robot's refusal stops its channel").atMost(NotifyWireTest.PATIENCE)
          .until(() -> sql.count("SELECT count(*) FROM notify_channel WHERE id = 'ch-ding' AND stopped_at IS NOT NULL") == 1);
      assertThat(robot.received.stream().filter(r -> r.path().equals("/ding"))).as("one try, no more").hasSize(1);
      assertThat(sql.count("SELECT count(*) FROM notify_outbox WHERE channel = 'ch-ding' AND state = 'pending'"))
          .as("its messages wait for the channel to be mended").isEqualTo(2);

      await("the busy receiver is tried").atMost(NotifyWireTest.PATIENCE)
          .until(() -> robot.received.stream().anyMatch(r -> r.path().equals("/busy")));
      clock.advance(Duration.ofMinutes(31));
      await("past the give-up time, failed").atMost(NotifyWireTest.PATIENCE)
          .until(() -> sql.count("SELECT count(*) FROM notify_outbox WHERE channel = 'ch-busy' AND state = 'failed'") == 2);
      await("and the stopped channel's too").atMost(NotifyWireTest.PATIENCE)
          .until(() -> sql.count("SELECT count(*) FROM notify_outbox WHERE channel = 'ch-ding' AND state = 'failed'") == 2);
      assertThat(robot.received.stream().filter(r -> r.path().equals("/ding"))).as("a stopped channel sends nothing").hasSize(1);
      assertThat(messages(server, "failed") - failedBefore).as("/metrics counts the failed").isEqualTo(4);
      assertThat(messages(server, "retried") - retriedBefore).as("and the retried").isPositive();
    } finally {
      receivers.close().await();
    }
  }

  @Test
  void aReceiverThatDoesNotAnswerInTimeLeavesNoKeyInWhatAdminSees() {
    String db = "wf_test_notify_timeout";
    String url = TestDatabase.fresh(db);
    MutableClock clock = new MutableClock(NotifyWireTest.NOON);
    Vertx receivers = Vertx.vertx();
    JsonObject quickTimeout = overrides(url);
    quickTimeout.getJsonObject("notify").put("request-timeout-ms", 300);
    try (RecordingReceiver robot = RecordingReceiver.start(receivers); TestServer server = TestServer.start(quickTimeout, clock)) {
      robot.delay(3_000);
      NotifySql sql = new NotifySql(db);
      sql.channel("ch-slow", "wecom", robot.url("/slow?key=wk-secretkey-0a1b2c"), null, "none", null, "changling", null, 20);
      sql.route("rt-slow", "ch-slow", "changling", null, "alert.fired");
      Bursts.fire(server, "slow", "jinpen", 1);
      // Vert.x's timeout names the request's URI, the robot's key in its query
      await("the timeout kept as the message's answer").atMost(NotifyWireTest.PATIENCE)
          .until(() -> sql.count("SELECT count(*) FROM notify_outbox WHERE answer LIKE '%timeout%'") == 1);
      assertThat(sql.count("SELECT count(*) FROM notify_outbox WHERE answer LIKE '%wk-secretkey-0a1b2c%'"))
          .as("the key, shown in /admin's last answer and failures").isZero();
    } finally {
      receivers.close().await();
    }
  }
}