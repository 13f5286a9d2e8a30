package io.watchfloor.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.watchfloor.TestServer;
import io.watchfloor.UnitTest;
import io.watchfloor.config.AppConfig;
import io.watchfloor.config.ClusterConfig;
import io.watchfloor.config.Settings;
import io.watchfloor.domain.ConfigException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The cluster section, what it refuses, and the Hazelcast configuration built from it. */
@UnitTest
class ClusterConfigTest {
  private static JsonObject section() {
    return new JsonObject().put("enabled", true).put("host", "10.0.0.11").put("port", 5701)
        .put("members", new JsonArray().add("10.0.0.11:5701").add("10.0.0.12:5701").add("10.0.0.13:5701"));
  }

  @Test
  void hazelcastJoinsTheListedMembersOverTcpOnlyAndNeverPhonesHome() {
    Config config = HazelcastSetup.of(ClusterConfig.of(section()));
    assertThat(config.getProperty("hazelcast.phone.home.enabled")).isEqualTo("false");
    assertThat(config.getProperty("hazelcast.max.no.heartbeat.seconds")).isEqualTo("5");
    assertThat(config.getProperty("hazelcast.heartbeat.interval.seconds")).isEqualTo("1");
    assertThat(config.getProperty("hazelcast.shutdownhook.enabled")).isEqualTo("false");
    assertThat(config.getProperty("hazelcast.logging.type")).isEqualTo("slf4j");
    JoinConfig join = config.getNetworkConfig().getJoin();
    assertThat(join.getMulticastConfig().isEnabled()).isFalse();
    assertThat(join.getAutoDetectionConfig().isEnabled()).isFalse();
    assertThat(join.getTcpIpConfig().isEnabled()).isTrue();
    assertThat(join.getTcpIpConfig().getMembers()).containsExactly("10.0.0.11:5701", "10.0.0.12:5701", "10.0.0.13:5701");
    assertThat(config.getNetworkConfig().getPort()).isEqualTo(5701);
    assertThat(config.getNetworkConfig().isPortAutoIncrement()).isFalse();
    assertThat(config.getNetworkConfig().getPublicAddress()).isEqualTo("10.0.0.11:5701");
    assertThat(config.getNetworkConfig().getInterfaces().getInterfaces()).containsExactly("10.0.0.11");
  }

  @Test
  void theMapsOfTheVertxClusterAreKept() {
    Config config = HazelcastSetup.of(ClusterConfig.of(section()));
    assertThat(config.getMultiMapConfigs()).containsKey("__vertx.subs");
    assertThat(config.getMapConfigs()).containsKeys("__vertx.haInfo", "__vertx.nodeInfo");
  }

  @Test
  void defaultsAreOneNodeAloneOnLoopbackWithTheBusAThousandAbove() {
    ClusterConfig cluster = ClusterConfig.of(new JsonObject());
    assertThat(cluster.enabled()).isFalse();
    assertThat(cluster.joinList()).containsExactly("127.0.0.1:5701");
    assertThat(cluster.busPort()).isEqualTo(6701);
    assertThat(cluster.heartbeatSeconds()).isEqualTo(5);
  }

  @Test
  void badValuesNameTheField() {
    assertThatThrownBy(() -> ClusterConfig.of(section().put("host", "node-a.example")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("host").hasMessageContaining("IP address");
    assertThatThrownBy(() -> ClusterConfig.of(section().put("members", new JsonArray().add("10.0.0.12"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("members[0]").hasMessageContaining("host:port");
    assertThatThrownBy(() -> ClusterConfig.of(section().put("bus-port", 5701)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("bus-port");
    assertThatThrownBy(() -> ClusterConfig.of(section().put("heartbeat-seconds", 0)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("heartbeat-seconds");
  }

  @Test
  void aClusteredStartWithTheEmbeddedStoreIsRefused() {
    JsonObject app = TestServer.shipped("application.json");
    app.getJsonObject("store").put("kind", "memory");
    app.put("cluster", section());
    assertThatThrownBy(() -> Settings.of(app, TestServer.shipped("town.json"), TestServer.shipped("access.json"),
        new JsonObject(), TestServer.shipped("rules.json")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("cluster.enabled")
        .hasMessageContaining(AppConfig.CLUSTER_NEEDS_POSTGRES)
        .hasMessageContaining("WATCHFLOOR_STORE=postgres");
  }

  @Test
  void theShippedConfigRunsAlone() {
    AppConfig app = Settings.of(TestServer.shipped("application.json"), TestServer.shipped("town.json"),
        TestServer.shipped("access.json"), new JsonObject(), TestServer.shipped("rules.json")).app();
    assertThat(app.cluster().enabled()).isFalse();
    assertThat(app.cluster().members()).isEqualTo(List.of());
  }
}
