package io.watchfloor.alert;

import io.watchfloor.UnitTest;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@UnitTest
class CauseKeysTest {
  /** The values migration V15 computes in SQL for the same triples (md5 of the same text, as a uuid). */
  @Test
  void aKeyIsTheMd5OfTheLengthPrefixedTripleInUtf8() {
    assertThat(CauseKeys.of("escalated-petition", "pd-jinpen", "2026-11-20"))
        .isEqualTo(UUID.fromString("1fa7be65-e23f-f49a-fd0d-5c483c95d1e4"));
    assertThat(CauseKeys.of("a", "金盆村", "c")).as("lengths in bytes, not characters")
        .isEqualTo(UUID.fromString("15b11f46-4f89-79eb-cadd-6a48277a6173"));
  }

  @Test
  void triplesThatConcatenateAlikeGetTheirOwnKeys() {
    assertThat(CauseKeys.of("ab", "c", "d")).isNotEqualTo(CauseKeys.of("a", "bc", "d"));
    assertThat(CauseKeys.of("a", "b1:c", "d")).isNotEqualTo(CauseKeys.of("a", "b", "1:cd"));
    assertThat(CauseKeys.of("r", "s", "c")).isEqualTo(CauseKeys.of("r", "s", "c"));
  }
}
