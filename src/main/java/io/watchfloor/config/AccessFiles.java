package io.watchfloor.config;

import io.vertx.core.json.JsonObject;

/**
 * The access file and, under the demo, the demo's, as read and checked at start: they seed an empty
 * store once (the store wins after that), so they are kept as written, site kinds and all.
 */
public record AccessFiles(JsonObject files, JsonObject demo) {
  public static final AccessFiles NONE = new AccessFiles(new JsonObject(), new JsonObject());
}
