package io.watchfloor.flag;

import io.watchfloor.StoreContract;
import io.watchfloor.domain.Flag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every flag store must answer, the same on each: the flags the daily review lists, clears and
 * counts. Each store runs this suite through its own subclass. Times are to the microsecond, as the
 * server's clock gives them and PostgreSQL keeps them.
 */
abstract class FlagStoreContract extends StoreContract<FlagStore> {
  static final LocalDate DAY = LocalDate.parse("2026-11-20");
  static final Instant AT = Instant.parse("2026-11-20T03:15:42.123456Z");
  static final String CHECKPOINT = "cp-highway-exit";
  static final String OTHER_CHECKPOINT = "cp-xudong-road";

  FlagStoreContract() {
    super(FlagStore::open, FlagStore::close);
  }

  static Flag flag(UUID report, String metric, String site, LocalDate day, double value, Instant at) {
    return new Flag(report, metric, site, day, value, Flag.OUTLIER, "远高于该点近28天：" + value, at, null);
  }

  static Flag flag(String site, LocalDate day, Instant at) {
    return flag(UUID.randomUUID(), "vehicles_checked", site, day, 9000, at);
  }

  void save(Flag... flags) {
    store.save(List.of(flags)).await();
  }

  @Test
  void aSavedFlagReadsBackAsItWasSaved() {
    Flag saved = new Flag(UUID.randomUUID(), "vehicles_checked", CHECKPOINT, DAY, 1234.5, Flag.IMPLAUSIBLE,
        "当日合计超过上限 \"1000\"", AT, null);
    save(saved);
    assertThat(store.find(saved.reportId(), "vehicles_checked").await()).contains(saved);
    assertThat(store.find(saved.reportId(), "vehicles_turned_back").await()).as("another metric of the report").isEmpty();
    assertThat(store.find(UUID.randomUUID(), "vehicles_checked").await()).isEmpty();
  }

  @Test
  void valuesKeepTheirSignFractionAndSize() {
    List<Double> values = List.of(-3.0, 0.0, 0.1, 2.5e-7, 1.0e12, 123456789.123);
    for (double value : values) {
      save(flag(UUID.randomUUID(), "score", CHECKPOINT, DAY, value, AT));
    }
    assertThat(store.list(DAY, DAY.plusDays(1), List.of(CHECKPOINT)).await().stream().map(Flag::value))
        .containsExactlyInAnyOrderElementsOf(values);
  }

  @Test
  void aReportAndMetricFlaggedAgainKeepsItsFirstFlagAndItsClearing() {
    UUID report = UUID.randomUUID();
    Flag first = flag(report, "vehicles_checked", CHECKPOINT, DAY, 9000, AT);
    Flag again = new Flag(report, "vehicles_checked", CHECKPOINT, DAY, 1, Flag.IMPLAUSIBLE, "again", AT.plusSeconds(60), null);
    store.save(List.of(first, again)).await();
    assertThat(store.find(report, "vehicles_checked").await()).as("twice in one batch").contains(first);
    Flag cleared = store.clear(report, "vehicles_checked", "operator:duty", "核实无误", AT.plusSeconds(120)).await();
    save(again);
    assertThat(store.find(report, "vehicles_checked").await()).as("after its clearing").contains(cleared);
    Flag otherMetric = flag(report, "vehicles_turned_back", CHECKPOINT, DAY, 70, AT);
    save(otherMetric);
    assertThat(store.find(report, "vehicles_turned_back").await()).as("the same report's other metric is its own flag")
        .contains(otherMetric);
  }

  @Test
  void theListHoldsTheDaysFromTheFirstUpToTheLastAndTheSitesAskedForOldestFirst() {
    Flag before = flag(CHECKPOINT, DAY.minusDays(1), AT.minus(Duration.ofDays(1)));
    Flag late = flag(CHECKPOINT, DAY, AT.plusSeconds(30));
    Flag early = flag(OTHER_CHECKPOINT, DAY, AT);
    Flag nextDay = flag(CHECKPOINT, DAY.plusDays(1), AT.plus(Duration.ofDays(1)));
    Flag unasked = flag("pd-jinpen", DAY, AT);
    save(nextDay, late, unasked, early, before);

    assertThat(store.list(DAY, DAY.plusDays(1), List.of(CHECKPOINT, OTHER_CHECKPOINT)).await())
        .as("one day: the first flagged first").containsExactly(early, late);
    assertThat(store.list(DAY.minusDays(1), DAY.plusDays(2), List.of(CHECKPOINT)).await())
        .as("days in order").containsExactly(before, late, nextDay);
    assertThat(store.list(DAY, DAY, List.of(CHECKPOINT)).await()).as("an empty range").isEmpty();
    assertThat(store.list(DAY, DAY.plusDays(1), List.of()).await()).as("no sites").isEmpty();
    assertThat(store.list(DAY, DAY.plusDays(1), List.of("nowhere")).await()).isEmpty();
  }

