package io.watchfloor.cases;

import io.watchfloor.domain.CaseAction;
import io.watchfloor.domain.CaseCommand;
import io.watchfloor.domain.CaseEvent;
import io.watchfloor.domain.CaseFile;
import io.watchfloor.domain.CaseState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every case store answers to reads: lists, the alert's open case, the deadline clock's and the figures' questions. */
abstract class CaseReadsContract extends CaseStoreFixtures {
  private static final Duration ESCALATE_AFTER = Duration.ofMinutes(30);

  static CaseStore.Filter all(int limit) {
    return new CaseStore.Filter(null, null, null, null, null, null, null, null, limit);
  }

  private List<UUID> ids(CaseStore.Filter filter) {
    return store.list(filter).await().stream().map(CaseFile::id).toList();
  }

  @Test
  void listsFilterByEachFieldNewestFirstWithinTheLimit() {
    UUID fresh = open("jinpen", T0.plusSeconds(50)).id();
    UUID dispatched = dispatched("jinpen", T0.plusSeconds(40)).id();
    UUID supervised = open("liangting", T0.plusSeconds(30)).id();
    step(supervised, CaseCommand.supervise(ALICE, "red", null), T0.plusSeconds(31));
    UUID petition = open(UUID.randomUUID(), subject("上访", "petition", "xudong", null, T0.plusSeconds(20)),
        T0.plusSeconds(20)).id();
    UUID overdue = dispatched("liangting", T0).id();
    step(overdue, of(CaseAction.OVERDUE, CaseAction.Actor.SYSTEM), T0.plus(Duration.ofMinutes(30)));
    UUID nearDue = dispatched("xudong", T0.plusSeconds(10)).id();
    step(nearDue, of(CaseAction.NEAR_DUE, CaseAction.Actor.SYSTEM), T0.plus(Duration.ofMinutes(25)));
    UUID cancelled = open("jinpen", T0.plusSeconds(5)).id();
    step(cancelled, of(CaseAction.CANCEL, ALICE), T0.plusSeconds(6));

    assertThat(ids(all(100))).as("newest first")
        .containsExactly(fresh, dispatched, supervised, petition, nearDue, cancelled, overdue);
    assertThat(ids(all(2))).containsExactly(fresh, dispatched);
    assertThat(ids(new CaseStore.Filter(List.of("jinpen", "xudong"), null, null, null, null, null, null, null, 100)))
        .containsExactly(fresh, dispatched, petition, nearDue, cancelled);
    assertThat(ids(new CaseStore.Filter(List.of(), null, null, null, null, null, null, null, 100))).isEmpty();
    assertThat(ids(new CaseStore.Filter(null, CaseState.DISPATCHED, null, null, null, null, null, null, 100)))
        .containsExactly(dispatched, nearDue, overdue);
    assertThat(ids(new CaseStore.Filter(null, null, false, null, null, null, null, null, 100))).containsExactly(cancelled);
    assertThat(ids(new CaseStore.Filter(null, null, true, null, null, null, null, null, 100))).doesNotContain(cancelled).hasSize(6);
    assertThat(ids(new CaseStore.Filter(null, null, null, true, null, null, null, null, 100))).containsExactly(overdue);
    assertThat(ids(new CaseStore.Filter(null, null, null, null, true, null, null, null, 100))).containsExactly(nearDue, overdue);
    assertThat(ids(new CaseStore.Filter(null, null, null, false, true, null, null, null, 100))).containsExactly(nearDue);
    assertThat(ids(new CaseStore.Filter(null, null, null, null, null, true, null, null, 100))).containsExactly(supervised);
    assertThat(ids(new CaseStore.Filter(null, null, null, null, null, false, null, null, 100))).doesNotContain(supervised).hasSize(6);
    assertThat(ids(new CaseStore.Filter(null, null, null, null, null, null, SANITATION.id(), null, 100)))
        .containsExactly(dispatched, nearDue, overdue);
    assertThat(ids(new CaseStore.Filter(null, null, null, null, null, null, "nobody", null, 100))).isEmpty();
    assertThat(ids(new CaseStore.Filter(null, null, null, null, null, null, null, "petition", 100))).containsExactly(petition);
    assertThat(ids(new CaseStore.Filter(List.of("jinpen"), CaseState.NEW, true, false, false, false, null, "sanitation", 100)))
        .as("every filter at once").containsExactly(fresh);
  }

  @Test
  void anAlertHasAtMostOneOpenCaseAndASecondOpeningNamesIt() {
    UUID alert = UUID.randomUUID();
    CaseFile first = open(UUID.randomUUID(), subject("告警", "petition", "jinpen", alert, T0), T0);
    assertThat(store.openForAlert(alert).await()).contains(first);
    assertThat(store.openForAlert(UUID.randomUUID()).await()).isEmpty();

    UUID second = UUID.randomUUID();
    assertThatThrownBy(() -> open(second, subject("again", "petition", "jinpen", alert, T0.plusSeconds(5)), T0.plusSeconds(5)))
        .isInstanceOfSatisfying(CaseConflict.class, c -> {
          assertThat(c.existing()).isEqualTo(first.id());
          assertThat(c.status()).isEqualTo(409);
          assertThat(c.getMessage()).contains(first.id().toString());
        });
    assertThat(store.find(second).await()).as("nothing stored").isEmpty();

    step(first.id(), of(CaseAction.CANCEL, ALICE), T0.plusSeconds(10));
    assertThat(store.openForAlert(alert).await()).as("a cancelled case is not open").isEmpty();
    CaseFile again = open(second, subject("again", "petition", "jinpen", alert, T0.plusSeconds(20)), T0.plusSeconds(20));
    assertThat(store.openForAlert(alert).await()).contains(again);
  }

