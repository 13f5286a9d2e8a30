package io.watchfloor;

import io.vertx.core.Promise;
import org.junit.jupiter.api.Test;

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
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A SIGTERM ends the process within the configured bound, even when a verticle never stops. */
@PgTest
class ShutdownTest {
  private static final Duration BOUND = Duration.ofSeconds(2);
  /** A JVM's own start and exit on a busy two-core machine, beyond the bound. */
  private static final Duration SLACK = Duration.ofSeconds(15);

  @Test
  void theBoundedWaitGivesUpOnAStopThatNeverCompletes() {
    long started = System.nanoTime();
    boolean stopped = Shutdown.awaitWithin(Promise.promise().future(), Duration.ofMillis(200));
    assertThat(stopped).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(SLACK);
  }

  @Test
  void aStopThatEndsInTimeOrFailsIsDone() {
    assertThat(Shutdown.awaitWithin(io.vertx.core.Future.succeededFuture(), Duration.ofMillis(200))).isTrue();
    assertThat(Shutdown.awaitWithin(io.vertx.core.Future.failedFuture("pool already closed"), Duration.ofMillis(200))).isTrue();
  }

  @Test
  void aSigtermedNodeWhoseVerticleNeverStopsHaltsWithinTheBoundAndSaysWhatDidNotStop() throws Exception {
    Path log = Path.of("target", "shutdown-test-stuck.log");
    Process node = java(List.of(StuckStopNode.class.getName(), String.valueOf(BOUND.toMillis())), List.of(), log);
    try {
      await().atMost(SLACK).until(() -> Files.readString(log).contains(StuckStopNode.DEPLOYED));
      long sigterm = System.nanoTime();
      node.destroy();
      boolean exited = node.waitFor(BOUND.plus(SLACK).toMillis(), TimeUnit.MILLISECONDS);
      Duration took = Duration.ofNanos(System.nanoTime() - sigterm);
      assertThat(exited).as("the process ended after SIGTERM (log: %s)", Files.readString(log)).isTrue();
      assertThat(took).isGreaterThanOrEqualTo(BOUND);
      assertThat(node.exitValue()).isEqualTo(Shutdown.HALT_STATUS);
      assertThat(Files.readString(log)).contains("did not stop within 2000 ms").contains("NeverStops");
    } finally {
      node.destroyForcibly();
    }
  }

  @Test
  void aSigtermedServerStopsCleanly() throws Exception {
    int port = TestServer.freePort();
    Process server = java(List.of(Main.class.getName(), "--config", Path.of("config", "application.json").toString(), "--demo"),
        List.of("WATCHFLOOR_HTTP_PORT=" + port, "WATCHFLOOR_DEMO_SIMULATE=false", "WATCHFLOOR_STORE=memory"),
        Path.of("target", "shutdown-test-server.log"));
    try {
      await().atMost(Duration.ofSeconds(60)).until(() -> ready(port));
      server.destroy();
      assertThat(server.waitFor(Duration.ofSeconds(10).plus(SLACK).toMillis(), TimeUnit.MILLISECONDS))
          .as("the server ended within its 10 s bound after SIGTERM").isTrue();
      assertThat(server.exitValue()).as("a clean stop, not a halt").isEqualTo(128 + 15);
    } finally {
      server.destroyForcibly();
    }
  }

  /** A JVM on the tests' classpath, its output in {@code log}. */
  private static Process java(List<String> arguments, List<String> environment, Path log) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path")));
    command.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    // a WATCHFLOOR_ variable of the developer's shell would silently change what is tested
    builder.environment().keySet().removeIf(key -> key.startsWith("WATCHFLOOR_"));
    for (String variable : environment) {
      String[] pair = variable.split("=", 2);
      builder.environment().put(pair[0], pair[1]);
    }
    return builder.start();
  }

  private static boolean ready(int port) {
    try {
      return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
          .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
