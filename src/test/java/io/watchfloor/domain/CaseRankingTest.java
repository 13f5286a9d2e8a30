package io.watchfloor.domain;

import io.watchfloor.UnitTest;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The closed loop's monthly ranking (综合评价): scores from the case figures, shared ranks, red and black lists. */
@UnitTest
class CaseRankingTest {
  /** Figures of a unit: opened, signed (on time), handled (on time), closed (on time), reworked. */
  private static Map<String, Long> figures(long opened, long signed, long signedOnTime, long handled, long handledOnTime,
                                           long closed, long closedOnTime, long reworked) {
    return Map.of("opened", opened, "signed", signed, "signedOnTime", signedOnTime, "handled", handled,
        "handledOnTime", handledOnTime, "closed", closed, "closedOnTime", closedOnTime, "reworked", reworked);
  }

  @Test
  void allOnTimeAndNothingReworkedIs100() {
    assertThat(CaseRanking.score(figures(4, 4, 4, 4, 4, 4, 4, 0))).isEqualTo(100.0);
  }

  @Test
  void eachRateWeighsItsShare() {
    // signed 50 % (x0.2), handled 100 % (x0.3), closed on time 50 % (x0.3), reworked 25 % (x0.2 of 75 %)
    assertThat(CaseRanking.score(figures(4, 4, 2, 4, 4, 4, 2, 1))).isEqualTo(10 + 30 + 15 + 15.0);
  }

  @Test
  void aRateWithNothingToShareGivesItsWeightToTheOthers() {
    // only signed for, all late: judged on signing alone
    assertThat(CaseRanking.score(figures(2, 2, 0, 0, 0, 0, 0, 0))).isEqualTo(0.0);
    assertThat(CaseRanking.score(figures(2, 2, 1, 0, 0, 0, 0, 0))).isEqualTo(50.0);
    assertThat(CaseRanking.score(figures(2, 0, 0, 0, 0, 0, 0, 0))).as("opened, nothing signed: nothing to judge").isNull();
    assertThat(CaseRanking.score(Map.of())).isNull();
  }

  @Test
  void equalScoresShareARankTheUnjudgedFollowAndEachListTakesFromItsHalf() {
    Map<String, Map<String, Long>> units = new LinkedHashMap<>();
    units.put("idle", figures(0, 0, 0, 0, 0, 0, 0, 0));
    units.put("c", figures(2, 2, 1, 0, 0, 0, 0, 0));
    units.put("a", figures(3, 3, 3, 3, 3, 3, 3, 0));
    units.put("b", figures(1, 1, 1, 1, 1, 1, 1, 0));
    units.put("d", figures(2, 2, 0, 0, 0, 0, 0, 0));
    CaseRanking.View view = CaseRanking.rank(units, 3, 3);
    assertThat(view.ranked()).extracting(CaseRanking.Ranked::id).containsExactly("a", "b", "c", "d", "idle");
    assertThat(view.ranked()).extracting(CaseRanking.Ranked::rank).containsExactly(1, 1, 3, 4, null);
    assertThat(view.ranked().get(0).opened()).isEqualTo(3);
    assertThat(view.red()).containsExactly("a", "b");
    assertThat(view.black()).containsExactly("d", "c");
  }
}
