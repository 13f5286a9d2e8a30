package io.watchfloor.domain;

import io.watchfloor.TestTown;
import io.watchfloor.UnitTest;
import io.watchfloor.domain.CaseAction.Actor;
import io.watchfloor.domain.CaseFigures.Counts;
import io.watchfloor.domain.CaseFigures.Figure;
import io.watchfloor.domain.CaseFigures.Rate;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static io.watchfloor.domain.CaseMachineTest.LIMITS;
import static io.watchfloor.domain.CaseMachineTest.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The figures by unit and by area: what each counts, the rates, and every area the sum of its children and its own. */
@UnitTest
class CaseFiguresTest {
  private static final Catalogue TOWN = TestTown.CATALOGUE;
  private static final Actor ALICE = Actor.operator("alice");
  private static final Actor BOB = Actor.operator("bob");
  private static final Instant FROM = T0;
  private static final Instant TO = T0.plus(Duration.ofDays(1));
  private final CaseMachine machine = new CaseMachine(LIMITS);

  private CaseFile open(String area, Instant at) {
    CaseFile.Subject subject = new CaseFile.Subject("t", "sanitation", "normal", null, area, null, "d", "officer", ALICE.ref(), at);
    return machine.open(UUID.randomUUID(), subject, at).after();
  }

  private CaseFile act(CaseFile file, CaseCommand command, Instant at) {
    return machine.apply(file, command, at).after();
  }

  /** Dispatched to a unit, signed after {@code signMinutes}, reported after {@code handleMinutes} more, verified. */
  private CaseFile closed(String area, String unit, int signMinutes, int handleMinutes, boolean reworkOnce) {
    Instant at = T0.plusSeconds(600);
    CaseFile file = act(open(area, at), CaseCommand.dispatch(ALICE, unit, null), at);
    file = act(file, CaseCommand.of(CaseAction.ACCEPT, Actor.unit(unit), null), at = at.plus(Duration.ofMinutes(signMinutes)));
    file = act(file, CaseCommand.of(CaseAction.REPORT, Actor.unit(unit), "done"), at = at.plus(Duration.ofMinutes(handleMinutes)));
    if (reworkOnce) {
      file = act(file, CaseCommand.verify(BOB, false, "again"), at = at.plusSeconds(60));
      file = act(file, CaseCommand.of(CaseAction.REPORT, Actor.unit(unit), "done"), at = at.plusSeconds(60));
    }
    return act(file, CaseCommand.verify(BOB, true, "ok"), at.plusSeconds(60));
  }

  @Test
  void eachFigureCountsWhatItSays() {
    CaseFile onTime = closed("xijie", "u1", 10, 60, false);
    CaseFile signedLate = closed("xijie", "u1", 45, 60, false);
    CaseFile reworked = closed("beimen", "u2", 5, 30, true);
    CaseFile waiting = act(open("xudong", T0.plusSeconds(60)), CaseCommand.dispatch(ALICE, "u2", null), T0.plusSeconds(120));
    waiting = act(waiting, CaseCommand.supervise(ALICE, "red", null), T0.plusSeconds(180));
    waiting = act(waiting, CaseCommand.of(CaseAction.URGE, ALICE, null), T0.plusSeconds(240));
    CaseFile parked = act(open("jinpen", T0.plusSeconds(60)), CaseCommand.of(CaseAction.PARK, ALICE, "x"), T0.plusSeconds(90));
    CaseFile lastWeek = act(open("jinpen", T0.minus(Duration.ofDays(7))), CaseCommand.dispatch(ALICE, "u1", null),
        T0.minus(Duration.ofDays(7)));
    List<CaseFile> files = List.of(onTime, signedLate, reworked, waiting, parked, lastWeek);
    Instant now = T0.plus(Duration.ofMinutes(20));

    Counts all = CaseFigures.byArea(files, TOWN, "changling", FROM, TO, now).get("changling");
    assertThat(all.get(Figure.OPENED)).as("last week's case is not of this range").isEqualTo(5);
    assertThat(all.get(Figure.DISPATCHED)).isEqualTo(4);
    assertThat(all.get(Figure.SIGNED)).isEqualTo(3);
    assertThat(all.get(Figure.SIGNED_ON_TIME)).isEqualTo(2);
    assertThat(all.get(Figure.HANDLED)).isEqualTo(3);
    assertThat(all.get(Figure.HANDLED_ON_TIME)).isEqualTo(3);
    assertThat(all.get(Figure.CLOSED)).isEqualTo(3);
    assertThat(all.get(Figure.CLOSED_ON_TIME)).as("signed late is not closed on time").isEqualTo(2);
    assertThat(all.get(Figure.REWORKED)).isEqualTo(1);
    assertThat(all.get(Figure.REWORKS)).isEqualTo(1);
    assertThat(all.get(Figure.SUPERVISED)).isEqualTo(1);
    assertThat(all.get(Figure.URGES)).isEqualTo(1);
    assertThat(all.get(Figure.OPEN_NOW)).as("waiting, parked, and last week's").isEqualTo(3);
    assertThat(all.get(Figure.PARKED)).isEqualTo(1);
    assertThat(all.get(Figure.OVERDUE_NOW)).as("last week's, never signed").isEqualTo(1);
    assertThat(all.get(Figure.NEAR_DUE_NOW)).as("waiting: 18 of its 30 minutes gone is not yet 80 %").isZero();
    assertThat(CaseFigures.of(waiting, FROM, TO, T0.plus(Duration.ofMinutes(27))).get(Figure.NEAR_DUE_NOW))
        .as("25 of its 30 minutes gone").isEqualTo(1);

    assertThat(all.rate(Rate.SIGNED_ON_TIME)).isCloseTo(2.0 / 3, within(1e-9));
    assertThat(all.rate(Rate.HANDLED_ON_TIME)).isEqualTo(1.0);
    assertThat(all.rate(Rate.CLOSED)).isCloseTo(3.0 / 5, within(1e-9));
    assertThat(all.rate(Rate.CLOSED_ON_TIME)).isCloseTo(2.0 / 3, within(1e-9));
    assertThat(all.rate(Rate.REWORKED)).isCloseTo(1.0 / 3, within(1e-9));
    assertThat(Counts.ZERO.rate(Rate.CLOSED)).as("nothing to share").isNull();
    assertThat(Rate.SIGNED_ON_TIME.key()).isEqualTo("signedOnTimeRate");
    assertThat(Figure.NEAR_DUE_NOW.key()).isEqualTo("nearDueNow");

    Map<String, Counts> units = CaseFigures.byUnit(files, FROM, TO, now);
    assertThat(units.keySet()).containsExactly("u1", "u2");
    assertThat(units.get("u1").get(Figure.SIGNED_ON_TIME)).isEqualTo(1);
    assertThat(units.get("u2").get(Figure.REWORKED)).isEqualTo(1);
    assertThat(units.get("u1").plus(units.get("u2")).get(Figure.DISPATCHED)).isEqualTo(4);
  }

