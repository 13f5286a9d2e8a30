package io.watchfloor.domain;

import io.watchfloor.UnitTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Working days in Shanghai around weekends, 国庆 2026 and its 调休 days, and midnight. */
@UnitTest
class WorkCalendarTest {
  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  /** 2026's 中秋 and 国庆 as declared for these tests: 9-25..27 and 10-01..07 off, Sunday 9-20 and Saturday 10-10 worked. */
  static final WorkCalendar AUTUMN_2026 = new WorkCalendar(autumn());

  private static List<WorkCalendar.Day> autumn() {
    List<WorkCalendar.Day> days = new ArrayList<>();
    days.add(new WorkCalendar.Day(LocalDate.of(2026, 9, 20), true, "国庆调休上班"));
    for (int d = 25; d <= 27; d++) {
      days.add(new WorkCalendar.Day(LocalDate.of(2026, 9, d), false, "中秋节"));
    }
    for (int d = 1; d <= 7; d++) {
      days.add(new WorkCalendar.Day(LocalDate.of(2026, 10, d), false, "国庆节"));
    }
    days.add(new WorkCalendar.Day(LocalDate.of(2026, 10, 10), true, "国庆调休上班"));
    return days;
  }

  static Instant local(String dateTime) {
    return LocalDateTime.parse(dateTime).atZone(SHANGHAI).toInstant();
  }

  @Test
  void weekdaysWorkWeekendsDoNotUnlessMarked() {
    assertThat(WorkCalendar.WEEKDAYS.isWorkday(LocalDate.of(2026, 12, 4))).as("Friday").isTrue();
    assertThat(WorkCalendar.WEEKDAYS.isWorkday(LocalDate.of(2026, 12, 5))).as("Saturday").isFalse();
    assertThat(WorkCalendar.WEEKDAYS.isWorkday(LocalDate.of(2026, 12, 6))).as("Sunday").isFalse();
    assertThat(AUTUMN_2026.isWorkday(LocalDate.of(2026, 10, 1))).as("国庆, a Thursday").isFalse();
    assertThat(AUTUMN_2026.isWorkday(LocalDate.of(2026, 10, 10))).as("调休 Saturday").isTrue();
    assertThat(AUTUMN_2026.isWorkday(LocalDate.of(2026, 9, 20))).as("调休 Sunday").isTrue();
    assertThat(AUTUMN_2026.isWorkday(LocalDate.of(2026, 10, 8))).isTrue();
    assertThat(AUTUMN_2026.mark(LocalDate.of(2026, 10, 3)).orElseThrow().note()).isEqualTo("国庆节");
  }

  @Test
  void fromAWorkingDayTheSameTimeOnTheNthWorkingDay() {
    assertThat(WorkCalendar.WEEKDAYS.plusWorkdays(local("2026-12-02T10:30"), 1, SHANGHAI)).isEqualTo(local("2026-12-03T10:30"));
    assertThat(WorkCalendar.WEEKDAYS.plusWorkdays(local("2026-12-04T15:00"), 2, SHANGHAI))
        .as("across the weekend").isEqualTo(local("2026-12-08T15:00"));
    assertThat(WorkCalendar.WEEKDAYS.plusWorkdays(local("2026-12-04T15:00"), 15, SHANGHAI))
        .as("three weeks of working days").isEqualTo(local("2026-12-25T15:00"));
  }

  @Test
  void fromADayOffTheEndOfTheNthWorkingDay() {
    assertThat(WorkCalendar.WEEKDAYS.plusWorkdays(local("2026-12-05T10:00"), 1, SHANGHAI))
        .as("Saturday, 1 working day: all of Monday").isEqualTo(local("2026-12-08T00:00"));
    assertThat(WorkCalendar.WEEKDAYS.plusWorkdays(local("2026-12-06T23:59:59"), 2, SHANGHAI))
        .as("Sunday night, 2 working days: end of Tuesday").isEqualTo(local("2026-12-09T00:00"));
  }

