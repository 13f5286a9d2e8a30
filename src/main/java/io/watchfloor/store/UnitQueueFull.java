package io.watchfloor.store;

/**
 * One unit already holds its share of the commit queue. Only that unit is told to wait (429); the
 * queue keeps room for every other unit's reports.
 */
public final class UnitQueueFull extends StoreUnavailable {
  public UnitQueueFull(String message) {
    super(429, message, 1, null);
  }
}
