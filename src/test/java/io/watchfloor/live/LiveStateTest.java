package io.watchfloor.live;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.watchfloor.TestTown;
import io.watchfloor.TestServer;
import io.watchfloor.UnitTest;
import io.watchfloor.domain.AlertRules;
import io.watchfloor.domain.ConfigNode;
import io.watchfloor.domain.RuleEngine;
import io.watchfloor.domain.IngestPolicy;
import io.watchfloor.domain.Report;
import io.watchfloor.domain.ReportReader;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The live state across midnight, with late reports, deadlines and the monthly ranking; the clock is ours. */
@UnitTest
class LiveStateTest {
  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  static Report report(String unit, String site, String observedAt, JsonObject metrics, Instant now) {
    JsonObject body = new JsonObject().put("id", UUID.randomUUID().toString()).put("site", site)
        .put("observedAt", observedAt).put("metrics", metrics);
    return new ReportReader(TestTown.CATALOGUE, IngestPolicy.defaults())
        .read(io.vertx.core.json.jackson.DatabindCodec.mapper().valueToTree(body.getMap()), TestTown.unit(unit), now);
  }

  static JsonObject json(LiveState state, Instant now) {
    return StateJson.of(state, state.catalogue().root().id(), now, 3, 3, 0.8, new JsonArray(), new JsonObject());
  }

  /** A town's screen: its villages are what it ranks. */
  static JsonObject json(LiveState state, String scope, Instant now) {
    return StateJson.of(state, scope, now, 3, 3, 0.8, new JsonArray(), new JsonObject());
  }