  /** The review lists them in this order; flags of one report batch share their time. */
  @Test
  void flagsOfTheSameTimeAreListedByReportThenMetric() {
    List<Flag> same = new java.util.ArrayList<>();
    for (int i = 0; i < 12; i++) {
      UUID report = UUID.randomUUID();
      same.add(flag(report, "vehicles_turned_back", CHECKPOINT, DAY, i, AT));
      same.add(flag(report, "vehicles_checked", CHECKPOINT, DAY, i, AT));
    }
    store.save(same).await();
    List<Flag> expected = same.stream().sorted(java.util.Comparator.comparing((Flag f) -> f.reportId().toString())
        .thenComparing(Flag::metric)).toList();
    assertThat(store.list(DAY, DAY.plusDays(1), List.of(CHECKPOINT)).await()).containsExactlyElementsOf(expected);
  }

  @Test
  void aFlagIsClearedOnceWithWhoWhenAndWhy() {
    Flag saved = flag(CHECKPOINT, DAY, AT);
    save(saved);
    Instant clearedAt = AT.plusSeconds(3600);
    Flag cleared = store.clear(saved.reportId(), saved.metric(), "operator:duty", "设备故障，已核实", clearedAt).await();
    assertThat(cleared).isEqualTo(saved.clearedBy("operator:duty", clearedAt, "设备故障，已核实"));
    assertThat(store.find(saved.reportId(), saved.metric()).await()).contains(cleared);
    assertThat(store.list(DAY, DAY.plusDays(1), List.of(CHECKPOINT)).await()).containsExactly(cleared);

    assertThatThrownBy(() -> store.clear(saved.reportId(), saved.metric(), "operator:admin", "again", clearedAt).await())
        .isInstanceOfSatisfying(FlagFailure.class, f -> {
          assertThat(f.status()).isEqualTo(409);
          assertThat(f.getMessage()).isEqualTo("flag already cleared by operator:duty");
        });
    assertThat(store.find(saved.reportId(), saved.metric()).await()).as("the first clearing stays").contains(cleared);
  }

  @Test
  void aClearingWithoutANoteIsKeptWithoutOne() {
    Flag saved = flag(CHECKPOINT, DAY, AT);
    save(saved);
    assertThat(store.clear(saved.reportId(), saved.metric(), "operator:duty", null, AT).await().cleared())
        .isEqualTo(new Flag.Cleared("operator:duty", AT, null));
  }

  @Test
  void clearingNoFlagIsNotFound() {
    Flag saved = flag(CHECKPOINT, DAY, AT);
    save(saved);
    assertThatThrownBy(() -> store.clear(UUID.randomUUID(), saved.metric(), "operator:duty", "x", AT).await())
        .isInstanceOfSatisfying(FlagFailure.class, f -> assertThat(f.status()).isEqualTo(404));
    assertThatThrownBy(() -> store.clear(saved.reportId(), "score", "operator:duty", "x", AT).await())
        .as("the report's metric that was not flagged")
        .isInstanceOfSatisfying(FlagFailure.class, f -> assertThat(f.status()).isEqualTo(404));
    assertThat(store.find(saved.reportId(), saved.metric()).await().orElseThrow().cleared()).isNull();
  }

  @Test
  void unclearedCountsAreOfTheMetricDaysAndSitesAskedAndLeaveOutSitesWithNone() {
    Flag clearedOne = flag(CHECKPOINT, DAY, AT);
    save(clearedOne, flag(CHECKPOINT, DAY, AT.plusSeconds(1)), flag(CHECKPOINT, DAY, AT.plusSeconds(2)),
        flag(OTHER_CHECKPOINT, DAY, AT),
        flag(UUID.randomUUID(), "score", CHECKPOINT, DAY, 1, AT),
        flag(CHECKPOINT, DAY.plusDays(1), AT.plus(Duration.ofDays(1))),
        flag("pd-jinpen", DAY, AT));
    store.clear(clearedOne.reportId(), clearedOne.metric(), "operator:duty", "ok", AT).await();

    assertThat(store.uncleared("vehicles_checked", DAY, DAY.plusDays(1), List.of(CHECKPOINT, OTHER_CHECKPOINT, "cp-empty"))
        .await()).isEqualTo(Map.of(CHECKPOINT, 2L, OTHER_CHECKPOINT, 1L));
    assertThat(store.uncleared("vehicles_checked", DAY, DAY.plusDays(2), List.of(CHECKPOINT)).await())
        .isEqualTo(Map.of(CHECKPOINT, 3L));
    assertThat(store.uncleared("persons_turned_back", DAY, DAY.plusDays(2), List.of(CHECKPOINT)).await()).isEmpty();
    assertThat(store.uncleared("vehicles_checked", DAY, DAY.plusDays(1), List.of()).await()).isEmpty();
  }
}
