package io.watchfloor.cases;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.watchfloor.MutableClock;
import io.watchfloor.StoreContract;
import io.watchfloor.TestServer;
import io.watchfloor.config.CaseTimeSeed;
import io.watchfloor.domain.CaseDeadlines;
import io.watchfloor.domain.CaseDeadlines.Limit;
import io.watchfloor.domain.CaseDeadlines.Row;
import io.watchfloor.domain.WorkCalendar;
import io.watchfloor.domain.WorkCalendar.Day;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every deadline store must answer, the same on each: the shipped table and calendar seeded once, a
 * table replaced whole, a year replaced without touching the others, one version for both rising with each
 * change. Each store runs this suite through its own subclass.
 */
abstract class DeadlineStoreContract extends StoreContract<DeadlineStore> {
  static final ZoneId SHANGHAI = MutableClock.TOWN_ZONE;
  static final CaseTimeSeed SHIPPED = shipped();

  DeadlineStoreContract() {
    super(DeadlineStore::open, DeadlineStore::close);
  }

  static Row row(String category, String urgency, String sign, String handle, String verify) {
    return new Row(category, urgency, Limit.parse(sign), Limit.parse(handle), Limit.parse(verify));
  }

  @Test
  void aStoreNeverSeededIsEmptyAtVersionZero() {
    DeadlineStore.TimeTable table = store.all().await();
    assertThat(table.version()).isZero();
    assertThat(table.limits()).isEmpty();
    assertThat(table.days()).isEmpty();
    assertThat(store.version().await()).isZero();
  }

  @Test
  void theSeedIsTakenOnceAndReadBackAsWritten() {
    assertThat(store.seedIfEmpty(SHIPPED.limits(), SHIPPED.days()).await()).isTrue();
    DeadlineStore.TimeTable table = store.all().await();
    assertThat(table.version()).isEqualTo(1);
    assertThat(table.limits()).as("in the file's order").isEqualTo(SHIPPED.limits());
    assertThat(table.days()).as("by date").isEqualTo(SHIPPED.days());
    assertThat(table.limits().get(0).handle()).isEqualTo(Limit.parse("15 workdays"));
    assertThat(new WorkCalendar(table.days()).mark(LocalDate.of(2026, 10, 1)).orElseThrow().note()).isEqualTo("国庆节");

    assertThat(store.seedIfEmpty(List.of(row("*", "*", "1 minute", "1 minute", "1 minute")), List.of()).await())
        .as("a store seeded once is not seeded again").isFalse();
    assertThat(store.all().await()).isEqualTo(table);
  }

  @Test
  void aTableIsReplacedWholeAndTheVersionRises() {
    store.seedIfEmpty(SHIPPED.limits(), SHIPPED.days()).await();
    List<Row> next = List.of(row("sanitation", "normal", "20 minutes", "2 workdays", "1 hour"),
        row("*", "*", "1 hour", "5 workdays", "1 workday"));
    DeadlineStore.Change<List<Row>> change = store.replaceLimits(next).await();
    assertThat(change.before()).isEqualTo(SHIPPED.limits());
    assertThat(change.after()).isEqualTo(next);
    assertThat(change.version()).isEqualTo(2);
    DeadlineStore.TimeTable table = store.all().await();
    assertThat(table.limits()).isEqualTo(next);
    assertThat(table.days()).as("the calendar is untouched").isEqualTo(SHIPPED.days());
    assertThat(store.version().await()).isEqualTo(2);
  }

  @Test
  void aYearIsReplacedAndTheOthersStay() {
    store.seedIfEmpty(SHIPPED.limits(), List.of(new Day(LocalDate.of(2025, 10, 1), false, "国庆节"))).await();
    List<Day> y2026 = List.of(new Day(LocalDate.of(2026, 10, 1), false, "国庆节"),
        new Day(LocalDate.of(2026, 10, 10), true, "调休"));
    DeadlineStore.Change<List<Day>> first = store.replaceYear(2026, y2026).await();
    assertThat(first.before()).isEmpty();
    assertThat(first.after()).isEqualTo(y2026);
    assertThat(first.version()).isEqualTo(2);

    List<Day> fewer = List.of(new Day(LocalDate.of(2026, 10, 2), false, ""));
    DeadlineStore.Change<List<Day>> second = store.replaceYear(2026, fewer).await();
    assertThat(second.before()).isEqualTo(y2026);
    assertThat(second.version()).isEqualTo(3);
    assertThat(store.all().await().days()).containsExactly(new Day(LocalDate.of(2025, 10, 1), false, "国庆节"),
        new Day(LocalDate.of(2026, 10, 2), false, ""));
    assertThat(store.replaceYear(2026, List.of()).await().after()).isEmpty();
    assertThat(store.all().await().days()).hasSize(1);
    assertThat(store.all().await().limits()).isEqualTo(SHIPPED.limits());
  }

  @Test
  void theStoredTablesMakeTheDeadlinesTheSeedMakes() {
    store.seedIfEmpty(SHIPPED.limits(), SHIPPED.days()).await();
    DeadlineStore.TimeTable table = store.all().await();
    CaseDeadlines stored = new CaseDeadlines(table.limits(), new WorkCalendar(table.days()), SHANGHAI);
    assertThat(stored.rows()).isEqualTo(SHIPPED.deadlines(SHANGHAI).rows());
    assertThat(stored.calendar()).isEqualTo(SHIPPED.deadlines(SHANGHAI).calendar());
  }

  /** A change that fails (a day of another year) leaves the year, the table and the version as they were. */
  @Test
  void aRefusedChangeLeavesEverythingAsItWas() {
    store.seedIfEmpty(SHIPPED.limits(), SHIPPED.days()).await();
    assertThatThrownBy(() -> store.replaceYear(2026, List.of(new Day(LocalDate.of(2027, 1, 1), false, "元旦"))).await())
        .isInstanceOf(IllegalArgumentException.class);
    DeadlineStore.TimeTable table = store.all().await();
    assertThat(table.version()).isEqualTo(1);
    assertThat(table.days()).isEqualTo(SHIPPED.days());
    assertThat(table.limits()).isEqualTo(SHIPPED.limits());
  }

  /** config/case-limits.json as the server reads it. */
  static CaseTimeSeed shipped() {
    try {
      return CaseTimeSeed.read("case-limits.json", new ObjectMapper().readTree(TestServer.shipped("case-limits.json").encode()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
