package io.watchfloor.delivery;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.watchfloor.ClusterTest;
import io.watchfloor.TestTown;
import io.watchfloor.cluster.ClusterFaultNode;
import io.watchfloor.cluster.ClusterFaultRig;
import io.watchfloor.domain.Site;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two nodes as separate JVMs on one PostgreSQL database. Twelve alerts are fired while a slow webhook receiver
 * takes them one by one; after the third, the node that sends is killed with SIGKILL. The survivor takes the
 * sending over: every alert arrives, and a message that arrives twice (the one in flight at the kill) carries
 * the same id both times.
 */
@ClusterTest
class NotifyFailoverTest {
  private static final String DATABASE = "wf_test_notify_failover";
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  static JsonObject overrides() {
    return new JsonObject()
        .put("http", new JsonObject().put("host", "127.0.0.1"))
        .put("notify", new JsonObject().put("check-ms", 200).put("first-retry-ms", 200))
        .put("store", new JsonObject().put("pg", new JsonObject().put("connect-timeout-ms", 1000)));
  }

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void killingTheSendingNodeLosesNoMessageAndRepeatsOneOnlyWithItsId() {
    List<String> sites = TestTown.CATALOGUE.subtreeSites("changling").stream().map(Site::id)
        .filter(id -> id.startsWith("pd-")).limit(12).toList();
    assertThat(sites).hasSize(12);
    Vertx receivers = Vertx.vertx();
    try (RecordingReceiver hook = RecordingReceiver.start(receivers);
         ClusterFaultRig rig = ClusterFaultRig.start(DATABASE, Path.of("target/cluster-fault/notify"), 2, true,
             overrides(), false)) {
      hook.delay(400);
      NotifySql sql = new NotifySql(rig.database);
      sql.channel("ch-am", "webhook", hook.url("/am"), null, "none", null, "changling", null, 600);
      sql.route("rt-am", "ch-am", "changling", null, "alert.fired");
      ClusterFaultNode sender = rig.evaluator();
      ClusterFaultNode survivor = rig.nodes.stream().filter(n -> n != sender).findFirst().orElseThrow();

      for (String site : sites) {
        HttpResponse<String> posted = report(survivor, site);
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
      }
      await("three messages taken from " + sender.name).atMost(Duration.ofSeconds(60)).until(() -> hook.received.size() >= 3);
      sender.kill9();
      await(survivor.name + " sends now").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
          .until(survivor::evaluator);
      await("every alert at the receiver").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
          .until(() -> sitesHeard(hook).size() == 12);

      assertThat(sitesHeard(hook)).containsExactlyInAnyOrderElementsOf(sites);
      Set<String> ids = hook.received.stream().map(r -> r.headers().get(HttpTransport.ID_HEADER)).collect(Collectors.toSet());
      assertThat(ids).as("one id per alert: a repeat carries its message's id").hasSize(12);
      for (RecordingReceiver.Received message : hook.received) {
        String id = message.headers().get(HttpTransport.ID_HEADER);
        String fingerprint = message.json().getJsonArray("alerts").getJsonObject(0).getString("fingerprint");
        assertThat(hook.received.stream().filter(r -> id.equals(r.headers().get(HttpTransport.ID_HEADER)))
            .map(r -> r.json().getJsonArray("alerts").getJsonObject(0).getString("fingerprint")))
            .as("every copy of " + id + " says the same alert").containsOnly(fingerprint);
      }
    } finally {
      receivers.close().await();
    }
  }

  private static Set<String> sitesHeard(RecordingReceiver hook) {
    return hook.received.stream().map(r -> r.json().getJsonArray("alerts").getJsonObject(0).getJsonObject("labels")
        .getString("site")).collect(Collectors.toCollection(TreeSet::new));
  }

  private static HttpResponse<String> report(ClusterFaultNode node, String site) {
    JsonObject body = new JsonObject().put("id", UUID.randomUUID().toString()).put("site", site)
        .put("observedAt", OffsetDateTime.now().toString())
        .put("metrics", new JsonObject().put("escalated_petitions", 1));
    HttpRequest request = HttpRequest.newBuilder(URI.create(node.baseUrl() + "/api/v1/reports"))
        .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + TestTown.PETITIONS)
        .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build();
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(node.name + " report", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
