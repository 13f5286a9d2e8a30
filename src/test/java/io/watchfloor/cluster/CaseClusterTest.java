package io.watchfloor.cluster;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.watchfloor.ClusterTest;
import io.watchfloor.MutableClock;
import io.watchfloor.TestDatabase;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes sharing one database: a case an officer dispatches on node A reaches a console on node B within a
 * second, as its {@code case} frame (docs/live-protocol.md), carried by {@code cases.changed} across the cluster.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@ClusterTest
class CaseClusterTest {
  private static final String DB = "watchfloor_case_cluster_test";
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

  private static HttpResponse<Buffer> post(ClusterNode node, String cookie, String path, JsonObject body) {
    return node.client.post(path).putHeader("Cookie", cookie).putHeader("Origin", node.origin()).sendJsonObject(body)
        .await();
  }

  @Test
  void aCaseDispatchedOnOneNodeReachesAConsoleOnTheOtherWithinASecond() {
    // case id → when node B's console got its dispatched frame
    ConcurrentHashMap<String, Long> dispatchedOnB = new ConcurrentHashMap<>();
    ConcurrentHashMap<String, Boolean> snapshot = new ConcurrentHashMap<>();
    WebSocketClient client = b.vertx.createWebSocketClient();
    try {
      ClientWebSocket console = client.webSocket();
      console.textMessageHandler(text -> {
        JsonObject frame = new JsonObject(text);
        if ("snapshot".equals(frame.getString("type"))) {
          snapshot.put("seen", true);
        } else if ("case".equals(frame.getString("type"))
            && "dispatched".equals(frame.getJsonObject("case").getString("state"))) {
          dispatchedOnB.putIfAbsent(frame.getJsonObject("case").getString("id"), System.nanoTime());
        }
      });
      String cookieB = b.signIn("xudong-duty", "xudong-duty-demo-pass");
      console.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(b.httpPort).setURI("/api/v1/live")
          .addHeader("Cookie", cookieB).addHeader("Origin", b.origin())).await();
      Awaitility.await("node B's console's snapshot").atMost(Duration.ofSeconds(30)).until(() -> snapshot.containsKey("seen"));

      String cookieA = a.signIn("duty", "duty-demo-pass");
      String id = UUID.randomUUID().toString();
      HttpResponse<Buffer> opened = post(a, cookieA, "/api/v1/cases", new JsonObject().put("id", id).put("title", "垃圾满溢")
          .put("category", "sanitation").put("urgency", "normal").put("site", "sn-jinpen").put("description", "群众来电"));
      assertThat(opened.statusCode()).as(opened.bodyAsString()).isEqualTo(201);
      long sent = System.nanoTime();
      HttpResponse<Buffer> dispatched = post(a, cookieA, "/api/v1/cases/" + id + "/dispatch",
          new JsonObject().put("unit", "demo-sanitation"));
      assertThat(dispatched.statusCode()).as(dispatched.bodyAsString()).isEqualTo(200);

      Awaitility.await("the case frame on node B").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
          .until(() -> dispatchedOnB.containsKey(id));
      assertThat(Duration.ofNanos(dispatchedOnB.get(id) - sent)).as("from the dispatch on A to the frame on B")
          .isLessThan(Duration.ofSeconds(1));
    } finally {
      client.close().await();
    }
  }
}
