package io.watchfloor.notify;

import io.watchfloor.UnitTest;
import io.watchfloor.notify.Digest.Item;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The digest names where and since when, lists the first few, counts the rest, and keeps to its size. */
@UnitTest
class DigestTest {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final Instant T0 = Instant.parse("2026-12-06T18:01:00Z");

  private static List<Item> items(int count, String area) {
    return IntStream.range(0, count)
        .mapToObj(i -> new Item(area, T0.plusSeconds(30L * i), "泵站 " + (i + 1) + " 号水位超警")).toList();
  }

  @Test
  void aFewAreListedAllWithTheAreaAndTheLocalTime() {
    String text = Digest.text(items(3, "许东镇"), SHANGHAI, 4096);

    assertThat(text).isEqualTo("""
        许东镇 自 02:01 起另有 3 条通知：
        - 02:01 泵站 1 号水位超警
        - 02:01 泵站 2 号水位超警
        - 02:02 泵站 3 号水位超警""");
  }

  @Test
  void manyAreCountedPastTheFirstFew() {
    String text = Digest.text(items(81, "许东镇"), SHANGHAI, 4096);

    assertThat(text).startsWith("许东镇 自 02:01 起另有 81 条通知：\n- 02:01 泵站 1 号水位超警");
    assertThat(text.lines()).hasSize(1 + Digest.LISTED + 1);
    assertThat(text).endsWith("\n…其余 76 条见控制台").doesNotContain("泵站 6 号");
  }

  @Test
  void severalAreasAreNamedByTheFirstTwoAndCounted() {
    List<Item> mixed = new ArrayList<>(items(2, "许东镇"));
    mixed.addAll(items(1, "长岭乡"));
    mixed.addAll(items(1, "城关街道"));

    assertThat(Digest.text(mixed, SHANGHAI, 4096)).startsWith("许东镇、长岭乡等 3 地 自 02:01 起另有 4 条通知：");
    assertThat(Digest.text(mixed.subList(1, 3), SHANGHAI, 4096)).startsWith("许东镇、长岭乡 自 02:01 起");
  }

  @Test
  void aSmallLimitListsFewerAndALongLineIsShortened() {
    List<Item> oneLong = List.of(new Item("许东镇", T0, "水".repeat(500)), new Item("许东镇", T0, "短"));
    String text = Digest.text(oneLong, SHANGHAI, 4096);
    assertThat(text.lines().skip(1).findFirst().orElseThrow()).endsWith("…");
    assertThat(bytes(text.lines().skip(1).findFirst().orElseThrow())).isLessThanOrEqualTo(240);

    String small = Digest.text(items(81, "许东镇"), SHANGHAI, 120);
    assertThat(bytes(small)).isLessThanOrEqualTo(120);
    assertThat(small).startsWith("许东镇 自 02:01 起另有 81 条通知：").contains("条见控制台");

    String tiny = Digest.text(items(81, "许东镇"), SHANGHAI, 30);
    assertThat(bytes(tiny)).isLessThanOrEqualTo(30);
    assertThat(tiny).startsWith("许东镇").endsWith("…");
  }

  private static int bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }
}
