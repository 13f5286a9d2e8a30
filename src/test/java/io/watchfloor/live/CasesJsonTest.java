package io.watchfloor.live;

import io.vertx.core.json.JsonObject;
import io.watchfloor.TestTown;
import io.watchfloor.UnitTest;
import io.watchfloor.cases.CasePicture;
import io.watchfloor.cases.CasePicture.DayRates;
import io.watchfloor.cases.CasePicture.Shown;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A scope's {@code cases} part: its child areas' figures over their subtrees, and its own overdue cases only. */
@UnitTest
class CasesJsonTest {
  private static final Instant T = Instant.parse("2026-12-06T01:00:00Z");

  private static Shown shown(String id, String area, String state, boolean nearDue, boolean overdue, int minutesLate) {
    Instant due = T.minusSeconds(60L * minutesLate);
    return new Shown(id, area, state, nearDue, overdue, due, 1,
        new JsonObject().put("id", id).put("title", "t" + id).put("area", area).put("overdue", overdue)
            .put("dueAt", due.toString()));
  }

  @Test
  void aTownCountsItsVillagesAndListsItsOwnOverdueLongestFirst() {
    List<Shown> open = List.of(
        shown("1", "jinpen", "handling", false, true, 5),
        shown("2", "jinpen", "dispatched", true, false, -5),
        shown("3", "tianjing", "handling", false, true, 50),
        shown("4", "tianjing", "parked", false, true, 90), // parked: out of the overdue figures
        shown("5", "xijie", "handling", false, true, 500)); // another town's
    CasePicture picture = new CasePicture(1, open, Map.of("jinpen", new DayRates(4, 3, 2, 1)));
    JsonObject cases = CasesJson.of(TestTown.CATALOGUE, picture, "xudong");
    JsonObject jinpen = cases.getJsonObject("byArea").getJsonObject("jinpen");
    assertThat(jinpen.getInteger("open")).isEqualTo(2);
    assertThat(jinpen.getInteger("overdue")).isEqualTo(1);
    assertThat(jinpen.getInteger("nearDue")).isEqualTo(1);
    assertThat(jinpen.getDouble("signedOnTime")).isEqualTo(0.75);
    assertThat(jinpen.getDouble("closedOnTime")).isEqualTo(0.5);
    JsonObject tianjing = cases.getJsonObject("byArea").getJsonObject("tianjing");
    assertThat(tianjing.getInteger("open")).isEqualTo(2);
    assertThat(tianjing.getInteger("overdue")).isEqualTo(1);
    assertThat(tianjing.getValue("signedOnTime")).as("nothing signed today: no rate").isNull();
    assertThat(cases.getJsonObject("byArea").fieldNames()).hasSize(TestTown.CATALOGUE.children("xudong").size());
    assertThat(cases.getJsonObject("total").getInteger("open")).isEqualTo(4);
    assertThat(cases.getJsonArray("overdue").stream().map(c -> ((JsonObject) c).getString("id")))
        .containsExactly("3", "1");
  }

  @Test
  void theDistrictRollsItsTownsUpAndListsAtMostTwenty() {
    List<Shown> open = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      open.add(shown("v" + i, i % 2 == 0 ? "jinpen" : "xijie", "handling", false, true, i));
    }
    JsonObject cases = CasesJson.of(TestTown.CATALOGUE, new CasePicture(2, open, Map.of()), "changling");
    assertThat(cases.getJsonObject("byArea").getJsonObject("xudong").getInteger("overdue")).isEqualTo(15);
    assertThat(cases.getJsonObject("byArea").getJsonObject("chengguan").getInteger("open")).isEqualTo(15);
    assertThat(cases.getJsonObject("byArea").getJsonObject("shiqiao").getInteger("open")).isZero();
    assertThat(cases.getJsonArray("overdue")).hasSize(CasesJson.OVERDUE_LISTED);
    assertThat(((JsonObject) cases.getJsonArray("overdue").getValue(0)).getString("id")).isEqualTo("v29");
  }
}
