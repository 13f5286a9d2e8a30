package io.watchfloor.delivery;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.watchfloor.MutableClock;
import io.watchfloor.UnitTest;
import io.watchfloor.notify.Backoff;
import io.watchfloor.notify.ChannelType;
import io.watchfloor.notify.ReceiverAnswer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A channel's turns against a robot that counts requests as they arrive. A slow robot (3 s an answer) takes a
 * turn's twenty messages over a minute; when it is quick again, the next turn must still wait for the robot's
 * own minute to move on. Counting the slots when the turn was planned, not when each request went, let twenty
 * more in at once: 39 in the robot's minute, and DingTalk mutes a robot for ten minutes for that.
 */
@UnitTest
class ChannelSendsTest {
  static final Instant T0 = Instant.parse("2026-12-07T02:00:00Z");

  final MutableClock clock = new MutableClock(T0);
  final List<Instant> arrivals = new ArrayList<>();
  Duration answerTakes = Duration.ofSeconds(3);

  final Sender.Transport robot = (channel, message) -> {
    arrivals.add(clock.instant());
    clock.advance(answerTakes);
    return Future.succeededFuture(new ReceiverAnswer(ReceiverAnswer.Verdict.SENT, "errcode 0"));
  };

  static JsonObject notice(int i) {
    return new JsonObject().put("key", "alert.fired:a-" + i).put("title", "【告警】越级访 " + i).put("text", "> 地点：金盆村")
        .put("line", "越级访 " + i).put("areaName", "金盆村").put("at", T0.toString()).put("link", "https://wf.example/console");
  }

  @Test
  void aTurnsSlotsCountFromItsRequestsSoTheRobotsMinuteIsNeverOverrun() {
    MemoryNotifyStore store = new MemoryNotifyStore();
    Channel channel = new Channel("ch", "群", ChannelType.DINGTALK, "http://127.0.0.1/robot", "SEC", Channel.Auth.NONE,
        null, "changling", null, 20, null, null, T0, "admin");
    store.addChannel(channel).await();
    ChannelSends sends = new ChannelSends(store, robot, clock, new NotifyMeters(new SimpleMeterRegistry()),
        Backoff.standard(Duration.ofHours(1), new Random(1)), Duration.ofHours(1), "https://wf.example",
        ZoneId.of("Asia/Shanghai"));
    List<Outgoing> first = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      first.add(Outgoing.of("ch", "k" + i, "alert.fired", notice(i), clock.instant()));
    }
    store.routed(List.of(), first).await();
    assertThat(sends.send(channel).await()).isTrue();
    assertThat(arrivals).hasSize(20);

    answerTakes = Duration.ZERO;
    List<Outgoing> second = new ArrayList<>();
    for (int i = 20; i < 40; i++) {
      second.add(Outgoing.of("ch", "k" + i, "alert.fired", notice(i), clock.instant()));
    }
    store.routed(List.of(), second).await();
    // the sender's turns, a second apart, until the second twenty are out (alone or in a digest)
    for (int turn = 0; turn < 600 && !store.pending("ch", 100).await().isEmpty(); turn++) {
      sends.send(channel).await();
      clock.advance(Duration.ofSeconds(1));
    }
    assertThat(store.pending("ch", 100).await()).as("all sent within ten minutes").isEmpty();
    for (Instant arrival : arrivals) {
      long inItsMinute = arrivals.stream().filter(a -> !a.isBefore(arrival) && a.isBefore(arrival.plusSeconds(60))).count();
      assertThat(inItsMinute).as("requests the robot got in the minute from " + arrival).isLessThanOrEqualTo(20);
    }
  }

  /**
   * A channel whose budget is spent waits for the robot's minute without being read again at every wake of the
   * sender (each event heard in a storm): not due until its first slot opens, due then, and that turn sends
   * what queued meanwhile in one digest. Before, every wake read its pending messages again for nothing.
   */
  @Test
  void aSpentChannelIsNotDueUntilItsNextSlotAndThenSendsTheQueueAsADigest() {
    MemoryNotifyStore store = new MemoryNotifyStore();
    Channel channel = new Channel("ch", "群", ChannelType.WECOM, "http://127.0.0.1/robot?key=k", null, Channel.Auth.NONE,
        null, "changling", null, 3, null, null, T0, "admin");
    store.addChannel(channel).await();
    answerTakes = Duration.ZERO;
    ChannelSends sends = new ChannelSends(store, robot, clock, new NotifyMeters(new SimpleMeterRegistry()),
        Backoff.standard(Duration.ofHours(1), new Random(1)), Duration.ofHours(1), "https://wf.example",
        ZoneId.of("Asia/Shanghai"));
    for (int i = 0; i < 3; i++) {
      store.routed(List.of(), List.of(Outgoing.of("ch", "k" + i, "alert.fired", notice(i), clock.instant()))).await();
      assertThat(sends.send(channel).await()).isTrue();
      clock.advance(Duration.ofSeconds(1));
    }
    for (int i = 3; i < 8; i++) {
      store.routed(List.of(), List.of(Outgoing.of("ch", "k" + i, "alert.fired", notice(i), clock.instant()))).await();
    }
    assertThat(sends.due(channel, clock.instant())).as("not yet looked at since the budget was spent").isTrue();
    assertThat(sends.send(channel).await()).isFalse();
    assertThat(arrivals).hasSize(3);
    assertThat(sends.due(channel, clock.instant())).as("spent: nothing can go before the first send's minute ends").isFalse();
    assertThat(sends.due(channel, T0.plusSeconds(59))).isFalse();
    assertThat(sends.due(channel, T0.plusSeconds(60))).as("the first slot opens 60 s after the first send").isTrue();
    assertThat(sends.due(channel.stopped(clock.instant(), "93000 invalid key"), clock.instant()))
        .as("a channel stopped since is looked at again").isTrue();

    clock.set(T0.plusSeconds(60));
    assertThat(sends.send(channel).await()).isTrue();
    assertThat(arrivals).hasSize(4);
    assertThat(store.pending("ch", 100).await()).as("the five that queued went in the one free slot's digest").isEmpty();
  }
}
