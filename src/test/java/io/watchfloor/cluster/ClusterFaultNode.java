package io.watchfloor.cluster;

import io.watchfloor.Processes;
import io.watchfloor.TestServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Watchfloor node as its own JVM, started as an operator starts it ({@code io.watchfloor.Main --config F
 * --demo}) with the cluster environment (docs/operations.md#several-nodes), so that {@link #kill9()} is a real SIGKILL: no
 * shutdown hook runs, sockets are cut by the kernel, the cluster learns of it only by missed heartbeats.
 * The classpath is the caller's own (surefire's has target/classes and every dependency).
 */
public final class ClusterFaultNode implements AutoCloseable {
  /** Small, so three nodes, PostgreSQL and the test fit on two cores; -Dwatchfloor.node.jvm replaces it. */
  static final String DEFAULT_JVM = "-Xmx256m -XX:+UseSerialGC -XX:ActiveProcessorCount=1";
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  public final String name;
  public final int httpPort;
  public final int clusterPort;
  private final Path config;
  private final Path logs;
  private final Map<String, String> env;
  private Process process;
  private int starts;

  /**
   * @param members every node's cluster address, {@code host:port,...}, this one's included
   * @param env     extra or overriding environment, e.g. WATCHFLOOR_CLUSTER=false for a run without the cluster
   */
  public ClusterFaultNode(String name, int[] ports, Path config, Path logs, String pgUrl, String members,
                          Map<String, String> env) {
    this(name, ports[0], ports[1], ports[2], config, logs, pgUrl, members, env);
  }

  private ClusterFaultNode(String name, int httpPort, int clusterPort, int busPort, Path config, Path logs, String pgUrl,
                           String members, Map<String, String> env) {
    this.name = name;
    this.httpPort = httpPort;
    this.clusterPort = clusterPort;
    this.config = config;
    this.logs = logs;
    this.env = new java.util.HashMap<>(Map.of(
        "WATCHFLOOR_CLUSTER", "true",
        "WATCHFLOOR_CLUSTER_HOST", "127.0.0.1",
        "WATCHFLOOR_CLUSTER_PORT", String.valueOf(clusterPort),
        "WATCHFLOOR_CLUSTER_BUS_PORT", String.valueOf(busPort),
        "WATCHFLOOR_CLUSTER_MEMBERS", members,
        "WATCHFLOOR_HTTP_PORT", String.valueOf(httpPort),
        "WATCHFLOOR_STORE", "postgres",
        "WATCHFLOOR_PG_URL", pgUrl,
        "WATCHFLOOR_DEMO_SIMULATE", "false"));
    this.env.putAll(env);
    // a run stopped half way (Ctrl-C on the benchmark, a test timeout) must not leave nodes behind
    Runtime.getRuntime().addShutdownHook(new Thread(this::close, name + "-stop"));
  }

  /** Free HTTP, cluster (Hazelcast) and event-bus ports for {@code count} nodes, all different. */
  public static List<int[]> ports(int count) {
    List<int[]> ports = new ArrayList<>();
    java.util.Set<Integer> taken = new java.util.HashSet<>();
    while (ports.size() < count) {
      int[] node = {TestServer.freePort(), TestServer.freePort(), TestServer.freePort()};
      if (java.util.Arrays.stream(node).allMatch(taken::add)) {
        ports.add(node);
      }
    }
    return ports;
  }

  /** Starts the JVM; {@link #awaitReady} waits for it. Each start logs to its own file. */
  public synchronized ClusterFaultNode start() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException(name + " is already running");
    }
    starts++;
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java));
    command.addAll(List.of(System.getProperty("watchfloor.node.jvm", DEFAULT_JVM).trim().split("\\s+")));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.watchfloor.Main", "--config",
        config.toString(), "--demo"));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(logFile().toFile());
    // a WATCHFLOOR_ variable of the developer's shell would silently change what is tested
    builder.environment().keySet().removeIf(key -> key.startsWith("WATCHFLOOR_"));
    builder.environment().putAll(env);
    try {
      Files.createDirectories(logs);
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  public Path logFile() {
    return logs.resolve(name + "-" + starts + ".log");
  }

  /** Polls /health/ready until 200; fails naming the log if the process exits or the time runs out. */
  public ClusterFaultNode awaitReady(Duration within) {
    org.awaitility.Awaitility.await(name + " ready; see " + logFile()).atMost(within)
        .pollInterval(Duration.ofMillis(200)).until(() -> {
          if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + logFile());
          }
          return readiness() != null;
        });
    return this;
  }

  /** The body of /health/ready if it answers 200, else null. */
  public String readiness() {
    try {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/health/ready"))
          .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? response.body() : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** Whether its readiness says it holds the rule evaluator; a node that does not say counts as not. */
  public boolean evaluator() {
    String body = readiness();
    return body != null && new io.vertx.core.json.JsonObject(body).getBoolean("evaluator", false);
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + httpPort;
  }

  public long pid() {
    return process.pid();
  }

  public boolean alive() {
    return process != null && process.isAlive();
  }

  /** SIGKILL (destroyForcibly is SIGKILL on Linux), and waits until the process is gone. */
  public void kill9() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException(name + " (pid " + process.pid() + ") survived SIGKILL for 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Starts the same node again: same ports, same cluster address, a new log file. */
  public ClusterFaultNode restart(Duration within) {
    if (alive()) {
      kill9();
    }
    return start().awaitReady(within);
  }

  /** SIGTERM, then SIGKILL if it lingers: the end of a test, not a fault. */
  @Override
  public void close() {
    if (alive()) {
      Processes.stop(process, Duration.ofSeconds(10));
    }
  }

  /** A step of the scenario that lets the load run for a while; never a wait for a condition. */
  public static void sleep(long ms) {
    Processes.sleep(ms);
  }
}
