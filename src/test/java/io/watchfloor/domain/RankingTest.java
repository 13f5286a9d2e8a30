package io.watchfloor.domain;

import io.watchfloor.TestTown;
import io.watchfloor.UnitTest;
import org.junit.jupiter.api.Test;

import java.time.YearMonth;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@UnitTest
class RankingTest {
  static Ranking.Sum avg(double value) {
    return new Ranking.Sum(value * 2, 2);
  }

  @Test
  void tiesShareARankAndTheListsTakeTiesWhole() {
    Map<String, Ranking.Sum> scores = Map.of("liangting", avg(95), "puzizui", avg(90), "shishuling", avg(90),
        "tianjing", avg(80), "jizhen", avg(75), "jinpen", avg(60), "yinjiapu", avg(60), "xujiapai", avg(55));
    Ranking.View view = Ranking.rank(TestTown.CATALOGUE, "xudong", "score", YearMonth.of(2026, 11), scores, 3, 3);
    assertThat(view.areas()).extracting(Ranking.AreaRank::rank).containsExactly(1, 2, 2, 4, 5, 6, 6, 8);
    assertThat(view.areas().get(1).area()).isEqualTo("puzizui");
    assertThat(view.red()).containsExactly("liangting", "puzizui", "shishuling");
    assertThat(view.black()).containsExactlyInAnyOrder("xujiapai", "jinpen", "yinjiapu");
  }

  @Test
  void areasWithoutScoresAreUnrankedAndAFewScoresDoNotPraiseTheWorst() {
    Map<String, Ranking.Sum> scores = Map.of("jinpen", avg(85), "liangting", avg(70), "puzizui", avg(59));
    Ranking.View view = Ranking.rank(TestTown.CATALOGUE, "xudong", "score", YearMonth.of(2026, 11), scores, 3, 3);
    assertThat(view.red()).containsExactly("jinpen");
    assertThat(view.black()).containsExactly("puzizui");
    assertThat(view.areas()).hasSize(8);
    assertThat(view.areas().get(3).rank()).isNull();
    assertThat(view.areas().get(3).value()).isNull();
  }
}
