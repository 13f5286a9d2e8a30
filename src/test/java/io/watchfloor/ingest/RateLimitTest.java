package io.watchfloor.ingest;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.watchfloor.Api;
import io.watchfloor.MutableClock;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A unit that floods is told to slow down; other units are not held back by it. */
class RateLimitTest {
  @Test
  void aFloodingUnitGets429WithRetryAfterAndOthersGoOn() {
    JsonObject tight = new JsonObject().put("ingest", new JsonObject()
        .put("rate-limit", new JsonObject().put("per-second", 1).put("burst", 3)));
    try (TestServer server = TestServer.start(tight, MutableClock.system())) {
      Api api = new Api(server);
      OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0);
      for (int i = 0; i < 3; i++) {
        assertThat(api.postReport(TestTown.CHECKPOINTS, TestTown.checkpointReport(UUID.randomUUID(), now, 1, 0))
            .statusCode()).isEqualTo(201);
      }
      JsonObject fourth = TestTown.checkpointReport(UUID.randomUUID(), now, 100, 0);
      HttpResponse<Buffer> limited = api.postReport(TestTown.CHECKPOINTS, fourth);
      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(Integer.parseInt(limited.getHeader("Retry-After"))).isBetween(1, 2);
      assertThat(limited.getHeader("Content-Type")).isEqualTo("application/problem+json");
      assertThat(api.totals().getLong("vehicles_checked")).isEqualTo(3);

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

      HttpResponse<Buffer> next = api.postReport(TestTown.CHECKPOINTS, TestTown.checkpointReport(UUID.randomUUID(), now, 1, 0));
      assertThat(next.statusCode()).as("the batch spent the budget of 500 reports").isEqualTo(429);
      assertThat(next.getHeader("Retry-After")).isNotNull();
      assertThat(api.totals().getLong("vehicles_checked")).isEqualTo(500);
    }
  }
}
