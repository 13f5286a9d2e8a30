package io.watchfloor.cluster;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.watchfloor.ClusterTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 25: two nodes as separate JVMs on one PostgreSQL database; the deadline clock runs on the node that
 * holds the rule evaluator. Cases of Xudong's villages (owned by the town, so their escalation goes to the
 * district) are dispatched with a one-minute sign limit; once that node has marked them near due it is killed
 * with SIGKILL, before their deadline. The survivor takes the clock over and marks each case overdue and
 * escalates it to the district, each step exactly once in the case's trail, and the district's wall shows
 * them. The killed node, started again, applies nothing a second time.
 */
@ClusterTest
class CaseClockFailoverTest {
  private static final String DATABASE = "wf_test_case_clock_failover";
  private static final String LIMITS_FILE = "clock-case-limits.json";
  private static final String DISTRICT = "changling";
  /** Sites in three villages of Xudong town: no village has a command centre, so the town owns the cases. */
  private static final List<String> SITES = List.of("sn-jinpen", "sn-tianjing", "sn-xujiapai");
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /** The clock every second; the smallest limits the table takes (a minute to sign) so a case runs overdue here. */
  static JsonObject overrides() {
    return new JsonObject()
        .put("http", new JsonObject().put("host", "127.0.0.1"))
        .put("cases", new JsonObject().put("deadline-check-seconds", 1).put("escalate-after-minutes", 1))
        .put("demo", new JsonObject().put("case-limits-file", LIMITS_FILE))
        .put("store", new JsonObject().put("pg", new JsonObject().put("connect-timeout-ms", 1000)));
  }

  static JsonObject limits() {
    return new JsonObject().put("limits", new JsonArray().add(new JsonObject().put("category", "*").put("urgency", "*")
        .put("sign", "1 minute").put("handle", "8 hours").put("verify", "2 hours")));
  }

