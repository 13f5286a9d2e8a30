package io.watchfloor.cluster;

import io.vertx.core.json.JsonObject;
import io.watchfloor.TestDatabase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * Several nodes on loopback against one PostgreSQL database of the rig's own, behind HAProxy: what the
 * cluster fault test and the cluster benchmark both stand on. The config is a copy of config/ (so any
 * file the application config names is found beside it) with the caller's overrides merged in.
 */
public final class ClusterFaultRig implements AutoCloseable {
  public final String database;
  public final String pgUrl;
  public final Path dir;
  public final List<ClusterFaultNode> nodes = new ArrayList<>();
  public ClusterFaultHaproxy haproxy;

  private ClusterFaultRig(String database, String pgUrl, Path dir) {
    this.database = database;
    this.pgUrl = pgUrl;
    this.dir = dir;
  }

  /**
   * @param clustered WATCHFLOOR_CLUSTER for every node; false runs them side by side, each its own island
   * @param balancer  whether to put HAProxy in front
   */
  public static ClusterFaultRig start(String database, Path dir, int count, boolean clustered, JsonObject overrides,
                                      boolean balancer) {
    return start(database, dir, count, clustered, overrides, balancer, Map.of());
  }

  /**
   * @param files more files for the nodes' config directory, by name (a time-limit table the overrides name,
   *              say), written over any copy of config/'s of that name
   */
  public static ClusterFaultRig start(String database, Path dir, int count, boolean clustered, JsonObject overrides,
                                      boolean balancer, Map<String, JsonObject> files) {
    ClusterFaultRig rig = prepare(database, dir, count, clustered, overrides, files);
    try {
      // the first one alone, so the schema and the cluster have one founder; the others join it together
      rig.nodes.get(0).start().awaitReady(Duration.ofSeconds(60));
      List<CompletableFuture<ClusterFaultNode>> others = rig.nodes.subList(1, count).stream()
          .map(n -> CompletableFuture.supplyAsync(() -> n.start().awaitReady(Duration.ofSeconds(60)))).toList();
      others.forEach(CompletableFuture::join);
      if (balancer) {
        Map<String, Integer> backends = new LinkedHashMap<>();
        rig.nodes.forEach(n -> backends.put(n.name, n.httpPort));
        rig.haproxy = ClusterFaultHaproxy.start(dir, backends);
        rig.haproxy.awaitUp(rig.nodes.stream().map(n -> n.name).toList(), Duration.ofSeconds(15));
      }
      return rig;
    } catch (RuntimeException e) {
      rig.close();
      throw e;
    }
  }

  /**
   * The database, the config and the nodes, none started: for a test that starts them at moments of its own
   * (the first alone, as {@link #start} does, and the others while it already works on the first).
   */
  public static ClusterFaultRig prepare(String database, Path dir, int count, boolean clustered, JsonObject overrides,
                                        Map<String, JsonObject> files) {
    String url = TestDatabase.fresh(database);
    // the name fresh gave (WATCHFLOOR_TEST_DB_SUFFIX added), so create and drop touch this run's own database
    String name = url.substring(url.lastIndexOf('/') + 1);
    TestDatabase.run("CREATE DATABASE " + name);
    ClusterFaultRig rig = new ClusterFaultRig(name, url, dir);
    try {
      Path config = writeConfig(dir, overrides, files);
      List<int[]> ports = ClusterFaultNode.ports(count);
      String members = String.join(",", ports.stream().map(p -> "127.0.0.1:" + p[1]).toList());
      for (int i = 0; i < count; i++) {
        rig.nodes.add(new ClusterFaultNode("node" + (i + 1), ports.get(i), config, dir, url, members,
            Map.of("WATCHFLOOR_CLUSTER", String.valueOf(clustered))));
      }
      return rig;
    } catch (RuntimeException e) {
      rig.close();
      throw e;
    }
  }

  /**
   * The node whose readiness says it holds the rule evaluator, asked for a few seconds (the cluster may
   * still be electing one); the first node if none says so, as before the readiness carried it.
   */
  public ClusterFaultNode evaluator() {
    try {
      return org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(3))
          .until(() -> nodes.stream().filter(n -> n.alive() && n.evaluator()).findFirst(), java.util.Optional::isPresent)
          .orElseThrow();
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      return nodes.get(0);
    }
  }

  public List<String> names() {
    return nodes.stream().map(n -> n.name).toList();
  }

  /**
   * A copy of config/ in {@code dir}/config with {@code overrides} merged into application.json and the
   * {@code extra} files written over their copies; answers the application.json to pass as --config.
   */
  public static Path writeConfig(Path dir, JsonObject overrides, Map<String, JsonObject> extra) {
    Path config = dir.resolve("config");
    try {
      Files.createDirectories(config);
      try (Stream<Path> files = Files.list(Path.of("config"))) {
        for (Path file : files.toList()) {
          if (Files.isRegularFile(file)) {
            Files.copy(file, config.resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
      for (Map.Entry<String, JsonObject> file : extra.entrySet()) {
        Files.writeString(config.resolve(file.getKey()), file.getValue().encodePrettily());
      }
      JsonObject app = new JsonObject(Files.readString(Path.of("config", "application.json")));
      app.mergeIn(overrides, true);
      Path file = config.resolve("application.json");
      Files.writeString(file, app.encodePrettily());
      return file.toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops HAProxy and every node, then drops the database; logs stay under {@link #dir}. */
  @Override
  public void close() {
    if (haproxy != null) {
      haproxy.close();
    }
    nodes.forEach(ClusterFaultNode::close);
    try {
      TestDatabase.run("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    } catch (RuntimeException e) {
      System.err.println("could not drop " + database + ": " + e.getMessage());
    }
  }
}
