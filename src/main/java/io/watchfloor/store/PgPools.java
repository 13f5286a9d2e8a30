package io.watchfloor.store;

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

import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The PostgreSQL connections: one pool for commits, one for the alert store, and one for reads that
 * viewers can start (history, a site's recent reports), with its own few connections, a short wait
 * queue and a statement timeout. A flood of long reads then waits for, or is refused by, its own pool, and never takes a
 * connection that a field unit's commit needs.
 */
public final class PgPools {
  private static final Logger LOG = LoggerFactory.getLogger(PgPools.class);
  private static final Pattern SAFE_DB_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
  private static final String UNKNOWN_DATABASE = "3D000";
  private static final int ALERT_WAIT_QUEUE = 256;
  private static final int ADMIN_POOL_SIZE = 2;

  private final Vertx vertx;
  private final StoreConfig.Pg config;
  private final PgConnectOptions connectOptions;

  public PgPools(Vertx vertx, StoreConfig.Pg config) {
    this.vertx = vertx;
    this.config = config;
    this.connectOptions = PgConnectOptions.fromUri(config.url())
        .setCachePreparedStatements(true)
        .setPreparedStatementCacheSqlFilter(SqlConnectOptions.DEFAULT_PREPARED_STATEMENT_CACHE_FILTER
            .and(sql -> !PgQueries.PLANNED_EACH_TIME.contains(sql)))
        .setPipeliningLimit(config.pipeliningLimit());
  }

  Pool ingest() {
    return build("watchfloor-store", connectOptions, config.poolSize(),
        config.maxWaitQueue());
  }

  /** The alert store's few connections, on the schema the report store migrates. */
  public Pool alerts() {
    return build("watchfloor-alerts", connectOptions, config.alertPoolSize(), ALERT_WAIT_QUEUE);
  }

  /** The access store's (units, operators, display keys, audit): a few small writes an hour, a reload per change. */
  public Pool admin() {
    return build("watchfloor-admin", connectOptions, ADMIN_POOL_SIZE, ALERT_WAIT_QUEUE);
  }

  Pool reads() {
    PgConnectOptions options = new PgConnectOptions(connectOptions)
        .addProperty("statement_timeout", String.valueOf(config.readStatementTimeoutMs()));
    return build("watchfloor-reads", options, config.readPoolSize(),
        config.readMaxWaitQueue());
  }

  private Pool build(String name, PgConnectOptions options, int size, int maxWaitQueue) {
    int connectTimeoutMs = config.connectTimeoutMs();
    PoolOptions poolOptions = new PoolOptions()
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

  /** A connection of its own, outside every pool: for a session-level lock that must end with it. */
  public Future<PgConnection> dedicated() {
    return PgConnection.connect(vertx, connectOptions);
  }

  /** The default URL names a database that a fresh PostgreSQL does not have; create it once. */
  Future<Void> ensureDatabase() {
    return PgConnection.connect(vertx, connectOptions)
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
    PgConnectOptions maintenance = new PgConnectOptions(connectOptions).setDatabase("postgres");
    return PgConnection.connect(vertx, maintenance)
        .compose(conn -> conn.query("CREATE DATABASE " + name).execute()
            .<Void>mapEmpty()
            .recover(e -> e instanceof PgException p && "42P04".equals(p.getSqlState())
                ? Future.succeededFuture() : Future.failedFuture(e))
            .eventually(conn::close));
  }
}
