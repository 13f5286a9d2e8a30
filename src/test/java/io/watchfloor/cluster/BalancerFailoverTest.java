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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
  /** Below HAProxy's one-second turn-around before a retry on the same server: the retry went elsewhere at once. */
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

  /** One request line of HAProxy's httplog: backend/server, the timers TR/Tw/Tc/Tr/Ta, status, retries ("+" redispatched). */
  private static final Pattern REQUEST = Pattern.compile(
      "\\] watchfloor (\\w+)/(\\w+) -?\\d+/-?\\d+/(-?\\d+)/-?\\d+/-?\\d+ (\\d+) .* \\d+/\\d+/\\d+/\\d+/(\\+?\\d+) ");
  private static final Pattern MARKED_DOWN = Pattern.compile("^Server (\\w+)/node1 is DOWN");

  private record Logged(String backend, String server, int connectMs, int status, boolean redispatched,
      boolean beforeMarkDown) {
  }

  @Test
  void requestsMeetingTheDeadNodesClosedPortGoToTheLiveOneAtOnce() throws Exception {
    URI base = URI.create(haproxy.baseUrl());
    long logBefore = haproxy.logLength();
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
    // the wait is HAProxy's own: its timers say how long the connection took, retries and turn-arounds
    // included, which a client's clock on a busy machine cannot
    List<Logged> logged = await().atMost(Duration.ofSeconds(10)).until(() -> logged(logBefore), l -> l.size() == 12);
    List<Logged> inWindow = logged.stream().filter(Logged::beforeMarkDown).toList();
    assertThat(inWindow).as("requests met the dead node while HAProxy still held it up, in both backends")
        .anySatisfy(l -> assertThat(l).returns("nodes", Logged::backend).returns(true, Logged::redispatched))
        .anySatisfy(l -> assertThat(l).returns("units", Logged::backend).returns(true, Logged::redispatched));
    assertThat(inWindow).as("no request waits out a turn-around on the dead node").allSatisfy(l -> {
      assertThat(l.server()).isEqualTo("node2");
      assertThat(l.connectMs()).isBetween(0, (int) AT_ONCE.toMillis());
    });
  }

  /**
   * The request lines logged since {@code from}, each marked with whether its backend still held node1 up
   * when it was logged: a request that straddles the mark-down may wait HAProxy's turn-around (with one
   * live server left it waits before any retry), which is not the second this test is about.
   */
  private List<Logged> logged(long from) {
    List<Logged> out = new ArrayList<>();
    Set<String> down = new HashSet<>();
    for (String line : haproxy.logSince(from)) {
      Matcher markDown = MARKED_DOWN.matcher(line);
      if (markDown.find()) {
        down.add(markDown.group(1));
      }
      Matcher request = REQUEST.matcher(line);
      if (request.find()) {
        out.add(new Logged(request.group(1), request.group(2), Integer.parseInt(request.group(3)),
            Integer.parseInt(request.group(4)), request.group(5).startsWith("+"), !down.contains(request.group(1))));
      }
    }
    return out;
  }
}