  static RuleEngine engine() {
    try {
      return new RuleEngine(TestTown.CATALOGUE, AlertRules.read(ConfigNode.root("rules.json",
          io.vertx.core.json.jackson.DatabindCodec.mapper().readTree(TestServer.shipped("rules.json").encode())), TestTown.CATALOGUE));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static void roll(LiveState state, Instant now) {
    state.rollTo(LocalDate.ofInstant(now, SHANGHAI));
  }

  @Test
  void midnightStartsAnEmptyDayAndALateReportChangesYesterday() {
    Instant beforeMidnight = Instant.parse("2026-11-21T15:59:00Z"); // 23:59 in Shanghai
    LiveState state = new LiveState(TestTown.CATALOGUE, LocalDate.parse("2026-11-21"), "score");
    state.apply(report("demo-checkpoints", "cp-highway-exit", "2026-11-21T23:58:00+08:00",
        new JsonObject().put("vehicles_checked", 10), beforeMidnight), true);
    assertThat(json(state, beforeMidnight).getJsonObject("totals").getLong("vehicles_checked")).isEqualTo(10);

    Instant afterMidnight = Instant.parse("2026-11-21T16:01:00Z");
    roll(state, afterMidnight);
    JsonObject day2 = json(state, afterMidnight);
    assertThat(day2.getString("day")).isEqualTo("2026-11-22");
    assertThat(day2.getJsonObject("totals").getLong("vehicles_checked", 0L)).isZero();
    assertThat(day2.getJsonObject("trend").getJsonObject("yesterday").getJsonArray("vehicles_checked").getLong(23))
        .isEqualTo(10);

    state.apply(report("demo-checkpoints", "cp-highway-exit", "2026-11-21T23:59:30+08:00",
        new JsonObject().put("vehicles_checked", 5), afterMidnight), true);
    JsonObject late = json(state, afterMidnight);
    assertThat(late.getJsonObject("totals").getLong("vehicles_checked", 0L)).as("today untouched").isZero();
    assertThat(late.getJsonObject("trend").getJsonObject("yesterday").getJsonArray("vehicles_checked").getLong(23))
        .isEqualTo(15);
    assertThat(late.getJsonObject("sites").getJsonObject("cp-highway-exit").getString("lastReportAt"))
        .as("freshness still knows the last report").isEqualTo("2026-11-21T15:59:30Z");
  }

  @Test
  void aDeskIsMissingOnlyOnceItsDeadlinePasses() {
    Instant morning = Instant.parse("2026-11-21T02:00:00Z"); // 10:00
    LiveState state = new LiveState(TestTown.CATALOGUE, LocalDate.parse("2026-11-21"), "score");
    state.apply(report("demo-petitions", "pd-jinpen", "2026-11-21T09:30:00+08:00",
        new JsonObject().put("petitions_visit", 1), morning), true);

    JsonObject before = json(state, "xudong", morning).getJsonObject("compliance");
    assertThat(before.getJsonObject("sites").getJsonObject("pd-jinpen").getBoolean("reported")).isTrue();
    assertThat(before.getJsonObject("sites").getJsonObject("pd-liangting").getBoolean("missing")).isFalse();
    assertThat(before.getJsonObject("kinds").getJsonObject("community").getInteger("missing")).isZero();

    Instant evening = Instant.parse("2026-11-21T10:00:01Z"); // 18:00:01, past the community deadline
    JsonObject after = json(state, "xudong", evening).getJsonObject("compliance");
    assertThat(after.getJsonObject("sites").getJsonObject("pd-liangting").getBoolean("missing")).isTrue();
    assertThat(after.getJsonObject("sites").getJsonObject("pd-jinpen").getBoolean("missing")).isFalse();
    JsonObject community = after.getJsonObject("kinds").getJsonObject("community");
    assertThat(community.getBoolean("deadlinePassed")).isTrue();
    assertThat(community.getInteger("expected")).isEqualTo(8);
    assertThat(community.getInteger("reported")).isEqualTo(1);
    assertThat(community.getInteger("missing")).isEqualTo(7);
  }

  @Test
  void aReportAfterTheDeadlineIsLate() {
    Instant evening = Instant.parse("2026-11-21T11:00:00Z"); // 19:00
    LiveState state = new LiveState(TestTown.CATALOGUE, LocalDate.parse("2026-11-21"), "score");
    state.apply(report("demo-petitions", "pd-jinpen", "2026-11-21T18:30:00+08:00",
        new JsonObject().put("petitions_visit", 1), evening), true);
    JsonObject site = json(state, evening).getJsonObject("compliance").getJsonObject("sites").getJsonObject("pd-jinpen");
    assertThat(site.getBoolean("reported")).isTrue();
    assertThat(site.getBoolean("late")).isTrue();
  }

  @Test
  void theMonthlyRankingAveragesScoresPerVillageAndStartsAgainNextMonth() {
    Instant now = Instant.parse("2026-11-30T04:00:00Z");
    LiveState state = new LiveState(TestTown.CATALOGUE, LocalDate.parse("2026-11-30"), "score");
    state.apply(report("demo-sanitation", "sn-jinpen", "2026-11-30T10:00:00+08:00", new JsonObject().put("score", 90), now), true);
    state.apply(report("demo-sanitation", "sn-jinpen", "2026-11-30T11:00:00+08:00", new JsonObject().put("score", 80), now), true);
    state.apply(report("demo-sanitation", "sn-liangting", "2026-11-30T10:00:00+08:00", new JsonObject().put("score", 85), now), true);
    state.apply(report("demo-sanitation", "sn-puzizui", "2026-11-30T10:00:00+08:00", new JsonObject().put("score", 59), now), true);
    JsonObject ranking = json(state, "xudong", now).getJsonObject("ranking");
    assertThat(ranking.getString("month")).isEqualTo("2026-11");
    JsonArray areas = ranking.getJsonArray("areas");
    assertThat(areas.getJsonObject(0).getString("area")).isEqualTo("jinpen");
    assertThat(areas.getJsonObject(1).getString("area")).isEqualTo("liangting");
    assertThat(areas.getJsonObject(0).getInteger("rank")).isEqualTo(1);
    assertThat(areas.getJsonObject(1).getInteger("rank")).as("85 ties 85").isEqualTo(1);
    assertThat(areas.getJsonObject(2).getInteger("rank")).isEqualTo(3);
    assertThat(ranking.getJsonArray("black").getString(0)).isEqualTo("puzizui");
    assertThat(ranking.getJsonArray("red")).containsExactly("jinpen", "liangting");

    Instant december = Instant.parse("2026-11-30T16:30:00Z");
    roll(state, december);
    assertThat(json(state, "xudong", december).getJsonObject("ranking").getJsonArray("red")).isEmpty();
  }

  @Test
  void theRollingHourForgetsWhatIsOlder() {
    Instant now = Instant.parse("2026-11-21T04:00:00Z");
    LiveState state = new LiveState(TestTown.CATALOGUE, LocalDate.parse("2026-11-21"), "score");
    state.apply(report("demo-checkpoints", "cp-highway-exit", "2026-11-21T11:10:00+08:00",
        new JsonObject().put("persons_checked", 100).put("persons_turned_back", 30), now), true);
    state.apply(report("demo-checkpoints", "cp-highway-exit", "2026-11-21T11:50:00+08:00",
        new JsonObject().put("persons_checked", 100).put("persons_turned_back", 25), now), true);
    assertThat(state.recent("cp-highway-exit", "persons_turned_back", now, 60)).isEqualTo(55);
    assertThat(state.recent("cp-highway-exit", "persons_turned_back", now.plusSeconds(20 * 60), 60)).isEqualTo(25);
    assertThat(state.recent("cp-xudong-road", "persons_turned_back", now, 60)).isZero();
  }

  @Test
  void aReportObservedJustAfterMidnightCountsInItsDayThoughItArrivedBefore() {
    Instant beforeMidnight = Instant.parse("2026-11-21T15:58:00Z"); // 23:58 in Shanghai; the unit's clock is 4 min ahead
    LiveState state = new LiveState(TestTown.CATALOGUE, LocalDate.parse("2026-11-21"), "score");
    state.apply(report("demo-checkpoints", "cp-highway-exit", "2026-11-22T00:02:00+08:00",
        new JsonObject().put("vehicles_checked", 9), beforeMidnight), true);
    state.apply(report("demo-petitions", "pd-jinpen", "2026-11-22T00:01:00+08:00",
        new JsonObject().put("petitions_visit", 1), beforeMidnight), true);
    assertThat(json(state, beforeMidnight).getJsonObject("totals").getLong("vehicles_checked", 0L))
        .as("not today's").isZero();

    Instant afterMidnight = Instant.parse("2026-11-21T16:03:00Z");
    roll(state, afterMidnight);
    JsonObject day2 = json(state, afterMidnight);
    assertThat(day2.getString("day")).isEqualTo("2026-11-22");
    assertThat(day2.getJsonObject("totals").getLong("vehicles_checked", 0L)).as("waiting in its day").isEqualTo(9);
    assertThat(day2.getJsonObject("trend").getJsonObject("today").getJsonArray("vehicles_checked").getLong(0)).isEqualTo(9);

    Instant evening = Instant.parse("2026-11-22T10:00:01Z"); // 18:00:01, past the community deadline
    roll(state, evening);
    assertThat(json(state, evening).getJsonObject("compliance").getJsonObject("sites").getJsonObject("pd-jinpen")
        .getBoolean("missing")).as("the desk reported, just early").isFalse();
    assertThat(engine().onClock(state.today().day(), state.today().siteStats(), evening).stream()
        .map(f -> f.subject()).toList()).as("no 漏报 for it").doesNotContain("pd-jinpen").contains("pd-liangting");
  }

  @Test
  void aClockSteppedBackDoesNotEmptyToday() {
    Instant now = Instant.parse("2026-11-22T02:00:00Z"); // 10:00
    LiveState state = new LiveState(TestTown.CATALOGUE, LocalDate.parse("2026-11-22"), "score");
    state.apply(report("demo-checkpoints", "cp-highway-exit", "2026-11-22T09:00:00+08:00",
        new JsonObject().put("vehicles_checked", 4), now), true);
    Instant steppedBack = Instant.parse("2026-11-21T15:00:00Z"); // 23:00 the day before
    roll(state, steppedBack);
    assertThat(state.today().day()).isEqualTo(LocalDate.parse("2026-11-22"));
    assertThat(json(state, steppedBack).getJsonObject("totals").getLong("vehicles_checked", 0L)).isEqualTo(4);
    roll(state, now);
    assertThat(json(state, now).getJsonObject("totals").getLong("vehicles_checked", 0L)).as("and after it is put right").isEqualTo(4);
  }

  @Test
  void aReportHandedOverTwiceCountsOnce() {
    Instant now = Instant.parse("2026-11-22T02:00:00Z");
    LiveState state = new LiveState(TestTown.CATALOGUE, LocalDate.parse("2026-11-22"), "score");
    var first = report("demo-checkpoints", "cp-highway-exit", "2026-11-22T09:40:00+08:00",
        new JsonObject().put("vehicles_checked", 4).put("persons_turned_back", 3), now);
    assertThat(state.apply(first, true)).isTrue();
    assertThat(state.applyIfNew(first, true)).as("a resend of a report seen").isFalse();
    assertThat(state.apply(first, true)).isFalse();
    var lostAck = report("demo-checkpoints", "cp-highway-exit", "2026-11-22T09:30:00+08:00",
        new JsonObject().put("vehicles_checked", 6), now);
    assertThat(state.applyIfNew(lostAck, true)).as("a resend of a report never seen").isTrue();
    assertThat(json(state, now).getJsonObject("totals").getLong("vehicles_checked")).isEqualTo(10);
    assertThat(state.recent("cp-highway-exit", "persons_turned_back", now, 60)).as("the rules' hour too").isEqualTo(3);
  }

  @Test
  void aScoreObservedOnTheFirstOfNextMonthBeforeMidnightRanksInThatMonth() {
    Instant now = Instant.parse("2026-11-30T15:58:00Z"); // 23:58 on the last day of November
    LiveState state = new LiveState(TestTown.CATALOGUE, LocalDate.parse("2026-11-30"), "score");
    state.apply(report("demo-sanitation", "sn-jinpen", "2026-12-01T00:01:00+08:00", new JsonObject().put("score", 90), now), true);
    assertThat(json(state, "xudong", now).getJsonObject("ranking").getJsonArray("areas").stream()
        .mapToInt(a -> ((JsonObject) a).getInteger("readings")).sum()).as("not November's").isZero();
    Instant december = Instant.parse("2026-11-30T16:05:00Z");
    roll(state, december);
    JsonObject ranking = json(state, "xudong", december).getJsonObject("ranking");
    assertThat(ranking.getString("month")).isEqualTo("2026-12");
    assertThat(ranking.getJsonArray("areas").getJsonObject(0).getString("area")).isEqualTo("jinpen");
    assertThat(ranking.getJsonArray("areas").getJsonObject(0).getInteger("readings")).isEqualTo(1);
    assertThat(ranking.getJsonArray("areas").getJsonObject(0).getDouble("value")).isEqualTo(90.0);
  }
}
