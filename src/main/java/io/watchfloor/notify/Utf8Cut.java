package io.watchfloor.notify;

import java.nio.charset.StandardCharsets;

/**
 * Shortens a text to a budget of UTF-8 bytes, as the robots count their limits in bytes, not characters: a
 * Chinese character costs 3, an emoji 4. The cut never falls inside a code point (a half character shows as
 * garbage, or the receiver refuses the body), prefers the last line break, and ends in a visible marker that
 * is counted in the budget, so a reader knows there was more.
 */
final class Utf8Cut {
  static final String MARKER = "…";
  private static final int MARKER_BYTES = bytes(MARKER);

  private Utf8Cut() {
  }

  static int bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  /**
   * {@code text} itself when it fits in {@code maxBytes}, else its longest head that fits with the marker.
   * The head ends at its last line break unless that would throw away more than half of the room: a long
   * single line is cut mid-line rather than emptied.
   */
  static String cut(String text, int maxBytes) {
    if (maxBytes < MARKER_BYTES) {
      throw new IllegalArgumentException("room for the marker needs " + MARKER_BYTES + " bytes, not " + maxBytes);
    }
    if (bytes(text) <= maxBytes) {
      return text;
    }
    int room = maxBytes - MARKER_BYTES;
    int end = 0;
    int used = 0;
    while (end < text.length()) {
      int codePoint = text.codePointAt(end);
      int size = utf8Length(codePoint);
      if (used + size > room) {
        break;
      }
      used += size;
      end += Character.charCount(codePoint);
    }
    int lineBreak = text.lastIndexOf('\n', end - 1);
    if (lineBreak >= 0 && bytes(text.substring(0, lineBreak + 1)) * 2 >= room) {
      end = lineBreak + 1;
    }
    return text.substring(0, end) + MARKER;
  }

  private static int utf8Length(int codePoint) {
    if (codePoint < 0x80) {
      return 1;
    }
    if (codePoint < 0x800) {
      return 2;
    }
    return codePoint < 0x10000 ? 3 : 4;
  }
}
