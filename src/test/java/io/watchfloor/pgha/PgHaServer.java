package io.watchfloor.pgha;

import io.vertx.core.json.JsonObject;
import io.watchfloor.cluster.ClusterFaultNode;
import io.watchfloor.cluster.ClusterFaultRig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * One Watchfloor server as its own JVM, started as an operator starts it (--config F --demo, the store and
 * its URL in the environment), unclustered: the data tier is what fails here, never the server. Its config
 * is a copy of config/ with the overrides merged in and the twenty units of {@link PgHaLoad} as its units.
 */
public final class PgHaServer {
  private PgHaServer() {
  }

  /** Starts it on {@code pgUrl} and waits until it is ready; {@code dir} holds its config and log. */
  public static ClusterFaultNode start(String name, Path dir, String pgUrl, JsonObject overrides) {
    Path config = ClusterFaultRig.writeConfig(dir, overrides, Map.of("access.json", PgHaLoad.accessFile()));
    int[] ports = ClusterFaultNode.ports(1).get(0);
    ClusterFaultNode node = new ClusterFaultNode(name, ports, config, dir, pgUrl, "127.0.0.1:" + ports[1],
        Map.of("WATCHFLOOR_CLUSTER", "false"));
    try {
      return node.start().awaitReady(Duration.ofSeconds(90));
    } catch (RuntimeException e) {
      node.close();
      throw e;
    }
  }
}
