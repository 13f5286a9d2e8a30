package io.watchfloor.bench;

import io.watchfloor.Processes;

import java.io.IOException;
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

/**
 * The server under test, run as a separate JVM exactly as an operator runs it, so its CPU, heap and
 * GC are its own and can be told apart from the load generator's.
 */
final class ServerProcess implements AutoCloseable {
  private final Process process;
  private final Path log;

  private ServerProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  static ServerProcess start(Path jar, String config, Path log) throws IOException {
    List<String> command = javaCommand(log);
    command.addAll(List.of("-jar", jar.toString(), "--config", config));
    return start(jar, command, Map.of(), log);
  }

  /**
   * Through deploy/watchfloor.sh, as an operator starts it: its memory bounds and its class-data archive,
   * kept in {@code runDir} between starts. The options below go in as WATCHFLOOR_JAVA_OPTS.
   */
  static ServerProcess startDeployed(Path jar, String config, Path runDir, Path log) throws IOException {
    Map<String, String> env = Map.of("WATCHFLOOR_JAR", jar.toAbsolutePath().toString(),
        "WATCHFLOOR_RUN_DIR", runDir.toAbsolutePath().toString(), "WATCHFLOOR_JAVA_OPTS", String.join(" ", jvmOptions(log)));
    return start(jar, List.of("deploy/watchfloor.sh", "--config", config), env, log);
  }

  /** The bare HTTP server of {@link FloorServer}, on this JVM's classpath, with the server's JVM options. */
  static ServerProcess startFloor(int port, int instances, Path log) throws IOException {
    List<String> command = javaCommand(log);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), FloorServer.class.getName(),
        String.valueOf(port), String.valueOf(instances)));
    return start(null, command, Map.of(), log);
  }

  /** This JVM's java with the benchmarked server's options, to which the caller adds what to run. */
  private static List<String> javaCommand(Path log) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(jvmOptions(log));
    return command;
  }

  /**
   * BENCH_SERVER_JVM="-Xmx512m …" starts the server with these JVM options; BENCH_SERVER_JFR=DIR records a
   * flight recording of each server the benchmark starts, named after its log.
   */
  private static List<String> jvmOptions(Path log) {
    List<String> options = new ArrayList<>();
    String jvm = System.getenv("BENCH_SERVER_JVM");
    if (jvm != null && !jvm.isBlank()) {
      options.addAll(List.of(jvm.trim().split("\\s+")));
    }
    String jfr = System.getenv("BENCH_SERVER_JFR");
    if (jfr != null && !jfr.isBlank()) {
      options.add("-XX:StartFlightRecording=settings=profile,filename="
          + Path.of(jfr, log.getFileName().toString().replace(".log", ".jfr")).toAbsolutePath());
    }
    return options;
  }

  private static ServerProcess start(Path jar, List<String> command, Map<String, String> env, Path log) throws IOException {
    if (jar != null && !Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: run mvn -DskipTests package first");
    }
    Files.createDirectories(log.toAbsolutePath().getParent());
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    // The environment overrides (docs/operations.md#configuration) beat the config file; a stray one would benchmark another store.
    builder.environment().keySet().removeIf(key -> key.startsWith("WATCHFLOOR_"));
    builder.environment().putAll(env);
    ServerProcess server = new ServerProcess(builder.start(), log);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "bench-server-stop"));
    return server;
  }

  long pid() {
    return process.pid();
  }

  /** Polls readiness rather than parsing the log, so it holds whatever the banner says. */
  void awaitReady(String baseUrl, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the server exited with " + process.exitValue() + "; see " + log);
      }
      if (ready(baseUrl)) {
        return;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the server was not ready within " + timeout.toSeconds() + " s; see " + log);
  }

  static boolean ready(String baseUrl) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    try {
      HttpResponse<Void> response = client.send(
          HttpRequest.newBuilder(URI.create(baseUrl + "/health/ready")).timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void close() {
    Processes.stop(process, Duration.ofSeconds(10));
  }
}
