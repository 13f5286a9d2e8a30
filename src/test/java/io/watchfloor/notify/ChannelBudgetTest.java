package io.watchfloor.notify;

import io.watchfloor.UnitTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Singles while the budget lasts, one digest in the last slot, and the time the next slot opens. */
@UnitTest
class ChannelBudgetTest {
  private static final Instant T0 = Instant.parse("2026-12-07T02:01:00Z");

  private static List<Integer> messages(int from, int count) {
    return IntStream.range(from, from + count).boxed().toList();
  }

  @Test
  void whatFitsIsSentAlone() {
    ChannelBudget.Plan<Integer> plan = new ChannelBudget(20).plan(messages(0, 20), T0);

    assertThat(plan.alone()).isEqualTo(messages(0, 20));
    assertThat(plan.merged()).isEmpty();
    assertThat(plan.messages()).isEqualTo(20);
    assertThat(plan.nextSlot()).isEmpty();
  }

  @Test
  void aBurstFillsTheBudgetAndTheLastSlotCarriesTheRest() {
    ChannelBudget.Plan<Integer> plan = new ChannelBudget(20).plan(messages(0, 100), T0);

    assertThat(plan.alone()).isEqualTo(messages(0, 19));
    assertThat(plan.merged()).isEqualTo(messages(19, 81));
    assertThat(plan.messages()).isEqualTo(20);
  }

  @Test
  void aSpentBudgetSaysWhenTheNextSlotOpens() {
    ChannelBudget budget = new ChannelBudget(3);
    budget.plan(messages(0, 1), T0);
    budget.plan(messages(1, 2), T0.plusSeconds(10));

    ChannelBudget.Plan<Integer> spent = budget.plan(messages(3, 4), T0.plusSeconds(30));
    assertThat(spent.messages()).isZero();
    assertThat(spent.nextSlot()).contains(T0.plusSeconds(60));

    assertThat(budget.plan(messages(3, 4), T0.plusSeconds(59)).messages()).as("not a moment early").isZero();
    ChannelBudget.Plan<Integer> reopened = budget.plan(messages(3, 4), T0.plusSeconds(60));
    assertThat(reopened.alone()).isEmpty();
    assertThat(reopened.merged()).as("one slot: everything in one digest").isEqualTo(messages(3, 4));

    ChannelBudget.Plan<Integer> again = budget.plan(messages(7, 1), T0.plusSeconds(61));
    assertThat(again.messages()).isZero();
    assertThat(again.nextSlot()).contains(T0.plusSeconds(70));
  }

  @Test
  void nothingPendingSpendsNothing() {
    ChannelBudget budget = new ChannelBudget(1);
    ChannelBudget.Plan<Integer> idle = budget.plan(List.of(), T0);

    assertThat(idle.messages()).isZero();
    assertThat(idle.nextSlot()).isEmpty();
    assertThat(budget.plan(messages(0, 1), T0).alone()).containsExactly(0);
  }

  @Test
  void aBudgetBelowOneIsRefused() {
    assertThatThrownBy(() -> new ChannelBudget(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
