package io.watchfloor.cluster;

import io.watchfloor.ClusterTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/** deploy/: the script parses and refuses bad commands; HAProxy accepts its configuration. */
@ClusterTest
class DeployScriptsTest {
  private record Run(int exit, String output) {
  }

  private static Run run(Map<String, String> env, String... command) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(List.of(command)).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new Run(process.exitValue(), output);
  }

  @Test
  void theScriptParsesAndRefusesWhatItCannotDo() throws IOException, InterruptedException {
    assertThat(run(Map.of(), "bash", "-n", "deploy/local-cluster.sh").exit()).isZero();
    Run usage = run(Map.of(), "bash", "deploy/local-cluster.sh");
    assertThat(usage.exit()).isEqualTo(64);
    assertThat(usage.output()).contains("start N", "status", "kill K", "stop");
    Run badCount = run(Map.of(), "bash", "deploy/local-cluster.sh", "start", "ten");
    assertThat(badCount.exit()).isNotZero();
    assertThat(badCount.output()).contains("start needs a number from 1 to 9");
  }

  @Test
  void aMissingJarIsSaidBeforeAnythingStarts() throws IOException, InterruptedException {
    Path empty = Files.createTempDirectory("local-cluster");
    Path copy = Files.createDirectories(empty.resolve("deploy")).resolve("local-cluster.sh");
    Files.copy(Path.of("deploy/local-cluster.sh"), copy);
    Run run = run(Map.of("WATCHFLOOR_LOCAL_CLUSTER_DIR", empty.resolve("run").toString()), "bash", copy.toString(),
        "start", "2");
    assertThat(run.exit()).isNotZero();
    assertThat(run.output()).contains("watchfloor.jar is missing");
  }

  @Test
  void haproxyAcceptsTheShippedConfiguration() throws IOException, InterruptedException {
    assumeThat(Files.isExecutable(Path.of("/usr/sbin/haproxy"))).as("haproxy installed (bin/setup installs it)").isTrue();
    Run check = run(Map.of("WATCHFLOOR_LB_PORT", "18080"), "/usr/sbin/haproxy", "-c", "-f", "deploy/haproxy.cfg");
    assertThat(check.exit()).as(check.output()).isZero();
  }
}
