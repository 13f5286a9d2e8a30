package io.watchfloor.domain;

import io.watchfloor.UnitTest;
import io.watchfloor.domain.CaseDeadlines.Limit;
import io.watchfloor.domain.CaseDeadlines.Row;
import io.watchfloor.domain.CaseDeadlines.Unit;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.watchfloor.domain.WorkCalendarTest.AUTUMN_2026;
import static io.watchfloor.domain.WorkCalendarTest.SHANGHAI;
import static io.watchfloor.domain.WorkCalendarTest.local;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The time-limit table: its text, which row a case takes, and deadlines on fixed instants in Shanghai. */
@UnitTest
class CaseDeadlinesTest {
  static final List<Row> ROWS = List.of(
      row("sanitation", "normal", "30 minutes", "3 workdays", "2 hours"),
      row("sanitation", "emergency", "5 minutes", "2 hours", "30 minutes"),
      row("petition", "normal", "30 minutes", "15 workdays", "2 hours"),
      row("*", "emergency", "5 minutes", "1 hour", "30 minutes"),
      row("*", "*", "1 hour", "5 workdays", "1 workday"));
  final CaseDeadlines table = new CaseDeadlines(ROWS, AUTUMN_2026, SHANGHAI);

  static Row row(String category, String urgency, String sign, String handle, String verify) {
    return new Row(category, urgency, Limit.parse(sign), Limit.parse(handle), Limit.parse(verify));
  }

  @Test
  void limitsReadAndWriteAsText() {
    assertThat(Limit.parse("30 minutes")).isEqualTo(new Limit(30, Unit.MINUTES));
    assertThat(Limit.parse(" 8  hours ")).isEqualTo(new Limit(8, Unit.HOURS));
    assertThat(Limit.parse("1 workday")).isEqualTo(new Limit(1, Unit.WORKDAYS));
    assertThat(Limit.parse("1 workdays")).isEqualTo(new Limit(1, Unit.WORKDAYS));
    assertThat(new Limit(2, Unit.WORKDAYS).format()).isEqualTo("2 workdays");
    assertThat(new Limit(1, Unit.HOURS).format()).isEqualTo("1 hour");
    for (Unit unit : Unit.values()) {
      for (int amount : new int[] {1, 2, unit.max()}) {
        Limit limit = new Limit(amount, unit);
        assertThat(Limit.parse(limit.format())).isEqualTo(limit);
      }
    }
  }

  @Test
  void badLimitTextIsRefusedSayingWhy() {
    for (String bad : new String[] {"", "30", "minutes", "0 minutes", "-5 minutes", "30 mins", "1.5 hours",
        "30 minutes extra", "10081 minutes", "721 hours", "251 workdays", "9999999 minutes", "３０ minutes", "30 MINUTES"}) {
      assertThatThrownBy(() -> Limit.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> Limit.parse(null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Limit.parse("3 days")).hasMessageContaining("minutes, hours or workdays");
    assertThatThrownBy(() -> Limit.parse("0 hours")).hasMessageContaining("1 to 720 hours");
  }

  @Test
  void aPairTakesItsRowThenItsUrgencysThenTheDefault() {
    assertThat(table.row("sanitation", "normal").handle()).isEqualTo(Limit.parse("3 workdays"));
    assertThat(table.row("checkpoint", "emergency").handle()).as("(*, emergency)").isEqualTo(Limit.parse("1 hour"));
    assertThat(table.row("checkpoint", "normal").handle()).as("(*, *)").isEqualTo(Limit.parse("5 workdays"));
    assertThat(table.row("no-such", "no-such").isDefault()).isTrue();
    assertThat(new CaseDeadlines(List.of(), WorkCalendar.WEEKDAYS, SHANGHAI).row("x", "normal"))
        .as("a table without a default row").isEqualTo(CaseDeadlines.FALLBACK);
  }

  @Test
  void minutesAndHoursAreElapsedTimeNightsAndHolidaysIncluded() {
    assertThat(table.dueAt("sanitation", "normal", CaseStage.SIGN, local("2026-10-03T23:50")))
        .as("a holiday night").isEqualTo(local("2026-10-04T00:20"));
    assertThat(table.dueAt("sanitation", "emergency", CaseStage.HANDLE, local("2026-12-05T23:00")))
        .as("Saturday across midnight").isEqualTo(local("2026-12-06T01:00"));
    assertThat(table.dueAt("sanitation", "normal", CaseStage.VERIFY, local("2026-12-05T10:00"))).isEqualTo(local("2026-12-05T12:00"));
  }

  @Test
  void workingDaysFollowTheCalendar() {
    assertThat(table.dueAt("sanitation", "normal", CaseStage.HANDLE, local("2026-09-30T16:00")))
        .as("3 working days across 国庆 and its make-up Saturday").isEqualTo(local("2026-10-10T16:00"));
    assertThat(table.dueAt("sanitation", "normal", CaseStage.HANDLE, local("2026-12-04T09:00")))
        .as("across a weekend").isEqualTo(local("2026-12-09T09:00"));
    assertThat(table.dueAt("other", "urgent", CaseStage.VERIFY, local("2026-10-02T08:00")))
        .as("1 working day given during the holiday: the end of the 8th").isEqualTo(local("2026-10-09T00:00"));
    assertThat(table.dueAt("petition", "normal", CaseStage.HANDLE, local("2026-09-21T10:00")))
        .as("15 working days past 中秋 and 国庆").isEqualTo(local("2026-10-19T10:00"));
    CaseDeadlines plain = table.withCalendar(WorkCalendar.WEEKDAYS);
    assertThat(plain.dueAt("sanitation", "normal", CaseStage.HANDLE, local("2026-09-30T16:00")))
        .as("the same table on a calendar without the holiday").isEqualTo(local("2026-10-05T16:00"));
    assertThat(plain.rows()).isEqualTo(table.rows());
  }

  @Test
  void aTableWithMistakesNamesEachField() {
    List<Row> bad = List.of(
        row("Sanitation", "normal", "1 hour", "1 hour", "1 hour"),
        row("sanitation", "soon", "1 hour", "1 hour", "1 hour"),
        row("sanitation", "*", "1 hour", "1 hour", "1 hour"),
        row("petition", "normal", "1 hour", "1 hour", "1 hour"),
        row("petition", "normal", "1 hour", "1 hour", "1 hour"));
    assertThat(CaseDeadlines.check(bad)).extracting(FieldError::field).containsExactly(
        "rows[0].category", "rows[1].urgency", "rows[2].urgency", "rows[4].category", "rows");
    assertThat(CaseDeadlines.check(ROWS)).isEmpty();
  }
}
