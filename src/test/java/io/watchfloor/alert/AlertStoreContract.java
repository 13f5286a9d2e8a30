package io.watchfloor.alert;

import io.vertx.core.Future;
import io.watchfloor.StoreContract;
import io.watchfloor.TestTown;
import io.watchfloor.domain.Alert;
import io.watchfloor.domain.AlertEvent;
import io.watchfloor.domain.AlertRule;
import io.watchfloor.domain.Firing;
import io.watchfloor.domain.Label;
import io.watchfloor.domain.Severity;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every alert store must do; each runs this suite through its own subclass. */
abstract class AlertStoreContract extends StoreContract<AlertStore> {
  static final Instant T0 = Instant.parse("2026-11-21T02:00:00Z");
  static final AlertRule CRITICAL = rule("escalated-petition", Severity.CRITICAL);
  static final AlertRule WARNING = rule("low-sanitation-score", Severity.WARNING);
  static final EscalationLadder LADDER = new EscalationLadder(TestTown.CATALOGUE);

  AlertStoreContract() {
    super(AlertStore::open, AlertStore::close);
  }

  static AlertRule rule(String id, Severity severity) {
    return new AlertRule(id, AlertRule.Kind.ANY, severity, new Label("测试", "test"), "escalated_petitions", "community",
        AlertRule.Scope.SITE, null, null, true, 0, null, 0, 0);
  }

  static Firing firing(AlertRule rule, String site) {
    return new Firing(rule, "site", site, TestTown.CATALOGUE.site(site).orElseThrow().area(), "escalated_petitions = 1");
  }

  @Test
  void aRepeatWhileUnresolvedCountsOnTheSameAlertAndAfterResolutionOpensANewOne() {
    AlertStore.Fired first = store.fire(firing(CRITICAL, "pd-jinpen"), T0).await();
    assertThat(first.created()).isTrue();
    assertThat(first.alert().state()).isEqualTo(Alert.State.OPEN);
    AlertStore.Fired again = store.fire(firing(CRITICAL, "pd-jinpen"), T0.plusSeconds(60)).await();
    assertThat(again.created()).isFalse();
    assertThat(again.alert().id()).isEqualTo(first.alert().id());
    assertThat(again.alert().count()).isEqualTo(2);
    assertThat(again.alert().lastSeen()).isEqualTo(T0.plusSeconds(60));
    assertThat(store.fire(firing(CRITICAL, "pd-liangting"), T0).await().created()).as("another subject").isTrue();

    store.acknowledge(first.alert().id(), "duty", null, T0.plusSeconds(90)).await();
    assertThat(store.fire(firing(CRITICAL, "pd-jinpen"), T0.plusSeconds(100)).await().created())
        .as("acknowledged is still unresolved").isFalse();
    store.resolve(first.alert().id(), "duty", "talked to the family", T0.plusSeconds(120)).await();
    AlertStore.Fired later = store.fire(firing(CRITICAL, "pd-jinpen"), T0.plusSeconds(180)).await();
    assertThat(later.created()).isTrue();
    assertThat(later.alert().id()).isNotEqualTo(first.alert().id());
  }

  /** A firing sent again (a lost acknowledgement, a new evaluator's resend) counts once, resolved or not. */
  @Test
  void aCauseCountsOnceEvenAfterItsAlertWasResolved() {
    String cause = java.util.UUID.randomUUID().toString();
    AlertStore.Fired first = store.fire(firing(CRITICAL, "pd-jinpen").because(cause), T0).await();
    AlertStore.Fired resent = store.fire(firing(CRITICAL, "pd-jinpen").because(cause), T0.plusSeconds(5)).await();
    assertThat(resent.repeat()).isTrue();
    assertThat(resent.alert().id()).isEqualTo(first.alert().id());
    assertThat(resent.alert().count()).as("not counted again").isEqualTo(1);

    store.resolve(first.alert().id(), "duty", "done", T0.plusSeconds(60)).await();
    AlertStore.Fired late = store.fire(firing(CRITICAL, "pd-jinpen").because(cause), T0.plusSeconds(90)).await();
    assertThat(late.repeat()).as("its alert resolved since: still nothing new").isTrue();
    assertThat(late.alert().id()).isEqualTo(first.alert().id());
    assertThat(store.list(null, null, 10).await()).as("no alert reopened").isEmpty();

    AlertStore.Fired fresh = store.fire(firing(CRITICAL, "pd-jinpen").because(java.util.UUID.randomUUID().toString()),
        T0.plusSeconds(120)).await();
    assertThat(fresh.created()).as("a new cause opens a new alert").isTrue();
  }

