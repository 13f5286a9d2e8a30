package io.watchfloor.cases;

import io.watchfloor.bus.BusFailure;

import java.util.UUID;

/** No case has the id asked for; a case outside the caller's reach is answered the same way (404). */
public final class CaseNotFound extends BusFailure {
  public static final int STATUS = 404;

  public CaseNotFound(UUID id) {
    super(STATUS, "no case " + id, null, null);
  }
}
