package io.watchfloor.cluster;

import io.watchfloor.ClusterTest;
import io.watchfloor.Processes;
import io.watchfloor.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped deploy/haproxy.cfg in the second after a node dies, before its checks have taken it out:
 * a request the balancer sends to the dead node's closed port goes to a live node at once, for the
 * round-robin pages and for the reports pinned by token alike, and nobody sees an error. Without its
 * retries and redispatch, the answer is a 503; with "option redispatch" alone (the last retry only), a
 * unit's report pinned to the dead node by its token waited two one-second turn-arounds on it and then
 * got a 502 as the node was marked down. The nodes are stand-in processes ({@link StandInNode}).
 */
@ClusterTest
class BalancerFailoverTest {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  /** Below HAProxy's one-second turn-around before a retry on the same server: the retry went elsewhere. */
  private static final Duration AT_ONCE = Duration.ofMillis(900);

  private final List<Process> nodes = new ArrayList<>();
  private ClusterFaultHaproxy haproxy;

  @BeforeEach
  void start() throws Exception {
    Map<String, Integer> backends = new LinkedHashMap<>();
    for (int i = 1; i <= 2; i++) {
      String name = "node" + i;
      int port = TestServer.freePort();
      nodes.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", "target/test-classes", StandInNode.class.getName(), String.valueOf(port), name)
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
      backends.put(name, port);
    }
    haproxy = ClusterFaultHaproxy.start(Path.of("target/balancer-failover"), backends);
    haproxy.awaitUp(List.copyOf(backends.keySet()), Duration.ofSeconds(30));
  }

  @AfterEach
  void stop() {
    if (haproxy != null) {
      haproxy.close();
    }
    nodes.forEach(node -> Processes.stop(node, Duration.ofSeconds(5)));
  }

  private record Answer(int status, String node, Duration took) {
  }

  private Answer send(HttpRequest.Builder request) throws Exception {
    long started = System.nanoTime();
    try {
      HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.body(), Duration.ofNanos(System.nanoTime() - started));
    } catch (java.io.IOException e) {
      return new Answer(-1, "no answer: " + e.getMessage(), Duration.ofNanos(System.nanoTime() - started));
    }
  }

  @Test
  void requestsMeetingTheDeadNodesClosedPortGoToTheLiveOneAtOnce() throws Exception {
    URI base = URI.create(haproxy.baseUrl());
    // node1 dies as a crash would: its port refuses connections, and HAProxy holds it up until two checks fail
    nodes.get(0).destroyForcibly().waitFor();
    List<Answer> answers = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      answers.add(send(HttpRequest.newBuilder(base.resolve("/api/v1/catalog")).GET()));
      answers.add(send(HttpRequest.newBuilder(base.resolve("/api/v1/reports"))
          .header("Authorization", "Bearer unit-token-" + i).POST(HttpRequest.BodyPublishers.ofString("{}"))));
    }
    assertThat(answers).as("every answer, from the live node").allSatisfy(a -> {
      assertThat(a.status()).isIn(200, 201);
      assertThat(a.node()).isEqualTo("node2");
    });
    assertThat(answers).as("no request waits out a turn-around on the dead node")
        .allSatisfy(a -> assertThat(a.took()).isLessThan(AT_ONCE));
  }
}
