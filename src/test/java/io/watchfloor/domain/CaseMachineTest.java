package io.watchfloor.domain;

import io.watchfloor.UnitTest;
import io.watchfloor.domain.CaseAction.Actor;
import io.watchfloor.domain.CaseMachine.Step;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.watchfloor.domain.CaseAction.ACCEPT;
import static io.watchfloor.domain.CaseAction.CANCEL;
import static io.watchfloor.domain.CaseAction.DISPATCH;
import static io.watchfloor.domain.CaseAction.EXTEND;
import static io.watchfloor.domain.CaseAction.EXTENSION;
import static io.watchfloor.domain.CaseAction.PARK;
import static io.watchfloor.domain.CaseAction.REPORT;
import static io.watchfloor.domain.CaseAction.RESUME;
import static io.watchfloor.domain.CaseAction.RETURN;
import static io.watchfloor.domain.CaseAction.SUPERVISE;
import static io.watchfloor.domain.CaseAction.URGE;
import static io.watchfloor.domain.CaseAction.VERIFY;
import static io.watchfloor.domain.CaseState.CANCELLED;
import static io.watchfloor.domain.CaseState.CLOSED;
import static io.watchfloor.domain.CaseState.DISPATCHED;
import static io.watchfloor.domain.CaseState.HANDLING;
import static io.watchfloor.domain.CaseState.NEW;
import static io.watchfloor.domain.CaseState.PARKED;
import static io.watchfloor.domain.CaseState.REPORTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The transitions of docs/cases.md's action table, each row and each refusal, and the tally they keep. */
@UnitTest
class CaseMachineTest {
  /** Monday 2026-12-07, 09:00 in Shanghai. */
  static final Instant T0 = Instant.parse("2026-12-07T01:00:00Z");
  /** Sign in 30 minutes, handle in 2 hours, verify in 1 hour, whatever the category. */
  static final StageClock LIMITS = (category, urgency, stage, start) -> start.plus(switch (stage) {
    case SIGN -> Duration.ofMinutes(30);
    case HANDLE -> Duration.ofHours(2);
    case VERIFY -> Duration.ofHours(1);
  });
  static final Actor ALICE = Actor.operator("alice");
  static final Actor BOB = Actor.operator("bob");
  static final Actor UNIT = Actor.unit("demo-sanitation");
  static final Actor OTHER_UNIT = Actor.unit("demo-petitions");

  private final CaseMachine machine = new CaseMachine(LIMITS);

  static CaseFile.Subject subject(Instant at) {
    return new CaseFile.Subject("垃圾满溢", "sanitation", "normal", "s-12", "xijie", null, "路口垃圾桶满溢",
        "officer", ALICE.ref(), at);
  }

  private CaseFile opened() {
    return machine.open(UUID.randomUUID(), subject(T0), T0).after();
  }

  private CaseFile act(CaseFile file, CaseCommand command, Instant at) {
    return machine.apply(file, command, at).after();
  }

  /** A case brought to {@code state} along the main line, one minute a step. */
  private CaseFile in(CaseState state) {
    CaseFile file = opened();
    Instant at = T0;
    switch (state) {
      case NEW -> {
        return file;
      }
      case PARKED -> {
        return act(file, CaseCommand.of(PARK, ALICE, "等待"), at.plusSeconds(60));
      }
      case CANCELLED -> {
        return act(file, CaseCommand.of(CANCEL, ALICE, "重复"), at.plusSeconds(60));
      }
      default -> {
      }
    }
    file = act(file, CaseCommand.dispatch(ALICE, UNIT.id(), null), at = at.plusSeconds(60));
    if (state == DISPATCHED) {
      return file;
    }
    file = act(file, CaseCommand.of(ACCEPT, UNIT, null), at = at.plusSeconds(60));
    if (state == HANDLING) {
      return file;
    }
    file = act(file, CaseCommand.of(REPORT, UNIT, "已清运"), at = at.plusSeconds(60));
    if (state == REPORTED) {
      return file;
    }
    return act(file, CaseCommand.verify(BOB, true, "核查通过"), at.plusSeconds(60));
  }

