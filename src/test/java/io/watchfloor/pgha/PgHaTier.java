package io.watchfloor.pgha;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The data tier of deploy/pg-ha.sh, driven through the script as an operator drives it, on ports and in a
 * state directory of its own (a temporary one), so it runs beside anyone's tier on the default ports and
 * leaves nothing behind: {@link #close} stops it, copies the nodes' logs to {@code logs}, deletes the state
 * directory and kills whatever still names it. A JVM shutdown hook does the same if the run is cut short.
 */
public final class PgHaTier implements AutoCloseable {
  private static final Path SCRIPT = Path.of("deploy", "pg-ha.sh");
  private static final Pattern KILLED = Pattern.compile("killed node (\\d+)");
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(240);

  /** What a command said, and how it ended. */
  public record Run(int exit, String output) {
  }

  public final Path dir;
  public final int haPort;
  public final int pgPort;
  public final int restPort;
  public final int etcdPort;
  /** PostgreSQL nodes (2 or 3), and whether synchronous_mode_strict holds (no commit without a standby). */
  public final int nodes;
  public final boolean strict;
  private final Path logs;
  private final Thread hook;
  private boolean closed;

  private PgHaTier(Path dir, Path logs, int nodes, boolean strict) {
    this.dir = dir;
    this.logs = logs;
    this.nodes = nodes;
    this.strict = strict;
    Set<Integer> taken = new HashSet<>();
    this.haPort = freePorts(1, taken);
    this.pgPort = freePorts(nodes, taken);
    this.restPort = freePorts(nodes, taken);
    this.etcdPort = freePorts(2, taken); // clients, and peers on the next port
    this.hook = new Thread(this::close, "pg-ha-stop");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /**
   * {@code deploy/pg-ha.sh start}: returns once a primary with a streaming synchronous standby answers on
   * {@link #haPort}. Fails with the script's own words (what is missing, what did not come up).
   */
  public static PgHaTier start(Path logs, int nodes, boolean strict) {
    if (!Files.isRegularFile(SCRIPT)) {
      throw new IllegalStateException(SCRIPT + " is missing");
    }
    PgHaTier tier;
    try {
      Files.createDirectories(logs);
      tier = new PgHaTier(Files.createTempDirectory("watchfloor-pg-ha-"), logs, nodes, strict);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      tier.require("start");
      return tier;
    } catch (RuntimeException e) {
      tier.close();
      throw e;
    }
  }

  /** The URL Watchfloor is given: a database of HAProxy's primary port. */
  public String url(String database) {
    return "postgresql://postgres@127.0.0.1:" + haPort + "/" + database;
  }

  /** SIGKILL to the primary's Patroni and PostgreSQL; answers which node that was (1 to {@link #nodes}). */
  public int killPrimary() {
    Matcher killed = KILLED.matcher(require("kill-primary").output());
    if (!killed.find()) {
      throw new IllegalStateException("kill-primary did not say which node it killed");
    }
    return Integer.parseInt(killed.group(1));
  }

  /** Starts node {@code k} again; returns once it is the synchronous standby. */
  public void revive(int k) {
    require("revive", String.valueOf(k));
  }

  /** patronictl switchover to the synchronous standby; returns once the new primary answers on the port. */
  public void switchover() {
    require("switchover");
  }

  /** The last line of {@code status}: the primary, the standbys, their lag and where HAProxy sends writes. */
  public String status() {
    String[] lines = run("status").output().strip().split("\n");
    return lines[lines.length - 1];
  }

  /** The nodes whose Patroni answers on its REST port at all (a killed node does not). */
  public List<Integer> nodesUp() {
    List<Integer> up = new ArrayList<>();
    for (int k = 1; k <= nodes; k++) {
      try (java.net.Socket socket = new java.net.Socket()) {
        socket.connect(new java.net.InetSocketAddress("127.0.0.1", restPort + k - 1), 500);
        up.add(k);
      } catch (IOException e) {
        // down
      }
    }
    return up;
  }

  /** Whether a connection through HAProxy reaches a server that takes writes now. */
  public boolean writable(Vertx vertx) {
    PgConnectOptions options = PgConnectOptions.fromUri(url("postgres"));
    try {
      return PgConnection.connect(vertx, options)
          .compose(conn -> conn.query("SELECT NOT pg_is_in_recovery()").execute().eventually(conn::close))
          .map(rows -> rows.iterator().next().getBoolean(0))
          .toCompletionStage().toCompletableFuture().get(3, TimeUnit.SECONDS);
    } catch (Exception e) {
      return false;
    }
  }

  private Run require(String... args) {
    Run run = run(args);
    if (run.exit() != 0) {
      throw new IllegalStateException("deploy/pg-ha.sh " + String.join(" ", args) + " exited with " + run.exit()
          + ":\n" + run.output());
    }
    return run;
  }

  /** One command of the script with this tier's ports and directory; its output also goes to commands.log. */
  public Run run(String... args) {
    List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().keySet().removeIf(key -> key.startsWith("WATCHFLOOR_PG_HA_"));
    builder.environment().putAll(Map.of("WATCHFLOOR_PG_HA_DIR", dir.toString(),
        "WATCHFLOOR_PG_HA_PORT", String.valueOf(haPort), "WATCHFLOOR_PG_HA_PG_PORT", String.valueOf(pgPort),
        "WATCHFLOOR_PG_HA_REST_PORT", String.valueOf(restPort), "WATCHFLOOR_PG_HA_ETCD_PORT", String.valueOf(etcdPort),
        "WATCHFLOOR_PG_HA_NODES", String.valueOf(nodes), "WATCHFLOOR_PG_HA_STRICT", String.valueOf(strict)));
    try {
      Process process = builder.start();
      // read while it runs: a full pipe would stall the script
      java.util.concurrent.CompletableFuture<String> output = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
        try {
          return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
          return "(output unreadable: " + e.getMessage() + ")";
        }
      });
      if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
      String text = output.get(10, TimeUnit.SECONDS);
      int exit = process.isAlive() ? -1 : process.exitValue();
      Files.writeString(logs.resolve("commands.log"), Instant.now() + " $ pg-ha.sh " + String.join(" ", args)
          + " (exit " + exit + ")\n" + text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      return new Run(exit, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Stops everything, keeps the nodes' logs, removes the state directory. Answers the processes that still
   * named the directory afterwards (killed here): none, unless the script's stop missed some.
   */
  public synchronized List<String> stop() {
    if (closed) {
      return List.of();
    }
    closed = true;
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // already shutting down: this is the hook
    }
    try {
      run("stop");
    } catch (RuntimeException e) {
      System.err.println("pg-ha.sh stop failed: " + e.getMessage());
    }
    keepLogs();
    List<String> left = PgHaProcesses.naming(dir);
    PgHaProcesses.kill(left);
    PgHaProcesses.delete(dir);
    return left;
  }

  @Override
  public void close() {
    stop();
  }

  private void keepLogs() {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path log : files.filter(p -> p.toString().endsWith(".log") && Files.isRegularFile(p)).toList()) {
        Path copy = logs.resolve(dir.relativize(log).toString().replace('/', '-'));
        Files.copy(log, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException | UncheckedIOException e) {
      System.err.println("could not keep the data tier's logs: " + e.getMessage());
    }
  }

  /** The first of {@code count} consecutive free loopback ports, none of them in {@code taken}. */
  private static int freePorts(int count, Set<Integer> taken) {
    while (true) {
      int first = 20_000 + ThreadLocalRandom.current().nextInt(30_000);
      boolean free = true;
      for (int p = first; p < first + count && free; p++) {
        free = !taken.contains(p) && bindable(p);
      }
      if (free) {
        for (int p = first; p < first + count; p++) {
          taken.add(p);
        }
        return first;
      }
    }
  }

  private static boolean bindable(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
