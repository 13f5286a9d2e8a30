package io.watchfloor.notify;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The text of a digest: the messages a channel's budget could not send alone, in one ("许东镇 自 02:01 起另有 5 条
 * 通知：" and the first few), within a byte limit, counting the rest rather than listing them. Plain lines that
 * read as a markdown list too, so every channel can carry it.
 */
public final class Digest {
  /** How many messages a digest lists one by one; past a handful a reader goes to the console. */
  public static final int LISTED = 5;
  /** The most one listed line may take, so one long message cannot crowd out the others. */
  private static final int LINE_BYTES = 240;
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

  /** One merged message: the name of its area, when it happened, what it says in a line. */
  public record Item(String areaName, Instant at, String text) {
  }

  private Digest() {
  }

  /**
   * The digest of {@code items} (at least one), the times on the wall clock of {@code zone}, in at most
   * {@code maxBytes} of UTF-8. Fewer lines are listed rather than a line cut, as long as the heading fits.
   */
  public static String text(List<Item> items, ZoneId zone, int maxBytes) {
    if (items.isEmpty()) {
      throw new IllegalArgumentException("a digest merges at least one message");
    }
    DateTimeFormatter clock = CLOCK.withZone(zone);
    Instant since = items.stream().map(Item::at).min(Comparator.naturalOrder()).orElseThrow();
    String heading = where(items) + " 自 " + clock.format(since) + " 起另有 " + items.size() + " 条通知：";
    for (int listed = Math.min(LISTED, items.size()); listed >= 0; listed--) {
      StringBuilder text = new StringBuilder(heading);
      for (Item item : items.subList(0, listed)) {
        text.append('\n').append(Utf8Cut.cut("- " + clock.format(item.at()) + " " + item.text(), LINE_BYTES));
      }
      if (listed < items.size()) {
        text.append('\n').append(listed == 0 ? "详见控制台" : "…其余 " + (items.size() - listed) + " 条见控制台");
      }
      if (Utf8Cut.bytes(text.toString()) <= maxBytes) {
        return text.toString();
      }
    }
    return Utf8Cut.cut(heading, maxBytes);
  }

  /** The one area, or the first two and how many: "许东镇、长岭乡等 3 地". */
  private static String where(List<Item> items) {
    List<String> areas = new ArrayList<>();
    items.stream().map(Item::areaName).distinct().forEach(areas::add);
    if (areas.size() == 1) {
      return areas.get(0);
    }
    return String.join("、", areas.subList(0, 2)) + (areas.size() > 2 ? "等 " + areas.size() + " 地" : "");
  }
}
