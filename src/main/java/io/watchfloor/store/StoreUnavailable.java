package io.watchfloor.store;

import io.watchfloor.bus.BusFailure;

/**
 * The store could not commit or answer. Clients are told to retry after {@code retryAfterSeconds};
 * resending the same report ids is safe.
 */
public class StoreUnavailable extends BusFailure {
  public static final int STATUS = 503;

  public StoreUnavailable(String message, int retryAfterSeconds, Throwable cause) {
    this(STATUS, message, retryAfterSeconds, cause);
  }

  protected StoreUnavailable(int status, String message, int retryAfterSeconds, Throwable cause) {
    super(status, message, retryAfterSeconds, cause);
  }

  /** Any failure of a store call as the one type the bus carries; a StoreUnavailable passes as it is. */
  public static StoreUnavailable of(Throwable failure, int retryAfterSeconds) {
    return failure instanceof StoreUnavailable known ? known
        : new StoreUnavailable(failure.getMessage(), retryAfterSeconds, failure);
  }
}
