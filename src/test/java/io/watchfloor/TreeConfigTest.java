package io.watchfloor;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.watchfloor.config.Settings;
import io.watchfloor.domain.ConfigException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A tree of areas that is not one tree stops the server at start, naming the file and the field. */
@UnitTest
class TreeConfigTest {
  @TempDir
  Path dir;
  Vertx vertx;

  @BeforeEach
  void copyShippedConfig() throws IOException {
    vertx = Vertx.vertx();
    for (String file : new String[] {"application.json", "town.json", "access.json", "demo-access.json", "rules.json",
        "case-limits.json", "demo-case-limits.json"}) {
      Files.copy(Path.of("config", file), dir.resolve(file));
    }
  }

  @AfterEach
  void close() {
    vertx.close().await();
  }

  private void refusedWith(Consumer<JsonObject> change, String... words) throws IOException {
    JsonObject town = TestServer.shipped("town.json");
    change.accept(town);
    Files.writeString(dir.resolve("town.json"), town.encodePrettily());
    var thrown = assertThatThrownBy(() -> Settings.load(vertx, dir.resolve("application.json").toString(), false).await())
        .isInstanceOf(ConfigException.class).hasMessageContaining("town.json");
    for (String word : words) {
      thrown.hasMessageContaining(word);
    }
  }

  private static int index(JsonObject town, String areaId) {
    JsonArray areas = town.getJsonArray("areas");
    for (int i = 0; i < areas.size(); i++) {
      if (areas.getJsonObject(i).getString("id").equals(areaId)) {
        return i;
      }
    }
    throw new AssertionError(areaId);
  }

  private static JsonObject area(JsonObject town, String areaId) {
    return town.getJsonArray("areas").getJsonObject(index(town, areaId));
  }

  @Test
  void aParentThatIsNoAreaIsNamed() throws IOException {
    refusedWith(t -> area(t, "liangting").put("parent", "atlantis"),
        "areas[" + index(TestServer.shipped("town.json"), "liangting") + "].parent", "unknown area 'atlantis'");
  }

  @Test
  void aCycleIsNamed() throws IOException {
    // xudong under one of its own villages: xudong → liangting → xudong
    int at = index(TestServer.shipped("town.json"), "xudong");
    refusedWith(t -> area(t, "xudong").put("parent", "liangting"), "areas[", "].parent", "cycle");
    refusedWith(t -> area(t, "xudong").put("parent", "xudong"), "areas[" + at + "].parent", "cycle");
  }

  @Test
  void twoRootsAreRefused() throws IOException {
    int at = index(TestServer.shipped("town.json"), "xudong");
    refusedWith(t -> area(t, "xudong").remove("parent"), "areas[" + at + "].parent", "already the root");
  }

  @Test
  void aTreeWithoutRootIsRefused() throws IOException {
    refusedWith(t -> area(t, t.getJsonObject("jurisdiction").getString("id")).put("parent", "xudong"), "areas");
  }

  @Test
  void aSiteOnAnUnknownAreaIsNamed() throws IOException {
    refusedWith(t -> t.getJsonArray("sites").getJsonObject(5).put("area", "atlantis"), "sites[5].area", "atlantis");
  }

  @Test
  void anUnknownLevelAndALevelNotBelowItsParentAreNamed() throws IOException {
    int at = index(TestServer.shipped("town.json"), "liangting");
    refusedWith(t -> area(t, "liangting").put("level", "province"), "areas[" + at + "].level", "unknown level 'province'");
    refusedWith(t -> area(t, "liangting").put("level", "town"), "areas[" + at + "].level", "not below");
  }

  @Test
  void theJurisdictionIsTheRoot() throws IOException {
    refusedWith(t -> t.getJsonObject("jurisdiction").put("id", "elsewhere"), "jurisdiction.id", "root");
  }

  @Test
  void anOperatorScopeMustBeAnArea() throws IOException {
    JsonObject access = TestServer.shipped("demo-access.json");
    access.getJsonArray("operators").getJsonObject(0).put("scope", "atlantis");
    Files.writeString(dir.resolve("demo-access.json"), access.encodePrettily());
    assertThatThrownBy(() -> Settings.load(vertx, dir.resolve("application.json").toString(), true).await())
        .isInstanceOf(ConfigException.class).hasMessageContaining("demo-access.json")
        .hasMessageContaining("operators[0].scope").hasMessageContaining("atlantis");
  }
}
