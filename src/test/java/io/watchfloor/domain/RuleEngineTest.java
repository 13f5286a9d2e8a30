package io.watchfloor.domain;

import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.DatabindCodec;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;
import io.watchfloor.UnitTest;
import io.watchfloor.live.LiveState;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The sample town's rules, each kind with times we choose. */
@UnitTest
class RuleEngineTest {
  static final Instant NOON = Instant.parse("2026-11-21T04:00:00Z"); // 12:00 in Shanghai
  static final RuleEngine ENGINE = new RuleEngine(TestTown.CATALOGUE, rules());
  /** Petition desks of the whole sample district: each is missing when none has reported. */
  static final int DESKS = (int) TestTown.CATALOGUE.sites().stream().filter(s -> s.kind().equals("community")).count();

  static List<AlertRule> rules() {
    try {
      return AlertRules.read(ConfigNode.root("rules.json",
          DatabindCodec.mapper().readTree(TestServer.shipped("rules.json").encode())), TestTown.CATALOGUE);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static Report report(String unit, String site, Instant observed, JsonObject metrics) {
    JsonObject body = new JsonObject().put("id", UUID.randomUUID().toString()).put("site", site)
        .put("observedAt", OffsetDateTime.ofInstant(observed, ZoneOffset.ofHours(8)).toString()).put("metrics", metrics);
    return new ReportReader(TestTown.CATALOGUE, IngestPolicy.defaults())
        .read(DatabindCodec.mapper().valueToTree(body.getMap()), TestTown.unit(unit), observed.plusSeconds(60));
  }

  static List<String> fire(LiveState state, Report report, Instant now) {
    state.apply(report, true);
    return ENGINE.onReport(report, state, now).stream().map(f -> f.rule().id() + "@" + f.subject()).toList();
  }

  @Test
  void anEscalatedOrGroupPetitionFiresCritical() {
    LiveState state = new LiveState(TestTown.CATALOGUE, LocalDate.parse("2026-11-21"), "score");
    assertThat(fire(state, report("demo-petitions", "pd-jinpen", NOON, new JsonObject().put("petitions_visit", 3)), NOON)).isEmpty();
    assertThat(fire(state, report("demo-petitions", "pd-jinpen", NOON,
        new JsonObject().put("escalated_petitions", 1).put("group_petitions", 0)), NOON))
        .containsExactly("escalated-petition@pd-jinpen");
    assertThat(ENGINE.rules().stream().filter(r -> r.id().equals("escalated-petition")).findFirst().orElseThrow().severity())
        .isEqualTo(Severity.CRITICAL);
  }

  @Test
  void turnedBackOverFiftyWithinAnHourAtOneCheckpointFires() {
    LiveState state = new LiveState(TestTown.CATALOGUE, LocalDate.parse("2026-11-21"), "score");
    JsonObject thirty = new JsonObject().put("persons_checked", 100).put("persons_turned_back", 30);
    assertThat(fire(state, report("demo-checkpoints", "cp-highway-exit", NOON.minus(Duration.ofMinutes(70)), thirty), NOON)).isEmpty();
    assertThat(fire(state, report("demo-checkpoints", "cp-highway-exit", NOON.minus(Duration.ofMinutes(20)), thirty), NOON))
        .as("the first thirty are outside the hour").isEmpty();
    assertThat(fire(state, report("demo-checkpoints", "cp-xudong-road", NOON, thirty), NOON)).as("another checkpoint").isEmpty();
    assertThat(fire(state, report("demo-checkpoints", "cp-highway-exit", NOON.minus(Duration.ofMinutes(5)), thirty), NOON))
        .containsExactly("turned-back-surge@cp-highway-exit");
  }

  @Test
  void turnedBackOverAHundredAndFiftyWithinAnHourAcrossATownFiresOnTheTown() {
    LiveState state = new LiveState(TestTown.CATALOGUE, LocalDate.parse("2026-11-21"), "score");
    JsonObject fifty = new JsonObject().put("persons_checked", 100).put("persons_turned_back", 50);
    assertThat(fire(state, report("demo-checkpoints", "cp-highway-exit", NOON.minus(Duration.ofMinutes(70)), fifty), NOON))
        .as("at one checkpoint, fifty is not over fifty").isEmpty();
    assertThat(fire(state, report("demo-checkpoints", "cp-highway-exit", NOON.minus(Duration.ofMinutes(30)), fifty), NOON)).isEmpty();
    assertThat(fire(state, report("demo-checkpoints", "cp-xudong-road", NOON.minus(Duration.ofMinutes(20)), fifty), NOON)).isEmpty();
    assertThat(fire(state, report("demo-checkpoints", "cp-shiqiao-bridge", NOON.minus(Duration.ofMinutes(10)), fifty), NOON))
        .as("石桥镇's checkpoint counts for 石桥镇, not 许东镇").isEmpty();
    assertThat(fire(state, report("demo-checkpoints", "cp-tianjingshan-south", NOON.minus(Duration.ofMinutes(5)), fifty), NOON))
        .as("150 in 许东镇 within the hour, the first fifty outside it, is not over 150").isEmpty();
    Report one = report("demo-checkpoints", "cp-yinjiapu-bridge", NOON,
        new JsonObject().put("persons_checked", 10).put("persons_turned_back", 1));
    state.apply(one, true);
    List<Firing> over = ENGINE.onReport(one, state, NOON);
    assertThat(over).extracting(f -> f.rule().id() + "@" + f.subject()).containsExactly("town-turned-back-surge@xudong");
    assertThat(over.get(0).subjectType()).isEqualTo("area");
    assertThat(over.get(0).area()).isEqualTo("xudong");
    assertThat(over.get(0).detail()).isEqualTo("persons_turned_back = 151 in the last 60 min > 150");
  }

  @Test
  void aRuleOnAnUnknownLevelIsAConfigErrorNamingTheFileAndTheField() {
    JsonObject rules = new JsonObject().put("rules", new io.vertx.core.json.JsonArray().add(new JsonObject()
        .put("id", "county-surge").put("kind", "threshold").put("metric", "persons_turned_back").put("scope", "area")
        .put("level", "county").put("window", "PT1H").put("above", 10).put("severity", "warning")
        .put("title", new JsonObject().put("zh", "县").put("en", "county"))));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> AlertRules.read(ConfigNode.root("rules.json",
            DatabindCodec.mapper().readTree(rules.encode())), TestTown.CATALOGUE))
        .isInstanceOf(ConfigException.class).hasMessageContaining("rules.json").hasMessageContaining("level")
        .hasMessageContaining("county");
  }

  @Test
  void aSanitationScoreUnderSixtyFires() {
    LiveState state = new LiveState(TestTown.CATALOGUE, LocalDate.parse("2026-11-21"), "score");
    assertThat(fire(state, report("demo-sanitation", "sn-jinpen", NOON, new JsonObject().put("score", 60)), NOON)).isEmpty();
    assertThat(fire(state, report("demo-sanitation", "sn-jinpen", NOON, new JsonObject().put("score", 59.5)), NOON))
        .containsExactly("low-sanitation-score@sn-jinpen");
  }

  @Test
  void aPetitionDeskWithoutAReportIsMissingOnlyAfterSixAndOnlyOnceADay() {
    LocalDate day = LocalDate.parse("2026-11-21");
    RuleEngine engine = new RuleEngine(TestTown.CATALOGUE, rules());
    Map<String, SiteDayStats> stats = Map.of("pd-jinpen", new SiteDayStats("pd-jinpen", 1, NOON, NOON));
    assertThat(engine.onClock(day, stats, Instant.parse("2026-11-21T09:59:59Z"))).isEmpty();
    List<Firing> atSix = engine.onClock(day, stats, Instant.parse("2026-11-21T10:00:00Z"));
    assertThat(atSix).extracting(Firing::subject).hasSize(DESKS - 1).doesNotContain("pd-jinpen").contains("pd-liangting");
    assertThat(atSix).allSatisfy(f -> assertThat(f.rule().id()).isEqualTo("petition-desk-missing"));
    assertThat(engine.onClock(day, stats, Instant.parse("2026-11-21T10:00:30Z"))).isEmpty();
    assertThat(engine.onClock(day.plusDays(1), Map.of(), Instant.parse("2026-11-22T10:00:30Z"))).hasSize(DESKS);
  }

  @Test
  void aMissingReportAlreadyRaisedTodayIsNotRaisedAgainByAFreshEngine() {
    LocalDate day = LocalDate.parse("2026-11-21");
    RuleEngine restarted = new RuleEngine(TestTown.CATALOGUE, rules());
    restarted.missingFiredAlready(day, "petition-desk-missing", "pd-liangting");
    List<Firing> atSix = restarted.onClock(day, Map.of(), Instant.parse("2026-11-21T10:00:30Z"));
    assertThat(atSix).extracting(Firing::subject).hasSize(DESKS - 1).doesNotContain("pd-liangting");
    assertThat(restarted.onClock(day.plusDays(1), Map.of(), Instant.parse("2026-11-22T10:00:30Z")))
        .as("a new day says it again").hasSize(DESKS);
  }

  @Test
  void aSpikeIsTheLastHourFarAboveThisHoursWeek() {
    LiveState state = new LiveState(TestTown.CATALOGUE, LocalDate.parse("2026-11-21"), "score");
    for (int d = 1; d <= 7; d++) {
      state.addToHistory(report("demo-checkpoints", "cp-highway-exit", NOON.minus(Duration.ofDays(d)).minusSeconds(600),
          new JsonObject().put("vehicles_checked", 40)));
    }
    assertThat(fire(state, report("demo-checkpoints", "cp-highway-exit", NOON.minusSeconds(1200),
        new JsonObject().put("vehicles_checked", 110)), NOON)).as("110 < 3 × 40").isEmpty();
    assertThat(fire(state, report("demo-checkpoints", "cp-highway-exit", NOON.minusSeconds(600),
        new JsonObject().put("vehicles_checked", 15)), NOON)).containsExactly("checkpoint-spike@cp-highway-exit");
    assertThat(fire(state, report("demo-checkpoints", "cp-xudong-road", NOON, new JsonObject().put("vehicles_checked", 900)), NOON))
        .as("no history: nothing to compare with").isEmpty();
  }
}
