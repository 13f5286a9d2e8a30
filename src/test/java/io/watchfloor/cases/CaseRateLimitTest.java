package io.watchfloor.cases;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.watchfloor.MutableClock;
import io.watchfloor.PgTest;
import io.watchfloor.TestDatabase;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A unit flooding the task API (a stolen token, or a page gone wrong) is held to its budget
 * ({@code cases.unit-writes-per-second}, {@code cases.unit-write-burst}) with 429 and Retry-After before its body
 * is read, changes nothing past it, and leaves every other unit its own budget. One write a minute here, so
 * the budget cannot refill while the test runs however slow the machine; the field page's outbox waiting out
 * Retry-After is the JS tests' (forward.js).
 */
@PgTest
class CaseRateLimitTest {
  @Test
  void aFloodingUnitGets429WithRetryAfterAndTheOthersDoNot() {
    JsonObject overrides = new JsonObject()
        .put("store", TestServer.postgresStore(TestDatabase.fresh("wf_test_case_rate_limit")))
        .put("cases", new JsonObject().put("unit-writes-per-minute", 1).put("unit-write-burst", 3));
    try (TestServer server = TestServer.start(overrides, new MutableClock(CaseApiTest.NOON))) {
      CaseDesk desk = new CaseDesk(server);
      String duty = desk.signIn(CaseDesk.DISTRICT);
      String bin = dispatched(desk, duty, "sn-jinpen", "sanitation", "demo-sanitation");
      String petition = dispatched(desk, duty, "pd-jinpen", "petition", "demo-petitions");

      // three refused asks spend the budget as any write does: a flood of bad requests is a flood
      for (int i = 0; i < 3; i++) {
        assertThat(desk.task(TestTown.SANITATION, bin, "extend", new JsonObject()).statusCode()).isEqualTo(422);
      }
      HttpResponse<Buffer> flooded = desk.task(TestTown.SANITATION, bin, "accept", new JsonObject().put("note", "已签收"));
      assertThat(flooded.statusCode()).as(flooded.bodyAsString()).isEqualTo(429);
      assertThat(flooded.getHeader("Content-Type")).isEqualTo("application/problem+json");
      assertThat(Integer.parseInt(flooded.getHeader("Retry-After"))).as("the next write a minute on").isBetween(1, 60);
      assertThat(desk.trail(duty, bin)).as("nothing applied past the budget").containsExactly("open", "dispatch");
      assertThat(desk.detail(duty, bin).getJsonObject("case").getString("state")).isEqualTo("dispatched");

      assertThat(desk.task(TestTown.PETITIONS, petition, "accept", new JsonObject()).statusCode())
          .as("another unit keeps its own budget").isEqualTo(200);
      HttpResponse<Buffer> read = desk.unit(server.client.get("/api/v1/tasks"), TestTown.SANITATION).send().await();
      assertThat(read.statusCode()).as("reading its tasks is not a write").isEqualTo(200);

      HttpResponse<Buffer> photos = desk.report(TestTown.SANITATION, bin, "已清理", List.of(CaseDesk.jpeg(200_000, 1)));
      assertThat(photos.statusCode()).as("a report back with photos is refused before its upload is read").isEqualTo(429);
      assertThat(desk.trail(duty, bin)).containsExactly("open", "dispatch");
    }
  }

  private static String dispatched(CaseDesk desk, String cookie, String site, String category, String unit) {
    String id = desk.opened(cookie, CaseDesk.bin().put("site", site).put("category", category)).getString("id");
    CaseDesk.ok(desk.act(cookie, id, "dispatch", new JsonObject().put("unit", unit)), 200);
    return id;
  }
}
