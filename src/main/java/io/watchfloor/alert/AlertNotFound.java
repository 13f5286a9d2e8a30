package io.watchfloor.alert;

import io.watchfloor.bus.BusFailure;

/** No alert has the id asked for. */
public final class AlertNotFound extends BusFailure {
  public AlertNotFound(String message) {
    super(404, message, null, null);
  }
}
