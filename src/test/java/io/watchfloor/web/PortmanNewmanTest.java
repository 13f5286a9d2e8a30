package io.watchfloor.web;

import io.vertx.core.json.JsonObject;
import io.watchfloor.Api;
import io.watchfloor.MutableClock;
import io.watchfloor.PgTest;
import io.watchfloor.TestDatabase;
import io.watchfloor.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Portman's contract and variation tests, run by Newman, against a server on PostgreSQL (bin/contract-api):
 * tools that know the API only from the description the server serves. This test gives them what a caller
 * has (a unit's token, a display key, an officer's and an admin's session with the server's Origin) and the
 * ids of real records made here, as a Postman environment; src/test/resources/portman/portman-config.json says
 * which operation takes which. It fails on any 5xx and on every failed assertion of Newman's report, listed.
 * No npm registry and no installed tools is a failure, never a skip.
 */
@PgTest
class PortmanNewmanTest {
  private static final Path OUT = Path.of("target", "portman");
  /** The whole run, installation included; a run takes well under a minute once the tools are installed. */
  private static final Duration BOUND = Duration.ofMinutes(8);

  private static TestServer server;
  private static Api api;
  private static String origin;

  @BeforeAll
  static void start() {
    server = TestServer.postgres(TestDatabase.fresh("wf_test_portman"), MutableClock.system());
    api = new Api(server);
    origin = api.origin();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void portmanContractTestsPassUnderNewman() throws Exception {
    Files.createDirectories(OUT);
    Path environment = OUT.resolve("environment.json");
    Files.writeString(environment, PortmanRecords.make(server, api).encodePrettily(), StandardCharsets.UTF_8);
    Files.deleteIfExists(OUT.resolve("newman.json"));

    long started = System.nanoTime();
    Process run = new ProcessBuilder("bin/contract-api", origin, environment.toString(), OUT.toString())
        .redirectErrorStream(true).redirectOutput(OUT.resolve("run.log").toFile()).start();
    boolean ended = run.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS);
    if (!ended) {
      run.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    String log = Files.readString(OUT.resolve("run.log"), StandardCharsets.UTF_8);
    assertThat(ended).as("bin/contract-api within %s; its output:%n%s", BOUND, tail(log)).isTrue();
    assertThat(Files.exists(OUT.resolve("newman.json")))
        .as("Newman's report (no report: the tools did not install or Portman failed); output:%n%s", tail(log)).isTrue();

    NewmanReport report = NewmanReport.read(OUT.resolve("newman.json"));
    System.out.printf("portman/newman: %d requests, %d assertions (%d failed), %d operations, %.1f s in all%n",
        report.requests(), report.assertions(), report.failures().size(), report.operations(),
        (System.nanoTime() - started) / 1e9);
    assertThat(report.failures()).as("Newman's failed assertions and 5xx answers (target/portman/run.log)").isEmpty();
    assertThat(run.exitValue()).as("Newman's status; output:%n%s", tail(log)).isZero();
    // every operation of the description was tried and checked (the live feed as a plain GET: its 400)
    assertThat(report.operations()).isEqualTo(operationsDescribed());
  }

  private static int operationsDescribed() {
    JsonObject paths = io.watchfloor.ApiContract.description().getJsonObject("paths");
    int count = 0;
    for (String path : paths.fieldNames()) {
      count += (int) paths.getJsonObject(path).fieldNames().stream()
          .filter(m -> List.of("get", "post", "put", "delete", "patch").contains(m)).count();
    }
    return count;
  }

  private static String tail(String log) {
    return log.length() <= 6000 ? log : "…" + log.substring(log.length() - 6000);
  }
}
