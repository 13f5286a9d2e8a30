package io.watchfloor.domain;

import io.watchfloor.UnitTest;
import io.watchfloor.domain.CaseAction.Actor;
import io.watchfloor.domain.CaseMachine.Step;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import static io.watchfloor.domain.CaseMachineTest.LIMITS;
import static io.watchfloor.domain.CaseMachineTest.T0;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random action sequences by every kind of actor (two officers, the assigned unit, another unit, the deadline
 * clock), each step either applied or refused: the case stays one a reader can trust. jqwik's own tag puts it
 * in the quick tier, as its engine does not read Jupiter's.
 */
@UnitTest
@Tag("unit")
class CaseMachinePropertyTest {
  private static final List<CaseAction> ACTIONS = Arrays.stream(CaseAction.values()).filter(a -> a != CaseAction.OPEN).toList();
  private static final String UNIT = "demo-sanitation";
  private static final List<Actor> ACTORS = List.of(Actor.operator("alice"), Actor.operator("bob"), Actor.unit(UNIT),
      Actor.unit("demo-petitions"), Actor.SYSTEM);
  private static final List<String> LEVELS = List.of("yellow", "red", "green");
  private static final List<String> TARGETS = List.of("chengguan", "changling");

  private final CaseMachine machine = new CaseMachine(LIMITS);

  /** One try: who, what, how long after the last, and the fields a command might carry. */
  record Move(int actor, CaseAction action, int minutesLater, boolean yes, int untilMinutes, int pick) {
  }

  @Provide
  Arbitrary<List<Move>> sequences() {
    Arbitrary<Move> move = Combinators.combine(Arbitraries.integers().between(0, ACTORS.size() - 1),
        Arbitraries.of(ACTIONS), Arbitraries.integers().between(0, 180), Arbitraries.of(true, false),
        Arbitraries.integers().between(-60, 3 * 24 * 60), Arbitraries.integers().between(0, 5)).as(Move::new);
    return move.list().ofMinSize(1).ofMaxSize(60);
  }

  @Property(tries = 10_000, seed = "20261207")
  void everySequenceLeavesATrustworthyCase(@ForAll("sequences") List<Move> moves) {
    CaseFile file = machine.open(UUID.randomUUID(), CaseMachineTest.subject(T0), T0).after();
    CaseFile opening = file;
    List<CaseEvent> trail = new ArrayList<>();
    Instant now = T0;
    for (Move move : moves) {
      now = now.plus(Duration.ofMinutes(move.minutesLater()));
      CaseCommand command = command(move, file, now);
      CaseFile before = file;
      Step step;
      try {
        step = machine.apply(file, command, now);
      } catch (CaseRefused refused) {
        assertThat(refused.state()).isEqualTo(before.state());
        assertThat(refused.allowed()).isEqualTo(CaseMachine.allowed(before));
        continue;
      }
      file = step.after();
      trail.add(step.event());
      assertStep(before, step, command);
      assertWhole(file, trail.size() + 1);
    }
    assertThat(replay(opening, trail)).as("the trail replayed from the opening").isEqualTo(file);
  }

  private CaseCommand command(Move move, CaseFile file, Instant now) {
    Actor actor = ACTORS.get(move.actor());
    Instant until = now.plus(Duration.ofMinutes(move.untilMinutes()));
    return switch (move.action()) {
      case DISPATCH -> new CaseCommand(CaseAction.DISPATCH, actor, null, move.pick() == 0 ? "demo-petitions" : UNIT,
          null, null, null, null);
      case VERIFY -> new CaseCommand(CaseAction.VERIFY, actor, "n", null, move.pick() == 5 ? null : move.yes(), null, null, null);
      case EXTEND -> new CaseCommand(CaseAction.EXTEND, actor, "why", null, null, move.pick() == 5 ? null : until, null, null);
      case EXTENSION -> new CaseCommand(CaseAction.EXTENSION, actor, null, null, null, move.pick() < 3 ? null : until,
          move.pick() == 5 ? null : move.yes(), null);
      case SUPERVISE -> new CaseCommand(CaseAction.SUPERVISE, actor, null, null, null, null, null,
          LEVELS.get(move.pick() % LEVELS.size()));
      case ESCALATE -> new CaseCommand(CaseAction.ESCALATE, actor, null, null, null, null, null,
          TARGETS.get(move.pick() % TARGETS.size()));
      default -> CaseCommand.of(move.action(), actor, "note");
    };
  }

