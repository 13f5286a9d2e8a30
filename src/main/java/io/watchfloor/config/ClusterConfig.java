package io.watchfloor.config;

import io.vertx.core.json.JsonObject;
import io.watchfloor.domain.ConfigNode;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code cluster} section (docs/operations.md#several-nodes): whether this node joins others, and where.
 *
 * @param enabled a clustered start (WATCHFLOOR_CLUSTER); off, nothing of Hazelcast starts
 * @param host the IP address this node binds and announces to the others (WATCHFLOOR_CLUSTER_HOST)
 * @param port this node's Hazelcast port (WATCHFLOOR_CLUSTER_PORT)
 * @param members {@code host:port} of the members to join (WATCHFLOOR_CLUSTER_MEMBERS); empty means this node alone
 * @param heartbeatSeconds how long a silent member is waited for before it is taken for dead
 * @param busPort the event bus's own TCP port: the cluster port + 1000 unless set (WATCHFLOOR_CLUSTER_BUS_PORT)
 */
public record ClusterConfig(boolean enabled, String host, int port, List<String> members, int heartbeatSeconds,
                            int busPort) {
  public static final int BUS_PORT_OFFSET = 1000;
  private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
  private static final Pattern MEMBER = Pattern.compile("([^\\s:]+|\\[[0-9a-fA-F:]+\\]):(\\d{1,5})");

  public ClusterConfig {
    members = List.copyOf(members);
  }

  /** The members to join: the ones listed, or this node alone. */
  public List<String> joinList() {
    return members.isEmpty() ? List.of(address()) : members;
  }

  /** What the other nodes list for this one. */
  public String address() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  /** The {@code cluster} section given as JSON, with the defaults for what it leaves out. */
  public static ClusterConfig of(JsonObject section) {
    return read(Fields.node("cluster", section));
  }

  static ClusterConfig read(ConfigNode cluster) {
    String host = Fields.text(cluster, "host", "127.0.0.1");
    if (!ipAddress(host)) {
      // Hazelcast binds an interface by its address; a name would need a lookup it does not do
      throw cluster.field("host").error("must be an IP address of this machine, such as 10.0.0.11, got '" + host + "'");
    }
    int port = Fields.integer(cluster, "port", 5701, 1, 65535 - BUS_PORT_OFFSET);
    List<String> members = cluster.has("members") ? cluster.field("members").list(ClusterConfig::member) : List.of();
    int busPort = Fields.integer(cluster, "bus-port", port + BUS_PORT_OFFSET, 1, 65535);
    if (busPort == port) {
      throw cluster.field("bus-port").error("must differ from cluster.port: Hazelcast and the event bus each need their own");
    }
    return new ClusterConfig(Fields.bool(cluster, "enabled", false), host, port, members,
        Fields.integer(cluster, "heartbeat-seconds", 5, 2, 300), busPort);
  }

  private static String member(ConfigNode node) {
    String text = node.text().trim();
    var match = MEMBER.matcher(text);
    if (!match.matches() || Integer.parseInt(match.group(2)) < 1 || Integer.parseInt(match.group(2)) > 65535) {
      throw node.error("must be host:port, such as 10.0.0.12:5701, got '" + text + "'");
    }
    return text;
  }

  static boolean ipAddress(String host) {
    var v4 = IPV4.matcher(host);
    if (v4.matches()) {
      for (int i = 1; i <= 4; i++) {
        if (Integer.parseInt(v4.group(i)) > 255) {
          return false;
        }
      }
      return true;
    }
    return host.contains(":") && host.matches("[0-9a-fA-F:.]+");
  }
}
