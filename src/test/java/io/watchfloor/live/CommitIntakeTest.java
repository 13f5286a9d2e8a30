package io.watchfloor.live;

import io.vertx.core.json.JsonObject;
import io.watchfloor.TestTown;
import io.watchfloor.UnitTest;
import io.watchfloor.domain.Report;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every committed report counts once, whether this node's commit or the tail brings it first. */
@UnitTest
class CommitIntakeTest {
  private static final Instant NOW = ZonedDateTime.of(2026, 12, 2, 10, 0, 0, 0, LiveStateTest.SHANGHAI).toInstant();

  private static LiveState state() {
    return new LiveState(TestTown.CATALOGUE, LocalDate.ofInstant(NOW, LiveStateTest.SHANGHAI), "score");
  }

  private static Report checked(int vehicles, Instant observed) {
    return LiveStateTest.report("demo-checkpoints", "cp-highway-exit", observed.atZone(LiveStateTest.SHANGHAI)
        .toOffsetDateTime().toString(), new JsonObject().put("vehicles_checked", vehicles), NOW);
  }

  private static long vehicles(LiveState state) {
    return LiveStateTest.json(state, NOW).getJsonObject("totals").getLong("vehicles_checked", 0L);
  }

  @Test
  void aCommitHereCountsAtOnceAndTheTailThenSkipsIt() {
    LiveState state = state();
    CommitIntake intake = new CommitIntake(true, 10);
    Report r = checked(5, NOW);
    assertThat(intake.committedHere(state, List.of(r), false)).containsExactly(r);
    assertThat(vehicles(state)).isEqualTo(5);
    assertThat(intake.unconfirmed()).isEqualTo(1);
    assertThat(intake.tailed(state, List.of(r))).isEmpty();
    assertThat(vehicles(state)).isEqualTo(5);
    assertThat(intake.unconfirmed()).as("confirmed, forgotten").isZero();
  }

  @Test
  void theTailFirstThenTheCommitHereCountsOnce() {
    LiveState state = state();
    CommitIntake intake = new CommitIntake(true, 10);
    Report r = checked(5, NOW);
    assertThat(intake.tailed(state, List.of(r))).containsExactly(r);
    assertThat(intake.committedHere(state, List.of(r), false)).isEmpty();
    assertThat(vehicles(state)).isEqualTo(5);
    assertThat(intake.unconfirmed()).isZero();
  }

  @Test
  void aReportOfAnOldDayWaitsForTheTailAndCountsOnce() {
    LiveState state = state();
    CommitIntake intake = new CommitIntake(true, 10);
    Report old = checked(3, NOW.minusSeconds(3 * 86_400));
    assertThat(intake.committedHere(state, List.of(old), false)).as("its day is not live: no way to tell a repeat").isEmpty();
    assertThat(intake.tailed(state, List.of(old))).containsExactly(old);
    assertThat(intake.unconfirmed()).isZero();
  }

  @Test
  void pastTheBoundCommitsWaitForTheTail() {
    LiveState state = state();
    CommitIntake intake = new CommitIntake(true, 1);
    Report first = checked(1, NOW);
    Report second = checked(2, NOW);
    assertThat(intake.committedHere(state, List.of(first, second), false)).containsExactly(first);
    assertThat(intake.tailed(state, List.of(first, second))).containsExactly(second);
    assertThat(vehicles(state)).isEqualTo(3);
  }

  @Test
  void withTheTailResendsChangeNothingWithoutItTheyCountIfNew() {
    Report r = checked(4, NOW);
    LiveState tailedState = state();
    assertThat(new CommitIntake(true, 10).committedHere(tailedState, List.of(r), true)).isEmpty();
    assertThat(vehicles(tailedState)).isZero();

    LiveState alone = state();
    CommitIntake intake = new CommitIntake(false, 10);
    assertThat(intake.committedHere(alone, List.of(r), true)).containsExactly(r);
    assertThat(intake.committedHere(alone, List.of(r), true)).isEmpty();
    assertThat(vehicles(alone)).isEqualTo(4);
    assertThat(intake.unconfirmed()).as("nothing waits for a tail that does not exist").isZero();
  }

  @Test
  void howFarBehindTheTailIsIsTheOldestWaitingReportsAge() {
    LiveState state = state();
    CommitIntake intake = new CommitIntake(true, 10);
    assertThat(intake.tailBehindSeconds(System.nanoTime())).isZero();
    Report first = checked(1, NOW);
    intake.committedHere(state, List.of(first), false);
    intake.committedHere(state, List.of(checked(2, NOW)), false);
    assertThat(intake.tailBehindSeconds(System.nanoTime() + 5_000_000_000L)).isGreaterThanOrEqualTo(5.0);
    intake.tailed(state, List.of(first));
    assertThat(intake.unconfirmed()).isEqualTo(1);
    assertThat(intake.tailBehindSeconds(System.nanoTime())).isLessThan(5.0);
  }
}