  /** A well-formed command for each person's action, by whoever the table says takes it. */
  private static CaseCommand command(CaseAction action) {
    return switch (action) {
      case DISPATCH -> CaseCommand.dispatch(ALICE, UNIT.id(), null);
      case ACCEPT, REPORT -> CaseCommand.of(action, UNIT, "note");
      case RETURN -> CaseCommand.of(RETURN, UNIT, "不属于本单位");
      case VERIFY -> CaseCommand.verify(BOB, true, "ok");
      case EXTEND -> CaseCommand.extend(UNIT, T0.plus(Duration.ofDays(2)), "需要更多时间");
      case EXTENSION -> CaseCommand.extension(ALICE, true, null, null);
      case SUPERVISE -> CaseCommand.supervise(ALICE, "yellow", null);
      case NEAR_DUE, OVERDUE -> CaseCommand.of(action, Actor.SYSTEM, null);
      case ESCALATE -> CaseCommand.escalate("changling");
      default -> CaseCommand.of(action, ALICE, "note");
    };
  }

  /** The table: from which states each action a person takes is allowed, and where it leads (null: stays). */
  private static final Map<CaseAction, Set<CaseState>> FROM = new EnumMap<>(CaseAction.class);
  private static final Map<CaseAction, CaseState> TO = new EnumMap<>(CaseAction.class);

  static {
    FROM.put(DISPATCH, EnumSet.of(NEW));
    TO.put(DISPATCH, DISPATCHED);
    FROM.put(ACCEPT, EnumSet.of(DISPATCHED));
    TO.put(ACCEPT, HANDLING);
    FROM.put(RETURN, EnumSet.of(DISPATCHED, HANDLING));
    TO.put(RETURN, NEW);
    FROM.put(REPORT, EnumSet.of(HANDLING));
    TO.put(REPORT, REPORTED);
    FROM.put(VERIFY, EnumSet.of(REPORTED));
    TO.put(VERIFY, CLOSED);
    FROM.put(EXTEND, EnumSet.of(DISPATCHED, HANDLING));
    FROM.put(PARK, EnumSet.of(NEW, DISPATCHED, HANDLING));
    TO.put(PARK, PARKED);
    FROM.put(RESUME, EnumSet.of(PARKED));
    TO.put(RESUME, NEW);
    FROM.put(CANCEL, EnumSet.of(NEW, DISPATCHED));
    TO.put(CANCEL, CANCELLED);
    FROM.put(SUPERVISE, EnumSet.of(NEW, DISPATCHED, HANDLING, REPORTED, PARKED));
    FROM.put(URGE, EnumSet.of(DISPATCHED, HANDLING, REPORTED));
  }

  @Test
  void everyRowOfTheTableMovesTheCaseWhereItSays() {
    FROM.forEach((action, states) -> {
      for (CaseState state : states) {
        CaseFile before = in(state);
        Step step = machine.apply(before, command(action), T0.plusSeconds(3600));
        CaseState to = TO.getOrDefault(action, state);
        assertThat(step.after().state()).as(action + " from " + state).isEqualTo(to);
        assertThat(step.after().version()).isEqualTo(before.version() + 1);
        assertThat(step.event().seq()).isEqualTo(step.after().version());
        assertThat(step.event().action()).isEqualTo(action);
        assertThat(step.event().from()).isEqualTo(state);
        assertThat(step.event().to()).isEqualTo(to);
        assertThat(step.event().by()).isEqualTo(command(action).actor().ref());
      }
    });
  }

  @Test
  void everyActionTheStateDoesNotAllowIsRefusedNamingTheAllowedOnes() {
    Map<CaseState, List<CaseAction>> allowed = Map.of(
        NEW, List.of(DISPATCH, PARK, CANCEL, SUPERVISE),
        DISPATCHED, List.of(ACCEPT, RETURN, EXTEND, PARK, CANCEL, SUPERVISE, URGE),
        HANDLING, List.of(RETURN, REPORT, EXTEND, PARK, SUPERVISE, URGE),
        REPORTED, List.of(VERIFY, SUPERVISE, URGE),
        CLOSED, List.of(),
        PARKED, List.of(RESUME, SUPERVISE),
        CANCELLED, List.of());
    for (CaseState state : CaseState.values()) {
      CaseFile file = in(state);
      assertThat(CaseMachine.allowed(file)).as("allowed in " + state).isEqualTo(allowed.get(state));
      for (CaseAction action : CaseAction.values()) {
        if (action == CaseAction.OPEN || FROM.getOrDefault(action, Set.of()).contains(state)
            || (action.allowedTo(Actor.Kind.SYSTEM) && state.stage().isPresent())) {
          continue;
        }
        CaseRefused refused = catchThrowableOfType(CaseRefused.class, () -> machine.apply(file, command(action), T0));
        assertThat(refused).as(action + " in " + state).isNotNull();
        assertThat(refused.state()).isEqualTo(state);
        assertThat(refused.allowed()).as(action + " in " + state).isEqualTo(allowed.get(state));
      }
    }
  }