  /** A batch counts as its firings one after another would: each new cause once, a repeated one not at all. */
  @Test
  void aBatchOfFiringsCountsEachNewCauseOnceAndTellsEachAlertOnce() {
    String old = UUID.randomUUID().toString();
    AlertStore.Fired first = store.fire(firing(CRITICAL, "pd-jinpen").because(old), T0).await();
    String twice = UUID.randomUUID().toString();
    List<AlertStore.Fired> changed = store.fireAll(List.of(
        firing(CRITICAL, "pd-jinpen").because(old),
        firing(CRITICAL, "pd-jinpen").because(twice),
        firing(CRITICAL, "pd-jinpen").because(twice),
        firing(CRITICAL, "pd-jinpen").because(UUID.randomUUID().toString()),
        firing(WARNING, "pd-jinpen").because(UUID.randomUUID().toString()),
        firing(CRITICAL, "pd-liangting")), T0.plusSeconds(10)).await();
    assertThat(changed).hasSize(3);
    assertThat(changed.get(0).alert().id()).isEqualTo(first.alert().id());
    assertThat(changed.get(0).created()).isFalse();
    assertThat(changed.get(0).alert().count()).as("the old cause and the doubled one count nothing more").isEqualTo(3);
    assertThat(changed.get(0).alert().lastSeen()).isEqualTo(T0.plusSeconds(10));
    assertThat(changed.get(1).created()).isTrue();
    assertThat(changed.get(1).alert().rule()).isEqualTo(WARNING.id());
    assertThat(changed.get(2).created()).isTrue();
    assertThat(changed.get(2).alert().subject()).isEqualTo("pd-liangting");
    assertThat(store.history(changed.get(1).alert().id()).await()).extracting(AlertEvent::action).containsExactly("fired");
    assertThat(store.fireAll(List.of(firing(CRITICAL, "pd-jinpen").because(twice)), T0.plusSeconds(20)).await())
        .as("a batch of repeats changes nothing").isEmpty();
    assertThat(store.fireAll(List.of(), T0.plusSeconds(20)).await()).isEmpty();
  }

  @Test
  void theLifecycleGoesForwardOnlyAndIsAudited() {
    UUID id = store.fire(firing(CRITICAL, "pd-jinpen"), T0).await().alert().id();
    Alert acked = store.acknowledge(id, "duty", "on it", T0.plusSeconds(30)).await();
    assertThat(acked.state()).isEqualTo(Alert.State.ACKNOWLEDGED);
    assertThat(acked.acknowledged()).isEqualTo(new Alert.Action("duty", T0.plusSeconds(30), "on it"));
    assertThatThrownBy(() -> store.acknowledge(id, "admin", null, T0.plusSeconds(31)).await()).isInstanceOf(AlertConflict.class);
    Alert resolved = store.resolve(id, "admin", "resolved on site", T0.plusSeconds(60)).await();
    assertThat(resolved.state()).isEqualTo(Alert.State.RESOLVED);
    assertThat(resolved.resolved().by()).isEqualTo("admin");
    assertThatThrownBy(() -> store.resolve(id, "duty", "again", T0.plusSeconds(61)).await()).isInstanceOf(AlertConflict.class);
    assertThatThrownBy(() -> store.acknowledge(UUID.randomUUID(), "duty", null, T0).await()).isInstanceOf(AlertNotFound.class);

    List<AlertEvent> trail = store.history(id).await();
    assertThat(trail).extracting(AlertEvent::action).containsExactly("fired", "acknowledged", "resolved");
    assertThat(trail).extracting(AlertEvent::actor).containsExactly("system", "duty", "admin");
    assertThat(trail.get(2).note()).isEqualTo("resolved on site");
    assertThat(store.find(id).await()).get().extracting(Alert::state).isEqualTo(Alert.State.RESOLVED);
  }

