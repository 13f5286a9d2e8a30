package io.watchfloor.delivery;

import io.vertx.core.Vertx;
import io.watchfloor.MutableClock;
import io.watchfloor.PgTest;
import io.watchfloor.TestDatabase;
import io.watchfloor.TestServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A robot's limit and a channel's scope. A DingTalk robot that refuses (errcode 130101) past 20 messages a
 * minute gets a burst of 100 alerts: all of them, in at most 20 messages in any minute, digests included,
 * never refused. And a town's channel never hears of another town's alert, whatever its route says.
 */
@PgTest
class NotifyLimitsTest {
  static final Pattern DIGEST = Pattern.compile("另有 (\\d+) 条通知");

  @Test
  void aBurstOfAHundredAlertsReachesARobotWithinItsLimitWithNoneLost() {
    String db = "wf_test_notify_limits";
    String url = TestDatabase.fresh(db);
    MutableClock clock = new MutableClock(NotifyWireTest.NOON);
    Vertx receivers = Vertx.vertx();
    List<Instant> takenAt = new CopyOnWriteArrayList<>();
    try (RecordingReceiver robot = RecordingReceiver.start(receivers);
         TestServer server = TestServer.start(NotifyWireTest.overrides(url), clock)) {
      robot.answer(request -> {
        Instant now = clock.instant();
        if (takenAt.stream().filter(t -> t.isAfter(now.minus(Duration.ofSeconds(60)))).count() >= 20) {
          return RecordingReceiver.Answer.TOO_FAST_DINGTALK;
        }
        takenAt.add(now);
        return RecordingReceiver.Answer.TAKEN;
      });
      NotifySql sql = new NotifySql(db);
      sql.channel("ch-ding", "dingtalk", robot.url("/ding?access_token=dt-1"), NotifyWireTest.DING_SECRET, "none", null,
          "changling", null, 20);
      sql.route("rt-ding", "ch-ding", "changling", "critical", "alert.fired");

      long mergedBefore = NotifyFaultTest.messages(server, "merged");
      long sentBefore = NotifyFaultTest.messages(server, "sent");
      Bursts.fire(server, "burst", "jinpen", 100);
      await("the first minute's twenty messages").atMost(NotifyWireTest.PATIENCE).until(() -> robot.taken.size() == 20);
      while (alertsCarried(robot) < 100) {
        // the robot's next minute: the sender sends again only once its budget's window has moved on
        clock.advance(Duration.ofSeconds(61));
        int before = robot.taken.size();
        await("the next minute's messages").atMost(NotifyWireTest.PATIENCE).until(() -> robot.taken.size() > before);
      }
      assertThat(alertsCarried(robot)).as("every alert, alone or in a digest").isEqualTo(100);
      assertThat(robot.received).as("the robot never had to refuse one").hasSameSizeAs(robot.taken);
      for (Instant t : takenAt) {
        assertThat(takenAt.stream().filter(o -> !o.isBefore(t) && o.isBefore(t.plusSeconds(60))).count())
            .as("messages in the minute from " + t).isLessThanOrEqualTo(20);
      }
      assertThat(sql.count("SELECT count(*) FROM notify_outbox WHERE state IN ('sent', 'merged')")).isEqualTo(100);
      assertThat(sql.count("SELECT count(*) FROM notify_outbox WHERE state NOT IN ('sent', 'merged')")).isZero();
      assertThat(NotifyFaultTest.messages(server, "sent") - sentBefore).as("/metrics: one sent per message")
          .isEqualTo(robot.taken.size());
      assertThat(NotifyFaultTest.messages(server, "merged") - mergedBefore).as("/metrics: the rest merged")
          .isEqualTo(100 - robot.taken.size());
    } finally {
      receivers.close().await();
    }
  }

  /** Alerts the robot's messages carry: one per single, the count of each digest. */
  static int alertsCarried(RecordingReceiver robot) {
    int carried = 0;
    for (RecordingReceiver.Received message : robot.taken) {
      Matcher digest = DIGEST.matcher(message.json().getJsonObject("markdown").getString("text"));
      carried += digest.find() ? Integer.parseInt(digest.group(1)) : 1;
    }
    return carried;
  }

  @Test
  void aTownsChannelNeverHearsOfAnotherTownsAlert() {
    String db = "wf_test_notify_scope";
    String url = TestDatabase.fresh(db);
    MutableClock clock = new MutableClock(NotifyWireTest.NOON);
    Vertx receivers = Vertx.vertx();
    try (RecordingReceiver robot = RecordingReceiver.start(receivers);
         TestServer server = TestServer.start(NotifyWireTest.overrides(url), clock)) {
      NotifySql sql = new NotifySql(db);
      sql.channel("ch-xudong", "wecom", robot.url("/xudong?key=x"), null, "none", null, "xudong", null, 20);
      sql.channel("ch-chengguan", "wecom", robot.url("/chengguan?key=c"), null, "none", null, "chengguan", null, 20);
      sql.route("rt-xudong", "ch-xudong", "xudong", null, "alert.fired");
      // a route wider than its channel: the channel's own scope still bounds what it gets
      sql.route("rt-chengguan", "ch-chengguan", "changling", null, "alert.fired");

      Bursts.fire(server, "xd", "jinpen", 1);
      await().atMost(NotifyWireTest.PATIENCE).until(() -> robot.at("/xudong").size() == 1);
      Bursts.fire(server, "cg", "xijie", 1);
      await("the town's own alert, routed after the other's").atMost(NotifyWireTest.PATIENCE)
          .until(() -> robot.at("/chengguan").size() == 1);
      assertThat(robot.at("/chengguan").get(0).json().getJsonObject("markdown").getString("content"))
          .contains("城关街道").doesNotContain("许东镇");
      assertThat(robot.at("/xudong")).hasSize(1);
    } finally {
      receivers.close().await();
    }
  }
}
