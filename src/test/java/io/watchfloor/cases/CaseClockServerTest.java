package io.watchfloor.cases;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.watchfloor.Api;
import io.watchfloor.MutableClock;
import io.watchfloor.PgTest;
import io.watchfloor.TestDatabase;
import io.watchfloor.TestServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.watchfloor.cases.CaseDesk.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The closed loop's time on whole servers against PostgreSQL: a time limit changed in /admin on one node
 * gives the next case dispatched on another node its deadline, and the deadline clock, on whichever of the
 * two evaluates, marks that case near due, overdue, and takes it up the tree, each once.
 */
@PgTest
class CaseClockServerTest {
  /** Monday 2026-12-07, 09:00 in Shanghai. */
  static final Instant T0 = Instant.parse("2026-12-07T01:00:00Z");
  static final Duration PATIENCE = Duration.ofSeconds(20);

  static TestServer start(String url, MutableClock clock) {
    JsonObject overrides = new JsonObject().put("store", TestServer.postgresStore(url))
        .put("cases", new JsonObject().put("deadline-check-seconds", 1));
    return TestServer.start(overrides, clock);
  }

  @Test
  void aLimitChangedOnOneNodeTimesTheNextCaseOnAnotherAndTheClockRunsItUpTheTree() {
    String url = TestDatabase.fresh("wf_test_case_clock");
    MutableClock clock = new MutableClock(T0);
    try (TestServer first = start(url, clock); TestServer second = start(url, clock)) {
      CaseDesk one = new CaseDesk(first);
      CaseDesk two = new CaseDesk(second);
      String admin = new Api(first).signIn("admin", "admin-demo-pass");
      JsonArray rows = ok(one.officer(first.client.get("/api/v1/admin/case-limits"), admin).send().await(), 200)
          .getJsonArray("rows").copy();
      JsonObject sanitation = rows.stream().map(JsonObject.class::cast)
          .filter(r -> r.getString("category").equals("sanitation") && r.getString("urgency").equals("normal")).findFirst().orElseThrow();
      sanitation.put("sign", "10 minutes");
      long version = ok(one.officer(first.client.put("/api/v1/admin/case-limits"), admin)
          .sendBuffer(Buffer.buffer(new JsonObject().put("rows", rows).encode())).await(), 200).getLong("version");
      String otherAdmin = new Api(second).signIn("admin", "admin-demo-pass");
      await("the other node takes the table").atMost(Duration.ofSeconds(1)).until(() -> ok(two.officer(
          second.client.get("/api/v1/admin/case-limits"), otherAdmin).send().await(), 200).getLong("inForce") == version);

      String duty = two.signIn(CaseDesk.DISTRICT);
      String id = two.opened(duty, CaseDesk.bin()).getString("id");
      JsonObject dispatched = ok(two.act(duty, id, "dispatch", new JsonObject().put("unit", "demo-sanitation")), 200);
      assertThat(Instant.parse(dispatched.getString("dueAt"))).as("the changed limit, on the other node")
          .isEqualTo(T0.plus(Duration.ofMinutes(10)));
      assertThat(Instant.parse(dispatched.getString("nearDueAt"))).isEqualTo(T0.plus(Duration.ofMinutes(8)));

      clock.set(T0.plus(Duration.ofMinutes(8)));
      await("near due").atMost(PATIENCE).until(() -> two.detail(duty, id).getJsonObject("case").getBoolean("nearDue"));
      clock.set(T0.plus(Duration.ofMinutes(11)));
      await("overdue, and up to the district").atMost(PATIENCE)
          .until(() -> "changling".equals(two.detail(duty, id).getJsonObject("case").getString("escalatedTo")));
      JsonObject late = two.detail(duty, id).getJsonObject("case");
      assertThat(late.getBoolean("overdue")).isTrue();
      List<String> trail = two.trail(duty, id);
      assertThat(trail).as("each step once, whichever node runs the clock")
          .containsExactly("open", "dispatch", "near_due", "overdue", "escalate");
      JsonObject escalation = two.detail(duty, id).getJsonArray("trail").getJsonObject(4);
      assertThat(escalation.getString("by")).isEqualTo("system");
      assertThat(escalation.getJsonObject("detail").getString("to")).as("金盆村's desk is 许东镇; one above").isEqualTo("changling");
    }
  }
}