  @Test
  void aScopeSeesItsSubtreeOnly() {
    List<CaseFile> files = List.of(closed("xijie", "u1", 5, 5, false), closed("jinpen", "u1", 5, 5, false));
    Map<String, Counts> chengguan = CaseFigures.byArea(files, TOWN, "chengguan", FROM, TO, TO);
    assertThat(chengguan.keySet()).startsWith("chengguan").contains("xijie").doesNotContain("jinpen", "changling");
    assertThat(chengguan.get("chengguan").get(Figure.CLOSED)).isEqualTo(1);
    assertThat(chengguan.get("nanmen")).isEqualTo(Counts.ZERO);
  }

  /** Hundreds of random cases over every area, the district's and the towns' own among them. */
  @Test
  void everyAreaIsTheSumOfItsChildrenAndItsOwnCases() {
    Random random = new Random(20261207);
    List<Area> areas = new ArrayList<>(TOWN.areas());
    List<CaseFile> files = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      files.add(randomCase(random, areas.get(random.nextInt(areas.size())).id()));
    }
    Instant now = T0.plus(Duration.ofHours(10));
    Map<String, Counts> byArea = CaseFigures.byArea(files, TOWN, "changling", FROM, TO, now);
    assertThat(byArea.keySet()).containsExactlyInAnyOrderElementsOf(areas.stream().map(Area::id).toList());
    for (Area area : areas) {
      Counts sum = own(files, area.id(), now);
      for (Area child : TOWN.children(area.id())) {
        sum = sum.plus(byArea.get(child.id()));
      }
      assertThat(byArea.get(area.id())).as(area.id()).isEqualTo(sum);
    }
    Counts root = byArea.get("changling");
    assertThat(root.get(Figure.OPENED)).isEqualTo(files.stream().filter(f -> !f.subject().openedAt().isBefore(FROM)).count());
    assertThat(root.get(Figure.CLOSED)).isPositive();
    assertThat(root.get(Figure.OVERDUE_NOW)).isPositive();
    for (Figure figure : Figure.values()) {
      assertThat(root.get(figure)).as(figure.key()).isNotNegative();
    }
    for (Rate rate : Rate.values()) {
      assertThat(root.rate(rate)).as(rate.key()).isBetween(0.0, 1.0);
    }
  }

  private static Counts own(List<CaseFile> files, String area, Instant now) {
    Counts sum = Counts.ZERO;
    for (CaseFile f : files) {
      if (area.equals(f.subject().area())) {
        sum = sum.plus(CaseFigures.of(f, FROM, TO, now));
      }
    }
    return sum;
  }

  /** A case taken a random way along the loop, opened in the range or the day before. */
  private CaseFile randomCase(Random random, String area) {
    Instant at = T0.plus(Duration.ofMinutes(random.nextInt(2 * 24 * 60) - 24 * 60));
    CaseFile file = open(area, at);
    String unit = "u" + random.nextInt(3);
    List<CaseCommand> plan = List.of(CaseCommand.dispatch(ALICE, unit, null), CaseCommand.of(CaseAction.ACCEPT, Actor.unit(unit), null),
        CaseCommand.of(CaseAction.REPORT, Actor.unit(unit), "r"), CaseCommand.verify(BOB, random.nextInt(4) > 0, "v"),
        CaseCommand.of(CaseAction.REPORT, Actor.unit(unit), "r"), CaseCommand.verify(BOB, true, "v"));
    int steps = random.nextInt(plan.size() + 1);
    for (int i = 0; i < steps; i++) {
      at = at.plus(Duration.ofMinutes(random.nextInt(90)));
      try {
        if (random.nextInt(8) == 0) {
          file = act(file, CaseCommand.supervise(ALICE, "yellow", null), at);
        }
        file = act(file, plan.get(i), at);
      } catch (CaseRefused passedEarlier) {
        break;
      }
    }
    if (random.nextInt(10) == 0 && CaseMachine.allowed(file).contains(CaseAction.PARK)) {
      file = act(file, CaseCommand.of(CaseAction.PARK, ALICE, "p"), at.plusSeconds(60));
    }
    return file;
  }
}
