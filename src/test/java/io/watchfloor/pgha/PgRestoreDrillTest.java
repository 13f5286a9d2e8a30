package io.watchfloor.pgha;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Row;
import io.watchfloor.HaTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The restore drill as a centre would run it after a mistake: a full backup of the data tier, more rows
 * committed after it (so they live only in the WAL archive), the time noted, then a deliberate DELETE.
 * deploy/pg-restore-drill.sh restores to the noted time into a fresh cluster on a spare port, and its own
 * check passes; the restored copy holds every row the DELETE removed, and the tier itself still lacks them.
 * Nothing of the tier or the drill is left running or on disk afterwards.
 */
@HaTest
class PgRestoreDrillTest {
  private static final Path DRILL = Path.of("deploy", "pg-restore-drill.sh");

  private final Vertx vertx = Vertx.vertx();
  private PgHaTier tier;

  @AfterEach
  void stop() {
    try {
      if (tier != null) {
        List<String> left = tier.stop();
        assertThat(left).as("processes of the tier or the drill still running after the stop").isEmpty();
        assertThat(tier.dir).as("the tier's state directory, the drill's copy in it").doesNotExist();
      }
    } finally {
      vertx.close().await();
    }
  }

  @Test
  @Timeout(value = 420, unit = TimeUnit.SECONDS)
  void aRestoreToJustBeforeADeliberateDeleteBringsItsRowsBack() throws Exception {
    tier = PgHaTier.start(Path.of("target/pg-restore-drill"), 2, false);
    sql("postgres", "CREATE DATABASE drill");
    sql("drill", "CREATE TABLE ledger (id int PRIMARY KEY, note text NOT NULL)");
    sql("drill", "INSERT INTO ledger SELECT i, 'before the backup ' || i FROM generate_series(1, 100) i");
    PgHaTier.Run backup = tier.run("backup");
    assertThat(backup.exit()).as("deploy/pg-ha.sh backup: " + backup.output()).isZero();

    // pgBackRest restores to a time from the latest backup that stopped before it, both in whole seconds: a
    // target in the second the backup stopped finds none ("unable to find backup set with stop time less than")
    String backupEnded = value("drill", "SELECT date_trunc('second', clock_timestamp())::text");
    sql("drill", "INSERT INTO ledger SELECT i, 'after the backup ' || i FROM generate_series(101, 150) i");
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> value("drill",
        "SELECT (clock_timestamp() >= '" + backupEnded + "'::timestamptz + interval '1 second')::text").equals("true"));
    // read after the inserts committed and before the DELETE began: the DELETE commits later than this
    String target = value("drill", "SELECT clock_timestamp()::text");
    sql("drill", "DELETE FROM ledger WHERE id > 50");
    assertThat(value("drill", "SELECT count(*)::text FROM ledger")).isEqualTo("50");

    int port = freePort();
    PgHaTier.Run drill = drill(port, "--target", target, "--db", "drill", "--table", "ledger");
    assertThat(drill.exit()).as("the drill: " + drill.output()).isZero();
    assertThat(drill.output()).contains("check passed").contains("ledger: 150 rows");

    PgConnection restored = PgConnection.connect(vertx, new PgConnectOptions().setHost("127.0.0.1").setPort(port)
        .setUser("postgres").setDatabase("drill")).await();
    try {
      Row row = restored.query("SELECT count(*) AS n, count(*) FILTER (WHERE id > 100) AS after_backup, "
          + "pg_is_in_recovery() AS standby FROM ledger").execute().await().iterator().next();
      assertThat(row.getLong("n")).as("rows at the noted time, the deleted ones back").isEqualTo(150);
      assertThat(row.getLong("after_backup")).as("rows only the WAL archive held").isEqualTo(50);
      assertThat(row.getBoolean("standby")).as("the restored copy promoted, taking writes").isFalse();
    } finally {
      restored.close().await();
    }
    assertThat(value("drill", "SELECT count(*)::text FROM ledger")).as("the tier itself is not touched").isEqualTo("50");
    PgHaTier.Run stopped = drill(port, "stop");
    assertThat(stopped.exit()).as("the drill's stop: " + stopped.output()).isZero();
  }

  private void sql(String database, String statement) {
    PgConnection connection = PgConnection.connect(vertx, PgConnectOptions.fromUri(tier.url(database))).await();
    try {
      connection.query(statement).execute().await();
    } finally {
      connection.close().await();
    }
  }

  private String value(String database, String query) {
    PgConnection connection = PgConnection.connect(vertx, PgConnectOptions.fromUri(tier.url(database))).await();
    try {
      return connection.query(query).execute().await().iterator().next().getString(0);
    } finally {
      connection.close().await();
    }
  }

  /** The drill script on this tier's repository, its copy on {@code port}. */
  private PgHaTier.Run drill(int port, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("bash", DRILL.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("WATCHFLOOR_PG_HA_DIR", tier.dir.toString());
    builder.environment().put("WATCHFLOOR_PG_DRILL_PORT", String.valueOf(port));
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    boolean ended = process.waitFor(300, TimeUnit.SECONDS);
    return new PgHaTier.Run(ended ? process.exitValue() : -1, output);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
