package io.watchfloor.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.watchfloor.ops.HashSecret;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A generated jurisdiction for the fan-out benchmark: {@code towns} towns of {@code villages} villages,
 * each village with a petition desk and a sanitation site, and checkpoints on each town to make
 * {@link #SITES_PER_TOWN} sites a town. The same town can be written alone, as a one-town jurisdiction,
 * so its screen is measured in both in one run. Metrics and site kinds are the shipped sample's.
 */
final class DistrictConfig {
  static final int SITES_PER_TOWN = 50;
  static final String UNIT_TOKEN = "bench-unit-token";
  static final String DISTRICT = "benchdistrict";

  private final int towns;
  private final int villages;

  DistrictConfig(int towns, int villages) {
    this.towns = towns;
    this.villages = villages;
  }

  static String town(int t) {
    return String.format("t%02d", t);
  }

  static String key(String scope) {
    return "bench-key-" + scope;
  }

  /** The sites of town {@code t}, in the order the generator writes them. */
  List<JsonObject> sites(int t) {
    List<JsonObject> sites = new ArrayList<>();
    String town = town(t);
    for (int v = 0; v < villages; v++) {
      String village = town + "v" + v;
      sites.add(site("pd-" + village, "community", village, 100 + 80 * v, 300));
      sites.add(site("sn-" + village, "inspection", village, 120 + 80 * v, 320));
    }
    for (int c = 0; sites.size() < SITES_PER_TOWN; c++) {
      sites.add(site("cp-" + town + "-" + c, "checkpoint", town, 50 + 20 * c, 50));
    }
    return sites;
  }

  /** Writes application.json, town.json, access.json and rules.json into {@code dir}; {@code alone} is one town by itself. */
  Path write(Path dir, Integer alone, int port) throws IOException {
    Files.createDirectories(dir);
    JsonObject shipped = new JsonObject(Files.readString(Path.of("config/town.json")));
    JsonArray areas = new JsonArray();
    JsonArray sites = new JsonArray();
    JsonArray keys = new JsonArray();
    String root = alone == null ? DISTRICT : town(alone);
    if (alone == null) {
      areas.add(area(DISTRICT, null, "district", null));
    }
    for (int t = 0; t < towns; t++) {
      if (alone != null && t != alone) {
        continue;
      }
      String town = town(t);
      areas.add(area(town, alone == null ? DISTRICT : null, "town",
          alone == null ? square(40 * t, 0, 40) : null));
      for (int v = 0; v < villages; v++) {
        areas.add(area(town + "v" + v, town, "village", square(80 * v, 200, 80)));
      }
      sites(t).forEach(sites::add);
      keys.add(displayKey(town));
    }
    if (alone == null) {
      keys.add(displayKey(DISTRICT));
    }
    JsonArray levels = new JsonArray()
        .add(new JsonObject().put("key", "district").put("label", label("区", "District")))
        .add(new JsonObject().put("key", "town").put("label", label("镇", "Town")))
        .add(new JsonObject().put("key", "village").put("label", label("村", "Village")).put("commandCentre", false));
    if (alone != null) {
      levels.remove(0);
    }
    JsonObject town = new JsonObject()
        .put("jurisdiction", new JsonObject().put("id", root).put("name", root).put("label", label(root, root))
            .put("timezone", "Asia/Shanghai"))
        .put("levels", levels)
        .put("siteKinds", shipped.getJsonArray("siteKinds"))
        .put("metrics", shipped.getJsonArray("metrics"))
        .put("checks", shipped.getJsonArray("checks"))
        .put("areas", areas)
        .put("sites", sites);
    JsonObject access = new JsonObject()
        .put("units", new JsonArray().add(new JsonObject().put("id", "bench-unit").put("name", "bench")
            .put("siteKinds", new JsonArray().add("checkpoint").add("community").add("inspection"))
            .put("tokenSha256", HashSecret.sha256(UNIT_TOKEN))))
        .put("operators", new JsonArray())
        .put("displayKeys", keys);
    JsonObject app = new JsonObject(Files.readString(Path.of("bench/live.json")));
    app.getJsonObject("http").put("port", port);
    app.put("town", new JsonObject().put("file", "town.json"))
        .put("access", new JsonObject().put("file", "access.json"))
        .put("rules", new JsonObject().put("file", "rules.json"))
        .put("case-limits", new JsonObject().put("file", Path.of("config/case-limits.json").toAbsolutePath().toString()))
        .put("demo", new JsonObject().put("enabled", false).put("simulate", false));
    Files.writeString(dir.resolve("town.json"), town.encodePrettily());
    Files.writeString(dir.resolve("access.json"), access.encodePrettily());
    // no rules: the benchmark measures the fan-out of figures, not alert storage
    Files.writeString(dir.resolve("rules.json"), new JsonObject().put("rules", new JsonArray()).encodePrettily());
    Path application = dir.resolve("application.json");
    Files.writeString(application, app.encodePrettily());
    return application;
  }

  private static JsonObject displayKey(String scope) {
    return new JsonObject().put("id", "screen-" + scope).put("name", "screen " + scope)
        .put("keySha256", HashSecret.sha256(key(scope))).put("scope", scope);
  }

  private static JsonObject area(String id, String parent, String level, JsonArray outline) {
    JsonObject area = new JsonObject().put("id", id).put("name", id).put("label", label(id, id)).put("level", level);
    if (parent != null) {
      area.put("parent", parent);
    }
    if (outline != null) {
      area.put("outline", outline);
    }
    return area;
  }

  private static JsonArray square(double x, double y, double size) {
    return new JsonArray().add(new JsonArray().add(x).add(y)).add(new JsonArray().add(x + size).add(y))
        .add(new JsonArray().add(x + size).add(y + size)).add(new JsonArray().add(x).add(y + size));
  }

  private static JsonObject site(String id, String kind, String area, double x, double y) {
    return new JsonObject().put("id", id).put("name", id).put("label", label(id, id)).put("kind", kind)
        .put("area", area).put("position", new JsonArray().add(x).add(y));
  }

  private static JsonObject label(String zh, String en) {
    return new JsonObject().put("zh", zh).put("en", en);
  }
}
