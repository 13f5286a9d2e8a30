package io.watchfloor.cluster;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.watchfloor.ClusterTest;
import io.watchfloor.MutableClock;
import io.watchfloor.TestDatabase;
import io.watchfloor.TestTown;
import io.watchfloor.urge.UrgeRoutes;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes sharing one database: a field page held on node B is answered within 2 s of an officer urging its
 * site on node A ({@code compliance.urged} is published to every node), and the repeat limit holds across
 * them: urged on A, the same site on B is limited.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@ClusterTest
class UrgeClusterTest {
  private static final String DB = "watchfloor_urge_cluster_test";
  static ClusterNode a;
  static ClusterNode b;

  @BeforeAll
  static void startTwoNodes() {
    ClusterNode[] nodes = ClusterNode.pair(TestDatabase.fresh(DB), MutableClock.onDuty(), MutableClock.onDuty());
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

  private static HttpResponse<Buffer> urge(ClusterNode node, String cookie, String site) {
    return node.client.post("/api/v1/compliance/urge").putHeader("Cookie", cookie).putHeader("Origin", node.origin())
        .sendJsonObject(new JsonObject().put("sites", new JsonArray().add(site))).await();
  }

  @Test
  void aPageHeldOnOneNodeHearsAnUrgingOnTheOtherAndTheLimitHoldsAcrossThem() {
    HttpResponse<Buffer> opened = b.client.get("/api/v1/urgings")
        .putHeader("Authorization", "Bearer " + TestTown.SANITATION).send().await();
    assertThat(opened.statusCode()).isEqualTo(200);
    Future<HttpResponse<Buffer>> held = b.client.get("/api/v1/urgings?after=" + opened.bodyAsJsonObject().getString("next"))
        .putHeader("Authorization", "Bearer " + TestTown.SANITATION).send();
    Awaitility.await("held on node B").atMost(Duration.ofSeconds(20)).until(() -> UrgeRoutes.held(b.vertx) == 1);

    String cookieA = a.signIn("xudong-duty", "xudong-duty-demo-pass");
    long pressed = System.nanoTime();
    HttpResponse<Buffer> urged = urge(a, cookieA, "sn-jinpen");
    assertThat(urged.statusCode()).as(urged.bodyAsString()).isEqualTo(200);
    HttpResponse<Buffer> answered = held.await();
    assertThat(Duration.ofNanos(System.nanoTime() - pressed)).isLessThan(Duration.ofSeconds(2));
    assertThat(answered.bodyAsJsonObject().getJsonArray("urgings").getJsonObject(0).getString("site")).isEqualTo("sn-jinpen");

    String cookieB = b.signIn("duty", "duty-demo-pass");
    JsonObject again = urge(b, cookieB, "sn-jinpen").bodyAsJsonObject();
    assertThat(again.getJsonArray("urged")).isEmpty();
    assertThat(again.getJsonArray("limited").getJsonObject(0).getString("site")).isEqualTo("sn-jinpen");
  }
}
