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
 * HAProxy on loopback in front of the nodes, as docs/operations.md#several-nodes deploys it: round robin with /health/ready as
 * the check, reports hashed on the unit's Authorization header (one unit's reports go to one node while
 * it lives), WebSockets tunnelled. A stats page on a port of its own says which servers it holds as up.
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
      Files.writeString(cfg, config(port, stats, nodes));
      ClusterFaultHaproxy haproxy = new ClusterFaultHaproxy(port, stats, cfg, dir.resolve("haproxy.log"));
      haproxy.process = new ProcessBuilder(binary, "-f", cfg.toString(), "-db").redirectErrorStream(true)
          .redirectOutput(haproxy.log.toFile()).start();
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
            + "(Debian/Ubuntu: apt-get install haproxy; CI installs it)"));
  }

  static String config(int port, int stats, Map<String, Integer> nodes) {
    StringBuilder servers = new StringBuilder();
    nodes.forEach((name, httpPort) -> servers.append("  server ").append(name).append(" 127.0.0.1:").append(httpPort)
        .append(" check inter 300ms fall 2 rise 2\n"));
    return """
        global
          maxconn 4096
        defaults
          mode http
          option redispatch
          retries 2
          timeout connect 1s
          # the check's read timeout; without it, it is inter (300 ms), and a node busy for a moment is marked down
          timeout check 2s
          timeout client 30s
          timeout server 30s
          timeout tunnel 1h
        frontend watchfloor
          bind 127.0.0.1:%d
          acl report_post method POST
          acl report_path path /api/v1/reports /api/v1/reports/batch
          use_backend reports if report_post report_path
          default_backend nodes
        backend nodes
          balance roundrobin
          option httpchk GET /health/ready
        %s
        backend reports
          # one unit's reports to one node while it lives (its rate limit, its group commits)
          balance hdr(Authorization)
          option httpchk GET /health/ready
        %s
        listen stats
          bind 127.0.0.1:%d
          stats enable
          stats uri /stats
        """.formatted(port, servers, servers, stats);
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
        if (cells.length > 17 && (cells[0].equals("nodes") || cells[0].equals("reports"))
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
    long deadline = System.nanoTime() + within.toNanos();
    List<String> seen = up();
    while (!seen.equals(wanted) && System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("haproxy exited with " + process.exitValue() + "; see " + log);
      }
      ClusterFaultNode.sleep(100);
      seen = up();
    }
    if (!seen.equals(wanted)) {
      throw new IllegalStateException("haproxy holds " + seen + " as up, not " + wanted + ", after "
          + within.toSeconds() + " s; see " + log + " and " + cfg);
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
