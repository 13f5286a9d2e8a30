package io.watchfloor.delivery;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.watchfloor.StoreContract;
import io.watchfloor.delivery.NotifyStore.ChannelGone;
import io.watchfloor.delivery.NotifyStore.ChannelStatus;
import io.watchfloor.delivery.NotifyStore.Failure;
import io.watchfloor.delivery.NotifyStore.NameTaken;
import io.watchfloor.delivery.NotifyStore.Sent;
import io.watchfloor.domain.Severity;
import io.watchfloor.notify.ChannelType;
import io.watchfloor.notify.EventKind;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * What every delivery store must answer, the same on each: channels and routes as /admin keeps them, the
 * events to route, and the outbox's states as the sender moves its messages through them. Times are to the
 * microsecond, as the server's clock gives them and PostgreSQL keeps them.
 */
abstract class NotifyStoreContract extends StoreContract<NotifyStore> {
  static final Instant T0 = Instant.parse("2026-12-07T02:01:00.123456Z");
  static final String TOWN = "xudong";
  static final String OTHER_TOWN = "jinpen";

  NotifyStoreContract() {
    super(NotifyStore::open, NotifyStore::close);
  }

  static Instant at(int seconds) {
    return T0.plusSeconds(seconds);
  }

  static Channel robot(String id, String scope, String name, int second) {
    return new Channel(id, name, ChannelType.WECOM, "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k-" + id,
        null, Channel.Auth.NONE, null, scope, null, 20, null, null, at(second), "operator:admin");
  }

  static Channel sms(String id) {
    Channel.Sms gateway = new Channel.Sms("PUT", "application/json; charset=utf-8",
        Map.of("X-App-Id", "wf", "X-Token", "t0k\"en"), "{\"to\":\"{phone}\",\"msg\":\"{text}\"}",
        List.of("13800000001", "13800000002"));
    return new Channel(id, "许东镇短信", ChannelType.SMS, "https://sms.example.gov.cn/send", "s3cret", Channel.Auth.HMAC,
        gateway, TOWN, "unit-xd-01", 6, at(9).plusNanos(1000), "errcode 93000: invalid webhook url", at(2),
        "operator:chief");
  }

  static Route route(String id, String channel, Severity min, int second, EventKind... kinds) {
    return new Route(id, channel, TOWN, Set.of(kinds), min, at(second), "operator:admin");
  }

  static Heard event(String kind, String ref, String step, int second) {
    return new Heard(0, kind, ref, step, at(second));
  }

  static Outgoing message(String channel, String key, int second) {
    return Outgoing.of(channel, key, "alert.fired", new JsonObject().put("summary", "泵站 3 水位超警 " + key)
        .put("area", "许东镇"), at(second));
  }

  List<Long> ids(List<Outgoing> messages) {
    return messages.stream().map(Outgoing::id).toList();
  }

  List<String> keys(List<Outgoing> messages) {
    return messages.stream().map(Outgoing::key).toList();
  }

  ChannelStatus statusOf(String channel) {
    return store.status().await().stream().filter(s -> s.channel().equals(channel)).findFirst().orElseThrow();
  }

  /** Stores the messages for channels that exist, with no event to mark. */
  List<Outgoing> stored(String channel, String... keys) {
    List<Outgoing> messages = new ArrayList<>();
    for (int i = 0; i < keys.length; i++) {
      messages.add(message(channel, keys[i], i));
    }
    store.routed(List.of(), messages).await();
    return store.pending(channel, 1000).await();
  }

  @Test
  void aChannelComesBackWithEveryField() {
    Channel wecom = robot("ch-a", TOWN, "许东镇值班群", 1);
    Channel sms = sms("ch-b");
    store.addChannel(sms).await();
    store.addChannel(wecom).await();

    assertThat(store.channels().await()).as("oldest first").containsExactly(wecom, sms);
    assertThat(store.channel("ch-b").await()).contains(sms);
    assertThat(store.channel("ch-b").await().orElseThrow().stopped()).isTrue();
    assertThat(store.channel("ch-a").await()).contains(wecom);
    assertThat(store.channel("nope").await()).isEmpty();

    store.stopChannel("ch-a", at(30), "errcode 310000: sign not match").await();
    assertThat(store.channel("ch-a").await()).contains(wecom.stopped(at(30), "errcode 310000: sign not match"));
    store.stopChannel("nope", at(30), "whatever").await();

    assertThat(store.resumeChannel("ch-a").await()).isTrue();
    assertThat(store.channel("ch-a").await()).contains(wecom);
    assertThat(store.resumeChannel("nope").await()).isFalse();
  }

