package io.watchfloor;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.util.function.Function;

/**
 * The frame of a store's contract suite: each test gets its own Vert.x and a store opened on it (and emptied,
 * for a store that keeps data between tests), both closed after. The stores share no interface, so the
 * contract names how its store opens and closes.
 */
public abstract class StoreContract<S> {
  private final Function<S, Future<Void>> opener;
  private final Function<S, Future<Void>> closer;
  protected Vertx vertx;
  protected S store;

  protected StoreContract(Function<S, Future<Void>> opener, Function<S, Future<Void>> closer) {
    this.opener = opener;
    this.closer = closer;
  }

  protected abstract S create(Vertx vertx);

  /** Called after each open, so a store that keeps data between tests can start empty. */
  protected void emptied() {
  }

  @BeforeEach
  void open() {
    vertx = Vertx.vertx();
    store = create(vertx);
    opener.apply(store).await();
    emptied();
  }

  @AfterEach
  void close() {
    closer.apply(store).await();
    vertx.close().await();
  }
}
