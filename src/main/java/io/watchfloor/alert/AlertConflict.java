package io.watchfloor.alert;

/** The alert is no longer in a state that allows the action: someone else acted first. */
public class AlertConflict extends RuntimeException {
  public AlertConflict(String message) {
    super(message, null, false, false);
  }
}
