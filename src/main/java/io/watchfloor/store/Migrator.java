package io.watchfloor.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Applies the plain SQL migrations under {@code db/} in order, each once, all in one transaction
 * under an advisory lock so two servers starting together cannot both migrate.
 */
final class Migrator {
  private static final Logger LOG = LoggerFactory.getLogger(Migrator.class);

  /** Append only; never edit a migration that has shipped. */
  static final List<String> MIGRATIONS = List.of("V1__report.sql", "V2__history_indexes.sql", "V3__alerts.sql",
      "V4__alert_escalated_to.sql", "V5__report_flag.sql", "V6__report_partitions.sql", "V7__alert_firing.sql",
      "V8__access.sql", "V9__rule_settings.sql");

  private final Vertx vertx;
  private final Pool pool;

  Migrator(Vertx vertx, Pool pool) {
    this.vertx = vertx;
    this.pool = pool;
  }

  Future<Void> migrate() {
    return migrateUpTo(Integer.MAX_VALUE);
  }

  /** Stops after {@code lastVersion}: a test builds an older schema with it to migrate from. */
  Future<Void> migrateUpTo(int lastVersion) {
    return pool.withTransaction(conn -> conn.query(PgQueries.QUIET_NOTICES).execute()
        .compose(v -> conn.query(PgQueries.MIGRATION_LOCK).execute())
        .compose(v -> conn.query(PgQueries.CREATE_SCHEMA_VERSION).execute())
        .compose(v -> conn.query(PgQueries.APPLIED_VERSIONS).execute())
        .compose(rows -> {
          Set<Integer> applied = new HashSet<>();
          rows.forEach(row -> applied.add(row.getInteger(0)));
          Future<Void> chain = Future.succeededFuture();
          for (String name : MIGRATIONS) {
            int version = version(name);
            if (!applied.contains(version) && version <= lastVersion) {
              chain = chain.compose(v -> apply(conn, version, name));
            }
          }
          return chain;
        }));
  }

  private Future<Void> apply(SqlConnection conn, int version, String name) {
    return vertx.executeBlocking(() -> readResource("db/" + name))
        .compose(sql -> conn.query(sql).execute())
        .compose(v -> conn.preparedQuery(PgQueries.RECORD_VERSION).execute(Tuple.of(version, name)))
        .onSuccess(v -> LOG.info("applied migration {}", name))
        .mapEmpty();
  }

  private static int version(String name) {
    return Integer.parseInt(name.substring(1, name.indexOf("__")));
  }

  private static String readResource(String path) {
    try (InputStream in = Migrator.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("migration " + path + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
