package io.watchfloor.live;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Objects;

/**
 * Deltas as the protocol defines them: the state's shape, holding only what changed, with absolute
 * new values, to be applied as a JSON Merge Patch (RFC 7396). Objects are compared key by key; anything
 * else (numbers, strings, arrays) is a leaf replaced whole; a key that disappeared, or whose value became
 * null, is sent as null. An object new to the client goes without its null members: by RFC 7396 they would
 * be removals anyway, and a client that took them for values would hold keys the others do not.
 * <p>
 * The same instance on both sides is taken as unchanged without a look inside: the live state reuses a part
 * that nothing changed ({@link StateParts}), and no part of a state is changed once it is built.
 */
public final class JsonDelta {
  private JsonDelta() {
  }

  public static JsonObject diff(JsonObject before, JsonObject after) {
    if (before != null && before.size() == after.size()) {
      JsonObject aligned = alignedDiff(before, after);
      if (aligned != null) {
        return aligned;
      }
    }
    JsonObject changes = new JsonObject();
    for (String key : after.fieldNames()) {
      Object next = after.getValue(key);
      Object previous = before == null ? null : before.getValue(key);
      if (before != null && !before.containsKey(key)) {
        changes.put(key, next instanceof JsonObject n ? withoutNulls(n) : next);
      } else {
        change(changes, key, previous, next);
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

  /**
   * The common case, two objects with the same keys in the same order (the live state builds its maps in
   * the tree's order every time): one walk over both, with no lookup by key, which on a district's thousands
   * of sites was most of a tick. Null if the keys differ anywhere, for the general walk.
   */
  private static JsonObject alignedDiff(JsonObject before, JsonObject after) {
    java.util.Iterator<java.util.Map.Entry<String, Object>> was = before.iterator();
    JsonObject changes = new JsonObject();
    for (java.util.Map.Entry<String, Object> now : after) {
      java.util.Map.Entry<String, Object> then = was.next();
      if (!now.getKey().equals(then.getKey())) {
        return null;
      }
      change(changes, now.getKey(), then.getValue(), now.getValue());
    }
    return changes;
  }

  /** The change of a key both sides have (a null value counts as had). */
  private static void change(JsonObject changes, String key, Object previous, Object next) {
    if (next == previous) {
      return;
    }
    if (next instanceof JsonObject n && previous instanceof JsonObject p) {
      JsonObject inner = diff(p, n);
      if (!inner.isEmpty()) {
        changes.put(key, inner);
      }
    } else if (!Objects.equals(previous, next)) {
      changes.put(key, next instanceof JsonObject n ? withoutNulls(n) : next);
    }
  }

  /** A copy of an object with its null members left out, at every depth of nested objects (arrays are values, kept whole). */
  static JsonObject withoutNulls(JsonObject object) {
    JsonObject copy = new JsonObject();
    object.forEach(entry -> {
      Object value = entry.getValue();
      if (value instanceof JsonObject inner) {
        copy.put(entry.getKey(), withoutNulls(inner));
      } else if (value != null) {
        copy.put(entry.getKey(), value instanceof JsonArray array ? array.copy() : value);
      }
    });
    return copy;
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
