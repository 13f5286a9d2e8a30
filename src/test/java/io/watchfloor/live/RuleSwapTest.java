package io.watchfloor.live;

import io.vertx.core.json.JsonObject;
import io.watchfloor.TestTown;
import io.watchfloor.UnitTest;
import io.watchfloor.config.RuleJson;
import io.watchfloor.domain.AlertRule;
import io.watchfloor.domain.Firing;
import io.watchfloor.domain.Report;
import io.watchfloor.domain.RuleEngine;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rules swapped in a running engine (what an admin's change does on every node): the next report meets
 * the new settings, and a widened window sums what the live picture already held, with nothing reseeded.
 */
@UnitTest
class RuleSwapTest {
  static final Instant NOON = Instant.parse("2026-11-21T04:00:00Z");

  static AlertRule surge(String window, int above) {
    return RuleJson.read("test", new JsonObject().put("id", "turned-back-surge").put("kind", "threshold")
        .put("metric", "persons_turned_back").put("scope", "site").put("window", window).put("above", above)
        .put("severity", "warning").put("title", new JsonObject().put("zh", "劝返").put("en", "Turned back")), TestTown.CATALOGUE);
  }

  static Report turnedBack(Instant at, int persons) {
    return TestTown.reading("cp-highway-exit", OffsetDateTime.ofInstant(at, ZoneOffset.ofHours(8)).toString(),
        new JsonObject().put("persons_turned_back", persons));
  }

  @Test
  void aWidenedWindowSumsWhatTheLivePictureAlreadyHeld() {
    LiveState state = new LiveState(TestTown.CATALOGUE, LocalDate.of(2026, 11, 21), "score");
    RuleEngine engine = new RuleEngine(TestTown.CATALOGUE, List.of(surge("PT10M", 50)));
    Report early = turnedBack(NOON.minusSeconds(40 * 60), 40);
    state.apply(early, true);
    assertThat(engine.onReport(early, state, NOON.minusSeconds(40 * 60))).as("40 is not over 50").isEmpty();

    Report now = turnedBack(NOON, 15);
    state.apply(now, true);
    assertThat(engine.onReport(now, state, NOON)).as("ten minutes hold only the 15").isEmpty();

    engine.replace(List.of(surge("PT1H", 50)));
    Report next = turnedBack(NOON, 1);
    state.apply(next, true);
    List<Firing> fired = engine.onReport(next, state, NOON);
    assertThat(fired).as("the hour holds the 40 from before the change").hasSize(1);
    assertThat(fired.get(0).detail()).contains("= 56 in the last 60 min > 50");
  }

  @Test
  void aDisabledRuleFiresNothingAndItsMissingReportIsNotRaisedTwiceWhenEnabledAgain() {
    AlertRule missing = RuleJson.read("test", new JsonObject().put("id", "petition-desk-missing").put("kind", "missing")
        .put("siteKind", "community").put("deadline", "11:00").put("severity", "warning")
        .put("title", new JsonObject().put("zh", "漏报").put("en", "Missing")), TestTown.CATALOGUE);
    RuleEngine engine = new RuleEngine(TestTown.CATALOGUE, List.of(missing));
    LocalDate day = LocalDate.of(2026, 11, 21);
    int desks = engine.onClock(day, java.util.Map.of(), NOON).size();
    assertThat(desks).as("every petition desk, once").isPositive();

    engine.replace(List.of());
    assertThat(engine.onClock(day, java.util.Map.of(), NOON.plusSeconds(60))).isEmpty();
    engine.replace(List.of(missing));
    assertThat(engine.onClock(day, java.util.Map.of(), NOON.plusSeconds(120))).as("not raised a second time that day").isEmpty();
  }
}
