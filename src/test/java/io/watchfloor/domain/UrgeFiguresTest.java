package io.watchfloor.domain;

import io.watchfloor.UnitTest;
import io.watchfloor.domain.UrgeFigures.Urged;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@UnitTest
class UrgeFiguresTest {
  private static final Instant NINE = Instant.parse("2026-12-07T01:00:00Z");
  private static final Instant DAY_END = Instant.parse("2026-12-07T16:00:00Z");

  private static Instant plusMinutes(long minutes) {
    return NINE.plusSeconds(minutes * 60);
  }

  @Test
  void theMedianIsTheMiddleOrTheMeanOfTheMiddleTwoToATenth() {
    assertThat(UrgeFigures.median(List.of())).isNull();
    assertThat(UrgeFigures.median(List.of(7.0))).isEqualTo(7.0);
    assertThat(UrgeFigures.median(List.of(30.0, 5.0, 12.0))).isEqualTo(12.0);
    assertThat(UrgeFigures.median(List.of(30.0, 5.0, 12.0, 1.0))).isEqualTo(8.5);
    assertThat(UrgeFigures.median(List.of(1.0 / 3, 1.0 / 3))).isEqualTo(0.3);
  }

  @Test
  void aReportFollowsAnUrgingWhenItArrivesAtOrAfterItTheSameDay() {
    List<Urged> urgings = List.of(new Urged("sn-jinpen", NINE), new Urged("pd-jinpen", NINE),
        new Urged("sn-xijie", NINE), new Urged("pd-hekou", NINE));
    Map<String, List<Instant>> arrivals = Map.of(
        "sn-jinpen", List.of(plusMinutes(40), plusMinutes(12)),   // the first after it counts
        "pd-jinpen", List.of(plusMinutes(-5)),                    // before the urging: not a follow-up
        "sn-xijie", List.of(DAY_END.plusSeconds(60)),             // the next day's
        "pd-hekou", List.of(NINE));                               // at the very instant: followed, 0 minutes
    UrgeFigures figures = UrgeFigures.of(urgings, arrivals, DAY_END);
    assertThat(figures.count()).isEqualTo(4);
    assertThat(figures.followed()).isEqualTo(2);
    assertThat(figures.medianMinutes()).isEqualTo(6.0);
  }

  @Test
  void aSiteUrgedTwiceCountsEachFromItsOwnUrging() {
    UrgeFigures figures = UrgeFigures.of(List.of(new Urged("sn-jinpen", NINE), new Urged("sn-jinpen", plusMinutes(10))),
        Map.of("sn-jinpen", List.of(plusMinutes(15))), DAY_END);
    assertThat(figures.followed()).isEqualTo(2);
    assertThat(figures.medianMinutes()).isEqualTo(10.0);
  }

  @Test
  void noUrgingNoFigures() {
    assertThat(UrgeFigures.of(List.of(), Map.of(), DAY_END)).isEqualTo(new UrgeFigures(0, 0, null));
  }
}
