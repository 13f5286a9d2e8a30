package io.watchfloor.store;

/**
 * The store could not commit or answer. Clients are told to retry after {@code retryAfterSeconds};
 * resending the same report ids is safe.
 */
public class StoreUnavailable extends RuntimeException {
  private final int retryAfterSeconds;

  public StoreUnavailable(String message, int retryAfterSeconds, Throwable cause) {
    super(message, cause, false, false);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public int retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
