package io.watchfloor.ingest;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.watchfloor.Api;
import io.watchfloor.MutableClock;
import io.watchfloor.PgTest;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A unit that floods is told to slow down; other units are not held back by it. */
@PgTest
class RateLimitTest {
  /**
   * Ten posts at once against a burst of 3 refilling at 1 a second: whatever the machine's speed, the
   * refill cannot let all ten through (that would take seven seconds between the first and the last).
   */
  @Test
  void aFloodingUnitGets429WithRetryAfterAndOthersGoOn() {
    JsonObject tight = new JsonObject().put("ingest", new JsonObject()
        .put("rate-limit", new JsonObject().put("per-second", 1).put("burst", 3)));
    try (TestServer server = TestServer.start(tight, MutableClock.system())) {
      Api api = new Api(server);
      OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0);
      List<Future<HttpResponse<Buffer>>> posts = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        posts.add(server.client.post("/api/v1/reports").putHeader("Content-Type", "application/json")
            .putHeader("Authorization", "Bearer " + TestTown.CHECKPOINTS)
            .sendJsonObject(TestTown.checkpointReport(UUID.randomUUID(), now, 1, 0)));
      }
      Future.join(posts).await();
      List<HttpResponse<Buffer>> accepted = posts.stream().map(Future::result).filter(r -> r.statusCode() == 201).toList();
      List<HttpResponse<Buffer>> limited = posts.stream().map(Future::result).filter(r -> r.statusCode() != 201).toList();
      assertThat(accepted).as("the burst goes through").hasSizeGreaterThanOrEqualTo(3);
      assertThat(limited).as("the flood is held back").isNotEmpty().allSatisfy(r -> {
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(Integer.parseInt(r.getHeader("Retry-After"))).isBetween(1, 2);
        assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
      });
      assertThat(api.totals().getLong("vehicles_checked")).as("refused reports are not counted").isEqualTo(accepted.size());

      JsonObject petition = new JsonObject().put("id", UUID.randomUUID().toString()).put("site", "pd-jinpen")
          .put("observedAt", now.toString()).put("metrics", new JsonObject().put("petitions_visit", 2));
      assertThat(api.postReport(TestTown.PETITIONS, petition).statusCode()).isEqualTo(201);
    }
  }

  @Test
  void theLimitCountsReportsSoABatchOfNTakesN() {
    JsonObject tight = new JsonObject().put("ingest", new JsonObject()
        .put("rate-limit", new JsonObject().put("per-second", 1).put("burst", 500)));
    try (TestServer server = TestServer.start(tight, MutableClock.system())) {
      Api api = new Api(server);
      OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0);
      io.vertx.core.json.JsonArray items = new io.vertx.core.json.JsonArray();
      for (int i = 0; i < 500; i++) {
        items.add(TestTown.checkpointReport(UUID.randomUUID(), now, 1, 0));
      }
      HttpResponse<Buffer> full = api.postBatch(TestTown.CHECKPOINTS, new JsonObject().put("reports", items));
      assertThat(full.statusCode()).as("one full batch fits the burst").isEqualTo(200);
      assertThat(full.bodyAsJsonObject().getInteger("accepted")).isEqualTo(500);

      // a second batch of 100 would need 100 s of refill, so no machine is slow enough to let it through
      io.vertx.core.json.JsonArray more = new io.vertx.core.json.JsonArray();
      for (int i = 0; i < 100; i++) {
        more.add(TestTown.checkpointReport(UUID.randomUUID(), now, 1, 0));
      }
      HttpResponse<Buffer> next = api.postBatch(TestTown.CHECKPOINTS, new JsonObject().put("reports", more));
      assertThat(next.statusCode()).as("the batch spent the budget of 500 reports").isEqualTo(429);
      assertThat(next.getHeader("Retry-After")).isNotNull();
      assertThat(api.totals().getLong("vehicles_checked")).isEqualTo(500);
    }
  }
}