  @Test
  void aPendingExtensionSwapsExtendForExtensionInTheAllowedList() {
    CaseFile asked = act(in(DISPATCHED), command(EXTEND), T0.plusSeconds(600));
    assertThat(CaseMachine.allowed(asked)).containsExactly(ACCEPT, RETURN, EXTENSION, PARK, CANCEL, SUPERVISE, URGE);
    CaseRefused second = catchThrowableOfType(CaseRefused.class, () -> machine.apply(asked, command(EXTEND), T0.plusSeconds(700)));
    assertThat(second.allowed()).contains(EXTENSION).doesNotContain(EXTEND);
  }

  @Test
  void theOneWhoReportedBackCannotVerify() {
    CaseFile reported = in(REPORTED);
    assertThat(reported.reportedBy()).isEqualTo(UNIT.ref());
    // a principal that reported back, whatever its kind, may not verify its own report
    CaseFile byAlice = new CaseFile(reported.id(), reported.subject(), REPORTED, reported.unit(), reported.clock(),
        null, null, null, ALICE.ref(), null, reported.tally(), reported.version(), reported.updatedAt());
    assertThatThrownBy(() -> machine.apply(byAlice, CaseCommand.verify(ALICE, true, "ok"), T0.plusSeconds(600)))
        .isInstanceOf(CaseRefused.class).hasMessage("the one who reported back cannot verify")
        .extracting(e -> ((CaseRefused) e).allowed()).isEqualTo(List.of(VERIFY, SUPERVISE, URGE));
    assertThat(act(byAlice, CaseCommand.verify(BOB, true, "ok"), T0.plusSeconds(600)).state()).isEqualTo(CLOSED);
  }

  @Test
  void eachActorTakesOnlyItsOwnActions() {
    CaseFile dispatched = in(DISPATCHED);
    assertThatThrownBy(() -> machine.apply(dispatched, CaseCommand.of(ACCEPT, OTHER_UNIT, null), T0.plusSeconds(600)))
        .isInstanceOf(CaseRefused.class).hasMessage("the case is not dispatched to this unit");
    assertThatThrownBy(() -> machine.apply(dispatched, CaseCommand.of(ACCEPT, ALICE, null), T0.plusSeconds(600)))
        .isInstanceOf(CaseRefused.class).hasMessage("accept is not for operator");
    assertThatThrownBy(() -> machine.apply(dispatched, CaseCommand.of(CANCEL, UNIT, null), T0.plusSeconds(600)))
        .isInstanceOf(CaseRefused.class).hasMessage("cancel is not for unit");
    assertThatThrownBy(() -> machine.apply(dispatched, CaseCommand.of(CaseAction.OVERDUE, ALICE, null), T0.plusSeconds(600)))
        .isInstanceOf(CaseRefused.class).hasMessage("overdue is not for operator");
    assertThatThrownBy(() -> machine.apply(dispatched, CaseCommand.of(URGE, Actor.SYSTEM, null), T0.plusSeconds(600)))
        .isInstanceOf(CaseRefused.class).hasMessage("urge is not for system");
    assertThatThrownBy(() -> machine.apply(opened(), CaseCommand.of(CaseAction.OPEN, ALICE, null), T0))
        .isInstanceOf(CaseRefused.class);
  }

  @Test
  void commandsWithoutTheirFieldsAreRefusedNotHalfApplied() {
    assertThatThrownBy(() -> machine.apply(opened(), CaseCommand.dispatch(ALICE, " ", null), T0))
        .isInstanceOf(CaseRefused.class).hasMessage("dispatch needs a unit");
    assertThatThrownBy(() -> machine.apply(in(HANDLING), CaseCommand.extend(UNIT, null, "why"), T0))
        .isInstanceOf(CaseRefused.class).hasMessage("extend needs the time asked for");
    CaseFile asked = act(in(HANDLING), command(EXTEND), T0.plusSeconds(600));
    assertThatThrownBy(() -> machine.apply(asked, new CaseCommand(EXTENSION, ALICE, null, null, null, null, null, null), T0))
        .isInstanceOf(CaseRefused.class).hasMessage("extension needs granted, true or false");
    assertThatThrownBy(() -> machine.apply(in(REPORTED), new CaseCommand(VERIFY, BOB, null, null, null, null, null, null), T0))
        .isInstanceOf(CaseRefused.class).hasMessage("verify needs passed, true or false");
    assertThatThrownBy(() -> machine.apply(opened(), CaseCommand.supervise(ALICE, "green", null), T0))
        .isInstanceOf(CaseRefused.class).hasMessage("supervision is yellow or red");
  }

