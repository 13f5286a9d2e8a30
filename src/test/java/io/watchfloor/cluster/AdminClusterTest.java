package io.watchfloor.cluster;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.watchfloor.ClusterTest;
import io.watchfloor.MutableClock;
import io.watchfloor.TestDatabase;
import io.watchfloor.TestTown;
import io.watchfloor.web.LiveHub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An admin change made on node A holds on node B within 1 s: a disabled unit's token is refused, a
 * disabled operator's session and live socket end, a revoked display key's socket closes with the
 * wrong-key code and its new connections are refused.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
@ClusterTest
class AdminClusterTest {
  private static final String DB = "wf_test_admin_cluster";
  private static final Duration WITHIN = Duration.ofSeconds(1);
  static ClusterNode a;
  static ClusterNode b;

  @BeforeAll
  static void startTwoNodes() {
    ClusterNode[] nodes = ClusterNode.pair(TestDatabase.fresh(DB), MutableClock.system(), MutableClock.system());
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

  private static HttpResponse<Buffer> post(ClusterNode node, String path, String cookie, JsonObject body) {
    return node.client.post(path).putHeader("Cookie", cookie).putHeader("Origin", node.origin())
        .sendJsonObject(body).await();
  }

  private static int report(ClusterNode node, String token) {
    JsonObject body = TestTown.body(UUID.randomUUID(), "cp-highway-exit",
        OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0).minusMinutes(1).toString(), new JsonObject().put("vehicles_checked", 1));
    return node.client.post("/api/v1/reports").putHeader("Authorization", "Bearer " + token).sendJsonObject(body).await()
        .statusCode();
  }