  @Test
  void aNameIsTakenWithinItsScopeOnly() {
    store.addChannel(robot("ch-a", TOWN, "值班群", 1)).await();
    assertThatThrownBy(() -> store.addChannel(robot("ch-b", TOWN, "值班群", 2)).await())
        .isInstanceOf(NameTaken.class).hasMessageContaining("值班群");
    store.addChannel(robot("ch-c", OTHER_TOWN, "值班群", 3)).await();
    assertThat(store.channels().await()).extracting(Channel::id).containsExactly("ch-a", "ch-c");
  }

  @Test
  void routesComeBackAndNeedTheirChannel() {
    store.addChannel(robot("ch-a", TOWN, "值班群", 1)).await();
    Route all = route("r-1", "ch-a", null, 5, EventKind.ALERT_FIRED, EventKind.ALERT_RESOLVED, EventKind.CASE_URGED);
    Route critical = route("r-2", "ch-a", Severity.CRITICAL, 4, EventKind.ALERT_ESCALATED);
    store.addRoute(all).await();
    store.addRoute(critical).await();
    assertThat(store.routes().await()).containsExactly(critical, all);

    assertThatThrownBy(() -> store.addRoute(route("r-3", "ch-gone", null, 6, EventKind.ALERT_FIRED)).await())
        .isInstanceOf(ChannelGone.class).hasMessageContaining("ch-gone");
    assertThat(store.deleteRoute("r-2").await()).isTrue();
    assertThat(store.deleteRoute("r-2").await()).isFalse();
    assertThat(store.routes().await()).containsExactly(all);
  }

  @Test
  void deletingAChannelTakesItsRoutesAndMessagesAndNothingElse() {
    store.addChannel(robot("ch-a", TOWN, "值班群", 1)).await();
    store.addChannel(robot("ch-b", TOWN, "领导群", 2)).await();
    store.addRoute(route("r-a", "ch-a", null, 3, EventKind.ALERT_FIRED)).await();
    store.addRoute(route("r-b", "ch-b", null, 4, EventKind.ALERT_FIRED)).await();
    stored("ch-a", "k1", "k2");
    stored("ch-b", "k1");

    assertThat(store.deleteChannel("ch-a").await()).isTrue();
    assertThat(store.deleteChannel("ch-a").await()).isFalse();
    assertThat(store.channels().await()).extracting(Channel::id).containsExactly("ch-b");
    assertThat(store.routes().await()).extracting(Route::id).containsExactly("r-b");
    assertThat(store.pending("ch-a", 10).await()).isEmpty();
    assertThat(store.channelsWithPending().await()).containsExactly("ch-b");
    assertThat(keys(store.pending("ch-b", 10).await())).containsExactly("k1");
    assertThat(store.status().await()).extracting(ChannelStatus::channel).containsExactly("ch-b");
  }

  @Test
  void anEventHeardTwiceIsRecordedOnce() {
    store.heard(event("alert.fired", "a-1", "", 1)).await();
    store.heard(event("alert.fired", "a-1", "", 2)).await();
    store.heard(event("alert.escalated", "a-1", "town", 3)).await();
    store.heard(event("alert.escalated", "a-1", "county", 4)).await();
    store.heard(event("alert.escalated", "a-1", "town", 5)).await();

    List<Heard> unrouted = store.unrouted(10).await();
    assertThat(unrouted).extracting(Heard::kind, Heard::ref, Heard::step, Heard::at).containsExactly(
        tuple("alert.fired", "a-1", "", at(1)),
        tuple("alert.escalated", "a-1", "town", at(3)),
        tuple("alert.escalated", "a-1", "county", at(4)));
    assertThat(unrouted).allMatch(e -> e.id() > 0);
  }

