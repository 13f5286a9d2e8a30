package io.watchfloor.domain;

import java.util.Locale;

/** The three timed stages of a case: the unit signs for it, handles it, and the centre verifies the result. */
public enum CaseStage {
  SIGN, HANDLE, VERIFY;

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
