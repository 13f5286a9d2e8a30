package io.watchfloor.alert;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Tuple;
import io.watchfloor.storage.PgPools;
import io.watchfloor.storage.Storage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Who evaluates the alert rules for the whole cluster: the node holding a PostgreSQL advisory lock on a
 * connection of its own. The database arbitrates, so a split of the Hazelcast cluster cannot give two
 * evaluators. The lock ends with its session: at once when the holder's process dies (the kernel
 * closes its socket), after TCP keepalive when its machine drops off the network. The holder checks
 * its connection every interval; the others try to take the lock at the same interval. On the
 * embedded store there is one node, and it always evaluates.
 *
 * <p>When the database changes hands (a failover through HAProxy), the holder's session ends with the old
 * primary: the hold is dropped at once, and every node tries again each interval on a new connection, which
 * reaches the new primary. A lock is taken, and kept, only on a server that takes writes: an advisory lock is
 * granted on a standby too, and a holder there could store nothing while another node held the lock on the
 * primary. A check or a try that gets no answer within a few intervals counts as a lost connection, so a
 * primary that vanished without closing its sockets cannot leave this node believing it holds.
 */
public final class EvaluatorLock {
  private static final Logger LOG = LoggerFactory.getLogger(EvaluatorLock.class);
  /** A constant of our own, apart from the migration's (7240411) and partition maintenance's (7240412). */
  private static final long LOCK_KEY = 7240413L;
  /** Taken only where writes go: CASE evaluates its branches lazily, so a read-only server is never asked for it. */
  private static final String TRY_LOCK = "SELECT CASE WHEN pg_is_in_recovery() OR current_setting('transaction_read_only') = 'on'"
      + " THEN NULL ELSE pg_try_advisory_lock($1) END AS held";
  private static final String STILL_THERE = "SELECT NOT pg_is_in_recovery() AND current_setting('transaction_read_only') = 'off'"
      + " AS writable";

  /** SETTLING: granted, waiting one interval before saying so (see {@link #settle}). */
  private enum Role { FOLLOWING, CONNECTING, SETTLING, HOLDING, STOPPED }

  private final Vertx vertx;
  private final PgPools pools;
  private final long intervalMs;
  /** How long a check or a try may go unanswered before its connection counts as lost. */
  private final long patienceMs;
  private Consumer<Boolean> onChange = held -> { };
  private PgConnection connection;
  private Role role = Role.FOLLOWING;
  private long timer = -1;
  /** Each try's number: a connection that comes after its try gave up is closed, never left holding a lock unseen. */
  private long attempt;

  private EvaluatorLock(Vertx vertx, PgPools pools, long intervalMs) {
    this.vertx = vertx;
    this.pools = pools;
    this.intervalMs = intervalMs;
    this.patienceMs = Math.max(3 * intervalMs, 2000);
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
      case SETTLING, HOLDING -> checkHold();
      case CONNECTING, STOPPED -> { }
    }
  }

  private void tryToTake() {
    role = Role.CONNECTING;
    long mine = ++attempt;
    (connection != null ? Future.succeededFuture(connection) : pools.lockConnection().compose(conn -> adopt(conn, mine)))
        .compose(conn -> conn.preparedQuery(TRY_LOCK).execute(Tuple.of(LOCK_KEY)))
        .timeout(patienceMs, TimeUnit.MILLISECONDS)
        .onSuccess(rows -> {
          if (role != Role.CONNECTING) {
            return;
          }
          Boolean held = rows.iterator().next().getBoolean("held");
          if (Boolean.TRUE.equals(held)) {
            settle(mine);
          } else {
            role = Role.FOLLOWING;
            if (held == null) {
              // a standby, or a primary being demoted: the next try goes on a new connection, to the primary
              drop();
            }
          }
        })
        .onFailure(e -> {
          drop();
          lost("cannot reach the database: " + e.getMessage());
        });
  }

  /**
   * The lock is granted once the old holder's session has ended, but the old holder learns of that on its own
   * event loop, from the server's last word or at its next check: this node says it holds only an interval later,
   * so the two never evaluate (nor send notifications) at the same time. Lost meanwhile, it never says so.
   */
  private void settle(long granted) {
    role = Role.SETTLING;
    vertx.setTimer(intervalMs, id -> {
      if (role == Role.SETTLING && attempt == granted) {
        role = Role.HOLDING;
        LOG.info("alerts: this node now evaluates the rules for the cluster");
        onChange.accept(true);
      }
    });
  }

  private Future<PgConnection> adopt(PgConnection conn, long forAttempt) {
    if (forAttempt != attempt || role != Role.CONNECTING) {
      conn.close();
      return Future.failedFuture("connected after its try had given up");
    }
    watch(conn);
    return Future.succeededFuture(conn);
  }

  private void watch(PgConnection conn) {
    connection = conn;
    conn.closeHandler(v -> {
      if (connection == conn) {
        connection = null;
        lost("its database connection closed");
      }
    });
    // A server ending the session (57P01 when terminated or shut down, as in a failover) says so at once, while the
    // close may be seen only at the next check: by then another node can hold the lock, and two would evaluate.
    conn.exceptionHandler(e -> {
      if (connection == conn) {
        drop();
        lost("its database session ended: " + e.getMessage());
      }
    });
  }

  private void checkHold() {
    if (connection == null) {
      lost("its database connection is gone");
      return;
    }
    PgConnection checked = connection;
    checked.query(STILL_THERE).execute()
        .timeout(patienceMs, TimeUnit.MILLISECONDS)
        .onSuccess(rows -> {
          if (connection == checked && !Boolean.TRUE.equals(rows.iterator().next().getBoolean("writable"))) {
            drop();
            lost("its database no longer takes writes");
          }
        })
        .onFailure(e -> {
          if (connection == checked) {
            drop();
            lost("its database connection fails: " + e.getMessage());
          }
        });
  }

  /** Closes the lock's connection, which ends the lock with its session; the next try opens a new one. */
  private void drop() {
    PgConnection broken = connection;
    connection = null;
    if (broken != null) {
      broken.close();
    }
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
    drop();
  }
}
