package io.watchfloor.ingest;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.watchfloor.Api;
import io.watchfloor.MutableClock;
import io.watchfloor.PgTest;
import io.watchfloor.TestDatabase;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The ingest API of docs/api.md against a real server on the PostgreSQL store. */
@PgTest
class IngestApiTest {
  private static final String DATABASE = "wf_test_ingest";
  private static TestServer server;
  private static Api api;

  @BeforeAll
  static void start() {
    server = TestServer.postgres(TestDatabase.fresh(DATABASE), MutableClock.system());
    api = new Api(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static OffsetDateTime now() {
    return OffsetDateTime.ofInstant(server.clock.instant(), ZoneOffset.ofHours(8)).withNano(0);
  }

  static long stored(UUID id) {
    return TestDatabase.count(DATABASE, "SELECT count(*) FROM report WHERE id = '" + id + "'");
  }

  static long vehiclesToday() {
    return api.totals().getLong("vehicles_checked", 0L);
  }

  @Test
  void newReportIs201ThenItsResendIs200AndCountsOnce() {
    UUID id = UUID.randomUUID();
    long before = vehiclesToday();
    JsonObject report = TestTown.checkpointReport(id, now(), 42, 3);

    HttpResponse<Buffer> first = api.postReport(TestTown.CHECKPOINTS, report);
    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(first.bodyAsJsonObject()).isEqualTo(new JsonObject().put("id", id.toString()).put("status", "accepted"));

    HttpResponse<Buffer> again = api.postReport(TestTown.CHECKPOINTS, report);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.bodyAsJsonObject().getString("status")).isEqualTo("duplicate");

    assertThat(vehiclesToday()).isEqualTo(before + 42);
    assertThat(stored(id)).isEqualTo(1);
  }

  @Test
  void sameIdWithAnotherBodyIs409AndKeepsTheFirst() {
    UUID id = UUID.randomUUID();
    api.postReport(TestTown.CHECKPOINTS, TestTown.checkpointReport(id, now(), 10, 0));
    long before = vehiclesToday();

    HttpResponse<Buffer> reused = api.postReport(TestTown.CHECKPOINTS, TestTown.checkpointReport(id, now(), 11, 0));
    assertThat(reused.statusCode()).isEqualTo(409);
    assertThat(reused.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(reused.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("id");
    assertThat(vehiclesToday()).isEqualTo(before);
  }

  @Test
  void theSameReportPostedTwentyTimesAtOnceIsCountedOnce() {
    UUID id = UUID.randomUUID();
    long before = vehiclesToday();
    JsonObject report = TestTown.checkpointReport(id, now(), 7, 1);
    List<Future<HttpResponse<Buffer>>> posts = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      posts.add(server.client.post("/api/v1/reports").putHeader("Content-Type", "application/json")
          .putHeader("Authorization", "Bearer " + TestTown.CHECKPOINTS).sendBuffer(report.toBuffer()));
    }
    Future.all(posts).await();
    List<Integer> statuses = posts.stream().map(f -> f.result().statusCode()).toList();
    assertThat(statuses).containsOnly(200, 201);
    assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(1);
    assertThat(vehiclesToday()).isEqualTo(before + 7);
    assertThat(stored(id)).isEqualTo(1);
  }

  @Test
  void aBatchIsAcceptedItemByItem() {
    UUID earlier = UUID.randomUUID();
    UUID conflicting = UUID.randomUUID();
    api.postReport(TestTown.CHECKPOINTS, TestTown.checkpointReport(earlier, now(), 5, 0));
    api.postReport(TestTown.CHECKPOINTS, TestTown.checkpointReport(conflicting, now(), 5, 0));
    long before = vehiclesToday();
    UUID fresh = UUID.randomUUID();
    UUID negative = UUID.randomUUID();
    UUID notOurs = UUID.randomUUID();
    JsonObject otherSite = TestTown.checkpointReport(notOurs, now(), 1, 0).put("site", "pd-jinpen")
        .put("metrics", new JsonObject().put("petitions_visit", 1));
    JsonArray items = new JsonArray()
        .add(TestTown.checkpointReport(fresh, now(), 30, 2))
        .add(TestTown.checkpointReport(earlier, now(), 5, 0))
        .add(TestTown.checkpointReport(negative, now(), -1, 0))
        .add(otherSite)
        .add(TestTown.checkpointReport(conflicting, now(), 6, 0));

    HttpResponse<Buffer> response = api.postBatch(TestTown.CHECKPOINTS, new JsonObject().put("reports", items));
    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject body = response.bodyAsJsonObject();
    JsonArray results = body.getJsonArray("results");
    assertThat(results.stream().map(r -> ((JsonObject) r).getString("status")))
        .containsExactly("accepted", "duplicate", "rejected", "rejected", "rejected");
    assertThat(results.getJsonObject(0).getString("id")).isEqualTo(fresh.toString());
    assertThat(results.getJsonObject(2).getJsonArray("errors").getJsonObject(0).getString("field"))
        .isEqualTo("metrics.vehicles_checked");
    assertThat(results.getJsonObject(3).getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("site");
    assertThat(results.getJsonObject(4).getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("id");
    assertThat(body.getInteger("accepted")).isEqualTo(1);
    assertThat(body.getInteger("duplicate")).isEqualTo(1);
    assertThat(body.getInteger("rejected")).isEqualTo(3);
    assertThat(vehiclesToday()).isEqualTo(before + 30);
    assertThat(stored(negative) + stored(notOurs)).isZero();
  }

  @Test
  void aBatchOverTheLimitIsRefusedWhole() {
    JsonArray items = new JsonArray();
    for (int i = 0; i < 501; i++) {
      items.add(TestTown.checkpointReport(UUID.randomUUID(), now(), 1, 0));
    }
    long before = vehiclesToday();
    HttpResponse<Buffer> response = api.postBatch(TestTown.CHECKPOINTS, new JsonObject().put("reports", items));
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.bodyAsJsonObject().getString("detail")).contains("500");
    assertThat(vehiclesToday()).isEqualTo(before);
  }

  @Test
  void callersWithoutTheRightCredentialsAreRefused() {
    JsonObject report = TestTown.checkpointReport(UUID.randomUUID(), now(), 1, 0);
    HttpResponse<Buffer> none = api.postReport(null, report);
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.getHeader("WWW-Authenticate")).startsWith("Bearer");
    assertThat(none.bodyAsJsonObject().getInteger("status")).isEqualTo(401);

    assertThat(api.postReport("not-a-token", report).statusCode()).isEqualTo(401);

    HttpResponse<Buffer> wrongSite = api.postReport(TestTown.PETITIONS, report);
    assertThat(wrongSite.statusCode()).isEqualTo(403);
    assertThat(wrongSite.bodyAsJsonObject().getString("detail")).contains("cp-highway-exit");

    HttpResponse<Buffer> display = server.client.post("/api/v1/reports").addQueryParam("key", TestTown.DISPLAY_KEY)
        .putHeader("Content-Type", "application/json").sendBuffer(report.toBuffer()).await();
    assertThat(display.statusCode()).isEqualTo(403);
    assertThat(stored(UUID.fromString(report.getString("id")))).isZero();
  }

  @Test
  void theSnapshotHasTodayPerSiteAndArea() {
    UUID id = UUID.randomUUID();
    JsonObject before = api.snapshot();
    long siteBefore = before.getJsonObject("sites").getJsonObject("cp-highway-exit").getJsonObject("today")
        .getLong("vehicles_turned_back", 0L);
    api.postReport(TestTown.CHECKPOINTS, TestTown.checkpointReport(id, now(), 9, 4));
    JsonObject after = api.snapshot();
    JsonObject site = after.getJsonObject("sites").getJsonObject("cp-highway-exit");
    assertThat(site.getJsonObject("today").getLong("vehicles_turned_back")).isEqualTo(siteBefore + 4);
    assertThat(site.getString("lastReportAt")).isNotNull();
    String area = TestTown.CATALOGUE.site("cp-highway-exit").orElseThrow().area();
    assertThat(after.getJsonObject("areas").getJsonObject(area).getJsonObject("today").getLong("vehicles_turned_back"))
        .isEqualTo(site.getJsonObject("today").getLong("vehicles_turned_back"));
    assertThat(after.getJsonObject("store").getString("kind")).isEqualTo("postgres");
    assertThat(after.getString("day")).isEqualTo(now().toLocalDate().toString());
  }

  @Test
  void theCatalogueHasTheFixedShape() {
    HttpResponse<Buffer> response = server.client.get("/api/v1/catalog")
        .putHeader("Authorization", "Bearer " + TestTown.SANITATION).send().await();
    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject catalog = response.bodyAsJsonObject();
    assertThat(catalog.getJsonObject("jurisdiction").getString("timezone")).isEqualTo("Asia/Shanghai");
    assertThat(catalog.getJsonArray("areas")).hasSizeGreaterThanOrEqualTo(8);
    JsonObject score = catalog.getJsonArray("metrics").stream().map(JsonObject.class::cast)
        .filter(m -> m.getString("key").equals("score")).findFirst().orElseThrow();
    assertThat(score.getString("kind")).isEqualTo("gauge");
    assertThat(score.getString("siteKind")).isEqualTo("inspection");
    assertThat(score.getJsonObject("label").getString("zh")).isEqualTo("得分");
    assertThat(score.getInteger("max")).isEqualTo(100);
    assertThat(server.client.get("/api/v1/catalog").send().await().statusCode()).isEqualTo(401);
  }

  @Test
  void healthSaysReadyWhenTheStoreAnswers() {
    HttpResponse<Buffer> ready = server.client.get("/health/ready").send().await();
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.bodyAsJsonObject().getJsonObject("store").getBoolean("durable")).isTrue();
    assertThat(server.client.get("/health/live").send().await().statusCode()).isEqualTo(200);
  }
}