  @Test
  void supervisionOnlyRises() {
    CaseFile yellow = act(in(HANDLING), CaseCommand.supervise(ALICE, "yellow", "尽快"), T0.plusSeconds(600));
    assertThat(yellow.supervision()).isEqualTo("yellow");
    CaseFile again = act(yellow, CaseCommand.supervise(BOB, "yellow", null), T0.plusSeconds(700));
    assertThat(again.supervision()).isEqualTo("yellow");
    CaseFile red = act(again, CaseCommand.supervise(BOB, "red", null), T0.plusSeconds(800));
    assertThat(red.supervision()).isEqualTo("red");
    assertThatThrownBy(() -> machine.apply(red, CaseCommand.supervise(ALICE, "yellow", null), T0.plusSeconds(900)))
        .isInstanceOf(CaseRefused.class).hasMessageContaining("only rises");
    assertThat(act(red, CaseCommand.supervise(ALICE, "red", null), T0.plusSeconds(900)).supervision()).isEqualTo("red");
    assertThat(act(red, CaseCommand.of(REPORT, UNIT, "done"), T0.plusSeconds(1000)).supervision())
        .as("supervision stays with the case").isEqualTo("red");
  }

  @Test
  void anExtensionGrantedMovesTheDeadlineToTheTimeAskedOrGiven() {
    CaseFile handling = in(HANDLING);
    Instant asked = handling.clock().dueAt().plus(Duration.ofHours(5));
    CaseFile pending = act(handling, CaseCommand.extend(UNIT, asked, "需要调车"), T0.plusSeconds(600));
    assertThat(pending.extensionAsked().until()).isEqualTo(asked);
    assertThat(pending.extensionAsked().by()).isEqualTo(UNIT.ref());
    assertThat(pending.clock()).as("asking changes no deadline").isEqualTo(handling.clock());

    Step granted = machine.apply(pending, CaseCommand.extension(ALICE, true, null, "同意"), T0.plusSeconds(700));
    assertThat(granted.after().clock().dueAt()).isEqualTo(asked);
    assertThat(granted.after().clock().startedAt()).isEqualTo(handling.clock().startedAt());
    assertThat(granted.after().extensionAsked()).isNull();
    assertThat(granted.after().tally().extensions()).isEqualTo(1);
    assertThat(granted.event().detail()).containsEntry("granted", true).containsEntry("until", asked.toString());

    CaseFile pendingAgain = act(granted.after(), CaseCommand.extend(UNIT, asked.plus(Duration.ofDays(1)), "再延"), T0.plusSeconds(800));
    Instant given = asked.plus(Duration.ofHours(2));
    CaseFile shorter = act(pendingAgain, CaseCommand.extension(ALICE, true, given, "只给两小时"), T0.plusSeconds(900));
    assertThat(shorter.clock().dueAt()).isEqualTo(given);
    assertThat(shorter.tally().extensions()).isEqualTo(2);

    CaseFile pendingThird = act(shorter, CaseCommand.extend(UNIT, given.plus(Duration.ofDays(1)), "再延"), T0.plusSeconds(1000));
    Step refused = machine.apply(pendingThird, CaseCommand.extension(BOB, false, null, "不同意"), T0.plusSeconds(1100));
    assertThat(refused.after().clock().dueAt()).as("a refusal keeps the deadline").isEqualTo(given);
    assertThat(refused.after().extensionAsked()).isNull();
    assertThat(refused.after().tally().extensions()).isEqualTo(2);
    assertThat(refused.event().detail()).containsEntry("granted", false).doesNotContainKey("until");
  }

  @Test
  void extensionIsRefusedWithoutARequest() {
    assertThatThrownBy(() -> machine.apply(in(HANDLING), command(EXTENSION), T0.plusSeconds(600)))
        .isInstanceOf(CaseRefused.class);
  }

