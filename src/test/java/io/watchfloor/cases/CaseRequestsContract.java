package io.watchfloor.cases;

import io.vertx.core.Future;
import io.watchfloor.domain.CaseAction;
import io.watchfloor.domain.CaseCommand;
import io.watchfloor.domain.CaseFile;
import io.watchfloor.domain.CaseRefused;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every case store's idempotency (a unique key, answered once) and two people acting at once. */
abstract class CaseRequestsContract extends CaseReadsContract {
  private static final int TIMES = 20;

  @Test
  void theSameRequestTwentyTimesAtOnceIsAppliedOnceAndAnsweredAlikeTwentyTimes() {
    UUID id = dispatched("jinpen", T0).id();
    CaseStore.Request urge = request(ALICE, "urge-1", "POST /cases/" + id + "/urge {}");
    List<Future<CaseStore.Outcome>> sent = IntStream.range(0, TIMES).mapToObj(i -> store.act(id,
        of(CaseAction.URGE, ALICE), List.of(), T0.plusSeconds(60 + i), urge, ANSWER)).toList();
    Future.all(sent).await();
    List<CaseStore.Outcome> outcomes = sent.stream().map(Future::result).toList();
    assertThat(trail(id)).as("exactly one line").hasSize(3);
    assertThat(stored(id).tally().urges()).isEqualTo(1);
    assertThat(outcomes).extracting(CaseStore.Outcome::answer).as("twenty identical answers")
        .containsOnly(ANSWER.apply(stored(id))).hasSize(TIMES);
    assertThat(outcomes).extracting(CaseStore.Outcome::status).containsOnly(200);
    assertThat(outcomes.stream().filter(CaseStore.Outcome::replayed)).hasSize(TIMES - 1);
    assertThat(outcomes.stream().filter(o -> o.step() != null)).hasSize(1);

    CaseStore.Outcome later = store.act(id, of(CaseAction.URGE, ALICE), List.of(), T0.plusSeconds(600), urge, ANSWER).await();
    assertThat(later.replayed()).isTrue();
    assertThat(later.answer()).isEqualTo(outcomes.get(0).answer());
    assertThat(trail(id)).hasSize(3);
  }

  @Test
  void theSameOpeningTwentyTimesAtOnceOpensOneCase() {
    UUID id = UUID.randomUUID();
    CaseStore.Request key = request(ALICE, "open-1", "POST /cases {…}");
    List<Future<CaseStore.Outcome>> keyed = new ArrayList<>();
    List<Future<CaseStore.Outcome>> bare = new ArrayList<>();
    for (int i = 0; i < TIMES; i++) {
      var opening = MACHINE.open(id, subject("x", "sanitation", "jinpen", null, T0.plusSeconds(i)), T0.plusSeconds(i));
      keyed.add(store.open(opening, List.of(), key, ANSWER));
      bare.add(store.open(opening, List.of(), null, ANSWER));
    }
    Future.all(keyed).await();
    Future.all(bare).await();
    List<CaseStore.Outcome> all = new ArrayList<>();
    keyed.forEach(f -> all.add(f.result()));
    bare.forEach(f -> all.add(f.result()));
    List<CaseStore.Outcome> applied = all.stream().filter(o -> !o.replayed()).toList();
    assertThat(applied).as("one opening").hasSize(1);
    assertThat(applied.get(0).status()).isEqualTo(201);
    assertThat(all.stream().filter(o -> o.step() != null)).hasSize(1);
    assertThat(bare).extracting(f -> f.result().status()).as("the others are told it exists")
        .isSubsetOf(200, 201).filteredOn(s -> s == 201).hasSizeLessThanOrEqualTo(1);
    assertThat(keyed).extracting(f -> f.result().status()).as("the key's first answer each time").containsOnly(
        keyed.get(0).result().status());
    assertThat(all).extracting(CaseStore.Outcome::answer).containsOnly(ANSWER.apply(stored(id)));
    assertThat(trail(id)).hasSize(1);
  }

  @Test
  void tenOpeningsOfOneAlertAtOnceOpenOneCaseAndTheOthersNameIt() {
    UUID alert = UUID.randomUUID();
    List<Future<CaseStore.Outcome>> sent = IntStream.range(0, 10).mapToObj(i -> store.open(MACHINE.open(UUID.randomUUID(),
        subject("告警 " + i, "petition", "jinpen", alert, T0), T0), List.of(), null, ANSWER)).toList();
    Future.join(sent).otherwiseEmpty().await();
    List<Future<CaseStore.Outcome>> opened = sent.stream().filter(Future::succeeded).toList();
    assertThat(opened).hasSize(1);
    UUID id = opened.get(0).result().step().after().id();
    assertThat(sent.stream().filter(Future::failed).map(Future::cause)).hasSize(9)
        .allSatisfy(e -> assertThat(e).isInstanceOfSatisfying(CaseConflict.class, c -> assertThat(c.existing()).isEqualTo(id)));
    assertThat(store.list(all(100)).await()).extracting(CaseFile::id).containsExactly(id);
  }

