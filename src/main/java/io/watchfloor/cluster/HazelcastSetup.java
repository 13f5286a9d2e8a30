package io.watchfloor.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.watchfloor.config.ClusterConfig;

/**
 * The Hazelcast configuration of a node, built in code from the cluster section. It starts from the
 * one vertx-hazelcast ships (its {@code __vertx.subs} multimap and {@code __vertx.haInfo} /
 * {@code __vertx.nodeInfo} maps are what the clustered event bus is made of) and changes only how
 * members find each other and how fast a dead one is noticed.
 */
public final class HazelcastSetup {
  /** Keeps this cluster apart from any other Hazelcast on the same network that might be listed by mistake. */
  public static final String CLUSTER_NAME = "watchfloor";

  private HazelcastSetup() {
  }

  public static Config of(ClusterConfig cluster) {
    Config config = ConfigUtil.loadConfig();
    config.setClusterName(CLUSTER_NAME);
    network(config.getNetworkConfig(), cluster);
    // nothing leaves the command centre's network: Hazelcast otherwise reports to its vendor at start and daily
    config.setProperty("hazelcast.phone.home.enabled", "false");
    // a node that dies must be noticed in seconds, not the default minute: its screens are waiting to reconnect
    config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    config.setProperty("hazelcast.max.no.heartbeat.seconds", String.valueOf(cluster.heartbeatSeconds()));
    config.setProperty("hazelcast.logging.type", "slf4j");
    // Vert.x leaves the cluster itself on close; Hazelcast's own hook would race it and drop the subscriptions first
    config.setProperty("hazelcast.shutdownhook.enabled", "false");
    // the members are listed, so there is no one to wait for beyond the join itself (default 5 s)
    config.setProperty("hazelcast.wait.seconds.before.join", "1");
    // listen on the cluster host only, not on every interface of the machine
    config.setProperty("hazelcast.socket.bind.any", "false");
    return config;
  }

  /**
   * Listed members over TCP only: multicast and cloud auto-detection would let a node join whatever
   * answers. One port, no auto-increment: the others list it, so it must be where they look.
   */
  private static void network(NetworkConfig network, ClusterConfig cluster) {
    network.setPort(cluster.port()).setPortAutoIncrement(false).setPublicAddress(cluster.address());
    network.getInterfaces().setEnabled(true).addInterface(cluster.host());
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(cluster.joinList());
  }
}
