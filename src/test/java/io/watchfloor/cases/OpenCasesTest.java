package io.watchfloor.cases;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.watchfloor.UnitTest;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The node's open cases: taken by id and version, never an older over a newer, a close not undone by a late
 * copy, healed by the store's list without losing what was heard while it was read, and bounded.
 */
@UnitTest
class OpenCasesTest {
  static JsonObject kase(String id, String state, int version) {
    return new JsonObject().put("id", id).put("title", "t " + id).put("area", "jinpen").put("state", state)
        .put("version", version).put("description", "secret").put("overdue", false).put("nearDue", false);
  }

  private static JsonArray list(JsonObject... cases) {
    JsonArray array = new JsonArray();
    for (JsonObject c : cases) {
      array.add(c);
    }
    return array;
  }

  private static String stateOf(OpenCases cases, String id) {
    return cases.shown().stream().filter(s -> s.id().equals(id)).map(CasePicture.Shown::state).findFirst().orElse(null);
  }

  @Test
  void aNewerVersionReplacesAnOlderNeverTheOtherWay() {
    OpenCases cases = new OpenCases(100);
    assertThat(cases.apply(kase("a", "handling", 3))).isTrue();
    assertThat(cases.apply(kase("a", "dispatched", 2))).as("older").isFalse();
    assertThat(cases.apply(kase("a", "handling", 3))).as("the same again").isFalse();
    assertThat(stateOf(cases, "a")).isEqualTo("handling");
    assertThat(cases.shown().get(0).wall().containsKey("description")).isFalse();
  }

  @Test
  void aClosedCaseLeavesAndALateOpenCopyDoesNotBringItBack() {
    OpenCases cases = new OpenCases(100);
    cases.apply(kase("a", "reported", 4));
    assertThat(cases.apply(kase("a", "closed", 5))).isTrue();
    assertThat(cases.size()).isZero();
    assertThat(cases.apply(kase("a", "reported", 4))).isFalse();
    assertThat(cases.size()).isZero();
  }

  @Test
  void aReloadHealsWhatWasMissedAndKeepsWhatWasHeardMeanwhile() {
    OpenCases cases = new OpenCases(100);
    cases.apply(kase("gone", "handling", 2)); // its close was lost with its node
    cases.apply(kase("kept", "new", 1));
    long mark = cases.mark();
    cases.apply(kase("fresh", "new", 1)); // opened while the list was read
    cases.apply(kase("kept", "closed", 2)); // closed while the list was read
    boolean changed = cases.reload(list(kase("kept", "new", 1), kase("missed", "dispatched", 2)), mark, Set.of("jinpen"));
    assertThat(changed).isTrue();
    assertThat(cases.shown()).extracting(CasePicture.Shown::id).containsExactlyInAnyOrder("fresh", "missed");
  }

  @Test
  void aListCutAtItsLimitRemovesNothingOfItsArea() {
    OpenCases cases = new OpenCases(100);
    cases.apply(kase("a", "handling", 2));
    cases.apply(kase("elsewhere", "handling", 2).put("area", "tianjing"));
    long mark = cases.mark();
    cases.reload(list(kase("b", "new", 1)), mark, Set.of("tianjing"));
    assertThat(cases.shown()).extracting(CasePicture.Shown::id).containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void pastItsBoundANewCaseIsNotHeldAndCounted() {
    OpenCases cases = new OpenCases(2);
    cases.apply(kase("a", "new", 1));
    cases.apply(kase("b", "new", 1));
    assertThat(cases.apply(kase("c", "new", 1))).isFalse();
    assertThat(cases.refused()).isEqualTo(1);
    assertThat(cases.apply(kase("a", "dispatched", 2))).as("a held case still changes").isTrue();
    assertThat(cases.size()).isEqualTo(2);
  }

  @Test
  void whatIsNotACaseIsIgnored() {
    OpenCases cases = new OpenCases(10);
    assertThat(cases.apply(new JsonObject().put("id", 3))).isFalse();
    assertThat(cases.apply(new JsonObject().put("id", "x").put("state", "new"))).isFalse();
    assertThat(cases.apply(kase("y", "weird", 1).put("dueAt", "not a time"))).isFalse();
    assertThat(cases.size()).isZero();
  }
}
