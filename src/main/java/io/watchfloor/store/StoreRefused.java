package io.watchfloor.store;

/**
 * The database refused what it was asked to store (a data error such as text it cannot hold), as
 * opposed to not answering. Resending the same report cannot help, so it must never become a 503.
 */
public final class StoreRefused extends RuntimeException {
  public StoreRefused(String message, Throwable cause) {
    super(message, cause, false, false);
  }
}
