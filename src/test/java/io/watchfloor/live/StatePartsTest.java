package io.watchfloor.live;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.watchfloor.TestTown;
import io.watchfloor.UnitTest;
import io.watchfloor.domain.Area;
import io.watchfloor.domain.Site;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The states the ticks build from reused parts equal the states built whole, at every step of a random day
 * and a half (reports of every kind of site, late reports for yesterday, deadlines passing, midnight, the
 * ranking's sums, the open alerts changing), and so do the deltas between them; and what nothing changed is
 * the same object, not built again.
 */
@UnitTest
class StatePartsTest {
  private static final java.time.format.DateTimeFormatter STAMP = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
  private static final List<Site> SITES = TestTown.CATALOGUE.sites().stream().toList();
  private static final List<String> SCOPES = TestTown.CATALOGUE.areas().stream().map(Area::id).toList();

  @Test
  void reusedPartsMakeTheSameStatesAndDeltasAsStatesBuiltWhole() {
    for (long seed = 1; seed <= 5; seed++) {
      walk(new Random(seed), seed);
    }
  }

  private static void walk(Random random, long seed) {
    Instant now = Instant.parse("2026-11-21T00:30:00Z"); // 08:30 in Shanghai, before every deadline
    LiveState state = new LiveState(TestTown.CATALOGUE, LocalDate.parse("2026-11-21"), "score");
    StateParts parts = new StateParts();
    List<String> watched = List.of(TestTown.CATALOGUE.root().id(), SCOPES.get(random.nextInt(SCOPES.size())),
        SCOPES.get(random.nextInt(SCOPES.size())));
    JsonArray alerts = new JsonArray();
    long alertsVersion = 0;
    List<JsonObject> before = new ArrayList<>();
    List<JsonObject> beforeWhole = new ArrayList<>();
    for (int step = 0; step < 400; step++) {
      now = now.plus(Duration.ofMinutes(random.nextInt(6)));
      LiveStateTest.roll(state, now);
      int reports = random.nextInt(4);
      for (int i = 0; i < reports; i++) {
        Site site = SITES.get(random.nextInt(SITES.size()));
        // now and then a late one for the day before, once there is one
        Instant observed = random.nextInt(8) == 0 ? now.minus(Duration.ofHours(20)) : now.minusSeconds(random.nextInt(300));
        state.apply(TestTown.reading(site.id(), STAMP.format(OffsetDateTime.ofInstant(observed, ZoneOffset.ofHours(8))),
            metrics(site, random)), true);
      }
      if (random.nextInt(10) == 0) {
        alerts = new JsonArray().add(new JsonObject().put("id", "a" + step).put("area", SITES.get(random.nextInt(SITES.size())).area())
            .put("state", "open").put("acknowledged", (Object) null)).addAll(alerts);
        alertsVersion++;
      }
      for (int w = 0; w < watched.size(); w++) {
        String scope = watched.get(w);
        JsonArray open = alerts;
        JsonObject reused = parts.of(state, scope, now, 3, 3, 0.8, alertsVersion, () -> open, new JsonObject());
        JsonObject whole = StateJson.of(state, scope, now, 3, 3, 0.8, open, new JsonObject());
        assertThat(reused).as("seed %d step %d scope %s", seed, step, scope).isEqualTo(whole);
        if (before.size() > w) {
          assertThat(JsonDelta.diff(before.get(w), reused)).as("delta, seed %d step %d scope %s", seed, step, scope)
              .isEqualTo(JsonDelta.diff(beforeWhole.get(w), whole));
          before.set(w, reused);
          beforeWhole.set(w, whole);
        } else {
          before.add(reused);
          beforeWhole.add(whole);
        }
      }
    }
    assertThat(state.today().day()).as("the walk crossed midnight").isAfter(LocalDate.parse("2026-11-21"));
  }

  private static JsonObject metrics(Site site, Random random) {
    return switch (site.kind()) {
      case "checkpoint" -> new JsonObject().put("vehicles_checked", 3 + random.nextInt(50)).put("vehicles_turned_back", random.nextInt(3));
      case "community" -> new JsonObject().put("petitions_visit", random.nextInt(5)).put("backlog_cases", random.nextInt(9));
      default -> new JsonObject().put("score", 60 + random.nextInt(40)).put("problems_found", random.nextInt(4));
    };
  }

  @Test
  void aReportRebuildsItsSiteAndTheAreasAboveItAndNothingElse() {
    Instant now = Instant.parse("2026-11-21T02:00:00Z");
    LiveState state = new LiveState(TestTown.CATALOGUE, LocalDate.parse("2026-11-21"), "score");
    StateParts parts = new StateParts();
    String root = TestTown.CATALOGUE.root().id();
    Site reporting = SITES.get(0);
    Site other = SITES.stream().filter(s -> !TestTown.CATALOGUE.path(s.area()).contains(TestTown.CATALOGUE.path(reporting.area()).get(1)))
        .findFirst().orElseThrow();
    String otherTown = TestTown.CATALOGUE.path(other.area()).get(1);
    JsonObject first = parts.of(state, root, now, 3, 3, 0.8, 0, JsonArray::new, new JsonObject());
    JsonObject firstTown = parts.of(state, otherTown, now, 3, 3, 0.8, 0, JsonArray::new, new JsonObject());
    JsonObject unchanged = parts.of(state, root, now, 3, 3, 0.8, 0, JsonArray::new, new JsonObject());
    assertThat(unchanged.getValue("sites")).as("nothing reported: the very same part").isSameAs(first.getValue("sites"));
    assertThat(JsonDelta.diff(first, unchanged)).isEmpty();

    state.apply(TestTown.reading(reporting.id(), "2026-11-21T09:59:00+08:00", metrics(reporting, new Random(1))), true);
    JsonObject next = parts.of(state, root, now, 3, 3, 0.8, 0, JsonArray::new, new JsonObject());
    JsonObject nextTown = parts.of(state, otherTown, now, 3, 3, 0.8, 0, JsonArray::new, new JsonObject());
    assertThat(next.getJsonObject("sites").getValue(reporting.id())).isNotSameAs(first.getJsonObject("sites").getValue(reporting.id()));
    assertThat(next.getJsonObject("sites").getValue(other.id())).isSameAs(first.getJsonObject("sites").getValue(other.id()));
    assertThat(next.getJsonObject("areas").getValue(reporting.area())).isNotSameAs(first.getJsonObject("areas").getValue(reporting.area()));
    assertThat(next.getJsonObject("areas").getValue(otherTown)).isSameAs(first.getJsonObject("areas").getValue(otherTown));
    assertThat(nextTown.getValue("sites")).as("another town's screen").isSameAs(firstTown.getValue("sites"));
    assertThat(JsonDelta.diff(first, next).getJsonObject("sites").fieldNames()).containsExactly(reporting.id());
  }
}
