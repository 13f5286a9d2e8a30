package io.watchfloor.live;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.watchfloor.ApiContract;
import io.watchfloor.LiveContract;
import io.watchfloor.UnitTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AsyncAPI description of the live socket against itself and the OpenAPI one: its examples are frames
 * it accepts, it refuses the frames a stranger's client would be misled by, and the alert and state it
 * describes are the ones GET /api/v1/snapshot and the alert routes answer.
 */
@UnitTest
class LiveContractTest {
  private final LiveContract contract = LiveContract.shared();
  private final JsonObject async = LiveContract.description();
  private final JsonObject open = ApiContract.description();

  @Test
  void everyMessageHasAnExampleTheDescriptionAccepts() {
    JsonObject messages = async.getJsonObject("components").getJsonObject("messages");
    assertThat(contract.types()).containsExactlyInAnyOrder("snapshot", "delta", "alert", "case", "ping", "resync");
    for (String name : messages.fieldNames()) {
      JsonArray examples = messages.getJsonObject(name).getJsonArray("examples");
      assertThat(examples).as(name).isNotEmpty();
      examples.forEach(e -> assertThat(contract.violation(((JsonObject) e).getJsonObject("payload"))).as(name).isEmpty());
    }
  }

  @Test
  void framesAClientWouldMisreadAreRefused() {
    JsonObject ping = new JsonObject().put("type", "ping").put("at", "2026-12-02T12:37:36.048Z");
    assertThat(contract.violation(ping)).isEmpty();
    String why = contract.violation(ping.copy().put("seq", 4)).orElseThrow(() -> new AssertionError("a ping has no seq"));
    assertThat(why.lines().findFirst().orElseThrow()).as("the reason names the keyword").contains("additionalProperties");
    assertThat(contract.violation(ping.copy().put("at", "2026-12-02T20:37:36.048+08:00"))).as("at is UTC").isPresent();
    assertThat(contract.violation(ping.copy().put("at", "2026-12-02T12:37:36.04Z"))).as("fraction in threes").isPresent();
    assertThat(contract.violation(new JsonObject().put("type", "hello"))).as("an undescribed type").isPresent();
    JsonObject delta = new JsonObject().put("type", "delta").put("seq", 3).put("at", "2026-12-02T12:37:36Z")
        .put("changes", new JsonObject().put("totals", new JsonObject().put("petitions_visit", 2)));
    assertThat(contract.violation(delta)).isEmpty();
    assertThat(contract.violation(delta.copy().put("changes", new JsonObject().put("colour", "red"))))
        .as("a key the state does not have").isPresent();
    assertThat(contract.violation(delta.copy().put("seq", 0))).as("seq starts at 1").isPresent();
    assertThat(contract.violation(new JsonObject().put("type", "snapshot").put("seq", 1).put("at", "2026-12-02T12:37:36Z")))
        .as("a snapshot without its state").isPresent();
  }

  @Test
  void theAlertAndTheStateAreTheHttpApis() {
    JsonObject asyncSchemas = async.getJsonObject("components").getJsonObject("schemas");
    JsonObject openSchemas = open.getJsonObject("components").getJsonObject("schemas");
    assertThat(asyncSchemas.getJsonObject("Alert")).isEqualTo(openSchemas.getJsonObject("Alert"));
    assertThat(asyncSchemas.getJsonObject("Case")).isEqualTo(openSchemas.getJsonObject("Case"));
    // GET /api/v1/snapshot is the socket's state plus at
    JsonObject snapshot = openSchemas.getJsonObject("Snapshot").getJsonObject("properties").copy();
    snapshot.remove("at");
    JsonObject state = asyncSchemas.getJsonObject("State").getJsonObject("properties").copy();
    // the cases are described in full here only; the OpenAPI file names their three keys and points here
    assertThat(state.remove("cases")).isNotNull();
    assertThat(snapshot.getJsonObject("cases").getJsonArray("required"))
        .isEqualTo(asyncSchemas.getJsonObject("Cases").getJsonArray("required"));
    snapshot.remove("cases");
    assertThat(state).isEqualTo(snapshot);
    JsonArray required = openSchemas.getJsonObject("Snapshot").getJsonArray("required").copy();
    required.remove("at");
    assertThat(asyncSchemas.getJsonObject("State").getJsonArray("required")).containsExactlyInAnyOrderElementsOf(required);
  }
}
