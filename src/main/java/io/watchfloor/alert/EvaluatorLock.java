package io.watchfloor.alert;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Tuple;
import io.watchfloor.storage.PgPools;
import io.watchfloor.storage.Storage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Consumer;

/**
 * Who evaluates the alert rules for the whole cluster: the node holding a PostgreSQL advisory lock on a
 * connection of its own. The database arbitrates, so a split of the Hazelcast cluster cannot give two
 * evaluators. The lock ends with its session: at once when the holder's process dies (the kernel
 * closes its socket), after TCP keepalive when its machine drops off the network. The holder checks
 * its connection every interval; the others try to take the lock at the same interval. On the
 * embedded store there is one node, and it always evaluates.
 */
public final class EvaluatorLock {
  private static final Logger LOG = LoggerFactory.getLogger(EvaluatorLock.class);
  /** A constant of our own, apart from the migration's (7240411) and partition maintenance's (7240412). */
  private static final long LOCK_KEY = 7240413L;
  private static final String TRY_LOCK = "SELECT pg_try_advisory_lock($1) AS held";
  private static final String STILL_THERE = "SELECT 1";

  private enum Role { FOLLOWING, CONNECTING, HOLDING, STOPPED }

  private final Vertx vertx;
  private final PgPools pools;
  private final long intervalMs;
  private Consumer<Boolean> onChange = held -> { };
  private PgConnection connection;
  private Role role = Role.FOLLOWING;
  private long timer = -1;

  private EvaluatorLock(Vertx vertx, PgPools pools, long intervalMs) {
    this.vertx = vertx;
    this.pools = pools;
    this.intervalMs = intervalMs;
  }

  /** @param intervalMs how often the holder checks its hold and the others try: the takeover time */
  public static EvaluatorLock of(Vertx vertx, Storage storage, long intervalMs) {
    return new EvaluatorLock(vertx, storage.pg().orElse(null), intervalMs);
  }

  /** Starts contending; {@code onChange} hears every gain and loss, on the caller's context. */
  public void start(Consumer<Boolean> listener) {
    this.onChange = listener;
    if (pools == null) {
      role = Role.HOLDING;
      listener.accept(true);
      return;
    }
    timer = vertx.setPeriodic(intervalMs, id -> step());
    step();
  }

  public boolean held() {
    return role == Role.HOLDING;
  }

  private void step() {
    switch (role) {
      case FOLLOWING -> tryToTake();
      case HOLDING -> checkHold();
      case CONNECTING, STOPPED -> { }
    }
  }

  private void tryToTake() {
    role = Role.CONNECTING;
    (connection != null ? io.vertx.core.Future.succeededFuture(connection) : pools.lockConnection().onSuccess(this::watch))
        .compose(conn -> conn.preparedQuery(TRY_LOCK).execute(Tuple.of(LOCK_KEY)))
        .onSuccess(rows -> {
          if (role != Role.CONNECTING) {
            return;
          }
          if (rows.iterator().next().getBoolean("held")) {
            role = Role.HOLDING;
            LOG.info("alerts: this node now evaluates the rules for the cluster");
            onChange.accept(true);
          } else {
            role = Role.FOLLOWING;
          }
        })
        .onFailure(e -> lost("cannot reach the database: " + e.getMessage()));
  }

  private void watch(PgConnection conn) {
    connection = conn;
    conn.closeHandler(v -> {
      if (connection == conn) {
        connection = null;
        lost("its database connection closed");
      }
    });
  }

  private void checkHold() {
    if (connection == null) {
      lost("its database connection is gone");
      return;
    }
    connection.query(STILL_THERE).execute().onFailure(e -> {
      PgConnection broken = connection;
      connection = null;
      if (broken != null) {
        broken.close();
      }
      lost("its database connection fails: " + e.getMessage());
    });
  }

  private void lost(String why) {
    if (role == Role.STOPPED) {
      return;
    }
    boolean wasHolding = role == Role.HOLDING;
    role = Role.FOLLOWING;
    if (wasHolding) {
      LOG.warn("alerts: this node no longer evaluates the rules ({}); another node takes over", why);
      onChange.accept(false);
    }
  }

  public void stop() {
    role = Role.STOPPED;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    if (connection != null) {
      connection.close();
      connection = null;
    }
  }
}
