package io.watchfloor.storage;

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
 * under an advisory lock so two servers starting together cannot both migrate. One ordered list for
 * every feature's tables: a feature's table may refer to another's, and one version says where the
 * schema stands.
 */
public final class Migrator {
  private static final Logger LOG = LoggerFactory.getLogger(Migrator.class);

  /** Append only; never edit a migration that has shipped. */
  static final List<String> MIGRATIONS = List.of("V1__report.sql", "V2__history_indexes.sql", "V3__alerts.sql",
      "V4__alert_escalated_to.sql", "V5__report_flag.sql", "V6__report_partitions.sql", "V7__alert_firing.sql",
      "V8__access.sql", "V9__rule_settings.sql", "V10__cases.sql", "V11__case_time.sql",
      "V12__notify.sql", "V13__urging.sql", "V14__ranking_setting.sql", "V15__alert_cause.sql");

  private static final String MIGRATION_LOCK = "SELECT pg_advisory_xact_lock(7240411)";
  /** Keeps "already exists, skipping" notices of idempotent DDL out of the server log. */
  private static final String QUIET_NOTICES = "SET LOCAL client_min_messages TO warning";
  private static final String CREATE_SCHEMA_VERSION = """
      CREATE TABLE IF NOT EXISTS schema_version (
        version    int PRIMARY KEY,
        name       text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now())""";
  private static final String APPLIED_VERSIONS = "SELECT version FROM schema_version";
  private static final String RECORD_VERSION = "INSERT INTO schema_version (version, name) VALUES ($1, $2)";

  private final Vertx vertx;
  private final Pool pool;

  public Migrator(Vertx vertx, Pool pool) {
    this.vertx = vertx;
    this.pool = pool;
  }

  public Future<Void> migrate() {
    return migrateUpTo(Integer.MAX_VALUE);
  }

  /** Stops after {@code lastVersion}: a test builds an older schema with it to migrate from. */
  public Future<Void> migrateUpTo(int lastVersion) {
    return pool.withTransaction(conn -> conn.query(QUIET_NOTICES).execute()
        .compose(v -> conn.query(MIGRATION_LOCK).execute())
        .compose(v -> conn.query(CREATE_SCHEMA_VERSION).execute())
        .compose(v -> conn.query(APPLIED_VERSIONS).execute())
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
        .compose(v -> conn.preparedQuery(RECORD_VERSION).execute(Tuple.of(version, name)))
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