  private static void assertStep(CaseFile before, Step step, CaseCommand command) {
    CaseFile after = step.after();
    CaseEvent event = step.event();
    assertThat(after.version()).isEqualTo(before.version() + 1);
    assertThat(event.seq()).isEqualTo(after.version());
    assertThat(event.from()).isEqualTo(before.state());
    assertThat(event.to()).isEqualTo(after.state());
    assertThat(event.by()).isEqualTo(command.actor().ref());
    assertThat(after.id()).isEqualTo(before.id());
    assertThat(after.subject()).isEqualTo(before.subject());
    assertThat(rank(after.supervision())).as("supervision only rises").isGreaterThanOrEqualTo(rank(before.supervision()));
    CaseFile.Tally t0 = before.tally();
    CaseFile.Tally t1 = after.tally();
    assertThat(t1.urges()).isGreaterThanOrEqualTo(t0.urges());
    assertThat(t1.reworks()).isGreaterThanOrEqualTo(t0.reworks());
    assertThat(t1.extensions()).isGreaterThanOrEqualTo(t0.extensions());
    assertThat(t1.returns()).isGreaterThanOrEqualTo(t0.returns());
    assertThat(!t0.everOverdue() || t1.everOverdue()).as("once overdue, always counted so").isTrue();
    assertThat(before.open()).as("nothing happens to a closed or cancelled case").isTrue();
  }

  /** What holds of any case, however it got there. */
  private static void assertWhole(CaseFile file, int trailLength) {
    assertThat(file.state()).isIn((Object[]) CaseState.values());
    assertThat(file.version()).isEqualTo(trailLength);
    CaseFile.Tally t = file.tally();
    assertThat(List.of(t.urges(), t.reworks(), t.extensions(), t.returns())).allSatisfy(n -> assertThat(n).isNotNegative());
    assertThat(file.clock().running()).as("a clock runs exactly in a timed state").isEqualTo(file.state().stage().isPresent());
    file.state().stage().ifPresent(stage -> {
      assertThat(file.clock().stage()).isEqualTo(stage);
      assertThat(file.clock().dueAt()).isNotNull();
      assertThat(file.unit()).isNotNull();
    });
    assertThat(file.parkedFrom() != null).isEqualTo(file.state() == CaseState.PARKED);
    if (file.extensionAsked() != null) {
      assertThat(file.state()).isIn(CaseState.DISPATCHED, CaseState.HANDLING);
    }
    if (file.state() == CaseState.NEW) {
      assertThat(file.unit()).isNull();
    }
    assertThat(file.closedAt() != null).isEqualTo(file.state() == CaseState.CLOSED);
    if (file.clock().overdue()) {
      assertThat(t.everOverdue()).isTrue();
    }
    if (EnumSet.of(CaseState.CLOSED, CaseState.CANCELLED).contains(file.state())) {
      assertThat(CaseMachine.allowed(file)).isEmpty();
    }
  }

  private static int rank(String supervision) {
    return supervision == null ? 0 : "yellow".equals(supervision) ? 1 : 2;
  }

  /** The case again, from its opening and each trail line's action, actor, time and detail. */
  private CaseFile replay(CaseFile opening, List<CaseEvent> trail) {
    CaseFile file = opening;
    for (CaseEvent event : trail) {
      file = machine.apply(file, commandOf(event), event.at()).after();
    }
    return file;
  }

  static CaseCommand commandOf(CaseEvent event) {
    Actor actor = actor(event.by());
    Object until = event.detail().get("until");
    return new CaseCommand(event.action(), actor, event.note(), (String) event.detail().get("unit"),
        (Boolean) event.detail().get("passed"), until == null ? null : Instant.parse((String) until),
        (Boolean) event.detail().get("granted"),
        (String) (event.action() == CaseAction.ESCALATE ? event.detail().get("to") : event.detail().get("level")));
  }

  private static Actor actor(String ref) {
    if ("system".equals(ref)) {
      return Actor.SYSTEM;
    }
    int colon = ref.indexOf(':');
    String id = ref.substring(colon + 1);
    return ref.startsWith("unit:") ? Actor.unit(id) : Actor.operator(id);
  }
}