  @Test
  void aKeySentWithAnotherRequestIsRefusedAndChangesNothing() {
    UUID id = dispatched("jinpen", T0).id();
    CaseStore.Request urge = request(ALICE, "k-1", "urge " + id);
    store.act(id, of(CaseAction.URGE, ALICE), List.of(), T0.plusSeconds(60), urge, ANSWER).await();
    CaseFile before = stored(id);
    assertThatThrownBy(() -> store.act(id, of(CaseAction.PARK, ALICE), List.of(), T0.plusSeconds(90),
        request(ALICE, "k-1", "park " + id), ANSWER).await()).isInstanceOf(RequestReused.class);
    UUID other = UUID.randomUUID();
    assertThatThrownBy(() -> store.open(MACHINE.open(other, subject("x", "sanitation", "jinpen", null, T0), T0),
        List.of(), request(ALICE, "k-1", "open " + other), ANSWER).await()).isInstanceOf(RequestReused.class);
    assertThat(stored(id)).isEqualTo(before);
    assertThat(trail(id)).hasSize(3);
    assertThat(store.find(other).await()).isEmpty();

    CaseStore.Outcome bobs = store.act(id, of(CaseAction.URGE, BOB), List.of(), T0.plusSeconds(95),
        request(BOB, "k-1", "urge " + id), ANSWER).await();
    assertThat(bobs.replayed()).as("a key is the principal's own").isFalse();
    assertThat(stored(id).tally().urges()).isEqualTo(2);
  }

  @Test
  void aRefusedRequestKeepsNoAnswerAndMayBeSentAgain() {
    UUID id = open("jinpen", T0).id();
    CaseStore.Request accept = request(SANITATION, "a-1", "accept " + id);
    assertThatThrownBy(() -> store.act(id, of(CaseAction.ACCEPT, SANITATION), List.of(), T0.plusSeconds(10), accept,
        ANSWER).await()).isInstanceOf(CaseRefused.class);
    step(id, CaseCommand.dispatch(ALICE, SANITATION.id(), null), T0.plusSeconds(20));
    CaseStore.Outcome accepted = store.act(id, of(CaseAction.ACCEPT, SANITATION), List.of(), T0.plusSeconds(30), accept,
        ANSWER).await();
    assertThat(accepted.replayed()).isFalse();
    assertThat(accepted.step().after().state()).isEqualTo(io.watchfloor.domain.CaseState.HANDLING);
  }

  @Test
  void twoOfficersDispatchingAtOnceOneWinsAndTheOtherIsRefused() {
    UUID id = open("jinpen", T0).id();
    Future<CaseStore.Outcome> alice = store.act(id, CaseCommand.dispatch(ALICE, SANITATION.id(), null), List.of(),
        T0.plusSeconds(5), null, ANSWER);
    Future<CaseStore.Outcome> bob = store.act(id, CaseCommand.dispatch(BOB, POLICE.id(), null), List.of(),
        T0.plusSeconds(5), null, ANSWER);
    Future.join(alice, bob).otherwiseEmpty().await();
    assertThat(List.of(alice.succeeded(), bob.succeeded())).containsExactlyInAnyOrder(true, false);
    Future<CaseStore.Outcome> lost = alice.failed() ? alice : bob;
    assertThat(lost.cause()).isInstanceOfSatisfying(CaseRefused.class,
        r -> assertThat(r.state()).isEqualTo(io.watchfloor.domain.CaseState.DISPATCHED));
    assertThat(stored(id).unit()).isEqualTo((alice.succeeded() ? SANITATION : POLICE).id());
    assertThat(trail(id)).hasSize(2);
  }

  @Test
  void twoOfficersSupervisingAtOnceAreTwoStepsInOrder() {
    UUID id = dispatched("jinpen", T0).id();
    Future<CaseStore.Outcome> alice = store.act(id, CaseCommand.supervise(ALICE, "yellow", null), List.of(),
        T0.plusSeconds(5), null, ANSWER);
    Future<CaseStore.Outcome> bob = store.act(id, CaseCommand.supervise(BOB, "yellow", null), List.of(),
        T0.plusSeconds(5), null, ANSWER);
    Future.all(alice, bob).await();
    assertThat(List.of(alice.result().step().after().version(), bob.result().step().after().version()))
        .containsExactlyInAnyOrder(3, 4);
    assertThat(trail(id)).hasSize(4);
    assertTrailReplaysToTheStoredCase(id);
  }

  @Test
  void forgottenKeysAreOlderThanTheLineAndMayThenBeUsedAgain() {
    UUID id = dispatched("jinpen", T0).id();
    CaseStore.Request old = request(ALICE, "old", "urge");
    CaseStore.Request recent = request(ALICE, "recent", "urge");
    store.act(id, of(CaseAction.URGE, ALICE), List.of(), T0, old, ANSWER).await();
    store.act(id, of(CaseAction.URGE, ALICE), List.of(), T0.plus(Duration.ofDays(8)), recent, ANSWER).await();
    assertThat(store.forgetRequests(T0.plus(Duration.ofDays(1))).await()).isEqualTo(1);
    assertThat(store.act(id, of(CaseAction.URGE, ALICE), List.of(), T0.plus(Duration.ofDays(8)), recent, ANSWER).await()
        .replayed()).isTrue();
    assertThat(store.act(id, of(CaseAction.URGE, ALICE), List.of(), T0.plus(Duration.ofDays(8)), old, ANSWER).await()
        .replayed()).as("forgotten: a new request").isFalse();
    assertThat(stored(id).tally().urges()).isEqualTo(3);
    assertThat(store.forgetRequests(T0.plus(Duration.ofDays(1))).await()).isZero();
  }
}