  /** About two minutes: the first node's start, the minute to the deadline, the failover and the restart. */
  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void killingTheClocksNodeLosesAndDoublesNoStepOfAnOverdueCase() {
    try (ClusterFaultRig rig = ClusterFaultRig.prepare(DATABASE, Path.of("target/cluster-fault/clock"), 2, true,
        overrides(), Map.of(LIMITS_FILE, limits()))) {
      // the first node founds the schema and the cluster alone and takes the cases; the second starts meanwhile,
      // so its start runs within the cases' minute rather than before it
      ClusterFaultNode first = rig.nodes.get(0).start().awaitReady(Duration.ofSeconds(90));
      ClusterFaultNode second = rig.nodes.get(1).start();
      String cookieOnFirst = signIn(first, "duty", "duty-demo-pass");
      Map<String, Instant> dueAt = new LinkedHashMap<>();
      for (String site : SITES) {
        JsonObject dispatched = openAndDispatch(first, cookieOnFirst, site);
        dueAt.put(dispatched.getString("id"), Instant.parse(dispatched.getString("dueAt")));
      }
      say("dispatched on " + first.name + ", sign deadlines " + dueAt);
      second.awaitReady(Duration.ofSeconds(90));

      ClusterFaultNode clock = await("a node holding the evaluator, so the deadline clock")
          .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
          .until(() -> rig.nodes.stream().filter(ClusterFaultNode::evaluator).findFirst(), java.util.Optional::isPresent)
          .orElseThrow();
      ClusterFaultNode survivor = rig.nodes.stream().filter(n -> n != clock).findFirst().orElseThrow();
      say("nodes ready " + rig.names() + "; the clock's node, to be killed: " + clock.name);
      String cookie = signIn(survivor, "duty", "duty-demo-pass");

      // the clock's node marks them near due (at 48 s of the 60; maybe already done): it runs the clock for them
      await("every case near due, by " + clock.name).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
          .until(() -> dueAt.keySet().stream().allMatch(id -> count(trail(survivor, cookie, id), "near_due") >= 1));
      Instant killedAt = Instant.now();
      clock.kill9();
      say("killed " + clock.name + " (SIGKILL) at " + killedAt);
      assertThat(killedAt).as("the test's own timing: the kill comes before every deadline " + dueAt)
          .isBefore(dueAt.values().stream().min(Instant::compareTo).orElseThrow());

      await(survivor.name + " holds the evaluator").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
          .until(survivor::evaluator);
      // a read that fails while the cluster settles is read again
      await("every case escalated to the district by " + survivor.name).atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(250)).ignoreExceptions()
          .until(() -> dueAt.keySet().stream().allMatch(id -> DISTRICT.equals(detail(survivor, cookie, id)
              .getJsonObject("case").getString("escalatedTo"))));

      Map<String, Long> versions = new LinkedHashMap<>();
      for (Map.Entry<String, Instant> c : dueAt.entrySet()) {
        JsonObject detail = detail(survivor, cookie, c.getKey());
        JsonArray trail = detail.getJsonArray("trail");
        say(c.getKey() + " trail " + systemSteps(trail));
        assertThat(systemSteps(trail)).as("the clock's steps in the trail of " + c.getKey())
            .containsExactly("near_due", "overdue", "escalate:" + DISTRICT);
        JsonObject overdue = line(trail, "overdue");
        assertThat(Instant.parse(overdue.getString("at"))).as("overdue after the deadline " + c.getValue())
            .isAfter(c.getValue()).isAfter(killedAt);
        assertThat(Instant.parse(line(trail, "escalate").getString("at"))).as("escalated after the kill")
            .isAfter(killedAt);
        assertThat(detail.getJsonObject("case").getBoolean("overdue")).as("overdue now").isTrue();
        versions.put(c.getKey(), detail.getJsonObject("case").getLong("version"));
      }
      // the district's wall (its display key) shows each one among its overdue cases, escalated to it
      await("the district's wall shows the escalated cases").atMost(Duration.ofSeconds(40))
          .pollInterval(Duration.ofMillis(500)).until(() -> escalatedOnWall(survivor).keySet().containsAll(dueAt.keySet()));
      Map<String, String> toDistrict = new LinkedHashMap<>();
      dueAt.keySet().forEach(id -> toDistrict.put(id, DISTRICT));
      assertThat(escalatedOnWall(survivor)).as("the district wall's overdue cases, escalated to")
          .containsAllEntriesOf(toDistrict);

      // started again, the killed node joins and runs its clock rounds: nothing is applied a second time
      clock.restart(Duration.ofSeconds(90));
      String cookieOnRestarted = signIn(clock, "duty", "duty-demo-pass");
      await("both nodes show the same versions for " + Duration.ofSeconds(6) + ", six rounds of either clock")
          .during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500))
          .until(() -> versions.equals(openVersions(survivor, cookie, versions))
              && versions.equals(openVersions(clock, cookieOnRestarted, versions)));
      for (String id : dueAt.keySet()) {
        assertThat(systemSteps(trail(clock, cookieOnRestarted, id))).as("the trail of " + id + " on the restarted node")
            .containsExactly("near_due", "overdue", "escalate:" + DISTRICT);
      }
    }
  }

  private static JsonObject openAndDispatch(ClusterFaultNode node, String cookie, String site) {
    String id = UUID.randomUUID().toString();
    HttpResponse<String> opened = send(node, cookie, "POST", "/api/v1/cases", new JsonObject().put("id", id)
        .put("title", "垃圾满溢").put("category", "sanitation").put("urgency", "normal").put("site", site)
        .put("description", "群众来电"));
    assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
    HttpResponse<String> dispatched = send(node, cookie, "POST", "/api/v1/cases/" + id + "/dispatch",
        new JsonObject().put("unit", "demo-sanitation"));
    assertThat(dispatched.statusCode()).as(dispatched.body()).isEqualTo(200);
    JsonObject body = new JsonObject(dispatched.body());
    return body.getValue("case") instanceof JsonObject c ? c : body;
  }

  private static JsonObject detail(ClusterFaultNode node, String cookie, String id) {
    HttpResponse<String> response = send(node, cookie, "GET", "/api/v1/cases/" + id, null);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return new JsonObject(response.body());
  }

  private static JsonArray trail(ClusterFaultNode node, String cookie, String id) {
    return detail(node, cookie, id).getJsonArray("trail");
  }

  /** The deadline clock's lines of a trail, in order: "near_due", "overdue", "escalate:<to>". */
  private static List<String> systemSteps(JsonArray trail) {
    return IntStream.range(0, trail.size()).mapToObj(trail::getJsonObject).filter(e -> "system".equals(e.getString("by")))
        .map(e -> "escalate".equals(e.getString("action"))
            ? "escalate:" + e.getJsonObject("detail").getString("to") : e.getString("action")).toList();
  }

  private static long count(JsonArray trail, String action) {
    return IntStream.range(0, trail.size()).filter(i -> action.equals(trail.getJsonObject(i).getString("action"))).count();
  }

  private static JsonObject line(JsonArray trail, String action) {
    return IntStream.range(0, trail.size()).mapToObj(trail::getJsonObject)
        .filter(e -> action.equals(e.getString("action"))).findFirst().orElseThrow();
  }

  /** The versions a node's case list shows of {@code ids}, as an officer's console lists them. */
  private static Map<String, Long> openVersions(ClusterFaultNode node, String cookie, Map<String, Long> ids) {
    HttpResponse<String> response = send(node, cookie, "GET", "/api/v1/cases?state=open", null);
    Map<String, Long> shown = new LinkedHashMap<>();
    if (response.statusCode() == 200) {
      JsonArray cases = new JsonObject(response.body()).getJsonArray("cases");
      IntStream.range(0, cases.size()).mapToObj(cases::getJsonObject).filter(c -> ids.containsKey(c.getString("id")))
          .forEach(c -> shown.put(c.getString("id"), c.getLong("version")));
    }
    return shown;
  }

  /** Case id → escalatedTo of the overdue cases the district wall's snapshot holds; empty if none answers. */
  private static Map<String, String> escalatedOnWall(ClusterFaultNode node) {
    JsonObject snapshot = ClusterFaultHttp.snapshot(node.baseUrl());
    Map<String, String> shown = new LinkedHashMap<>();
    JsonArray overdue = snapshot == null ? new JsonArray()
        : snapshot.getJsonObject("cases", new JsonObject()).getJsonArray("overdue", new JsonArray());
    IntStream.range(0, overdue.size()).mapToObj(overdue::getJsonObject)
        .filter(c -> c.getString("escalatedTo") != null).forEach(c -> shown.put(c.getString("id"), c.getString("escalatedTo")));
    return shown;
  }

  private static String signIn(ClusterFaultNode node, String username, String password) {
    HttpResponse<String> response = send(node, null, "POST", "/api/v1/session",
        new JsonObject().put("username", username).put("password", password));
    assertThat(response.statusCode()).as("sign-in on " + node.name + ": " + response.body()).isEqualTo(200);
    String cookie = response.headers().firstValue("Set-Cookie").orElseThrow();
    return cookie.substring(0, cookie.indexOf(';'));
  }

  /** One call as the console's page makes it: the session cookie, and the node's own Origin on a change. */
  private static HttpResponse<String> send(ClusterFaultNode node, String cookie, String method, String path,
                                           JsonObject body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.baseUrl() + path)).timeout(Duration.ofSeconds(10))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body.encode()));
    if (body != null) {
      request.header("Content-Type", "application/json").header("Origin", node.baseUrl());
    }
    if (cookie != null) {
      request.header("Cookie", cookie);
    }
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(node.name + " " + method + " " + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static void say(String line) {
    System.out.println("[case-clock] " + Instant.now() + " " + line);
  }
}