  @Test
  void parkingStopsTheClockAndResumingRestartsTheStage() {
    CaseFile handling = in(HANDLING);
    assertThat(handling.clock().stage()).isEqualTo(CaseStage.HANDLE);
    CaseFile parked = act(handling, CaseCommand.of(PARK, ALICE, "等待上级答复"), T0.plusSeconds(600));
    assertThat(parked.clock()).isEqualTo(CaseFile.Clock.NONE);
    assertThat(parked.parkedFrom()).isEqualTo(HANDLING);
    Instant later = T0.plus(Duration.ofDays(3));
    CaseFile resumed = act(parked, CaseCommand.of(RESUME, ALICE, null), later);
    assertThat(resumed.state()).isEqualTo(HANDLING);
    assertThat(resumed.parkedFrom()).isNull();
    assertThat(resumed.unit()).isEqualTo(UNIT.id());
    assertThat(resumed.clock().stage()).isEqualTo(CaseStage.HANDLE);
    assertThat(resumed.clock().startedAt()).isEqualTo(later);
    assertThat(resumed.clock().dueAt()).isEqualTo(later.plus(Duration.ofHours(2)));

    CaseFile fromNew = act(act(opened(), CaseCommand.of(PARK, ALICE, "x"), T0.plusSeconds(60)),
        CaseCommand.of(RESUME, ALICE, null), T0.plusSeconds(120));
    assertThat(fromNew.state()).isEqualTo(NEW);
    assertThat(fromNew.clock().running()).isFalse();
  }

  @Test
  void reworkRestartsTheHandleStageAndCountsIt() {
    CaseFile reported = in(REPORTED);
    Instant at = T0.plus(Duration.ofMinutes(30));
    CaseFile rework = act(reported, CaseCommand.verify(BOB, false, "未清理干净"), at);
    assertThat(rework.state()).isEqualTo(HANDLING);
    assertThat(rework.tally().reworks()).isEqualTo(1);
    assertThat(rework.clock().stage()).isEqualTo(CaseStage.HANDLE);
    assertThat(rework.clock().startedAt()).isEqualTo(at);
    assertThat(rework.clock().dueAt()).isEqualTo(at.plus(Duration.ofHours(2)));
  }

  @Test
  void returningClearsTheUnitAndCountsIt() {
    CaseFile returned = act(in(HANDLING), CaseCommand.of(RETURN, UNIT, "不属于本单位"), T0.plusSeconds(600));
    assertThat(returned.state()).isEqualTo(NEW);
    assertThat(returned.unit()).isNull();
    assertThat(returned.clock().running()).isFalse();
    assertThat(returned.tally().returns()).isEqualTo(1);
  }

  @Test
  void signingAndHandlingAreOnTimeOnlyIfEveryTimeWasOnTime() {
    CaseFile dispatched = in(DISPATCHED);
    Instant signDue = dispatched.clock().dueAt();
    CaseFile signed = act(dispatched, CaseCommand.of(ACCEPT, UNIT, null), signDue);
    assertThat(signed.tally().signedOnTime()).as("at the deadline is on time").isTrue();
    assertThat(signed.tally().handledOnTime()).isNull();

    CaseFile late = act(dispatched, CaseCommand.of(ACCEPT, UNIT, null), signDue.plusSeconds(1));
    assertThat(late.tally().signedOnTime()).isFalse();

    // handled late once, then on time after a rework: handled late stays
    Instant handleDue = signed.clock().dueAt();
    CaseFile reportedLate = act(signed, CaseCommand.of(REPORT, UNIT, "done"), handleDue.plusSeconds(60));
    assertThat(reportedLate.tally().handledOnTime()).isFalse();
    CaseFile rework = act(reportedLate, CaseCommand.verify(BOB, false, "again"), handleDue.plusSeconds(120));
    CaseFile reportedOnTime = act(rework, CaseCommand.of(REPORT, UNIT, "done"), handleDue.plusSeconds(180));
    assertThat(reportedOnTime.tally().handledOnTime()).isFalse();

    CaseFile onTime = act(signed, CaseCommand.of(REPORT, UNIT, "done"), handleDue.minusSeconds(60));
    assertThat(onTime.tally().handledOnTime()).isTrue();
    assertThat(onTime.tally().everOverdue()).isFalse();
  }