  @Test
  void twoOfficersActingAtOnceOneWins() {
    UUID id = store.fire(firing(CRITICAL, "pd-jinpen"), T0).await().alert().id();
    Future<Alert> duty = store.acknowledge(id, "duty", null, T0.plusSeconds(1));
    Future<Alert> admin = store.acknowledge(id, "admin", null, T0.plusSeconds(1));
    Future.join(duty, admin).otherwiseEmpty().await();
    assertThat(List.of(duty.succeeded(), admin.succeeded())).containsExactlyInAnyOrder(true, false);
    assertThat((duty.failed() ? duty : admin).cause()).isInstanceOf(AlertConflict.class);
    assertThat(store.history(id).await()).hasSize(2);
  }

  @Test
  void onlyUnacknowledgedCriticalAlertsOldEnoughEscalateAndOnlyOnce() {
    UUID old = store.fire(firing(CRITICAL, "pd-jinpen"), T0).await().alert().id();
    UUID acked = store.fire(firing(CRITICAL, "pd-liangting"), T0).await().alert().id();
    store.acknowledge(acked, "duty", null, T0.plusSeconds(10)).await();
    store.fire(firing(WARNING, "pd-puzizui"), T0).await();
    store.fire(firing(CRITICAL, "pd-tianjing"), T0.plus(Duration.ofMinutes(4))).await();

    Instant now = T0.plus(Duration.ofMinutes(5));
    List<Alert> escalated = store.escalate(now.minus(Duration.ofMinutes(5)), now, LADDER, 100).await();
    assertThat(escalated).extracting(Alert::id).containsExactly(old);
    assertThat(escalated.get(0).escalatedAt()).isEqualTo(now);
    assertThat(escalated.get(0).escalatedTo()).as("from 许东镇's desk to the district").isEqualTo("changling");
    assertThat(store.escalate(now.plusSeconds(1).minus(Duration.ofMinutes(5)), now.plusSeconds(1), LADDER, 100).await())
        .as("not again before another delay").isEmpty();
    Instant later = now.plus(Duration.ofMinutes(5));
    assertThat(store.escalate(later.minus(Duration.ofMinutes(5)), later, LADDER, 100).await())
        .as("at the district it is at the top: pd-tianjing's first step only").extracting(Alert::id).doesNotContain(old);
    List<AlertEvent> trail = store.history(old).await();
    assertThat(trail).extracting(AlertEvent::action).containsExactly("fired", "escalated");
    assertThat(trail.get(1).actor()).isEqualTo("system");
    assertThat(trail.get(1).note()).isEqualTo("xudong → changling");
    assertThat(store.find(old).await()).get().extracting(Alert::escalatedTo).isEqualTo("changling");
  }

  @Test
  void anAlertOfTheDistrictsOwnDeskIsMarkedOnceAndStops() {
    UUID own = store.fire(new Firing(CRITICAL, "area", "changling", "changling", "district"), T0).await().alert().id();
    Instant now = T0.plus(Duration.ofMinutes(5));
    assertThat(store.escalate(now, now, LADDER, 100).await()).extracting(Alert::escalatedTo).containsExactly("changling");
    assertThat(store.escalate(now.plusSeconds(600), now.plusSeconds(600), LADDER, 100).await()).isEmpty();
    assertThat(store.history(own).await()).extracting(AlertEvent::note).containsExactly("district", "changling → changling");
  }

  /** A deeper tree than the sample's: 城 (city) → 长岭区 → 许东镇 → 金盆村, a desk at every level but the village. */
  static EscalationLadder cityLadder() {
    Label l = new Label("x", "x");
    List<double[]> none = List.of();
    return new EscalationLadder(new io.watchfloor.domain.Catalogue(
        new io.watchfloor.domain.Jurisdiction("city", "城", l, java.time.ZoneId.of("Asia/Shanghai")),
        List.of(new io.watchfloor.domain.Level("city", l, true), new io.watchfloor.domain.Level("district", l, true),
            new io.watchfloor.domain.Level("town", l, true), new io.watchfloor.domain.Level("village", l, false)),
        List.of(), List.of(new io.watchfloor.domain.Area("city", "城", l, null, "city", none),
            new io.watchfloor.domain.Area("changling", "长岭区", l, "city", "district", none),
            new io.watchfloor.domain.Area("xudong", "许东镇", l, "changling", "town", none),
            new io.watchfloor.domain.Area("jinpen", "金盆村", l, "xudong", "village", none)),
        List.of(), List.of(), List.of()));
  }

