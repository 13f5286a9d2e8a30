package io.watchfloor.alert;

import io.watchfloor.bus.BusFailure;

/** The alert is no longer in a state that allows the action: someone else acted first. */
public final class AlertConflict extends BusFailure {
  public AlertConflict(String message) {
    super(409, message, null, null);
  }
}