  /** An urging (催报) can be asked of no feature later: what it says comes back with it, as it was heard. */
  @Test
  void anEventsDetailComesBackWithIt() {
    JsonObject urging = new JsonObject().put("sites", new JsonArray().add("pd-jinpen"))
        .put("note", "请于 10 时前补报").put("by", "operator:duty");
    Heard heard = new Heard(0, "compliance.urged", "u-1", "pd-jinpen", at(1), urging);
    store.heard(heard).await();
    urging.put("note", "changed by the caller afterwards");
    store.heard(event("alert.fired", "a-1", "", 2)).await();

    List<Heard> unrouted = store.unrouted(10).await();
    assertThat(unrouted.get(0).detail()).isEqualTo(new JsonObject().put("sites",
        new JsonArray().add("pd-jinpen")).put("note", "请于 10 时前补报").put("by", "operator:duty"));
    assertThat(unrouted.get(0)).extracting(Heard::kind, Heard::ref, Heard::step)
        .containsExactly("compliance.urged", "u-1", "pd-jinpen");
    assertThat(unrouted.get(1).detail()).isNull();
  }

  @Test
  void anEventKeepsWhatItSaysWhenNoFeatureCanBeAskedLater() {
    JsonObject urging = new JsonObject().put("site", "sn-jinpen").put("unit", "demo-sanitation").put("note", "请于 17 时前上报");
    store.heard(new Heard(0, "compliance.urged", "u-1", "", at(1), urging)).await();
    store.heard(event("alert.fired", "a-1", "", 2)).await();
    List<Heard> unrouted = store.unrouted(10).await();
    assertThat(unrouted.get(0).detail()).isEqualTo(urging);
    assertThat(unrouted.get(1).detail()).isNull();
  }

  @Test
  void theUnroutedComeOldestFirstAndAtMostTheLimit() {
    for (int i = 0; i < 5; i++) {
      store.heard(event("case.dispatched", "c-" + i, String.valueOf(i + 1), 10 - i)).await();
    }
    List<Heard> first = store.unrouted(3).await();
    assertThat(first).extracting(Heard::ref).as("in the order heard").containsExactly("c-0", "c-1", "c-2");
    assertThat(first).extracting(Heard::id).isSorted().doesNotHaveDuplicates();
    store.routed(first, List.of()).await();
    assertThat(store.unrouted(3).await()).extracting(Heard::ref).containsExactly("c-3", "c-4");
  }

  @Test
  void routingTwiceStoresEachMessageOnceAndMarksTheEvents() {
    store.addChannel(robot("ch-a", TOWN, "值班群", 1)).await();
    store.addChannel(robot("ch-b", TOWN, "领导群", 2)).await();
    store.heard(event("alert.fired", "a-1", "", 1)).await();
    store.heard(event("alert.fired", "a-2", "", 2)).await();
    store.heard(event("alert.fired", "a-3", "", 3)).await();
    List<Heard> events = store.unrouted(2).await();
    List<Outgoing> messages = List.of(message("ch-a", "alert.fired:a-1", 1), message("ch-b", "alert.fired:a-1", 1),
        message("ch-a", "alert.fired:a-2", 2), message("ch-a", "alert.fired:a-2", 2),
        message("ch-gone", "alert.fired:a-2", 2));

    store.routed(events, messages).await();
    List<Outgoing> first = store.pending("ch-a", 10).await();
    Outgoing changed = Outgoing.of("ch-a", "alert.fired:a-1", "alert.fired", new JsonObject().put("summary", "again"),
        at(50));
    store.routed(events, List.of(changed, message("ch-b", "alert.fired:a-1", 1))).await();

    assertThat(store.pending("ch-a", 10).await()).as("one message per channel and key, the first kept")
        .isEqualTo(first);
    assertThat(keys(first)).containsExactly("alert.fired:a-1", "alert.fired:a-2");
    Outgoing a1 = first.get(0);
    assertThat(a1.notice()).isEqualTo(messages.get(0).notice());
    assertThat(a1).extracting(Outgoing::channel, Outgoing::kind, Outgoing::createdAt, Outgoing::attempts,
        Outgoing::nextAt).containsExactly("ch-a", "alert.fired", at(1), 0, at(1));
    assertThat(keys(store.pending("ch-b", 10).await())).containsExactly("alert.fired:a-1");
    assertThat(store.channelsWithPending().await()).containsExactly("ch-a", "ch-b");
    assertThat(store.unrouted(10).await()).extracting(Heard::ref).as("only the events routed are marked")
        .containsExactly("a-3");
  }

