package io.watchfloor.live;

import io.vertx.core.json.JsonObject;

import java.util.Objects;

/**
 * Deltas as the protocol defines them: the state's shape, holding only what changed, with absolute
 * new values. Objects are compared key by key; anything else (numbers, strings, arrays) is a leaf
 * replaced whole; a key that disappeared is sent as null.
 */
public final class JsonDelta {
  private JsonDelta() {
  }

  public static JsonObject diff(JsonObject before, JsonObject after) {
    JsonObject changes = new JsonObject();
    for (String key : after.fieldNames()) {
      Object next = after.getValue(key);
      Object previous = before == null ? null : before.getValue(key);
      if (next instanceof JsonObject n && previous instanceof JsonObject p) {
        JsonObject inner = diff(p, n);
        if (!inner.isEmpty()) {
          changes.put(key, inner);
        }
      } else if (!Objects.equals(previous, next) || (before != null && !before.containsKey(key))) {
        changes.put(key, next instanceof JsonObject n ? n.copy() : next);
      }
    }
    if (before != null) {
      for (String key : before.fieldNames()) {
        if (!after.containsKey(key)) {
          changes.putNull(key);
        }
      }
    }
    return changes;
  }

  /** Folds a later delta into an earlier one, so a slow client gets one delta with the sum of both. */
  public static void merge(JsonObject into, JsonObject later) {
    for (String key : later.fieldNames()) {
      Object next = later.getValue(key);
      if (next instanceof JsonObject n && into.getValue(key) instanceof JsonObject existing) {
        merge(existing, n);
      } else {
        into.put(key, next instanceof JsonObject n ? n.copy() : next);
      }
    }
  }
}
