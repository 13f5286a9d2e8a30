package io.watchfloor.notify;

import io.watchfloor.UnitTest;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any arrivals (bursts, trickles, quiet spells) to a sender that plans at each arrival and when the next slot
 * opens: no 60 s carries more than the budget, and every message goes out once, alone or in one digest, in the
 * order it came. jqwik's own tag puts it in the quick tier, as its engine does not read Jupiter's.
 */
@UnitTest
@Tag("unit")
class ChannelBudgetPropertyTest {
  private static final Instant T0 = Instant.parse("2026-12-07T02:00:00Z");

  /** {@code count} messages arriving {@code millisLater} after the previous arrival. */
  record Arrival(int millisLater, int count) {
  }

  /** One message sent: the pending messages it carries (one, or a digest's). */
  record Send(Instant at, List<Integer> carried) {
  }

  @Provide
  Arbitrary<List<Arrival>> arrivals() {
    Arbitrary<Integer> gaps = Arbitraries.frequencyOf(
        Tuple.of(5, Arbitraries.integers().between(0, 3_000)),
        Tuple.of(2, Arbitraries.integers().between(3_000, 70_000)),
        Tuple.of(1, Arbitraries.integers().between(70_000, 300_000)));
    Arbitrary<Integer> counts = Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.just(1)),
        Tuple.of(3, Arbitraries.integers().between(2, 30)),
        Tuple.of(1, Arbitraries.integers().between(30, 150)));
    return Combinators.combine(gaps, counts).as(Arrival::new).list().ofMinSize(1).ofMaxSize(80);
  }

  @Property(tries = 1_000, seed = "20261207")
  void noWindowCarriesMoreThanTheBudgetAndEveryMessageGoesOutOnce(@ForAll("arrivals") List<Arrival> arrivals,
                                                                  @ForAll @IntRange(min = 1, max = 25) int perMinute) {
    List<Send> sends = run(arrivals, perMinute);

    for (Send first : sends) {
      Instant end = first.at().plus(ChannelBudget.WINDOW);
      long inWindow = sends.stream().filter(s -> !s.at().isBefore(first.at()) && s.at().isBefore(end)).count();
      assertThat(inWindow).as("sends in the 60 s from %s", first.at()).isLessThanOrEqualTo(perMinute);
    }
    int total = arrivals.stream().mapToInt(Arrival::count).sum();
    List<Integer> carried = sends.stream().flatMap(s -> s.carried().stream()).toList();
    assertThat(carried).as("each message once, in arrival order").isEqualTo(IntStream.range(0, total).boxed().toList());
  }

  /** The sender's loop: plan at each arrival and whenever a slot opens, until every message is out. */
  private static List<Send> run(List<Arrival> arrivals, int perMinute) {
    ChannelBudget budget = new ChannelBudget(perMinute);
    List<Send> sends = new ArrayList<>();
    List<Integer> pending = new ArrayList<>();
    Instant arrivalAt = T0;
    Instant slotAt = null;
    int next = 0;
    int arrived = 0;
    while (arrived < arrivals.size() || !pending.isEmpty()) {
      Instant nextArrival = arrived < arrivals.size()
          ? arrivalAt.plus(Duration.ofMillis(arrivals.get(arrived).millisLater())) : null;
      Instant now = slotAt != null && (nextArrival == null || slotAt.isBefore(nextArrival)) ? slotAt : nextArrival;
      if (now.equals(nextArrival)) {
        for (int i = 0; i < arrivals.get(arrived).count(); i++) {
          pending.add(next++);
        }
        arrivalAt = nextArrival;
        arrived++;
      }
      ChannelBudget.Plan<Integer> plan = budget.plan(List.copyOf(pending), now);
      Instant at = now;
      plan.alone().forEach(m -> sends.add(new Send(at, List.of(m))));
      if (!plan.merged().isEmpty()) {
        sends.add(new Send(at, plan.merged()));
      }
      pending.subList(0, plan.alone().size() + plan.merged().size()).clear();
      slotAt = plan.nextSlot().orElse(null);
      assertThat(slotAt == null || slotAt.isAfter(now)).as("the next slot is later").isTrue();
      assertThat(pending.isEmpty() || slotAt != null).as("what waits knows when").isTrue();
    }
    return sends;
  }
}
