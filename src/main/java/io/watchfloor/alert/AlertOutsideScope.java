package io.watchfloor.alert;

import io.watchfloor.bus.BusFailure;

/** The alert asked for lies outside the caller's scope; the HTTP side answers as for any area outside it. */
public final class AlertOutsideScope extends BusFailure {
  public AlertOutsideScope() {
    super(403, "outside your scope", null, null);
  }
}
