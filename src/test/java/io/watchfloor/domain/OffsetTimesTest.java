package io.watchfloor.domain;

import io.watchfloor.UnitTest;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The hand-read shape answers exactly as the ISO formatter does, and everything else is the formatter's. */
@UnitTest
class OffsetTimesTest {
  private static final List<String> VALID = List.of("2026-11-21T08:15:00+08:00", "2026-11-21T00:00:00Z",
      "2026-11-21T23:59:59.5-05:30", "2024-02-29T12:00:00.123456789+00:00", "2026-11-21T08:15:00-00:00",
      "2026-11-21T08:15:00.000+14:00", "2026-11-21T08:15:00+18:00", "0000-01-01T00:00:00Z",
      "2026-11-21T08:15+08:00", "2026-11-21t08:15:00z", "2026-11-21T08:15:00+08:00:30", "+12026-11-21T08:15:00Z", "2026-11-21T08:15:00.Z");
  private static final List<String> INVALID = List.of("2026-02-29T08:15:00+08:00", "2026-11-21T24:00:00Z",
      "2026-11-21T08:60:00Z", "2026-11-21T08:15:60Z", "2026-11-21T08:15:00+19:00", "2026-11-21T08:15:00",
      "2026-11-21T08:15:00.1234567890Z", "2026-11-21 08:15:00Z", "2026-1-21T08:15:00Z",
      "2026-11-21T08:15:00+0800", "2026-11-21T08:15:00+08:0x", "２０２６-11-21T08:15:00Z", "", "2026-11-21T08:15:00ZZ");

  @Test
  void validTimesReadTheSameAsTheFormatterReadsThem() {
    for (String text : VALID) {
      OffsetDateTime expected = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
      assertThat(OffsetTimes.parse(text)).as(text).isEqualTo(expected);
    }
    assertThat(OffsetTimes.common("2026-11-21T08:15:00+08:00")).as("the common shape is read by hand").isNotNull();
    assertThat(OffsetTimes.common("2026-11-21T23:59:59.5-05:30")).isNotNull();
  }

  @Test
  void invalidTimesFailAsTheFormatterFails() {
    for (String text : INVALID) {
      assertThatThrownBy(() -> OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)).as(text)
          .isInstanceOf(DateTimeParseException.class);
      assertThatThrownBy(() -> OffsetTimes.parse(text)).as(text).isInstanceOf(DateTimeParseException.class);
    }
  }
}