  @Test
  void aHolidaySkipsItsDaysAndAMakeUpDayCounts() {
    assertThat(AUTUMN_2026.plusWorkdays(local("2026-09-30T10:00"), 1, SHANGHAI))
        .as("the day before 国庆: the first working day after it").isEqualTo(local("2026-10-08T10:00"));
    assertThat(AUTUMN_2026.plusWorkdays(local("2026-09-30T10:00"), 3, SHANGHAI))
        .as("8th, 9th, and the make-up Saturday").isEqualTo(local("2026-10-10T10:00"));
    assertThat(AUTUMN_2026.plusWorkdays(local("2026-10-03T09:00"), 1, SHANGHAI))
        .as("given during 国庆: the end of the 8th").isEqualTo(local("2026-10-09T00:00"));
    assertThat(AUTUMN_2026.plusWorkdays(local("2026-10-10T14:00"), 1, SHANGHAI))
        .as("given on the make-up Saturday, which is a working day").isEqualTo(local("2026-10-12T14:00"));
    assertThat(AUTUMN_2026.plusWorkdays(local("2026-09-19T14:00"), 1, SHANGHAI))
        .as("Saturday before the make-up Sunday: the end of that Sunday").isEqualTo(local("2026-09-21T00:00"));
    assertThat(WorkCalendar.WEEKDAYS.plusWorkdays(local("2026-09-30T10:00"), 1, SHANGHAI))
        .as("without the holiday it is the next day").isEqualTo(local("2026-10-01T10:00"));
  }

  @Test
  void theDayIsTheJurisdictionsDayNotUtcs() {
    Instant saturdayMidnightInShanghai = Instant.parse("2026-12-04T16:00:00Z");
    assertThat(saturdayMidnightInShanghai.atZone(ZoneOffset.UTC).getDayOfWeek().name()).isEqualTo("FRIDAY");
    assertThat(WorkCalendar.WEEKDAYS.plusWorkdays(saturdayMidnightInShanghai, 1, SHANGHAI))
        .as("00:00 Saturday in Shanghai is a day off there").isEqualTo(local("2026-12-08T00:00"));
    assertThat(WorkCalendar.WEEKDAYS.plusWorkdays(saturdayMidnightInShanghai, 1, ZoneOffset.UTC))
        .as("in UTC the same instant is Friday 16:00").isEqualTo(Instant.parse("2026-12-07T16:00:00Z"));
    assertThat(WorkCalendar.WEEKDAYS.plusWorkdays(local("2026-12-07T00:00"), 1, SHANGHAI))
        .as("Monday 00:00 is Monday").isEqualTo(local("2026-12-08T00:00"));
    assertThat(WorkCalendar.WEEKDAYS.plusWorkdays(local("2026-12-04T23:59:59"), 1, SHANGHAI))
        .as("Friday 23:59:59 is Friday").isEqualTo(local("2026-12-07T23:59:59"));
  }

  @Test
  void aYearIsReplacedWholeAndOthersStay() {
    WorkCalendar with2027 = AUTUMN_2026.withYear(2027, List.of(new WorkCalendar.Day(LocalDate.of(2027, 1, 1), false, "元旦")));
    assertThat(with2027.year(2026)).hasSize(12);
    assertThat(with2027.year(2027)).extracting(WorkCalendar.Day::note).containsExactly("元旦");
    WorkCalendar emptied = with2027.withYear(2026, List.of());
    assertThat(emptied.year(2026)).isEmpty();
    assertThat(emptied.isWorkday(LocalDate.of(2026, 10, 1))).isTrue();
    assertThat(emptied.isWorkday(LocalDate.of(2027, 1, 1))).isFalse();
    assertThat(AUTUMN_2026.year(2027)).as("the original is unchanged").isEmpty();
    assertThatThrownBy(() -> AUTUMN_2026.withYear(2027, List.of(new WorkCalendar.Day(LocalDate.of(2026, 1, 1), false, ""))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void zeroIsTheStartAndNoWorkingDayInSightIsAnErrorNotAHang() {
    Instant start = local("2026-12-05T10:00");
    assertThat(WorkCalendar.WEEKDAYS.plusWorkdays(start, 0, SHANGHAI)).isEqualTo(start);
    assertThatThrownBy(() -> WorkCalendar.WEEKDAYS.plusWorkdays(start, -1, SHANGHAI)).isInstanceOf(IllegalArgumentException.class);
    List<WorkCalendar.Day> off = new ArrayList<>();
    for (LocalDate d = LocalDate.of(2026, 12, 6); d.getYear() < 2037; d = d.plusDays(1)) {
      off.add(new WorkCalendar.Day(d, false, "closed"));
    }
    assertThatThrownBy(() -> new WorkCalendar(off).plusWorkdays(start, 1, SHANGHAI)).isInstanceOf(IllegalStateException.class);
  }
}
