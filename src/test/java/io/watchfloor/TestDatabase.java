package io.watchfloor;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.watchfloor.config.StoreConfig;
import io.watchfloor.store.PgStore;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.SqlConnection;

/**
 * A fresh PostgreSQL database per test class, on the real server the build points at
 * ({@code -Dwatchfloor.test.pg}). The server under test creates the schema itself, as in production.
 */
public final class TestDatabase {
  private TestDatabase() {
  }

  public static String adminUrl() {
    return System.getProperty("watchfloor.test.pg", "postgresql://postgres@127.0.0.1:5432/postgres");
  }

  /**
   * The database {@link #fresh} makes of {@code database}: with WATCHFLOOR_TEST_DB_SUFFIX's suffix, if set and
   * not already there, so a test can keep the name it counts in as one constant and pass that to fresh.
   */
  public static String name(String database) {
    String suffix = System.getenv().getOrDefault("WATCHFLOOR_TEST_DB_SUFFIX", "");
    return database.endsWith(suffix) ? database : database + suffix;
  }

  /**
   * Drops {@code name} if it exists and returns the URL the server should use to create it. With
   * WATCHFLOOR_TEST_DB_SUFFIX set, the name gets that suffix, so two checkouts can run the same test class
   * on one PostgreSQL at once without dropping each other's database.
   */
  public static String fresh(String database) {
    String name = name(database);
    run("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    PgConnectOptions admin = PgConnectOptions.fromUri(adminUrl());
    return "postgresql://" + admin.getUser() + "@" + admin.getHost() + ":" + admin.getPort() + "/" + name;
  }

  /**
   * A fresh database {@code name} with the schema in place, and the settings that reach it: the report store
   * creates and migrates the schema, as it does at server start.
   */
  public static StoreConfig.Pg migrated(String name) {
    StoreConfig.Pg pg = StoreConfig.Pg.of(new JsonObject().put("url", fresh(name)).put("connect-timeout-ms", 1000));
    Vertx vertx = Vertx.vertx();
    try {
      PgStore schema = new PgStore(vertx, pg);
      schema.open().compose(v -> schema.close()).await();
    } finally {
      vertx.close().await();
    }
    return pg;
  }

  /** Runs one statement as the admin user, on the maintenance database. */
  public static void run(String sql) {
    Vertx vertx = Vertx.vertx();
    try {
      PgConnection.connect(vertx, PgConnectOptions.fromUri(adminUrl()))
          .compose(conn -> conn.query(sql).execute().eventually(conn::close))
          .await();
    } finally {
      vertx.close().await();
    }
  }

  /** Runs one statement on {@code database}. */
  public static void execute(String database, String sql) {
    Vertx vertx = Vertx.vertx();
    try {
      PgConnection.connect(vertx, PgConnectOptions.fromUri(adminUrl()).setDatabase(name(database)))
          .compose(conn -> conn.query(sql).execute().eventually(conn::close))
          .await();
    } finally {
      vertx.close().await();
    }
  }

  /** Runs a query on {@code database} and returns the first column of the first row as a long. */
  public static long count(String database, String sql) {
    Vertx vertx = Vertx.vertx();
    try {
      PgConnectOptions options = PgConnectOptions.fromUri(adminUrl()).setDatabase(name(database));
      return PgConnection.connect(vertx, options)
          .compose(conn -> conn.query(sql).execute().map(rows -> rows.iterator().next().getLong(0))
              .eventually(((SqlConnection) conn)::close))
          .await();
    } finally {
      vertx.close().await();
    }
  }
}
