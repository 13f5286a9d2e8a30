package io.watchfloor.domain;

import io.watchfloor.TestTown;
import io.watchfloor.UnitTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Compliance per child area of a scope: the town's rate over its villages' sites, and its worst villages named. */
@UnitTest
class ComplianceTreeTest {
  private final Catalogue catalogue = TestTown.CATALOGUE;
  private final LocalDate day = LocalDate.of(2026, 11, 21);
  private final Instant evening = ZonedDateTime.of(day.atTime(20, 0), catalogue.jurisdiction().timezone()).toInstant();

  private Instant at(int hour) {
    return ZonedDateTime.of(day.atTime(hour, 0), catalogue.jurisdiction().timezone()).toInstant();
  }

  @Test
  void aTownsRateIsOnTimeOverExpectedAndItsWorstVillagesAreNamed() {
    Map<String, SiteDayStats> stats = new HashMap<>();
    // every daily site of xudong on time but for liangting's two (missing) and jinpen's desk (late, after 18:00)
    for (Site site : catalogue.subtreeSites("xudong")) {
      if (!site.kind().equals("checkpoint") && !site.area().equals("liangting") && !site.id().equals("pd-jinpen")) {
        stats.put(site.id(), new SiteDayStats(site.id(), 1, at(9), at(9)));
      }
    }
    stats.put("pd-jinpen", new SiteDayStats("pd-jinpen", 1, at(19), at(19)));
    Compliance.View view = Compliance.of(catalogue, catalogue.root().id(), day, stats, evening);
    Compliance.AreaSummary xudong = view.areas().get("xudong");
    assertThat(xudong.expected()).isEqualTo(16);
    assertThat(xudong.reported()).isEqualTo(14);
    assertThat(xudong.onTime()).isEqualTo(13);
    assertThat(xudong.late()).isEqualTo(1);
    assertThat(xudong.missing()).isEqualTo(2);
    assertThat(xudong.rate()).isEqualTo(0.813);
    assertThat(xudong.worst()).containsExactly("liangting", "jinpen");

    Compliance.View town = Compliance.of(catalogue, "xudong", day, stats, evening);
    assertThat(town.sites()).hasSize(16).allMatch(s -> catalogue.contains("xudong", s.area()));
    assertThat(town.areas().get("liangting").rate()).isEqualTo(0.0);
    assertThat(town.areas().get("puzizui").rate()).isEqualTo(1.0);
  }

  @Test
  void theOnTimeBoardRanksTheDistrictsTownsAndAllAtZeroIsATieWithNobodyOnEitherList() {
    Compliance.View morning = Compliance.of(catalogue, catalogue.root().id(), day, Map.of(), at(1));
    Standings.View board = Compliance.board(morning, 3, 3, 0.8);
    assertThat(board.placed()).extracting(Standings.Placed::id).containsExactlyInAnyOrder("xudong", "chengguan", "shiqiao");
    assertThat(board.placed()).allMatch(p -> p.rank() == 1 && p.tied() && p.value() == 0.0);
    assertThat(board.red()).isEmpty();
    assertThat(board.black()).isEmpty();

    Map<String, SiteDayStats> stats = new HashMap<>();
    for (Site site : catalogue.subtreeSites("xudong")) {
      if (!site.kind().equals("checkpoint")) {
        stats.put(site.id(), new SiteDayStats(site.id(), 1, at(9), at(9)));
      }
    }
    Standings.View later = Compliance.board(Compliance.of(catalogue, catalogue.root().id(), day, stats, evening), 3, 3, 0.8);
    assertThat(later.placed()).extracting(Standings.Placed::rank).containsExactly(1, 2, 2);
    assertThat(later.red()).as("许东镇 at 100 %").containsExactly("xudong");
    assertThat(later.black()).as("the tie at the bottom, whole").containsExactlyInAnyOrder("chengguan", "shiqiao");
  }
}
