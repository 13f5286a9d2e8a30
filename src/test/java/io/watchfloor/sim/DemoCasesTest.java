package io.watchfloor.sim;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.watchfloor.Api;
import io.watchfloor.MutableClock;
import io.watchfloor.PgTest;
import io.watchfloor.TestServer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With --demo the sample district runs the closed loop on its own (docs/cases.md#in-the-demo): cases are opened,
 * dispatched, signed for, reported back with photos and verified by the second officer, some run overdue, and
 * never more than the bound are open. The demo's clock is the test's: each look moves it on 10 s, so the demo's
 * minute limits pass in seconds; every wait is for what the API shows.
 */
@PgTest
class DemoCasesTest {
  private static final int MAX_OPEN = 25;

  @Test
  void theDemoLoopGoesRoundWithPhotosAVerifierOfItsOwnAndSomeCasesOverdueWhileStayingBounded() {
    JsonObject overrides = new JsonObject()
        .put("demo", new JsonObject().put("enabled", true).put("simulate", true).put("tick-ms", 1000)
            .put("case-tick-ms", 100).put("cases-per-minute", 300).put("max-open-cases", MAX_OPEN))
        .put("cases", new JsonObject().put("deadline-check-seconds", 1));
    MutableClock clock = MutableClock.onDuty();
    try (TestServer server = TestServer.start(overrides, clock)) {
      String admin = new Api(server).signIn("admin", DemoCredentials.ADMIN_PASSWORD);
      Set<String> states = new HashSet<>();
      Set<String> sources = new HashSet<>();
      AtomicInteger overdue = new AtomicInteger();
      AtomicInteger mostOpen = new AtomicInteger();
      Awaitility.await("every state of the loop, and a case overdue").atMost(Duration.ofSeconds(150))
          .pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            clock.advance(Duration.ofSeconds(10));
            JsonArray cases = list(server, admin, "limit=500");
            List<JsonObject> all = IntStream.range(0, cases.size()).mapToObj(cases::getJsonObject).toList();
            all.forEach(c -> {
              states.add(c.getString("state"));
              sources.add(c.getString("source"));
              if (c.getBoolean("overdue")) {
                overdue.incrementAndGet();
              }
            });
            mostOpen.accumulateAndGet(list(server, admin, "state=open&limit=500").size(), Math::max);
            assertThat(states).contains("dispatched", "handling", "reported", "closed");
            assertThat(sources).contains("officer", "field");
            assertThat(overdue).as("cases seen overdue").hasPositiveValue();
          });
      assertThat(mostOpen.get()).as("open cases at most").isLessThanOrEqualTo(MAX_OPEN);

      JsonObject closed = detail(server, admin, list(server, admin, "state=closed&limit=1").getJsonObject(0).getString("id"));
      JsonArray trail = closed.getJsonArray("trail");
      JsonObject report = last(trail, "report");
      JsonObject verify = last(trail, "verify");
      assertThat(report.getString("by")).startsWith("unit:demo-");
      assertThat(verify.getString("by")).as("the verifier is not the reporter").isEqualTo("operator:" + DemoCredentials.CHECK_DUTY);
      assertThat(closed.getJsonArray("photos").stream().map(p -> ((JsonObject) p).getInteger("seq")))
          .as("the report back came with its photo").contains(report.getInteger("seq"));
      String photoUrl = closed.getJsonArray("photos").getJsonObject(0).getString("url");
      HttpResponse<Buffer> photo = server.client.get(photoUrl).putHeader("Cookie", admin).send().await();
      assertThat(photo.getHeader("Content-Type")).isEqualTo("image/jpeg");
      assertThat(photo.body().getBytes()).startsWith((byte) 0xFF, (byte) 0xD8);
    }
  }

  private static JsonArray list(TestServer server, String cookie, String query) {
    HttpResponse<Buffer> answer = server.client.get("/api/v1/cases?" + query).putHeader("Cookie", cookie).send().await();
    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
    return answer.bodyAsJsonObject().getJsonArray("cases");
  }

  private static JsonObject detail(TestServer server, String cookie, String id) {
    HttpResponse<Buffer> answer = server.client.get("/api/v1/cases/" + id).putHeader("Cookie", cookie).send().await();
    assertThat(answer.statusCode()).isEqualTo(200);
    return answer.bodyAsJsonObject();
  }

  private static JsonObject last(JsonArray trail, String action) {
    JsonObject found = null;
    for (int i = 0; i < trail.size(); i++) {
      if (action.equals(trail.getJsonObject(i).getString("action"))) {
        found = trail.getJsonObject(i);
      }
    }
    assertThat(found).as("a %s line in the trail %s", action, trail).isNotNull();
    return found;
  }
}
