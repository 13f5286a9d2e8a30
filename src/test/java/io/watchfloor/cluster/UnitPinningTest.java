package io.watchfloor.cluster;

import io.vertx.core.json.JsonObject;
import io.watchfloor.Api;
import io.watchfloor.ClusterTest;
import io.watchfloor.MutableClock;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A unit's rate limit is kept in each node's memory; it holds for the cluster because the shipped
 * deploy/haproxy.cfg sends every report of one token to one node. Two nodes behind that very file (its
 * example server lines replaced, as deploy/local-cluster.sh does): a unit sending past its burst is
 * refused as by one node, and every report it sent lands on the same node.
 */
@ClusterTest
class UnitPinningTest {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final int BURST = 10;
  private final List<TestServer> nodes = new ArrayList<>();
  private ClusterFaultHaproxy haproxy;

  @AfterEach
  void stop() {
    if (haproxy != null) {
      haproxy.close();
    }
    nodes.forEach(TestServer::close);
  }

  private int startHaproxy() {
    Map<String, Integer> backends = new LinkedHashMap<>();
    for (int i = 0; i < nodes.size(); i++) {
      backends.put("node" + (i + 1), nodes.get(i).port);
    }
    haproxy = ClusterFaultHaproxy.start(Path.of("target/unit-pinning"), backends);
    haproxy.awaitUp(List.copyOf(backends.keySet()), Duration.ofSeconds(15));
    return haproxy.port;
  }

  private static int post(int port, String token) throws Exception {
    JsonObject body = TestTown.checkpointReport(UUID.randomUUID(), OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0), 1, 0);
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/reports"))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.ofString(body.encode())).build();
    return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @Test
  void oneUnitsReportsAllGoToOneNodeSoItsLimitHoldsForTheCluster() throws Exception {
    JsonObject limit = new JsonObject().put("ingest", new JsonObject()
        .put("rate-limit", new JsonObject().put("per-second", 1).put("burst", BURST)));
    for (int i = 0; i < 2; i++) {
      nodes.add(TestServer.start(limit, MutableClock.system()));
    }
    int port = startHaproxy();
    // refused until HAProxy listens
    int first = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
        .ignoreExceptionsInstanceOf(IOException.class).until(() -> post(port, TestTown.CHECKPOINTS), status -> true);
    assertThat(first).as("the balancer passes a report").isEqualTo(201);

    long started = System.nanoTime();
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 3 * BURST; i++) {
      statuses.add(post(port, TestTown.CHECKPOINTS));
    }
    long seconds = 1 + Duration.ofNanos(System.nanoTime() - started).toSeconds();
    long accepted = 1 + statuses.stream().filter(s -> s == 201).count();
    assertThat(accepted).as("statuses %s: one burst and its refill, as on one node (round-robin would pass two bursts)",
            statuses.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting())))
        .isBetween((long) BURST, BURST + seconds);
    assertThat(statuses).contains(429);

    List<Long> perNode = nodes.stream().map(n -> new Api(n).totals().getLong("vehicles_checked", 0L)).toList();
    assertThat(perNode).as("every accepted report of the unit is on one node").containsExactlyInAnyOrder(0L, accepted);
  }
}
