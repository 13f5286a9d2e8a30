package io.watchfloor.ingest;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.SqlConnection;
import io.watchfloor.TestServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL cluster of the test's own, on a free port, for tests that crash and restart it: the
 * machine's other clusters, and a developer's databases in them, are never touched. Made with the
 * Debian cluster tools (pg_createcluster, pg_ctlcluster), which need root, as CI has; dropped on close.
 */
final class OwnCluster implements AutoCloseable {
  final String version;
  final String name;
  final int port;

  private OwnCluster(String version, String name, int port) {
    this.version = version;
    this.name = name;
    this.port = port;
  }

  static OwnCluster create(String name) throws IOException, InterruptedException {
    String version;
    try (var versions = Files.list(Path.of("/usr/lib/postgresql"))) {
      version = versions.map(p -> p.getFileName().toString()).filter(v -> v.matches("\\d+"))
          .max((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b))).orElseThrow();
    }
    OwnCluster cluster = new OwnCluster(version, name, TestServer.freePort());
    cluster.run(false, "pg_dropcluster", "--stop", version, name); // left over by a run that was killed
    cluster.run(true, "pg_createcluster", version, name, "-p", String.valueOf(cluster.port), "--", "--auth=trust");
    cluster.start();
    return cluster;
  }

  void start() throws IOException, InterruptedException {
    run(true, "pg_ctlcluster", "--skip-systemctl-redirect", version, name, "start");
  }

  /** Stops at once, without a checkpoint, as a crash would. */
  void crash() throws IOException, InterruptedException {
    run(true, "pg_ctlcluster", "--skip-systemctl-redirect", version, name, "stop", "--", "-m", "immediate");
  }

  String url(String database) {
    return "postgresql://postgres@127.0.0.1:" + port + "/" + database;
  }

  /** Runs a query on {@code database} and returns the first column of the first row as a long. */
  long count(String database, String sql) {
    Vertx vertx = Vertx.vertx();
    try {
      return PgConnection.connect(vertx, PgConnectOptions.fromUri(url(database)))
          .compose(conn -> conn.query(sql).execute().map(rows -> rows.iterator().next().getLong(0))
              .eventually(((SqlConnection) conn)::close))
          .await();
    } finally {
      vertx.close().await();
    }
  }

  private void run(boolean mustSucceed, String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " did not finish");
    }
    if (mustSucceed && process.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    run(false, "pg_dropcluster", "--stop", version, name);
  }
}
