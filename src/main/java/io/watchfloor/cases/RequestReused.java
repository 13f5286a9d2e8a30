package io.watchfloor.cases;

/** An Idempotency-Key sent again with another request: a client bug, answered 422 and applied nothing. */
public final class RequestReused extends RuntimeException {
  public RequestReused() {
    super("this Idempotency-Key was used for another request", null, false, false);
  }
}
