package io.watchfloor.history;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.watchfloor.Api;
import io.watchfloor.MutableClock;
import io.watchfloor.PgTest;
import io.watchfloor.TestDatabase;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;
import io.watchfloor.domain.Area;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.domain.Site;
import io.watchfloor.sim.DemoCredentials;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A town's duty officer and a town's wall screen read their town's history and nothing else: another
 * town, an area that does not exist, another town's village or site all get one and the same 403,
 * so the answer does not even tell which of them exist. Without {@code scope=} they read their town.
 */
@PgTest
class HistoryScopeTest {
  private static final String DATABASE = "wf_test_history_scope";
  private static final Catalogue CATALOGUE = TestTown.CATALOGUE;
  private static final String DAY = "2026-11-21T00:00:00+08:00";
  private static final String NEXT_DAY = "2026-11-22T00:00:00+08:00";
  private static final String OTHER_TOWN = "chengguan";
  private static TestServer server;
  private static String officer;

  @BeforeAll
  static void start() {
    server = TestServer.postgres(TestDatabase.fresh(DATABASE),
        new MutableClock(OffsetDateTime.parse("2026-11-21T20:00:00+08:00").toInstant()));
    Api api = new Api(server);
    officer = api.signIn(DemoCredentials.XUDONG_DUTY, DemoCredentials.XUDONG_DUTY_PASSWORD);
    JsonArray reports = new JsonArray()
        .add(report("cp-highway-exit", "2026-11-21T09:00:00+08:00", 5)) // in xudong
        .add(report(checkpointOf(OTHER_TOWN), "2026-11-21T09:00:00+08:00", 700));
    JsonObject result = api.postBatch(TestTown.CHECKPOINTS, new JsonObject().put("reports", reports)).bodyAsJsonObject();
    assertThat(result.getInteger("accepted")).as(result.encode()).isEqualTo(2);
    assertThat(api.postReport(TestTown.SANITATION, TestTown.body(UUID.randomUUID(), "sn-jinpen", "2026-11-21T10:00:00+08:00",
        new JsonObject().put("score", 88))).statusCode()).isEqualTo(201);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static JsonObject report(String site, String at, int vehicles) {
    return TestTown.body(UUID.randomUUID(), site, at, new JsonObject().put("vehicles_checked", vehicles));
  }

  static String checkpointOf(String area) {
    return CATALOGUE.subtreeSites(area).stream().filter(s -> s.kind().equals("checkpoint")).map(Site::id)
        .findFirst().orElseThrow();
  }

  static HttpResponse<Buffer> asOfficer(String path, String... params) {
    return with(server.client.get(path).putHeader("Cookie", officer), params);
  }

  static HttpResponse<Buffer> asScreen(String path, String... params) {
    return with(server.client.get(path).addQueryParam("key", DemoCredentials.XUDONG_DISPLAY_KEY), params);
  }

  static HttpResponse<Buffer> with(HttpRequest<Buffer> request, String... params) {
    for (int i = 0; i < params.length; i += 2) {
      request.addQueryParam(params[i], params[i + 1]);
    }
    return request.send().await();
  }

  /** Every read naming something beyond the caller's town, each otherwise well formed. */
  static List<String[]> outside() {
    String otherVillage = CATALOGUE.children(OTHER_TOWN).get(0).id();
    String otherSite = checkpointOf(OTHER_TOWN);
    String[] series = {"metric", "vehicles_checked", "step", "1h", "from", DAY, "to", NEXT_DAY};
    List<String[]> reads = new ArrayList<>();
    for (String scope : List.of(OTHER_TOWN, "atlantis", CATALOGUE.root().id(), otherVillage)) {
      reads.add(concat(new String[] {"/api/v1/series", "scope", scope}, series));
      reads.add(new String[] {"/api/v1/rankings/score", "scope", scope});
      reads.add(new String[] {"/api/v1/compliance", "scope", scope});
    }
    reads.add(concat(new String[] {"/api/v1/series", "area", otherVillage}, series));
    reads.add(concat(new String[] {"/api/v1/series", "area", OTHER_TOWN}, series));
    reads.add(concat(new String[] {"/api/v1/series", "area", "atlantis"}, series));
    reads.add(concat(new String[] {"/api/v1/series", "site", otherSite}, series));
    reads.add(concat(new String[] {"/api/v1/series", "site", "atlantis"}, series));
    return reads;
  }

  static String[] concat(String[] a, String[] b) {
    String[] all = new String[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  static void refusedAlike(Function<String[], HttpResponse<Buffer>> get) {
    String body = null;
    for (String[] read : outside()) {
      HttpResponse<Buffer> response = get.apply(read);
      assertThat(response.statusCode()).as(String.join(" ", read) + ": " + response.bodyAsString()).isEqualTo(403);
      body = body == null ? response.bodyAsString() : body;
      assertThat(response.bodyAsString()).as(String.join(" ", read)).isEqualTo(body);
    }
    assertThat(body).doesNotContain(OTHER_TOWN).doesNotContain("atlantis");
  }

  @Test
  void aTownsOfficerAndScreenGetOneAndTheSame403ForAnythingBeyondTheTown() {
    refusedAlike(read -> asOfficer(read[0], tail(read)));
    refusedAlike(read -> asScreen(read[0], tail(read)));
    String officerBody = asOfficer("/api/v1/compliance", "scope", OTHER_TOWN).bodyAsString();
    assertThat(asOfficer("/api/v1/reports", "site", checkpointOf(OTHER_TOWN)).bodyAsString())
        .as("another town's site behind an alert").isEqualTo(officerBody);
    assertThat(asOfficer("/api/v1/reports", "site", "atlantis").bodyAsString()).isEqualTo(officerBody);
    assertThat(asOfficer("/api/v1/reports", "site", "cp-highway-exit").statusCode()).isEqualTo(200);
  }

  static String[] tail(String[] read) {
    String[] params = new String[read.length - 1];
    System.arraycopy(read, 1, params, 0, params.length);
    return params;
  }

  @Test
  void withoutAScopeBothReadTheirTown() {
    for (Function<String[], HttpResponse<Buffer>> get : List.<Function<String[], HttpResponse<Buffer>>>of(
        read -> asOfficer(read[0], tail(read)), read -> asScreen(read[0], tail(read)))) {
      JsonObject series = get.apply(new String[] {"/api/v1/series", "metric", "vehicles_checked", "step", "1d",
          "from", DAY, "to", NEXT_DAY}).bodyAsJsonObject();
      assertThat(series.getString("scope")).isEqualTo("xudong");
      assertThat(series.getJsonArray("points").getJsonObject(0).getInteger("v")).as("the other town's 700 left out")
          .isEqualTo(5);

      JsonObject ranking = get.apply(new String[] {"/api/v1/rankings/score"}).bodyAsJsonObject();
      assertThat(ranking.getString("scope")).isEqualTo("xudong");
      assertThat(ranking.getJsonArray("areas").stream().map(a -> ((JsonObject) a).getString("area")).toList())
          .as("the town's villages").containsExactlyInAnyOrderElementsOf(
              CATALOGUE.children("xudong").stream().map(Area::id).toList());
      assertThat(ranking.getJsonArray("red")).isEmpty();

      JsonObject compliance = get.apply(new String[] {"/api/v1/compliance"}).bodyAsJsonObject();
      assertThat(compliance.getString("scope")).isEqualTo("xudong");
      assertThat(compliance.getJsonArray("sites").stream().map(s -> ((JsonObject) s).getString("site")))
          .allMatch(site -> CATALOGUE.containsSite("xudong", site)).isNotEmpty();
      assertThat(compliance.getJsonObject("areas").fieldNames())
          .containsExactlyElementsOf(CATALOGUE.children("xudong").stream().map(Area::id).toList());

      JsonObject village = get.apply(new String[] {"/api/v1/compliance", "scope", "jinpen"}).bodyAsJsonObject();
      assertThat(village.getJsonArray("sites")).as("a village of the town may be asked for").hasSize(2);
    }
  }
}
