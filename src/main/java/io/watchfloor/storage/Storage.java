package io.watchfloor.storage;

import io.vertx.core.Vertx;
import io.watchfloor.config.StoreConfig;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Where every feature keeps its data, chosen once at start ({@code store.kind}) and handed to every
 * verticle: PostgreSQL, whose pools the stores share, or this process's memory. A verticle builds its
 * store with {@link #choose} in {@code start()} and closes it in {@code stop()}.
 */
public final class Storage {
  private final PgPools pools;

  private Storage(PgPools pools) {
    this.pools = pools;
  }

  public static Storage of(Vertx vertx, StoreConfig config) {
    return config.postgres() ? postgres(vertx, config.pg()) : memory();
  }

  public static Storage memory() {
    return new Storage(null);
  }

  public static Storage postgres(Vertx vertx, StoreConfig.Pg config) {
    return new Storage(new PgPools(vertx, config));
  }

  /** The memory store's answer, or the PostgreSQL store's built on this node's pools. */
  public <T> T choose(Supplier<T> memory, Function<PgPools, T> postgres) {
    return pools == null ? memory.get() : postgres.apply(pools);
  }

  /** Whether the data is PostgreSQL's, which every node of a cluster shares; memory is this process's alone. */
  public boolean shared() {
    return pools != null;
  }

  public Optional<PgPools> pg() {
    return Optional.ofNullable(pools);
  }
}
