package io.watchfloor.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a case (事件) stands in the closed loop: new → dispatched (派单, waiting to be signed for) → handling
 * (签收) → reported (反馈) → closed (结案), with parked (挂账) and cancelled (作废) beside the line.
 */
public enum CaseState {
  NEW, DISPATCHED, HANDLING, REPORTED, CLOSED, PARKED, CANCELLED;

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Open: someone still has to act on it. Closed and cancelled cases are done. */
  public boolean open() {
    return this != CLOSED && this != CANCELLED;
  }

  /** The deadline that runs in this state, if any: signing, handling or verifying. */
  public Optional<CaseStage> stage() {
    return switch (this) {
      case DISPATCHED -> Optional.of(CaseStage.SIGN);
      case HANDLING -> Optional.of(CaseStage.HANDLE);
      case REPORTED -> Optional.of(CaseStage.VERIFY);
      default -> Optional.empty();
    };
  }

  public static Optional<CaseState> of(String key) {
    for (CaseState state : values()) {
      if (state.key().equals(key)) {
        return Optional.of(state);
      }
    }
    return Optional.empty();
  }
}