  @Test
  void theDeadlineClockIsAskedAtEightyPercentAtTheDeadlineAndAfterEachWaitAtALevel() {
    UUID id = dispatched("jinpen", T0).id();
    UUID parked = dispatched("jinpen", T0).id();
    step(parked, of(CaseAction.PARK, ALICE), T0.plusSeconds(1));
    open("jinpen", T0);
    Instant nearDue = T0.plus(Duration.ofMinutes(24));
    assertThat(due(nearDue.minusSeconds(1))).as("the sign stage's 30 minutes, before 80 %").isEmpty();
    assertThat(due(nearDue)).containsExactly(id);
    step(id, of(CaseAction.NEAR_DUE, CaseAction.Actor.SYSTEM), nearDue);
    assertThat(due(nearDue.plusSeconds(60))).as("marked near due").isEmpty();

    Instant overdue = T0.plus(Duration.ofMinutes(30));
    assertThat(due(overdue)).containsExactly(id);
    step(id, of(CaseAction.OVERDUE, CaseAction.Actor.SYSTEM), overdue);
    assertThat(due(overdue)).as("overdue and never taken up: at once").containsExactly(id);
    step(id, CaseCommand.escalate("xudong"), overdue);
    assertThat(due(overdue.plus(ESCALATE_AFTER).minusSeconds(1))).as("waits at its level").isEmpty();
    Instant again = overdue.plus(ESCALATE_AFTER);
    assertThat(due(again)).containsExactly(id);
    step(id, CaseCommand.escalate("changling"), again);
    Instant later = again.plus(ESCALATE_AFTER);
    assertThat(store.due(later, ESCALATE_AFTER, List.of("changling"), 100).await()).as("at the top").isEmpty();
    assertThat(due(later)).as("no top named").containsExactly(id);
    assertThat(stored(id).clock().escalatedTo()).isEqualTo("changling");

    step(id, of(CaseAction.ACCEPT, SANITATION), later);
    assertThat(due(later.plusSeconds(60))).as("the handle stage's clock starts afresh").isEmpty();
  }

  @Test
  void theDeadlineClockGetsTheEarliestDueFirstWithinItsLimit() {
    UUID late = dispatched("jinpen", T0.plusSeconds(60)).id();
    UUID early = dispatched("xudong", T0).id();
    Instant now = T0.plus(Duration.ofHours(1));
    assertThat(store.due(now, ESCALATE_AFTER, 100).await()).extracting(CaseFile::id).containsExactly(early, late);
    assertThat(store.due(now, ESCALATE_AFTER, 1).await()).extracting(CaseFile::id).containsExactly(early);
  }

  private List<UUID> due(Instant now) {
    return store.due(now, ESCALATE_AFTER, 100).await().stream().map(CaseFile::id).toList();
  }

  @Test
  void theFiguresGetTheCasesOpenInAPeriodAndTheTrailLinesWithin() {
    UUID closed = open("jinpen", T0).id();
    step(closed, CaseCommand.dispatch(ALICE, SANITATION.id(), null), T0.plusSeconds(60));
    step(closed, of(CaseAction.ACCEPT, SANITATION), T0.plusSeconds(120));
    step(closed, of(CaseAction.REPORT, SANITATION), T0.plusSeconds(180));
    step(closed, CaseCommand.verify(BOB, true, "ok"), T0.plus(Duration.ofHours(1)));
    UUID running = open("xudong", T0.plus(Duration.ofHours(2))).id();
    UUID cancelledBefore = open("jinpen", T0.minus(Duration.ofDays(1))).id();
    step(cancelledBefore, of(CaseAction.CANCEL, ALICE), T0.minus(Duration.ofHours(1)));
    UUID openedAfter = open("jinpen", T0.plus(Duration.ofHours(3))).id();
    UUID stillOpen = open("liangting", T0.minus(Duration.ofDays(3))).id();

    Instant from = T0.plus(Duration.ofMinutes(30));
    Instant to = T0.plus(Duration.ofHours(3));
    assertThat(touching(from, to, null)).as("oldest first").containsExactly(stillOpen, closed, running);
    assertThat(touching(T0.plus(Duration.ofHours(1)), to, null)).as("closed at the period's start: in it")
        .containsExactly(stillOpen, closed, running);
    assertThat(touching(T0.plus(Duration.ofHours(1)).plusNanos(1000), to, null)).containsExactly(stillOpen, running);
    assertThat(touching(from, to.plusNanos(1000), null)).as("opened at the period's end: not in it")
        .containsExactly(stillOpen, closed, running, openedAfter);
    assertThat(touching(from, to, List.of("jinpen", "xudong"))).containsExactly(closed, running);
    assertThat(touching(to, from, null)).as("an empty period").isEmpty();
    assertThat(store.touching(from, to, null, 1).await()).hasSize(1);

    List<CaseEvent> lines = store.events(T0.plusSeconds(60), T0.plus(Duration.ofHours(2)), null, 100).await();
    assertThat(lines).extracting(CaseEvent::action)
        .containsExactly(CaseAction.DISPATCH, CaseAction.ACCEPT, CaseAction.REPORT, CaseAction.VERIFY);
    assertThat(store.events(T0.minus(Duration.ofDays(9)), T0.plus(Duration.ofDays(1)), List.of("xudong", "liangting"), 100)
        .await()).extracting(CaseEvent::caseId).containsExactly(stillOpen, running);
    assertThat(store.events(T0.minus(Duration.ofDays(9)), T0.plus(Duration.ofDays(1)), null, 3).await()).hasSize(3);
  }

  private List<UUID> touching(Instant from, Instant to, List<String> areas) {
    return store.touching(from, to, areas, 100).await().stream().map(CaseFile::id).toList();
  }
}
