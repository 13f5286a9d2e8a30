package io.watchfloor.cases;

import io.watchfloor.domain.CaseAction;
import io.watchfloor.domain.CaseCommand;
import io.watchfloor.domain.CaseEvent;
import io.watchfloor.domain.CaseFile;
import io.watchfloor.domain.CaseRefused;
import io.watchfloor.domain.CaseStage;
import io.watchfloor.domain.CaseState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every case store must do; each runs this suite (and the reads' suite it extends) through its own
 * subclass. Idempotency and two people at once are {@link CaseRequestsContract}'s.
 */
abstract class CaseStoreContract extends CaseRequestsContract {

  @Test
  void anOpeningIsStoredWithItsFirstLineAndTheSameOpeningAgainIsAnsweredWithTheStoredCase() {
    UUID id = UUID.randomUUID();
    CaseFile.Subject subject = subject("垃圾满溢", "sanitation", "jinpen", null, T0);
    CaseStore.Outcome first = store.open(MACHINE.open(id, subject, T0), List.of(), null, ANSWER).await();
    assertThat(first.status()).isEqualTo(201);
    assertThat(first.replayed()).isFalse();
    assertThat(first.answer()).isEqualTo(ANSWER.apply(first.step().after()));
    assertThat(stored(id)).isEqualTo(first.step().after());
    assertThat(stored(id).state()).isEqualTo(CaseState.NEW);
    assertThat(trail(id)).containsExactly(first.step().event());

    CaseFile.Subject resent = subject("垃圾满溢", "sanitation", "jinpen", null, T0.plusSeconds(30));
    CaseStore.Outcome again = store.open(MACHINE.open(id, resent, T0.plusSeconds(30)), List.of(), null, ANSWER).await();
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.replayed()).isTrue();
    assertThat(again.step()).as("nothing changed").isNull();
    assertThat(again.answer()).isEqualTo(first.answer());
    assertThat(stored(id).subject().openedAt()).as("the first opening's time").isEqualTo(T0);

    CaseFile.Subject other = subject("另一件事", "sanitation", "jinpen", null, T0.plusSeconds(60));
    assertThatThrownBy(() -> store.open(MACHINE.open(id, other, T0.plusSeconds(60)), List.of(), null, ANSWER).await())
        .isInstanceOfSatisfying(CaseConflict.class, c -> assertThat(c.existing()).isEqualTo(id));
    assertThat(stored(id)).isEqualTo(first.step().after());
    assertThat(trail(id)).hasSize(1);
  }

  @Test
  void aFieldEventsPhotosAreKeptWithItsOpeningLine() {
    UUID id = UUID.randomUUID();
    CaseFile.Subject subject = new CaseFile.Subject("井盖缺失", "other", "urgent", "s-jinpen", "jinpen", null, "路口",
        "field", SANITATION.ref(), T0);
    CaseStore.Photo sent = photo(2 * 1024 * 1024, "image/jpeg", 11);
    store.open(MACHINE.open(id, subject, T0), List.of(sent), null, ANSWER).await();
    assertThat(store.detail(id).await().orElseThrow().photos())
        .containsExactly(new CaseStore.PhotoInfo(sent.id(), 1, "image/jpeg", 2 * 1024 * 1024, T0));
    assertThat(store.photo(id, sent.id()).await().orElseThrow().bytes()).isEqualTo(sent.bytes());
    assertThat(stored(id).subject()).isEqualTo(subject);
  }

  @Test
  void aCaseClosedOnTimeKeepsEveryStepAndItsReport() {
    UUID id = open("jinpen", T0).id();
    CaseFile d = step(id, CaseCommand.dispatch(ALICE, SANITATION.id(), "去看看"), T0.plusSeconds(60));
    assertThat(d.state()).isEqualTo(CaseState.DISPATCHED);
    assertThat(d.clock().stage()).isEqualTo(CaseStage.SIGN);
    assertThat(d.clock().dueAt()).isEqualTo(T0.plusSeconds(60).plus(Duration.ofMinutes(30)));
    assertThat(step(id, of(CaseAction.ACCEPT, SANITATION), T0.plusSeconds(120)).clock().stage()).isEqualTo(CaseStage.HANDLE);
    List<CaseStore.Photo> photos = List.of(photo(300_000, "image/jpeg", 1), photo(1, "image/png", 2), photo(70_000, "image/webp", 3));
    CaseStore.Outcome reported = store.act(id, of(CaseAction.REPORT, SANITATION), photos, T0.plusSeconds(600), null, ANSWER).await();
    assertThat(reported.step().after().reportedBy()).isEqualTo(SANITATION.ref());
    CaseFile closed = step(id, CaseCommand.verify(BOB, true, "已处理"), T0.plusSeconds(900));
    assertThat(closed.state()).isEqualTo(CaseState.CLOSED);
    assertThat(closed.closedAt()).isEqualTo(T0.plusSeconds(900));
    assertThat(closed.tally()).isEqualTo(new CaseFile.Tally(0, 0, 0, 0, true, true, false));
    assertThat(stored(id)).isEqualTo(closed);
    assertThat(trail(id)).extracting(CaseEvent::action).containsExactly(CaseAction.OPEN, CaseAction.DISPATCH,
        CaseAction.ACCEPT, CaseAction.REPORT, CaseAction.VERIFY);
    assertThat(trail(id).get(1).detail()).containsEntry("unit", SANITATION.id());
    assertThat(trail(id).get(1).note()).isEqualTo("去看看");
    assertTrailReplaysToTheStoredCase(id);

    List<CaseStore.PhotoInfo> listed = store.detail(id).await().orElseThrow().photos();
    assertThat(listed).extracting(CaseStore.PhotoInfo::id).as("in the order sent")
        .containsExactlyElementsOf(photos.stream().map(CaseStore.Photo::id).toList());
    assertThat(listed).extracting(CaseStore.PhotoInfo::seq).containsOnly(reported.step().event().seq());
    assertThat(listed).extracting(CaseStore.PhotoInfo::size).containsExactly(300_000, 1, 70_000);
    for (CaseStore.Photo sent : photos) {
      CaseStore.Photo back = store.photo(id, sent.id()).await().orElseThrow();
      assertThat(back.bytes()).as("byte-equal").isEqualTo(sent.bytes());
      assertThat(back.mediaType()).isEqualTo(sent.mediaType());
      assertThat(back.caseId()).isEqualTo(id);
      assertThat(back.at()).isEqualTo(T0.plusSeconds(600));
    }
    assertThat(store.photo(UUID.randomUUID(), photos.get(0).id()).await()).as("another case's path").isEmpty();
    assertThat(store.photo(id, UUID.randomUUID()).await()).isEmpty();
  }

  @Test
  void reworkReturnsParkingCancellingAndSupervisionAreEachStoredWithTheirTrail() {
    UUID rework = dispatched("jinpen", T0).id();
    step(rework, of(CaseAction.ACCEPT, SANITATION), T0.plus(Duration.ofMinutes(40)));
    step(rework, of(CaseAction.REPORT, SANITATION), T0.plus(Duration.ofMinutes(50)));
    CaseFile again = step(rework, CaseCommand.verify(ALICE, false, "没扫干净"), T0.plus(Duration.ofMinutes(60)));
    assertThat(again.state()).isEqualTo(CaseState.HANDLING);
    assertThat(again.clock().startedAt()).as("handling restarts").isEqualTo(T0.plus(Duration.ofMinutes(60)));
    step(rework, of(CaseAction.REPORT, SANITATION), T0.plus(Duration.ofMinutes(70)));
    CaseFile done = step(rework, CaseCommand.verify(BOB, true, null), T0.plus(Duration.ofMinutes(80)));
    // signed for 40 minutes into its 30: late, so the case was overdue, whether or not the clock came by
    assertThat(done.tally()).isEqualTo(new CaseFile.Tally(0, 1, 0, 0, false, true, true));

    UUID returned = dispatched("jinpen", T0).id();
    assertThat(step(returned, of(CaseAction.RETURN, SANITATION), T0.plusSeconds(60)).unit()).isNull();
    step(returned, CaseCommand.dispatch(ALICE, POLICE.id(), null), T0.plusSeconds(120));
    step(returned, of(CaseAction.ACCEPT, POLICE), T0.plusSeconds(180));
    CaseFile back = step(returned, of(CaseAction.RETURN, POLICE), T0.plusSeconds(240));
    assertThat(back.state()).isEqualTo(CaseState.NEW);
    assertThat(back.tally().returns()).isEqualTo(2);
    assertThat(back.clock()).isEqualTo(CaseFile.Clock.NONE);

    UUID parked = dispatched("jinpen", T0).id();
    CaseFile p = step(parked, of(CaseAction.PARK, ALICE), T0.plusSeconds(60));
    assertThat(p.state()).isEqualTo(CaseState.PARKED);
    assertThat(p.parkedFrom()).isEqualTo(CaseState.DISPATCHED);
    CaseFile resumed = step(parked, of(CaseAction.RESUME, BOB), T0.plus(Duration.ofHours(1)));
    assertThat(resumed.state()).isEqualTo(CaseState.DISPATCHED);
    assertThat(resumed.parkedFrom()).isNull();
    assertThat(resumed.clock().dueAt()).isEqualTo(T0.plus(Duration.ofMinutes(90)));

    UUID cancelled = dispatched("jinpen", T0).id();
    step(cancelled, CaseCommand.supervise(ALICE, "yellow", "抓紧"), T0.plusSeconds(10));
    step(cancelled, CaseCommand.supervise(BOB, "red", null), T0.plusSeconds(20));
    assertThatThrownBy(() -> step(cancelled, CaseCommand.supervise(ALICE, "yellow", null), T0.plusSeconds(25)))
        .isInstanceOf(CaseRefused.class);
    step(cancelled, of(CaseAction.URGE, ALICE), T0.plusSeconds(30));
    CaseFile c = step(cancelled, of(CaseAction.CANCEL, ALICE), T0.plusSeconds(40));
    assertThat(c.state()).isEqualTo(CaseState.CANCELLED);
    assertThat(c.supervision()).isEqualTo("red");
    assertThat(c.tally().urges()).isEqualTo(1);
    assertThat(trail(cancelled)).extracting(CaseEvent::action).containsExactly(CaseAction.OPEN, CaseAction.DISPATCH,
        CaseAction.SUPERVISE, CaseAction.SUPERVISE, CaseAction.URGE, CaseAction.CANCEL);
    for (UUID id : List.of(rework, returned, parked, cancelled)) {
      assertTrailReplaysToTheStoredCase(id);
    }
  }

  @Test
  void extensionsAndTheDeadlineClocksMarksAreStoredWithTheirTrail() {
    UUID id = dispatched("jinpen", T0).id();
    step(id, of(CaseAction.ACCEPT, SANITATION), T0.plusSeconds(60));
    Instant asked = T0.plus(Duration.ofHours(5));
    CaseFile waiting = step(id, CaseCommand.extend(SANITATION, asked, "需要吊车"), T0.plusSeconds(120));
    assertThat(waiting.extensionAsked()).isEqualTo(new CaseFile.ExtensionAsk(asked, "需要吊车", SANITATION.ref(), T0.plusSeconds(120)));
    assertThatThrownBy(() -> step(id, CaseCommand.extend(SANITATION, asked, "again"), T0.plusSeconds(130)))
        .as("one pending at a time").isInstanceOf(CaseRefused.class);
    CaseFile granted = step(id, CaseCommand.extension(ALICE, true, null, "同意"), T0.plusSeconds(180));
    assertThat(granted.clock().dueAt()).isEqualTo(asked);
    assertThat(granted.extensionAsked()).isNull();
    step(id, CaseCommand.extend(SANITATION, asked.plus(Duration.ofDays(1)), "more"), T0.plusSeconds(240));
    CaseFile denied = step(id, CaseCommand.extension(BOB, false, null, "不行"), T0.plusSeconds(300));
    assertThat(denied.clock().dueAt()).isEqualTo(asked);
    assertThat(denied.tally().extensions()).isEqualTo(1);

    step(id, of(CaseAction.NEAR_DUE, CaseAction.Actor.SYSTEM), T0.plus(Duration.ofHours(4)));
    step(id, of(CaseAction.OVERDUE, CaseAction.Actor.SYSTEM), asked);
    CaseFile escalated = step(id, CaseCommand.escalate("xudong"), asked.plusSeconds(1));
    assertThat(escalated.clock()).isEqualTo(new CaseFile.Clock(CaseStage.HANDLE, T0.plusSeconds(60), asked, true, true,
        "xudong", asked.plusSeconds(1)));
    assertThat(escalated.tally().everOverdue()).isTrue();
    assertThat(trail(id).get(trail(id).size() - 1).by()).isEqualTo("system");
    assertThat(trail(id).get(trail(id).size() - 1).detail()).containsEntry("to", "xudong");
    assertTrailReplaysToTheStoredCase(id);
  }

  @Test
  void aRefusedOrUnknownStepChangesNothing() {
    CaseFile opened = open("jinpen", T0);
    assertThatThrownBy(() -> act(opened.id(), of(CaseAction.ACCEPT, SANITATION), T0.plusSeconds(1)))
        .isInstanceOfSatisfying(CaseRefused.class, r -> assertThat(r.allowed())
            .containsExactly(CaseAction.DISPATCH, CaseAction.PARK, CaseAction.CANCEL, CaseAction.SUPERVISE));
    step(opened.id(), CaseCommand.dispatch(ALICE, SANITATION.id(), null), T0.plusSeconds(2));
    assertThatThrownBy(() -> act(opened.id(), of(CaseAction.ACCEPT, POLICE), T0.plusSeconds(3)))
        .as("not this unit's case").isInstanceOf(CaseRefused.class);
    assertThat(stored(opened.id()).version()).isEqualTo(2);
    assertThat(trail(opened.id())).hasSize(2);
    UUID unknown = UUID.randomUUID();
    assertThatThrownBy(() -> act(unknown, of(CaseAction.URGE, ALICE), T0))
        .isInstanceOfSatisfying(CaseNotFound.class, e -> assertThat(e.status()).isEqualTo(404));
    assertThat(store.find(unknown).await()).isEmpty();
    assertThat(store.detail(unknown).await()).isEmpty();
  }

  @Test
  void timesAreKeptToTheMicrosecondSoAnAnswerEqualsALaterRead() {
    Instant odd = T0.plusNanos(123_456_789);
    UUID id = UUID.randomUUID();
    CaseStore.Outcome opened = store.open(MACHINE.open(id, subject("x", "sanitation", "jinpen", null, odd), odd),
        List.of(), null, ANSWER).await();
    assertThat(opened.step().after()).isEqualTo(stored(id));
    assertThat(stored(id).subject().openedAt()).isEqualTo(T0.plusNanos(123_456_000));
    CaseFile d = act(id, CaseCommand.dispatch(ALICE, SANITATION.id(), null), odd.plusSeconds(1)).step().after();
    assertThat(d).isEqualTo(stored(id));
    CaseFile asked = step(id, CaseCommand.extend(SANITATION, odd.plusSeconds(7200), "x"), odd.plusSeconds(2));
    assertThat(asked).isEqualTo(stored(id));
    assertThat(asked.extensionAsked().until()).isEqualTo(T0.plusNanos(123_456_000).plusSeconds(7200));
    assertTrailReplaysToTheStoredCase(id);
  }
}
