package io.watchfloor.bus;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;

/**
 * A failure that keeps its type and meaning across the event bus. A consumer replies with it
 * ({@code message.reply(failure)}) instead of {@code message.fail(code, text)}, and the requester's
 * future fails with this very object (its codec passes it by reference on one node), so the HTTP side
 * can answer with its status and Retry-After instead of guessing from a number.
 */
public class BusFailure extends ReplyException {
  private final Integer retryAfterSeconds;

  protected BusFailure(int status, String message, Integer retryAfterSeconds, Throwable cause) {
    super(ReplyFailure.RECIPIENT_FAILURE, status, message, cause, false);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** The HTTP status this failure stands for. */
  public int status() {
    return failureCode();
  }

  /** Seconds a client should wait before trying again, or null when waiting cannot help. */
  public Integer retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
