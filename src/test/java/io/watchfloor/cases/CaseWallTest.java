package io.watchfloor.cases;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.watchfloor.UnitTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The wall's cut of a case: its title and where it stands, nothing an officer or a unit wrote, nobody's name. */
@UnitTest
class CaseWallTest {
  /** A case as the API shows it, every field filled, with text that must not reach a wall. */
  static JsonObject fullCase() {
    return new JsonObject().put("id", "6a1f0000-0000-0000-0000-000000000001").put("title", "垃圾满溢")
        .put("category", "sanitation").put("urgency", "urgent").put("site", "s-12").put("area", "jinpen")
        .put("alert", "9b000000-0000-0000-0000-000000000002").put("description", "behind the school, call 13800000000")
        .put("source", "officer").put("state", "handling").put("unit", "demo-sanitation")
        .put("openedBy", "operator:alice").put("openedAt", "2026-12-06T09:00:00Z").put("updatedAt", "2026-12-06T09:30:00Z")
        .put("version", 3).put("stage", "handle").put("stageStartedAt", "2026-12-06T09:30:00Z")
        .put("dueAt", "2026-12-06T13:30:00Z").put("nearDueAt", "2026-12-06T12:42:00Z").put("nearDue", false)
        .put("overdue", true).put("escalatedTo", "xudong").put("supervision", "red").put("urges", 2).put("reworks", 1)
        .put("extensions", 0).put("returns", 0)
        .put("extensionAsked", new JsonObject().put("until", "2026-12-07T09:00:00Z").put("reason", "truck broken")
            .put("by", "unit:demo-sanitation"))
        .put("reportedBy", "unit:demo-sanitation").put("parkedFrom", null).put("closedAt", null)
        .put("note", "the officer's note").put("photos", new JsonArray().add("/api/v1/cases/x/photos/y"))
        .put("allowed", new JsonArray().add("report").add("return"));
  }

  @Test
  void aWallSeesTitleAndStandingOnly() {
    JsonObject full = fullCase();
    JsonObject wall = CaseJson.forWall(full);
    assertThat(wall.fieldNames()).containsExactlyInAnyOrder("id", "title", "category", "urgency", "area", "state",
        "stage", "dueAt", "nearDue", "overdue", "supervision", "escalatedTo");
    assertThat(wall.encode()).doesNotContain("13800000000", "alice", "operator:", "unit:", "truck broken",
        "the officer's note", "photos", "demo-sanitation");
    assertThat(wall.getString("title")).isEqualTo("垃圾满溢");
    assertThat(wall.getBoolean("overdue")).isTrue();
    assertThat(full.getString("description")).as("the consoles' copy is untouched").contains("13800000000");
  }

  @Test
  void aFieldAddedToCasesLaterStaysOffTheWall() {
    JsonObject wall = CaseJson.forWall(fullCase().put("verifiedBy", "operator:bob").put("reporterPhone", "139"));
    assertThat(wall.encode()).doesNotContain("bob", "139");
  }
}
