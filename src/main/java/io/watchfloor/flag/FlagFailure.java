package io.watchfloor.flag;

import io.watchfloor.bus.BusFailure;

/** Why a flag cannot be cleared: 404 none, 409 already cleared, 403 outside the caller's scope. */
public final class FlagFailure extends BusFailure {
  public FlagFailure(int status, String message) {
    super(status, message, null, null);
  }
}
