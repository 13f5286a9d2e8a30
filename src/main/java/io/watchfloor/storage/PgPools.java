package io.watchfloor.storage;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnectOptions;
import io.vertx.sqlclient.SqlConnection;
import io.watchfloor.config.StoreConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The node's PostgreSQL connections: six named pools, each shared by every store that uses it, plus
 * one connection of its own for the evaluator's lock (and, at open, one for a moment). Each pool is shared by name within the node
 * (one set of connections however many stores open it, closed when the last of them closes), and
 * each connection says its pool's name as its {@code application_name}, so {@code pg_stat_activity}
 * shows which pool holds it. The node thus holds at most {@link #maxConnections()} connections.
 *
 * <ul>
 *   <li>{@link #COMMITS}: the report store's commits, migrations, partitions and the live tail;</li>
 *   <li>{@link #READS}: reads that viewers can start (history, a site's recent reports), with a short
 *   wait queue and a statement timeout: a flood of long reads waits for, or is refused by, its own
 *   pool and never takes a connection a field unit's commit needs;</li>
 *   <li>{@link #ALERTS}: the alert and flag stores;</li>
 *   <li>{@link #ADMIN}: the access, audit and rule stores, a few small writes an hour.</li>
 *   <li>{@link #CASES}: the case store, whose photo writes (megabytes each) and row locks must not hold
 *   up an alert firing nor a sign-in.</li>
 *   <li>{@link #NOTIFY}: the delivery store, whose sender polls the outbox all day: a slow receiver's
 *   backlog, or a burst being routed, must not take a connection an alert or a sign-in needs.</li>
 * </ul>
 */
public final class PgPools {
  private static final Logger LOG = LoggerFactory.getLogger(PgPools.class);
  public static final String COMMITS = "watchfloor-store";
  public static final String READS = "watchfloor-reads";
  public static final String ALERTS = "watchfloor-alerts";
  public static final String ADMIN = "watchfloor-admin";
  public static final String CASES = "watchfloor-cases";
  public static final String NOTIFY = "watchfloor-notify";
  /** The evaluator's lock: a session-level lock that must end with its connection, so outside every pool. */
  public static final String LOCK = "watchfloor-evaluator";
  /** A moment's connection at open, to see that the database exists (and create it if not). */
  public static final String SETUP = "watchfloor-setup";
  private static final Pattern SAFE_DB_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
  private static final String UNKNOWN_DATABASE = "3D000";
  private static final int SMALL_WAIT_QUEUE = 256;

  private final Vertx vertx;
  private final StoreConfig.Pg config;
  private final PgConnectOptions connectOptions;

  public PgPools(Vertx vertx, StoreConfig.Pg config) {
    this.vertx = vertx;
    this.config = config;
    this.connectOptions = PgConnectOptions.fromUri(config.url())
        .setCachePreparedStatements(true)
        .setPipeliningLimit(config.pipeliningLimit());
  }

  /** The most connections this node opens to the database: every pool full, the lock, and one at open. */
  public int maxConnections() {
    return sizes().values().stream().mapToInt(Integer::intValue).sum();
  }

  /** Each {@code application_name} the node uses, with the most connections it holds at once. */
  public Map<String, Integer> sizes() {
    return Map.of(COMMITS, config.poolSize(), READS, config.readPoolSize(), ALERTS, config.alertPoolSize(),
        ADMIN, config.adminPoolSize(), CASES, config.casePoolSize(), NOTIFY, config.notifyPoolSize(),
        LOCK, 1, SETUP, 1);
  }

  public Pool commits() {
    return build(COMMITS, options(COMMITS), config.poolSize(), config.maxWaitQueue());
  }

  /** @param cached which statements the client keeps prepared; the others are planned for their parameters each time */
  public Pool reads(Predicate<String> cached) {
    PgConnectOptions options = options(READS)
        .setPreparedStatementCacheSqlFilter(SqlConnectOptions.DEFAULT_PREPARED_STATEMENT_CACHE_FILTER.and(cached))
        .addProperty("statement_timeout", String.valueOf(config.readStatementTimeoutMs()));
    return build(READS, options, config.readPoolSize(), config.readMaxWaitQueue());
  }

  public Pool alerts() {
    return build(ALERTS, options(ALERTS), config.alertPoolSize(), SMALL_WAIT_QUEUE);
  }

  public Pool admin() {
    return build(ADMIN, options(ADMIN), config.adminPoolSize(), SMALL_WAIT_QUEUE);
  }

  public Pool cases() {
    return build(CASES, options(CASES), config.casePoolSize(), SMALL_WAIT_QUEUE);
  }

  public Pool notifications() {
    return build(NOTIFY, options(NOTIFY), config.notifyPoolSize(), SMALL_WAIT_QUEUE);
  }

  private PgConnectOptions options(String name) {
    return new PgConnectOptions(connectOptions).addProperty("application_name", name);
  }

  /** One shared pool per name and node: a second store asking for it gets the same connections. */
  private Pool build(String name, PgConnectOptions options, int size, int maxWaitQueue) {
    int connectTimeoutMs = config.connectTimeoutMs();
    PoolOptions poolOptions = new PoolOptions()
        .setShared(true)
        .setName(name)
        .setMaxSize(size)
        .setMaxWaitQueueSize(maxWaitQueue)
        .setConnectionTimeout(connectTimeoutMs)
        .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS);
    return PgBuilder.pool()
        .with(poolOptions)
        .with(new NetClientOptions().setConnectTimeout(connectTimeoutMs))
        .connectingTo(options)
        .using(vertx)
        .build();
  }

  /** The evaluator lock's connection, outside every pool: the lock must end with it. */
  public Future<PgConnection> lockConnection() {
    return PgConnection.connect(vertx, options(LOCK));
  }

  /** The default URL names a database that a fresh PostgreSQL does not have; create it once. */
  public Future<Void> ensureDatabase() {
    return PgConnection.connect(vertx, options(SETUP))
        .compose(SqlConnection::close)
        .recover(this::createDatabaseIfUnknown);
  }

  private Future<Void> createDatabaseIfUnknown(Throwable failure) {
    String name = connectOptions.getDatabase();
    if (!(failure instanceof PgException pg) || !UNKNOWN_DATABASE.equals(pg.getSqlState())
        || !SAFE_DB_NAME.matcher(name).matches()) {
      return Future.failedFuture(failure);
    }
    LOG.info("database '{}' does not exist on {}:{}; creating it", name, connectOptions.getHost(), connectOptions.getPort());
    PgConnectOptions maintenance = options(SETUP).setDatabase("postgres");
    return PgConnection.connect(vertx, maintenance)
        .compose(conn -> conn.query("CREATE DATABASE " + name).execute()
            .<Void>mapEmpty()
            .recover(e -> e instanceof PgException p && "42P04".equals(p.getSqlState())
                ? Future.succeededFuture() : Future.failedFuture(e))
            .eventually(conn::close));
  }
}
