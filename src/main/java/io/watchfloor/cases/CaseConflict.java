package io.watchfloor.cases;

import io.watchfloor.bus.BusFailure;

import java.util.UUID;

/**
 * An opening that clashes with a stored case (409): its id already names a case about something else, or its
 * alert already has an open case. {@code existing} is the case it clashes with, when known, so the answer can
 * send the officer to it.
 */
public final class CaseConflict extends BusFailure {
  public static final int STATUS = 409;
  private final UUID existing;

  public CaseConflict(String message, UUID existing) {
    super(STATUS, message, null, null);
    this.existing = existing;
  }

  /** The case this one clashes with, or null. */
  public UUID existing() {
    return existing;
  }
}