  @Test
  void anUnacknowledgedAlertClimbsOneLevelPerDelayUntilTheTop() {
    EscalationLadder ladder = cityLadder();
    UUID id = store.fire(firing(CRITICAL, "pd-jinpen"), T0).await().alert().id();
    Duration delay = Duration.ofMinutes(5);
    Instant first = T0.plus(delay);
    assertThat(store.escalate(first.minus(delay), first, ladder, 100).await()).extracting(Alert::escalatedTo)
        .containsExactly("changling");
    Instant early = first.plus(Duration.ofMinutes(4));
    assertThat(store.escalate(early.minus(delay), early, ladder, 100).await()).as("the delay counts from the last step").isEmpty();
    Instant second = first.plus(delay);
    assertThat(store.escalate(second.minus(delay), second, ladder, 100).await()).extracting(Alert::escalatedTo)
        .containsExactly("city");
    Instant third = second.plus(delay);
    assertThat(store.escalate(third.minus(delay), third, ladder, 100).await()).as("the city is the top").isEmpty();
    assertThat(store.history(id).await()).extracting(AlertEvent::note)
        .containsExactly("escalated_petitions = 1", "xudong → changling", "changling → city");
    assertThat(store.find(id).await()).get().satisfies(a -> {
      assertThat(a.escalatedTo()).isEqualTo("city");
      assertThat(a.escalatedAt()).isEqualTo(second);
    });
  }

  @Test
  void listsAndEventsAreCutToTheAreasAsked() {
    UUID jinpen = store.fire(firing(CRITICAL, "pd-jinpen"), T0).await().alert().id();
    UUID district = store.fire(new Firing(CRITICAL, "area", "changling", "changling", "district"), T0).await().alert().id();
    assertThat(store.list(null, List.of("xudong", "jinpen"), 10).await()).extracting(Alert::id).containsExactly(jinpen);
    assertThat(store.list(Alert.State.OPEN, List.of("changling"), 10).await()).extracting(Alert::id).containsExactly(district);
    assertThat(store.list(null, null, 10).await()).hasSize(2);
    assertThat(store.events(T0, T0.plusSeconds(1), List.of("jinpen")).await()).extracting(AlertEvent::alertId)
        .containsExactly(jinpen);
  }

  @Test
  void listsAreNewestFirstAndEventsCoverAShift() {
    UUID a = store.fire(firing(CRITICAL, "pd-jinpen"), T0).await().alert().id();
    UUID b = store.fire(firing(WARNING, "pd-liangting"), T0.plusSeconds(60)).await().alert().id();
    store.resolve(a, "duty", "done", T0.plusSeconds(120)).await();
    assertThat(store.list(null, null, 10).await()).extracting(Alert::id).containsExactly(b);
    assertThat(store.list(Alert.State.RESOLVED, null, 10).await()).extracting(Alert::id).containsExactly(a);
    assertThat(store.events(T0.plusSeconds(30), T0.plusSeconds(150), null).await()).extracting(AlertEvent::action)
        .containsExactly("fired", "resolved");
  }

  @Test
  void seenSinceListsAKindsAlertsLastSeenSinceThenResolvedOnesToo() {
    AlertStore.Fired old = store.fire(firing(CRITICAL, "pd-jinpen"), T0.minusSeconds(3600)).await();
    store.resolve(old.alert().id(), "duty", "done", T0.minusSeconds(3000)).await();
    AlertStore.Fired today = store.fire(firing(CRITICAL, "pd-liangting"), T0.plusSeconds(10)).await();
    store.resolve(today.alert().id(), "duty", "done", T0.plusSeconds(20)).await();
    AlertStore.Fired repeated = store.fire(firing(WARNING, "pd-jinpen"), T0.minusSeconds(600)).await();
    store.fire(firing(WARNING, "pd-jinpen"), T0.plusSeconds(30)).await();

    assertThat(store.seenSince("any", T0, 10).await()).extracting(Alert::id)
        .containsExactly(repeated.alert().id(), today.alert().id());
    assertThat(store.seenSince("any", T0, 1).await()).hasSize(1);
    assertThat(store.seenSince("missing", T0, 10).await()).isEmpty();
  }
}
