package io.watchfloor.domain;

import java.util.List;

/**
 * An action the case's state does not allow (a 409 naming the allowed ones), or one its actor may not take
 * (the one who reported back verifying, a unit acting on another unit's case, a second pending extension).
 */
public final class CaseRefused extends RuntimeException {
  private final CaseState state;
  private final List<CaseAction> allowed;

  public CaseRefused(String message, CaseState state, List<CaseAction> allowed) {
    super(message, null, false, false);
    this.state = state;
    this.allowed = List.copyOf(allowed);
  }

  public CaseState state() {
    return state;
  }

  public List<CaseAction> allowed() {
    return allowed;
  }
}
