package io.watchfloor.live;

import io.watchfloor.UnitTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Deltas hold only what changed, with absolute values; merged deltas equal one delta over the whole span. */
@UnitTest
class JsonDeltaTest {
  private static JsonObject state(long vehicles, String day) {
    return new JsonObject().put("day", day)
        .put("totals", new JsonObject().put("vehicles_checked", vehicles).put("persons_checked", 5))
        .put("sites", new JsonObject().put("cp-1", new JsonObject().put("today", new JsonObject().put("vehicles_checked", vehicles))))
        .put("trend", new JsonArray().add(1).add(2));
  }

  @Test
  void nothingChangedIsAnEmptyDelta() {
    assertThat(JsonDelta.diff(state(3, "2026-11-21"), state(3, "2026-11-21"))).isEmpty();
  }

  @Test
  void onlyChangedLeavesAreSentWithTheirPathAndNewValue() {
    JsonObject changes = JsonDelta.diff(state(3, "2026-11-21"), state(4, "2026-11-21"));
    assertThat(changes).isEqualTo(new JsonObject()
        .put("totals", new JsonObject().put("vehicles_checked", 4))
        .put("sites", new JsonObject().put("cp-1", new JsonObject().put("today", new JsonObject().put("vehicles_checked", 4)))));
  }

  @Test
  void anArrayIsALeafReplacedWhole() {
    JsonObject after = state(3, "2026-11-21").put("trend", new JsonArray().add(1).add(3));
    assertThat(JsonDelta.diff(state(3, "2026-11-21"), after)).isEqualTo(new JsonObject().put("trend", new JsonArray().add(1).add(3)));
  }

  @Test
  void aRemovedKeyIsSentAsNullAndANewOneWhole() {
    JsonObject before = state(3, "2026-11-21");
    JsonObject after = state(3, "2026-11-21");
    after.getJsonObject("totals").remove("persons_checked");
    after.getJsonObject("sites").put("cp-2", new JsonObject().put("today", new JsonObject().put("vehicles_checked", 1)));
    JsonObject changes = JsonDelta.diff(before, after);
    assertThat(changes.getJsonObject("totals").containsKey("persons_checked")).isTrue();
    assertThat(changes.getJsonObject("totals").getValue("persons_checked")).isNull();
    assertThat(changes.getJsonObject("sites").getJsonObject("cp-2"))
        .isEqualTo(new JsonObject().put("today", new JsonObject().put("vehicles_checked", 1)));
    assertThat(changes.getJsonObject("sites").containsKey("cp-1")).isFalse();
  }

  /** The same number of keys, but not the same keys, or not in the same order: the walk by key, not by place. */
  @Test
  void keysReplacedOrReorderedAtTheSameSizeAreSeen() {
    JsonObject before = new JsonObject().put("a", 1).put("b", new JsonObject().put("x", 1)).put("c", 3);
    JsonObject renamed = new JsonObject().put("a", 1).put("b2", new JsonObject().put("x", 1)).put("c", 3);
    assertThat(JsonDelta.diff(before, renamed)).isEqualTo(new JsonObject().putNull("b").put("b2", new JsonObject().put("x", 1)));
    JsonObject reordered = new JsonObject().put("c", 4).put("a", 1).put("b", new JsonObject().put("x", 2));
    assertThat(JsonDelta.diff(before, reordered)).isEqualTo(new JsonObject().put("c", 4).put("b", new JsonObject().put("x", 2)));
    JsonObject same = new JsonObject().put("a", 1).put("b", new JsonObject().put("x", 1)).put("c", 3);
    assertThat(JsonDelta.diff(before, same)).isEmpty();
  }

  @Test
  void aValueThatBecomesNullIsAChange() {
    JsonObject after = state(3, "2026-11-21").putNull("day");
    JsonObject changes = JsonDelta.diff(state(3, "2026-11-21"), after);
    assertThat(changes.containsKey("day")).isTrue();
    assertThat(changes.getValue("day")).isNull();
  }

  @Test
  void aDeltaAgainstNothingIsTheWholeState() {
    assertThat(JsonDelta.diff(null, state(3, "2026-11-21"))).isEqualTo(state(3, "2026-11-21"));
  }

  @Test
  void aDeltaDoesNotShareObjectsWithTheStateItCameFrom() {
    JsonObject after = state(3, "2026-11-21");
    after.getJsonObject("sites").put("cp-2", new JsonObject().put("today", new JsonObject()));
    JsonObject changes = JsonDelta.diff(state(3, "2026-11-21"), after);
    changes.getJsonObject("sites").getJsonObject("cp-2").put("mutated", true);
    assertThat(after.getJsonObject("sites").getJsonObject("cp-2").containsKey("mutated")).isFalse();
  }

  @Test
  void mergedDeltasApplyLikeOneDeltaOverTheWholeSpan() {
    JsonObject s0 = state(3, "2026-11-21");
    JsonObject s1 = state(4, "2026-11-21");
    JsonObject s2 = state(4, "2026-11-22");
    s2.getJsonObject("totals").remove("persons_checked");
    JsonObject merged = JsonDelta.diff(s0, s1);
    JsonDelta.merge(merged, JsonDelta.diff(s1, s2));

    JsonObject client = s0.copy();
    JsonDelta.merge(client, merged);
    JsonObject expected = s2.copy();
    expected.getJsonObject("totals").putNull("persons_checked"); // a client reads null as gone
    assertThat(client).isEqualTo(expected);
  }

  /** By RFC 7396 a null removes, inside a new object too; the server leaves such nulls out, so no client can misread them. */
  @Test
  void aNewObjectComesWithoutItsNullMembersAndItsArraysWhole() {
    JsonObject before = new JsonObject().put("alerts", new JsonObject());
    JsonObject alert = new JsonObject().put("id", "a1").put("state", "open").putNull("acknowledged")
        .put("title", new JsonObject().put("zh", "越级访").putNull("note"))
        .put("list", new JsonArray().add(1).addNull());
    JsonObject after = new JsonObject().put("alerts", new JsonObject().put("a1", alert));
    JsonObject sent = JsonDelta.diff(before, after).getJsonObject("alerts").getJsonObject("a1");
    assertThat(sent).isEqualTo(new JsonObject().put("id", "a1").put("state", "open")
        .put("title", new JsonObject().put("zh", "越级访")).put("list", new JsonArray().add(1).addNull()));
    // a value that became null on an object the client holds is still sent, as the removal it is
    JsonObject acknowledged = after.copy();
    acknowledged.getJsonObject("alerts").getJsonObject("a1").put("acknowledged", new JsonObject().put("at", "t"));
    assertThat(JsonDelta.diff(acknowledged, after).getJsonObject("alerts").getJsonObject("a1").containsKey("acknowledged"))
        .isTrue();
  }
}
