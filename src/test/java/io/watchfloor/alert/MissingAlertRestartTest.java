package io.watchfloor.alert;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.watchfloor.MutableClock;
import io.watchfloor.PgTest;
import io.watchfloor.TestDatabase;
import io.watchfloor.TestServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

/** A 漏报 (missing daily report) is raised once a day, a restart in between or not. */
@PgTest
class MissingAlertRestartTest {
  private static final String DATABASE = "wf_test_missing_restart";
  private static final Instant EVENING = Instant.parse("2026-11-21T10:00:30Z"); // 18:00:30, past the desks' deadline
  private static final String MISSING = "SELECT count(*) FROM alert WHERE rule = 'petition-desk-missing'";
  /** Every petition desk of the sample district. */
  private static final long DESKS = io.watchfloor.TestTown.CATALOGUE.sites().stream().filter(s -> s.kind().equals("community")).count();
  private static final String FIRINGS = "SELECT coalesce(sum(count), 0)::bigint FROM alert WHERE rule = 'petition-desk-missing'";

  private static TestServer start(String url, MutableClock clock) {
    return TestServer.start(new JsonObject()
        .put("store", new JsonObject().put("kind", "postgres").put("pg", new JsonObject().put("url", url).put("connect-timeout-ms", 1000)))
        .put("alerts", new JsonObject().put("missing-check-seconds", 1)), clock);
  }

  @Test
  void aResolved漏报IsNotRaisedAgainAfterARestart() {
    String url = TestDatabase.fresh(DATABASE);
    MutableClock clock = new MutableClock(EVENING);
    try (TestServer first = start(url, clock)) {
      String duty = AlertApiTest.signIn(first, "duty", "duty-demo-pass");
      await("every desk missed its report").atMost(Duration.ofSeconds(15))
          .until(() -> TestDatabase.count(DATABASE, MISSING), n -> n == DESKS);
      JsonArray open = AlertApiTest.alerts(first, duty, null);
      String jinpen = open.stream().map(JsonObject.class::cast).filter(a -> a.getString("subject").equals("pd-jinpen"))
          .findFirst().orElseThrow().getString("id");
      assertThat(AlertApiTest.as(first, first.client.post("/api/v1/alerts/" + jinpen + "/resolve"), duty)
          .sendJsonObject(new JsonObject().put("note", "已电话补报")).await().statusCode()).isEqualTo(200);
    }
    assertThat(TestDatabase.count(DATABASE, FIRINGS)).isEqualTo(DESKS);

    try (TestServer second = start(url, clock)) {
      // several deadline checks run in this time; any of them raising a 漏报 again changes the counts
      await("no desk's 漏报 counted again").during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10))
          .until(() -> TestDatabase.count(DATABASE, FIRINGS), n -> n == DESKS);
      assertThat(TestDatabase.count(DATABASE, MISSING)).as("the resolved one not opened again").isEqualTo(DESKS);
      assertThat(second.client.get("/health/ready").send().await().statusCode()).isEqualTo(200);
    }
  }
}
