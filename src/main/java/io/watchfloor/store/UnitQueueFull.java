package io.watchfloor.store;

/**
 * One unit already holds its share of the commit queue. Only that unit is told to wait; the queue
 * keeps room for every other unit's reports.
 */
public final class UnitQueueFull extends StoreUnavailable {
  /** The event-bus failure code, so the sender answers 429 rather than 503. */
  public static final int FAILURE_CODE = 429;

  public UnitQueueFull(String message) {
    super(message, 1, null);
  }
}