  @Test
  void eachChannelsPendingComeInTheOrderStoredAtMostTheLimit() {
    store.addChannel(robot("ch-a", TOWN, "值班群", 1)).await();
    store.addChannel(robot("ch-b", TOWN, "领导群", 2)).await();
    store.routed(List.of(), List.of(message("ch-a", "k1", 5), message("ch-b", "k2", 4), message("ch-a", "k3", 3),
        message("ch-a", "k4", 2))).await();
    store.routed(List.of(), List.of(message("ch-b", "k5", 1), message("ch-a", "k6", 0))).await();

    List<Outgoing> a = store.pending("ch-a", 3).await();
    assertThat(keys(a)).containsExactly("k1", "k3", "k4");
    assertThat(ids(a)).isSorted();
    assertThat(keys(store.pending("ch-a", 10).await())).containsExactly("k1", "k3", "k4", "k6");
    assertThat(keys(store.pending("ch-b", 10).await())).containsExactly("k2", "k5");
    assertThat(store.pending("ch-none", 10).await()).isEmpty();
  }

  @Test
  void sentMergedRetriedAndFailedMoveTheMessagesAndTheStatusCountsThem() {
    store.addChannel(robot("ch-a", TOWN, "值班群", 1)).await();
    store.addChannel(robot("ch-b", TOWN, "领导群", 2)).await();
    List<Long> m = ids(stored("ch-a", "k1", "k2", "k3", "k4", "k5", "k6"));

    store.sent(m.get(0), List.of(m.get(1), m.get(2)), at(60), "errcode 0: ok").await();
    store.retry(List.of(m.get(3), m.get(4)), at(90), "errcode 130101: send too fast").await();
    store.retry(List.of(m.get(3)), at(150), "HTTP 503").await();
    store.failed(List.of(m.get(4)), at(70), "HTTP 400").await();

    List<Outgoing> pending = store.pending("ch-a", 10).await();
    assertThat(keys(pending)).containsExactly("k4", "k6");
    assertThat(pending.get(0)).extracting(Outgoing::attempts, Outgoing::nextAt).containsExactly(2, at(150));
    assertThat(pending.get(1)).extracting(Outgoing::attempts, Outgoing::nextAt).containsExactly(0, at(5));
    assertThat(store.channelsWithPending().await()).containsExactly("ch-a");
    assertThat(statusOf("ch-a")).isEqualTo(new ChannelStatus("ch-a", 2, 1, 2, 1, at(70), "HTTP 400"));
    assertThat(statusOf("ch-b")).isEqualTo(new ChannelStatus("ch-b", 0, 0, 0, 0, null, null));
    assertThat(store.failures("ch-a", 10).await()).containsExactly(
        new Failure(m.get(4), "k5", "alert.fired", at(4), at(70), 1, "HTTP 400"));

    // what is done stays done: a second report of a sending (a sender that took over) changes nothing
    store.sent(m.get(0), List.of(m.get(4)), at(200), "errcode 0: again").await();
    store.retry(List.of(m.get(1)), at(300), "HTTP 503").await();
    store.failed(List.of(m.get(0)), at(300), "HTTP 400").await();
    assertThat(statusOf("ch-a")).isEqualTo(new ChannelStatus("ch-a", 2, 1, 2, 1, at(70), "HTTP 400"));
    assertThat(store.sentSince(at(0)).await()).containsExactly(new Sent("ch-a", at(60)));

    store.sent(m.get(5), List.of(), at(80), "errcode 0: ok").await();
    assertThat(statusOf("ch-a")).isEqualTo(new ChannelStatus("ch-a", 1, 2, 2, 1, at(80), "errcode 0: ok"));
  }

