package io.watchfloor.cluster;

import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.spi.cluster.ClusterManager;

import java.util.List;

/**
 * What a verticle may need to know of the cluster: whether this node is in one, its id there, and who
 * else is. Made from the Vert.x instance, so any verticle can ask without being handed it at deployment.
 */
public final class ClusterInfo {
  /** The id of a node that runs alone. */
  public static final String ALONE = "local";

  private final ClusterManager manager;

  private ClusterInfo(ClusterManager manager) {
    this.manager = manager;
  }

  public static ClusterInfo of(Vertx vertx) {
    return new ClusterInfo(vertx.isClustered() ? ((VertxInternal) vertx).clusterManager() : null);
  }

  public boolean clustered() {
    return manager != null;
  }

  /** This node's id in the cluster (Hazelcast's member UUID), or {@link #ALONE}. */
  public String nodeId() {
    return manager == null ? ALONE : manager.getNodeId();
  }

  /** The ids of the members as this node sees them now, itself included. */
  public List<String> members() {
    return manager == null ? List.of(ALONE) : List.copyOf(manager.getNodes());
  }

  @Override
  public String toString() {
    return clustered() ? "node " + nodeId() + " of " + members().size() : "alone";
  }
}
