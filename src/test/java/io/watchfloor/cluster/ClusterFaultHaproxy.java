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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * HAProxy on loopback in front of the nodes, on the shipped deploy/haproxy.cfg (docs/operations.md#several-nodes): round
 * robin with /health/ready as the check, reports hashed on the unit's Authorization header (one unit's reports go
 * to one node while it lives), WebSockets tunnelled. A stats page on a port of its own says which servers it holds as up.
 * HAProxy is a hard requirement: a machine without it fails the test with a message, never skips it.
 */
public final class ClusterFaultHaproxy implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  public final int port;
  public final int statsPort;
  private final Path cfg;
  private final Path log;
  private Process process;

  private ClusterFaultHaproxy(int port, int statsPort, Path cfg, Path log) {
    this.port = port;
    this.statsPort = statsPort;
    this.cfg = cfg;
    this.log = log;
  }

  /** Writes the configuration for {@code nodes} (name → HTTP port) into {@code dir} and starts HAProxy on it. */
  public static ClusterFaultHaproxy start(Path dir, Map<String, Integer> nodes) {
    String binary = binary();
    int port = TestServer.freePort();
    int stats = TestServer.freePort();
    try {
      Files.createDirectories(dir);
      Path cfg = dir.resolve("haproxy.cfg");
      Files.writeString(cfg, config(stats, nodes));
      ClusterFaultHaproxy haproxy = new ClusterFaultHaproxy(port, stats, cfg, dir.resolve("haproxy.log"));
      ProcessBuilder builder = new ProcessBuilder(binary, "-f", cfg.toString(), "-db").redirectErrorStream(true)
          .redirectOutput(haproxy.log.toFile());
      builder.environment().put("WATCHFLOOR_LB_PORT", Integer.toString(port));
      haproxy.process = builder.start();
      Runtime.getRuntime().addShutdownHook(new Thread(haproxy::close, "haproxy-stop"));
      return haproxy;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The haproxy binary on the PATH or in the usual places; fails, saying how to get it, if there is none. */
  static String binary() {
    List<String> places = new java.util.ArrayList<>();
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      places.add(dir + "/haproxy");
    }
    places.addAll(List.of("/usr/sbin/haproxy", "/usr/local/sbin/haproxy", "/usr/bin/haproxy"));
    return places.stream().filter(p -> Files.isExecutable(Path.of(p))).findFirst().orElseThrow(() ->
        new AssertionError("HAProxy is needed for the cluster fault test and was not found: install it "
            + "(Debian/Ubuntu: apt-get install haproxy; bin/setup installs it)"));
  }

  /**
   * The shipped deploy/haproxy.cfg, as deploy/local-cluster.sh writes it: its example server lines replaced by
   * these nodes, and a stats page added. The test thus proves the configuration operators run, not a copy.
   */
  static String config(int stats, Map<String, Integer> nodes) {
    StringBuilder out = new StringBuilder();
    for (String line : shipped().split("\n", -1)) {
      if (line.strip().startsWith("server ")) {
        continue;
      }
      out.append(line).append('\n');
      if (line.strip().equals("# nodes")) {
        nodes.forEach((name, httpPort) -> out.append("    server ").append(name).append(" 127.0.0.1:")
            .append(httpPort).append(" check\n"));
      }
    }
    return out.append("""

        listen stats
            bind 127.0.0.1:%d
            stats enable
            stats uri /stats
        """.formatted(stats)).toString();
  }

  private static String shipped() {
    try {
      return Files.readString(Path.of("deploy/haproxy.cfg"));
    } catch (IOException e) {
      throw new UncheckedIOException("the cluster tests run HAProxy on the shipped deploy/haproxy.cfg", e);
    }
  }

  /**
   * Servers that HAProxy holds as up in both backends (each checks on its own), from its stats CSV;
   * empty if it does not answer.
   */
  public List<String> up() {
    try {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + statsPort
          + "/stats;csv")).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
      Map<String, Integer> upIn = new HashMap<>();
      for (String line : response.body().split("\n")) {
        String[] cells = line.split(",", -1);
        // pxname,svname,...; status is column 17 (0-based) of the CSV
        if (cells.length > 17 && (cells[0].equals("nodes") || cells[0].equals("units"))
            && !cells[1].equals("BACKEND") && !cells[1].equals("FRONTEND")) {
          upIn.merge(cells[1], cells[17].startsWith("UP") ? 1 : 0, Integer::sum);
        }
      }
      return upIn.entrySet().stream().filter(e -> e.getValue() == 2).map(Map.Entry::getKey).sorted().toList();
    } catch (IOException e) {
      return List.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    }
  }

  /** Waits until HAProxy holds exactly {@code names} as up (and the others as down). */
  public void awaitUp(List<String> names, Duration within) {
    List<String> wanted = names.stream().sorted().toList();
    List<List<String>> seen = new java.util.ArrayList<>(List.of(List.of()));
    try {
      org.awaitility.Awaitility.await().atMost(within).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
          .until(() -> {
            if (!process.isAlive()) {
              throw new IllegalStateException("haproxy exited with " + process.exitValue() + "; see " + log);
            }
            seen.set(0, up());
            return seen.get(0).equals(wanted);
          });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new IllegalStateException("haproxy holds " + seen.get(0) + " as up, not " + wanted + ", after "
          + within.toSeconds() + " s; see " + log + " and " + cfg, e);
    }
  }

  /** How far HAProxy's log (its request lines and server state changes) has been written. */
  public long logLength() {
    return log.toFile().length();
  }

  /** The lines HAProxy logged after {@code from} bytes ({@link #logLength()} at some earlier moment). */
  public List<String> logSince(long from) {
    try {
      byte[] all = Files.readAllBytes(log);
      int start = (int) Math.min(from, all.length);
      return new String(all, start, all.length - start, java.nio.charset.StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    Processes.stop(process, Duration.ofSeconds(5));
  }
}