  @Test
  void sentSinceGivesEachSendingNotTheMergedOnesFromTheInstantOn() {
    store.addChannel(robot("ch-a", TOWN, "值班群", 1)).await();
    store.addChannel(robot("ch-b", TOWN, "领导群", 2)).await();
    List<Long> a = ids(stored("ch-a", "k1", "k2", "k3", "k4"));
    List<Long> b = ids(stored("ch-b", "k1", "k2"));
    store.sent(a.get(0), List.of(), at(10), "ok").await();
    store.sent(a.get(1), List.of(a.get(2)), at(40), "ok").await();
    store.sent(b.get(0), List.of(), at(20), "ok").await();
    store.failed(List.of(b.get(1)), at(30), "HTTP 400").await();

    assertThat(store.sentSince(at(20)).await()).containsExactly(new Sent("ch-b", at(20)), new Sent("ch-a", at(40)));
    assertThat(store.sentSince(at(41)).await()).isEmpty();
  }

  @Test
  void failuresComeNewestFirstAtMostTheLimit() {
    store.addChannel(robot("ch-a", TOWN, "值班群", 1)).await();
    store.addChannel(robot("ch-b", TOWN, "领导群", 2)).await();
    List<Long> a = ids(stored("ch-a", "k1", "k2", "k3", "k4"));
    List<Long> b = ids(stored("ch-b", "k1"));
    store.failed(List.of(a.get(0)), at(30), "first").await();
    store.failed(List.of(a.get(2)), at(50), "second").await();
    store.failed(List.of(a.get(1)), at(40), "third").await();
    store.failed(List.of(b.get(0)), at(60), "elsewhere").await();

    assertThat(store.failures("ch-a", 2).await()).extracting(Failure::key, Failure::failedAt, Failure::answer)
        .containsExactly(tuple("k3", at(50), "second"),
            tuple("k2", at(40), "third"));
    assertThat(store.failures("ch-a", 10).await()).hasSize(3);
    assertThat(store.failures("ch-none", 10).await()).isEmpty();
  }

  @Test
  void pruningForgetsWhatIsDoneAndOldAndKeepsWhatIsStillToDo() {
    store.addChannel(robot("ch-a", TOWN, "值班群", 1)).await();
    store.heard(event("alert.fired", "a-old-routed", "", 1)).await();
    store.heard(event("alert.fired", "a-old-unrouted", "", 2)).await();
    store.heard(event("alert.fired", "a-new-routed", "", 200)).await();
    List<Heard> heard = store.unrouted(10).await();
    store.routed(List.of(heard.get(0), heard.get(2)), List.of()).await();
    List<Long> m = ids(stored("ch-a", "old-sent", "old-merged", "old-failed", "old-pending", "new-sent", "old-retried"));
    store.sent(m.get(0), List.of(m.get(1)), at(10), "ok").await();
    store.failed(List.of(m.get(2)), at(20), "HTTP 400").await();
    store.sent(m.get(4), List.of(), at(200), "ok").await();
    store.retry(List.of(m.get(5)), at(30), "HTTP 503").await();

    Instant before = at(100);
    assertThat(store.prune(before).await()).as("1 event and 3 messages").isEqualTo(4);
    assertThat(store.prune(before).await()).isZero();

    assertThat(store.unrouted(10).await()).extracting(Heard::ref).containsExactly("a-old-unrouted");
    assertThat(keys(store.pending("ch-a", 10).await())).containsExactly("old-pending", "old-retried");
    assertThat(statusOf("ch-a")).isEqualTo(new ChannelStatus("ch-a", 2, 1, 0, 0, at(200), "ok"));
    assertThat(store.prune(at(100_000)).await()).as("the new routed event and the new sent message").isEqualTo(2);
    store.heard(event("alert.fired", "a-new-routed", "", 200)).await();
    assertThat(store.unrouted(10).await()).as("a forgotten event heard again is new").extracting(Heard::ref)
        .containsExactly("a-old-unrouted", "a-new-routed");
  }
}
