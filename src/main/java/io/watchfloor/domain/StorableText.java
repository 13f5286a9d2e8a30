package io.watchfloor.domain;

import java.util.Optional;

/**
 * The one check every text from outside passes before it is kept: PostgreSQL text cannot hold NUL (the
 * whole write fails), and an unpaired surrogate, which a JSON escape such as {@code \ud800} can make, has
 * no UTF-8 form (it would be stored as '?'). Such a text is refused at the door with a 422 naming its
 * field, never sent to the store.
 */
public final class StorableText {
  public static final String PROBLEM = "must not contain the NUL character (\\u0000) or an unpaired surrogate escape";

  private StorableText() {
  }

  public static boolean storable(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == 0) {
        return false;
      }
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  /** The field's error when its text cannot be kept; empty when it can (or there is none). */
  public static Optional<FieldError> check(String field, String text) {
    return text == null || storable(text) ? Optional.empty() : Optional.of(new FieldError(field, PROBLEM));
  }
}
