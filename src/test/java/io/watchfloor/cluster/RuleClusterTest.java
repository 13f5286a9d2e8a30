package io.watchfloor.cluster;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
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

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A rule changed on node A of a cluster is in force on node B within 1 s (the cluster-wide publish; B's
 * own version check would make up for a lost one), and a report B takes next is evaluated with it.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
@ClusterTest
class RuleClusterTest {
  private static final String DB = "wf_test_rule_cluster";
  /** Noon in the jurisdiction: no missing-report deadline has passed, so only the rule under test fires. */
  private static final Instant NOON = Instant.parse("2026-11-21T04:00:00Z");
  static ClusterNode a;
  static ClusterNode b;

  @BeforeAll
  static void startTwoNodes() {
    MutableClock clock = new MutableClock(NOON);
    ClusterNode[] nodes = ClusterNode.pair(TestDatabase.fresh(DB), clock, clock);
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
  void aRuleChangedOnOneNodeHoldsOnTheOtherWithinASecondForItsNextReport() {
    AtomicLong seenOnB = new AtomicLong();
    AtomicLong seenAt = new AtomicLong();
    b.vertx.eventBus().<JsonObject>consumer(Addresses.RULES_CHANGED, m -> {
      if (m.body().getLong("version") > seenOnB.get()) {
        seenOnB.set(m.body().getLong("version"));
        seenAt.set(System.nanoTime());
      }
    }).completion().await();
    String admin = a.signIn("admin", "admin-demo-pass");
    JsonObject rules = a.get("/api/v1/admin/rules", admin).bodyAsJsonObject();
    long version = rules.getLong("version");
    JsonObject surge = rules.getJsonArray("rules").stream().map(JsonObject.class::cast)
        .filter(r -> "turned-back-surge".equals(r.getString("id"))).findFirst().orElseThrow().getJsonObject("rule");

    long started = System.nanoTime();
    HttpResponse<Buffer> changed = a.client.put("/api/v1/admin/rules/turned-back-surge").putHeader("Cookie", admin)
        .putHeader("Origin", a.origin()).sendJsonObject(new JsonObject().put("rule", surge.copy().put("above", 20))).await();
    assertThat(changed.statusCode()).as(changed.bodyAsString()).isEqualTo(200);
    await("node B takes the change").atMost(Duration.ofSeconds(1)).until(() -> seenOnB.get() == version + 1);
    System.out.printf("rule change in force on the other cluster node after %d ms%n", (seenAt.get() - started) / 1_000_000);

    JsonObject report = TestTown.body(UUID.randomUUID(), "cp-highway-exit",
        OffsetDateTime.ofInstant(NOON, ZoneOffset.ofHours(8)).toString(), new JsonObject().put("persons_turned_back", 25));
    assertThat(b.client.post("/api/v1/reports").putHeader("Authorization", "Bearer " + TestTown.CHECKPOINTS)
        .sendJsonObject(report).await().statusCode()).isEqualTo(201);
    JsonArray alerts = await("25 > 20 fires").atMost(Duration.ofSeconds(15))
        .until(() -> a.get("/api/v1/alerts", admin).bodyAsJsonObject().getJsonArray("alerts"), l -> !l.isEmpty());
    assertThat(alerts.getJsonObject(0).getString("rule")).isEqualTo("turned-back-surge");
    assertThat(alerts.getJsonObject(0).getString("detail")).contains("> 20");
  }
}
