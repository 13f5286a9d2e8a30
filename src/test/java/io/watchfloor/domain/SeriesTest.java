package io.watchfloor.domain;

import io.watchfloor.UnitTest;
import io.watchfloor.domain.Series.Aggregate;
import io.watchfloor.domain.Series.Step;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bucket edges follow the jurisdiction's wall clock, also where it jumps or sits off the UTC hour. */
@UnitTest
class SeriesTest {
  static Series.Query query(Step step, String zone, String from, String to) {
    return Series.query("score", Aggregate.MEAN, List.of("sn-jinpen"), step, ZoneId.of(zone),
        OffsetDateTime.parse(from).toInstant(), OffsetDateTime.parse(to).toInstant());
  }

  static List<String> bounds(Series.Query query) {
    return query.bounds().stream().map(t -> t.atZone(query.zone()).toOffsetDateTime().toString()).toList();
  }

  @Test
  void aDayWithASpringForwardIsOneBucketOf23Hours() {
    Series.Query days = query(Step.DAY, "Europe/Berlin", "2026-03-29T00:00+01:00", "2026-03-30T00:00+02:00");
    assertThat(bounds(days)).containsExactly("2026-03-29T00:00+01:00", "2026-03-30T00:00+02:00");
    Series.Query hours = query(Step.HOUR, "Europe/Berlin", "2026-03-29T00:00+01:00", "2026-03-29T04:00+02:00");
    assertThat(bounds(hours)).containsExactly("2026-03-29T00:00+01:00", "2026-03-29T01:00+01:00",
        "2026-03-29T03:00+02:00", "2026-03-29T04:00+02:00");
  }

  @Test
  void theRepeatedHourOfAFallBackIsTwoBuckets() {
    Series.Query hours = query(Step.HOUR, "Europe/Berlin", "2026-10-25T01:00+02:00", "2026-10-25T03:00+01:00");
    assertThat(bounds(hours)).containsExactly("2026-10-25T01:00+02:00", "2026-10-25T02:00+02:00",
        "2026-10-25T02:00+01:00", "2026-10-25T03:00+01:00");
  }

  @Test
  void hoursFollowAHalfHourOffset() {
    Series.Query hours = query(Step.HOUR, "Asia/Kolkata", "2026-11-21T10:10+05:30", "2026-11-21T11:00+05:30");
    assertThat(hours.from()).isEqualTo(Instant.parse("2026-11-21T04:30:00Z"));
    assertThat(hours.buckets()).isEqualTo(1);
    Series.Query fives = query(Step.FIVE_MINUTES, "Asia/Shanghai", "2026-11-21T08:07:30+08:00", "2026-11-21T08:10:00.001+08:00");
    assertThat(bounds(fives)).containsExactly("2026-11-21T08:05+08:00", "2026-11-21T08:10+08:00", "2026-11-21T08:15+08:00");
  }

  @Test
  void emptyBucketsAreZeroForCountersAndNothingForGauges() {
    Series.Query gauge = query(Step.HOUR, "Asia/Shanghai", "2026-11-21T08:00+08:00", "2026-11-21T10:00+08:00");
    assertThat(gauge.points(List.of(new Series.Cell(1, 10, 6, 3)))).extracting(Series.Point::v).containsExactly(null, 3.3);
    Series.Query counter = Series.query("vehicles_checked", Aggregate.SUM, List.of(), Step.HOUR, ZoneId.of("Asia/Shanghai"),
        gauge.from(), gauge.to());
    assertThat(counter.points(List.of())).extracting(Series.Point::v).containsExactly(0.0, 0.0);
  }

  @Test
  void anEmptyRangeIsAProgrammingError() {
    assertThatThrownBy(() -> query(Step.HOUR, "Asia/Shanghai", "2026-11-21T08:00+08:00", "2026-11-21T08:00+08:00"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
