package io.watchfloor;

import io.vertx.core.json.JsonObject;
import io.watchfloor.config.Settings;

/** The shipped configuration read into its records, for verticles deployed alone on a test's own Vertx. */
public final class ShippedSettings {
  private ShippedSettings() {
  }

  /** @param overrides merged deeply into config/application.json; the store stays the memory one it names */
  public static Settings with(JsonObject overrides) {
    JsonObject app = TestServer.shipped("application.json").mergeIn(overrides, true);
    return Settings.of(app, TestServer.shipped("town.json"), TestServer.shipped("access.json"),
        TestServer.shipped("demo-access.json"), TestServer.shipped("rules.json"));
  }
}
