package io.watchfloor.store;

import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.watchfloor.bus.BusFailure;

import java.util.Set;

/**
 * The database refused a value of the request (SQLSTATE class 22, data exception, such as 22021 for a
 * NUL in text; or 54, a program limit), as opposed to not answering. Sending it again cannot help, so it
 * is a 422, never the 503 that tells a client to resend. The checks at the door refuse such values with
 * the field named; this is what a value that slipped past them gets.
 */
public final class DataRefused extends BusFailure {
  public static final int STATUS = 422;
  /** SQLSTATE classes that blame the values sent, not the database. */
  private static final Set<String> DATA_CLASSES = Set.of("22", "54");

  public DataRefused(String message, Throwable cause) {
    super(STATUS, message, null, cause);
  }

  /** Whether the failure is the database refusing the values sent. */
  public static boolean isDataError(Throwable e) {
    return e instanceof PgException pg && pg.getSqlState() != null && pg.getSqlState().length() == 5
        && DATA_CLASSES.contains(pg.getSqlState().substring(0, 2));
  }

  /**
   * A store call's failure as the bus carries it: a known failure as it is, a data error as this, and
   * anything else as the store being unavailable for {@code retryAfterSeconds}.
   */
  public static BusFailure or503(Throwable e, int retryAfterSeconds) {
    if (e instanceof BusFailure known) {
      return known;
    }
    if (isDataError(e)) {
      return new DataRefused("the store cannot keep a value of this request (SQLSTATE " + ((PgException) e).getSqlState()
          + "); correct it, do not resend it as it is", e);
    }
    return StoreUnavailable.of(e, retryAfterSeconds);
  }

  /**
   * A database store's failure as its callers meet it: a data error as this, anything else as the database not
   * answering, to be asked again in {@code retryAfterSeconds}.
   */
  public static <T> Future<T> orUnanswered(Throwable e, int retryAfterSeconds) {
    return Future.failedFuture(isDataError(e) ? or503(e, retryAfterSeconds)
        : new StoreUnavailable("the database did not answer: " + e.getMessage(), retryAfterSeconds, e));
  }
}
