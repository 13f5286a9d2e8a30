package io.watchfloor.alert;

public class AlertNotFound extends RuntimeException {
  public AlertNotFound(String message) {
    super(message, null, false, false);
  }
}