  /** How long, from now, until the condition holds; fails past {@link #WITHIN}. */
  private static long millisUntil(BooleanSupplier condition) {
    long start = System.nanoTime();
    await("took effect within " + WITHIN).atMost(WITHIN).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10))
        .until(condition::getAsBoolean);
    long took = (System.nanoTime() - start) / 1_000_000;
    System.out.println("admin change took effect on the other node after " + took + " ms");
    return took;
  }

  private record Socket(WebSocket ws, CompletableFuture<Short> closed) {
  }

  private static Socket socket(ClusterNode node, String uri, String cookie) {
    WebSocketClient client = node.vertx.createWebSocketClient();
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(node.httpPort).setURI(uri);
    if (cookie != null) {
      options.addHeader("Cookie", cookie).addHeader("Origin", node.origin());
    }
    CompletableFuture<Short> closed = new CompletableFuture<>();
    WebSocket ws = client.connect(options).await();
    ws.closeHandler(v -> closed.complete(ws.closeStatusCode()));
    return new Socket(ws, closed);
  }

  @Test
  void aUnitDisabledOnOneNodeIsRefusedOnTheOtherWithinASecond() throws InterruptedException {
    String admin = a.signIn("admin", "admin-demo-pass");
    HttpResponse<Buffer> created = post(a, "/api/v1/admin/units", admin, new JsonObject().put("id", "cluster-team")
        .put("name", "集群卡口组").put("sites", new JsonArray().add("cp-highway-exit")));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    String token = created.bodyAsJsonObject().getString("token");
    millisUntil(() -> report(b, token) == 201);

    assertThat(post(a, "/api/v1/admin/units/cluster-team/disable", admin, new JsonObject()).statusCode()).isEqualTo(200);
    millisUntil(() -> report(b, token) == 401);
    assertThat(report(a, token)).isEqualTo(401);
  }

  @Test
  void anOperatorDisabledOnOneNodeLosesSessionAndSocketOnTheOtherWithinASecond() throws Exception {
    String admin = a.signIn("admin", "admin-demo-pass");
    HttpResponse<Buffer> created = post(a, "/api/v1/admin/operators", admin, new JsonObject().put("username", "cluster-duty")
        .put("name", "集群值班员").put("role", "officer").put("scope", "changling").put("password", "v7#Qm2!pLx9&Tz4w"));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    // the admin's session holds on B too: B lists the new operator once it has the change
    millisUntil(() -> b.get("/api/v1/admin/operators", admin).bodyAsString().contains("\"cluster-duty\""));
    String first = b.signIn("cluster-duty", "v7#Qm2!pLx9&Tz4w");
    HttpResponse<Buffer> changed = post(b, "/api/v1/session/password", first, new JsonObject()
        .put("currentPassword", "v7#Qm2!pLx9&Tz4w").put("password", "Gr8%kW3z@Yq6!nB1"));
    assertThat(changed.statusCode()).isEqualTo(200);
    // the change re-issues the session under a new id
    String duty = changed.cookies().get(0).substring(0, changed.cookies().get(0).indexOf(';'));
    Socket live = socket(b, "/api/v1/live", duty);
    assertThat(b.get("/api/v1/alerts", duty).statusCode()).isEqualTo(200);

    assertThat(post(a, "/api/v1/admin/operators/cluster-duty/disable", admin, new JsonObject()).statusCode()).isEqualTo(200);
    millisUntil(() -> b.get("/api/v1/alerts", duty).statusCode() == 401);
    assertThat(live.closed().get(1, TimeUnit.SECONDS)).isEqualTo(LiveHub.SESSION_OVER);
    assertThat(b.get("/api/v1/session", duty).statusCode()).isEqualTo(401);
  }

  @Test
  void aDisplayKeyRevokedOnOneNodeClosesItsScreenOnTheOtherWithTheWrongKeyCode() throws Exception {
    String admin = a.signIn("admin", "admin-demo-pass");
    HttpResponse<Buffer> created = post(a, "/api/v1/admin/display-keys", admin,
        new JsonObject().put("label", "许东镇大厅").put("scope", "xudong"));
    assertThat(created.statusCode()).isEqualTo(201);
    String key = created.bodyAsJsonObject().getString("key");
    String id = created.bodyAsJsonObject().getString("id");
    millisUntil(() -> b.get("/api/v1/catalog?key=" + key, null).statusCode() == 200);
    Socket screen = socket(b, "/api/v1/live?key=" + key, null);
    Socket other = socket(b, "/api/v1/live?key=" + TestTown.DISPLAY_KEY, null);

    long start = System.nanoTime();
    assertThat(a.client.delete("/api/v1/admin/display-keys/" + id).putHeader("Cookie", admin)
        .putHeader("Origin", a.origin()).send().await().statusCode()).isEqualTo(204);
    assertThat(screen.closed().get(WITHIN.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(LiveHub.KEY_REVOKED);
    System.out.println("revoked key's screen closed on the other node after " + (System.nanoTime() - start) / 1_000_000 + " ms");
    assertThat(b.get("/api/v1/catalog?key=" + key, null).statusCode()).as("what the screen then asks").isEqualTo(401);
    assertThat(other.closed()).as("another key's screen stays").isNotDone();
    other.ws().close().await();
  }

  /** A node that missed the publish (here: a change written straight into the store) catches up at its next poll. */
  @Test
  void aChangeWhosePublishWasMissedIsPickedUpByEveryNodesPoll() throws InterruptedException {
    String admin = a.signIn("admin", "admin-demo-pass");
    String token = post(a, "/api/v1/admin/units", admin, new JsonObject().put("id", "poll-team").put("name", "轮询组")
        .put("sites", new JsonArray().add("cp-highway-exit"))).bodyAsJsonObject().getString("token");
    millisUntil(() -> report(b, token) == 201);
    TestDatabase.execute(DB, "UPDATE access_unit SET disabled = true WHERE id = 'poll-team';"
        + " UPDATE access_state SET version = version + 1");
    await("both nodes polled the new version").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
        .until(() -> report(a, token) == 401 && report(b, token) == 401);
  }
}