  /** A stage that ends past its deadline before the clock marked it was still overdue: closed late, not on time. */
  @Test
  void aStageEndedLateMarksTheCaseOverdueEvenBeforeTheClockDid() {
    CaseFile dispatched = in(DISPATCHED);
    CaseFile late = act(dispatched, CaseCommand.of(ACCEPT, UNIT, null), dispatched.clock().dueAt().plusSeconds(5));
    assertThat(late.tally().everOverdue()).isTrue();

    CaseFile reported = in(REPORTED);
    CaseFile closedLate = act(reported, CaseCommand.verify(BOB, true, "ok"), reported.clock().dueAt().plusSeconds(5));
    assertThat(closedLate.tally().everOverdue()).as("verified past the verify deadline").isTrue();
    assertThat(closedLate.tally().signedOnTime()).isTrue();
    assertThat(closedLate.tally().handledOnTime()).isTrue();

    CaseFile closedInTime = act(reported, CaseCommand.verify(BOB, true, "ok"), reported.clock().dueAt());
    assertThat(closedInTime.tally().everOverdue()).isFalse();
  }

  @Test
  void theClockMarksNearDueOverdueAndEscalatesOncePerLevel() {
    CaseFile handling = in(HANDLING);
    Instant due = handling.clock().dueAt();
    CaseFile near = act(handling, CaseCommand.of(CaseAction.NEAR_DUE, Actor.SYSTEM, null), handling.clock().nearDueAt());
    assertThat(near.clock().nearDue()).isTrue();
    assertThat(near.clock().overdue()).isFalse();
    assertThatThrownBy(() -> machine.apply(near, CaseCommand.of(CaseAction.NEAR_DUE, Actor.SYSTEM, null), due))
        .isInstanceOf(CaseRefused.class);
    assertThatThrownBy(() -> machine.apply(near, CaseCommand.escalate("xudong"), due))
        .as("only an overdue case escalates").isInstanceOf(CaseRefused.class);

    CaseFile overdue = act(near, CaseCommand.of(CaseAction.OVERDUE, Actor.SYSTEM, null), due.plusSeconds(1));
    assertThat(overdue.clock().overdue()).isTrue();
    assertThat(overdue.tally().everOverdue()).isTrue();
    assertThatThrownBy(() -> machine.apply(overdue, CaseCommand.of(CaseAction.OVERDUE, Actor.SYSTEM, null), due.plusSeconds(2)))
        .isInstanceOf(CaseRefused.class);

    Step up = machine.apply(overdue, CaseCommand.escalate("chengguan"), due.plusSeconds(2));
    assertThat(up.after().clock().escalatedTo()).isEqualTo("chengguan");
    assertThat(up.after().clock().escalatedAt()).isEqualTo(due.plusSeconds(2));
    assertThat(up.event().by()).isEqualTo("system");
    assertThat(up.event().detail()).containsEntry("to", "chengguan");
    assertThatThrownBy(() -> machine.apply(up.after(), CaseCommand.escalate("chengguan"), due.plusSeconds(3)))
        .isInstanceOf(CaseRefused.class).hasMessageContaining("once per level");
    assertThat(act(up.after(), CaseCommand.escalate("changling"), due.plusSeconds(1800)).clock().escalatedTo())
        .isEqualTo("changling");
  }

  @Test
  void systemActionsNeedARunningStage() {
    for (CaseState state : List.of(NEW, PARKED, CLOSED, CANCELLED)) {
      assertThatThrownBy(() -> machine.apply(in(state), CaseCommand.of(CaseAction.OVERDUE, Actor.SYSTEM, null), T0))
          .as(state.key()).isInstanceOf(CaseRefused.class);
    }
  }

  @Test
  void cancelAndCloseEndTheClock() {
    CaseFile closed = in(CLOSED);
    assertThat(closed.clock().running()).isFalse();
    assertThat(closed.closedAt()).isNotNull();
    assertThat(in(CANCELLED).clock().running()).isFalse();
  }

  @Test
  void urgesAreCounted() {
    CaseFile once = act(in(DISPATCHED), CaseCommand.of(URGE, ALICE, "请尽快签收"), T0.plusSeconds(600));
    assertThat(act(once, CaseCommand.of(URGE, BOB, null), T0.plusSeconds(700)).tally().urges()).isEqualTo(2);
  }
}
