package io.watchfloor.alert;

import io.watchfloor.UnitTest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The wall's cut of an alert, of whole alerts and of the parts of them that deltas carry. */
@UnitTest
class AlertJsonWallTest {
  private static JsonObject acted(String by, String note) {
    return new JsonObject().put("by", by).put("at", "2026-12-02T01:00:00Z").put("note", note);
  }

  @Test
  void aWholeAlertKeepsWhenButNotWhoNorTheNote() {
    JsonObject alert = new JsonObject().put("id", "a1").put("state", "resolved").put("detail", "group petition")
        .put("acknowledged", acted("duty", "on my way")).put("resolved", acted("admin", "done"));
    JsonObject wall = AlertJson.forWall(alert);
    assertThat(wall.getJsonObject("acknowledged").getMap()).containsOnlyKeys("at");
    assertThat(wall.getJsonObject("resolved").getMap()).containsOnlyKeys("at");
    assertThat(wall.getString("detail")).isEqualTo("group petition");
    assertThat(alert.getJsonObject("acknowledged").getString("note")).as("the operators' copy is untouched").isEqualTo("on my way");
  }

  @Test
  void aDeltaPartThatOnlyChangedOfficerTextDropsOut() {
    JsonObject changes = new JsonObject()
        .put("a1", new JsonObject().put("acknowledged", new JsonObject().put("note", "edited")))
        .put("a2", new JsonObject().put("state", "acknowledged").put("acknowledged", acted("duty", "x")))
        .putNull("a3");
    JsonObject wall = AlertJson.forWallById(changes);
    assertThat(wall.getMap()).containsOnlyKeys("a2", "a3");
    assertThat(wall.getJsonObject("a2").getJsonObject("acknowledged").getMap()).containsOnlyKeys("at");
    assertThat(wall.getValue("a3")).isNull();
  }
}
