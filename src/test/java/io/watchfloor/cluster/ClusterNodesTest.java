package io.watchfloor.cluster;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.spi.cluster.RegistrationInfo;
import io.vertx.ext.web.client.HttpResponse;
import io.watchfloor.ClusterTest;
import io.watchfloor.MutableClock;
import io.watchfloor.TestDatabase;
import io.watchfloor.TestTown;
import io.watchfloor.bus.Addresses;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two whole servers in one JVM form a cluster over Hazelcast on loopback and share one PostgreSQL
 * database: node-local requests are answered by the node asked, a session made on one node holds on
 * the other, and its end there ends it everywhere.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@ClusterTest
class ClusterNodesTest {
  private static final String DB = "watchfloor_cluster_nodes_test";
  /** Each node's clock on a day of its own, so a snapshot tells which node's picture it is. */
  private static final Instant DAY_A = Instant.parse("2026-03-10T04:00:00Z");
  private static final Instant DAY_B = Instant.parse("2026-03-11T04:00:00Z");

  static ClusterNode a;
  static ClusterNode b;

  @BeforeAll
  static void startTwoNodes() {
    ClusterNode[] nodes = ClusterNode.pair(TestDatabase.fresh(DB), new MutableClock(DAY_A), new MutableClock(DAY_B));
    a = nodes[0];
    b = nodes[1];
  }

  @AfterAll
  static void stop() {
    if (b != null) {
      b.close();
    }
    if (a != null) {
      a.close();
    }
  }

  @Test
  void theTwoNodesAreOneCluster() {
    ClusterInfo infoA = ClusterInfo.of(a.vertx);
    ClusterInfo infoB = ClusterInfo.of(b.vertx);
    assertThat(infoA.clustered()).isTrue();
    assertThat(infoA.nodeId()).isNotEqualTo(infoB.nodeId());
    assertThat(infoA.members()).containsExactlyInAnyOrder(infoA.nodeId(), infoB.nodeId());
    assertThat(infoB.members()).containsExactlyInAnyOrder(infoA.nodeId(), infoB.nodeId());
  }

  @Test
  void eachNodeAnswersSnapshotsFromItsOwnPicture() {
    for (int i = 0; i < 10; i++) {
      assertThat(snapshotDay(a)).isEqualTo("2026-03-10");
      assertThat(snapshotDay(b)).isEqualTo("2026-03-11");
    }
  }

  @Test
  void liveAndFlagAddressesAreNotRegisteredWithTheCluster() {
    String nodeA = ClusterInfo.of(a.vertx).nodeId();
    String nodeB = ClusterInfo.of(b.vertx).nodeId();
    for (String address : List.of(Addresses.LIVE_DELTA, Addresses.LIVE_ALERT, Addresses.FLAGS_CLEAR,
        Addresses.FLAGS_COUNT, Addresses.STORE_FLAGS)) {
      // what node A's bus would deliver to: its own consumers only, none of node B's
      assertThat(registrations(a.vertx, address)).as(address).isNotEmpty()
          .allSatisfy(r -> assertThat(r.nodeId()).isEqualTo(nodeA));
      assertThat(registrations(b.vertx, address)).as(address).isNotEmpty()
          .allSatisfy(r -> assertThat(r.nodeId()).isEqualTo(nodeB));
    }
    // a session may be used on any node, so its end is heard on every node
    assertThat(registrations(a.vertx, Addresses.SESSION_ENDED)).extracting(RegistrationInfo::nodeId)
        .contains(nodeA, nodeB);
  }

  @Test
  void aSessionMadeOnOneNodeHoldsOnTheOtherUntilSignedOutThere() {
    String cookie = a.signIn("duty", "duty-demo-pass");
    assertThat(a.get("/api/v1/session", cookie).statusCode()).isEqualTo(200);

    HttpResponse<Buffer> onB = b.get("/api/v1/session", cookie);
    assertThat(onB.statusCode()).isEqualTo(200);
    assertThat(onB.bodyAsJsonObject().getString("id")).isEqualTo("duty");
    assertThat(b.get("/api/v1/alerts", cookie).statusCode()).isEqualTo(200);

    assertThat(b.signOut(cookie).statusCode()).isEqualTo(204);
    assertThat(a.get("/api/v1/session", cookie).statusCode()).isEqualTo(401);
    assertThat(b.get("/api/v1/session", cookie).statusCode()).isEqualTo(401);
  }

  private static String snapshotDay(ClusterNode node) {
    HttpResponse<Buffer> response = node.get("/api/v1/snapshot?key=" + TestTown.DISPLAY_KEY, null);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject().getString("day");
  }

  private static List<RegistrationInfo> registrations(Vertx vertx, String address) {
    Promise<List<RegistrationInfo>> promise = Promise.promise();
    ((VertxInternal) vertx).clusterManager().getRegistrations(address, promise);
    return promise.future().await();
  }
}
