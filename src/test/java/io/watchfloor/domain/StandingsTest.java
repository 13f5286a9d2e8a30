package io.watchfloor.domain;

import io.watchfloor.UnitTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The one rule of every red and black list (issue 28: three towns at 0 % on-time, all on the red list, all 1st). */
@UnitTest
class StandingsTest {
  private static final double FLOOR = 0.8;

  private static List<Standings.Entry> rates(double... values) {
    String[] towns = {"changling", "xudong", "yuhe", "dongshan"};
    return java.util.stream.IntStream.range(0, values.length)
        .mapToObj(i -> new Standings.Entry(towns[i], values[i])).toList();
  }

  @Test
  void threeTownsAtZeroAreTiedFirstWithNobodyPraisedAndNobodyNamed() {
    Standings.View view = Standings.of(rates(0, 0, 0), 3, 3, FLOOR);
    assertThat(view.placed()).extracting(Standings.Placed::rank).containsExactly(1, 1, 1);
    assertThat(view.placed()).allMatch(Standings.Placed::tied);
    assertThat(view.red()).as("a list of honour at 0 %").isEmpty();
    assertThat(view.black()).as("a tie has no worst either").isEmpty();
  }

  @Test
  void anyAllEqualFieldHasNoWinnerEvenAboveTheFloor() {
    Standings.View view = Standings.of(rates(1, 1, 1, 1), 3, 3, FLOOR);
    assertThat(view.red()).isEmpty();
    assertThat(view.black()).isEmpty();
  }

  @Test
  void nobodyBelowTheFloorIsPraisedHoweverItRanks() {
    Standings.View view = Standings.of(rates(0.5, 0.2, 0.1, 0), 3, 3, FLOOR);
    assertThat(view.placed()).extracting(Standings.Placed::id).first().isEqualTo("changling");
    assertThat(view.red()).isEmpty();
    assertThat(view.black()).containsExactly("dongshan", "yuhe");
  }

  @Test
  void theFloorItselfIsEnough() {
    assertThat(Standings.of(rates(0.8, 0.5), 3, 3, FLOOR).red()).containsExactly("changling");
    assertThat(Standings.of(rates(0.79, 0.5), 3, 3, FLOOR).red()).isEmpty();
  }

  @Test
  void tiesShareARankAndTheNextRankSkipsThem() {
    Standings.View view = Standings.of(rates(0.9, 0.9, 0.6, 0.3), 3, 3, FLOOR);
    assertThat(view.placed()).extracting(Standings.Placed::rank).containsExactly(1, 1, 3, 4);
    assertThat(view.placed()).extracting(Standings.Placed::tied).containsExactly(true, true, false, false);
    assertThat(view.red()).containsExactly("changling", "xudong");
    assertThat(view.black()).containsExactly("dongshan", "yuhe");
  }

  @Test
  void aMajorityTiedAtTheBottomIsNotPraisedForSharingTheTopHalfsRank() {
    Standings.View view = Standings.of(rates(0.9, 0.85, 0.85, 0.85), 3, 3, Standings.NO_FLOOR);
    assertThat(view.red()).containsExactly("changling");
    assertThat(view.black()).containsExactlyInAnyOrder("dongshan", "xudong", "yuhe");
  }

  @Test
  void oneEntryIsNeitherBestNorWorst() {
    Standings.View view = Standings.of(rates(1), 3, 3, FLOOR);
    assertThat(view.placed()).extracting(Standings.Placed::rank).containsExactly(1);
    assertThat(view.placed().get(0).tied()).isFalse();
    assertThat(view.red()).isEmpty();
    assertThat(view.black()).isEmpty();
  }
}
