package io.watchfloor.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import io.watchfloor.domain.Report;
import io.watchfloor.store.PgStore;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/** The benchmark's side of PostgreSQL: a fresh database, the ceiling measurement and the commit counter. */
final class BenchDatabase {
  private static final Pattern SAFE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
  private static final ZoneId TOWN_ZONE = ZoneId.of("Asia/Shanghai");
  private static final String[] SITES = {"cp-highway-exit", "cp-xudong-road", "cp-tianjingshan-south", "cp-yinjiapu-bridge"};

  private final Vertx vertx;
  private final PgConnectOptions options;

  BenchDatabase(Vertx vertx, String url) {
    this.vertx = vertx;
    this.options = PgConnectOptions.fromUri(url).setCachePreparedStatements(true);
    if (!SAFE_NAME.matcher(options.getDatabase()).matches()) {
      throw new IllegalArgumentException("refusing to drop a database named '" + options.getDatabase() + "'");
    }
  }

  String name() {
    return options.getDatabase();
  }

  /**
   * A fresh database each run, so the table and its index start empty and runs compare. Retried for a
   * while because PostgreSQL may be restarting (other people's fault-injection tests share it).
   */
  void recreate() throws InterruptedException {
    PgConnectOptions maintenance = new PgConnectOptions(options).setDatabase("postgres");
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (true) {
      try {
        PgConnection.connect(vertx, maintenance)
            .compose(conn -> conn.query("DROP DATABASE IF EXISTS " + name() + " WITH (FORCE)").execute()
                .compose(v -> conn.query("CREATE DATABASE " + name()).execute())
                .eventually(conn::close))
            .await();
        return;
      } catch (Exception e) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("cannot recreate database " + name() + ": " + e.getMessage(), e);
        }
        System.out.println("  PostgreSQL not available (" + e.getMessage() + "); retrying");
        Thread.sleep(1000);
      }
    }
  }

  /**
   * A checkpoint now, so the window that follows starts as every other does: with no checkpoint of the last
   * window's writes falling into it, and the same full-page writes after one (windows then compare).
   */
  void checkpoint() throws InterruptedException {
    query(conn -> conn.query("CHECKPOINT").execute().mapEmpty());
  }

  /** Needs the server's migration to have run: the scratch table copies report's columns, key and index. */
  void createCeilingTable() {
    withConnection(conn -> conn.query("SET client_min_messages = warning").execute()
        .compose(v -> conn.query("DROP TABLE IF EXISTS report_ceiling").execute())
        .compose(v -> conn.query("CREATE TABLE report_ceiling (LIKE report INCLUDING ALL)").execute())).await();
  }

  /** Transactions committed in the bench database so far, as PostgreSQL's statistics show them. */
  long commits() throws InterruptedException {
    return query(conn -> conn.preparedQuery("SELECT xact_commit FROM pg_stat_database WHERE datname = $1")
        .execute(Tuple.of(name()))
        .map(rows -> rows.iterator().next().getLong(0)));
  }

  /**
   * Waits until no session but ours is busy in the bench database for a whole second: after a step the
   * server could not keep up with, it still commits what it had queued, and that must not leak into
   * the next measurement.
   * @return false if it was still busy after {@code timeoutMs}
   */
  boolean awaitServerIdle(long timeoutMs) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutMs * 1_000_000;
    int quiet = 0;
    while (System.nanoTime() < deadline) {
      long busy = query(conn -> conn.preparedQuery("""
              SELECT count(*) FROM pg_stat_activity
               WHERE datname = $1 AND pid <> pg_backend_pid() AND backend_type = 'client backend'
                 AND state IS DISTINCT FROM 'idle'""")
          .execute(Tuple.of(name()))
          .map(rows -> rows.iterator().next().getLong(0)));
      quiet = busy == 0 ? quiet + 1 : 0;
      if (quiet >= 5) {
        return true;
      }
      Thread.sleep(200);
    }
    return false;
  }

  /** Rows the server stored, to check the figures against what is really in the table. */
  long storedReports() throws InterruptedException {
    return query(conn -> conn.query("SELECT count(*) FROM report").execute()
        .map(rows -> rows.iterator().next().getLong(0)));
  }

  /**
   * PostgreSQL's own ceiling: one connection, the server's own INSERT … SELECT FROM unnest(…) statement,
   * {@code batch} rows each, every statement its own (durable, synchronous-commit) transaction.
   * @return rows per second over the measured window, after a short unmeasured warm-up
   */
  double ceiling(int seconds, int batch) {
    String sql = ceilingStatement();
    return withConnection(conn -> insertFor(conn, sql, batch, 2_000_000_000L)
        .compose(warm -> insertFor(conn, sql, batch, seconds * 1_000_000_000L))).await();
  }

  private Future<Double> insertFor(SqlConnection conn, String sql, int batch, long nanos) {
    Promise<Double> done = Promise.promise();
    long started = System.nanoTime();
    long[] rows = {0};
    Tuple[] prepared = {rows(batch)};
    Runnable[] next = new Runnable[1];
    next[0] = () -> {
      long elapsed = System.nanoTime() - started;
      if (elapsed >= nanos) {
        done.complete(rows[0] * 1e9 / elapsed);
        return;
      }
      Tuple values = prepared[0];
      conn.preparedQuery(sql).execute(values)
          .onSuccess(result -> {
            rows[0] += result.rowCount();
            next[0].run();
          })
          .onFailure(done::fail);
      // Built while PostgreSQL works on the statement just sent, so the ceiling measures the database, not this loop.
      prepared[0] = rows(batch);
    };
    next[0].run();
    return done.future();
  }

  /** The server's own statement and row builder, so the ceiling can never drift from what the server runs. */
  private static String ceilingStatement() {
    return PgStore.insertStatement("report_ceiling");
  }

  /** Rows as the server stores them: a canonical metrics map and a SHA-256 body hash. */
  private static Tuple rows(int n) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    OffsetDateTime now = OffsetDateTime.now(TOWN_ZONE);
    List<Report> reports = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      UUID id = ReportBodies.randomUuid(random);
      int vehicles = 1 + random.nextInt(50);
      int persons = 1 + random.nextInt(120);
      Map<String, Double> values = new TreeMap<>(Map.of("vehicles_checked", (double) vehicles,
          "persons_checked", (double) persons, "vehicles_turned_back", (double) random.nextInt(vehicles + 1),
          "persons_turned_back", (double) random.nextInt(persons + 1)));
      reports.add(new Report(id, "demo-checkpoints", SITES[random.nextInt(SITES.length)], now, now.toLocalDate(),
          now.toInstant(), values, null, sha256(id + values.toString())));
    }
    return PgStore.batchTuple(reports);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A short query, retried for a while: PostgreSQL may be restarting under someone else's fault test. */
  private <T> T query(java.util.function.Function<SqlConnection, Future<T>> work) throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (true) {
      try {
        return withConnection(work).await();
      } catch (Exception e) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("PostgreSQL did not answer for 60 s: " + e.getMessage(), e);
        }
        Thread.sleep(1000);
      }
    }
  }

  private <T> Future<T> withConnection(java.util.function.Function<SqlConnection, Future<T>> work) {
    return PgConnection.connect(vertx, options).compose(conn -> work.apply(conn).eventually(conn::close));
  }
}
