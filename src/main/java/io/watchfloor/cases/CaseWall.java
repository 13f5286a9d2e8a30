package io.watchfloor.cases;

import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * What a wall screen (a display key) may see of a case (docs/live-protocol.md, the {@code case} frame):
 * its title and where it stands, never its description, notes, photos or who opened or acted on it. A
 * list of what to keep, not of what to drop, so a field added to the case later stays off the walls
 * until someone puts it here.
 */
public final class CaseWall {
  public static final List<String> SHOWN = List.of("id", "title", "category", "urgency", "area", "state", "stage",
      "dueAt", "nearDue", "overdue", "supervision", "escalatedTo");

  private CaseWall() {
  }

  /** A new object holding only the shown fields the case has; the case itself is untouched. */
  public static JsonObject of(JsonObject fullCase) {
    JsonObject wall = new JsonObject();
    for (String key : SHOWN) {
      if (fullCase.containsKey(key)) {
        wall.put(key, fullCase.getValue(key));
      }
    }
    return wall;
  }
}
