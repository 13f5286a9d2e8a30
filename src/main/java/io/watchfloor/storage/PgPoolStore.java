package io.watchfloor.storage;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;

import java.util.function.Supplier;

/**
 * A store on one of the node's shared pools ({@link PgPools}). Opening only takes the pool, with no query: the
 * database may be down at start, and every call answers 503 until it is back. Closing lets go of the pool, if
 * the store took it.
 */
public abstract class PgPoolStore {
  private final Supplier<Pool> which;
  /** The pool, from {@link #open} on. */
  protected Pool pool;

  protected PgPoolStore(Supplier<Pool> which) {
    this.which = which;
  }

  public Future<Void> open() {
    pool = which.get();
    return Future.succeededFuture();
  }

  public Future<Void> close() {
    return pool == null ? Future.succeededFuture() : pool.close();
  }
}
