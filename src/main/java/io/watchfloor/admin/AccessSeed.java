package io.watchfloor.admin;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.domain.Role;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Between the access file's shape (config/access.json, already checked at start by {@code Access.read})
 * and the store's records, both ways: the files seed an empty store, and the export writes the store
 * back in the same shape, so a backup seeds a new store as the files did.
 */
public final class AccessSeed {
  private AccessSeed() {
  }

  public static AccessData read(JsonObject file, Catalogue catalogue, boolean demo) {
    List<UnitRecord> units = new ArrayList<>();
    for (Object o : file.getJsonArray("units", new JsonArray())) {
      JsonObject u = (JsonObject) o;
      units.add(new UnitRecord(u.getString("id"), u.getString("name"), scope(u, catalogue), strings(u, "sites"),
          strings(u, "siteKinds"), u.getString("tokenSha256"), null, null, u.getBoolean("disabled", false), demo));
    }
    List<OperatorRecord> operators = new ArrayList<>();
    for (Object o : file.getJsonArray("operators", new JsonArray())) {
      JsonObject op = (JsonObject) o;
      operators.add(new OperatorRecord(op.getString("username"), op.getString("name"),
          Role.valueOf(op.getString("role").toUpperCase(Locale.ROOT)), scope(op, catalogue), op.getString("passwordHash"),
          op.getBoolean("mustChangePassword", false), op.getBoolean("disabled", false), 0, demo));
    }
    List<DisplayKeyRecord> keys = new ArrayList<>();
    for (Object o : file.getJsonArray("displayKeys", new JsonArray())) {
      JsonObject k = (JsonObject) o;
      keys.add(new DisplayKeyRecord(k.getString("id"), k.getString("name"), scope(k, catalogue), k.getString("keySha256"),
          k.getBoolean("revoked", false), demo));
    }
    return new AccessData(units, operators, keys, 0);
  }

  private static String scope(JsonObject entry, Catalogue catalogue) {
    return entry.getString("scope", catalogue.root().id());
  }

  private static List<String> strings(JsonObject entry, String field) {
    List<String> values = new ArrayList<>();
    entry.getJsonArray(field, new JsonArray()).forEach(v -> values.add((String) v));
    return values;
  }

  /**
   * The store in the access file's shape, hashes included (a backup must restore who may sign in), the
   * demo's entries left out. A rotated unit's previous token is not kept: restoring ends its grace.
   */
  public static JsonObject export(AccessData data) {
    JsonArray units = new JsonArray();
    data.units().stream().filter(u -> !u.demo()).forEach(u -> {
      JsonObject entry = new JsonObject().put("id", u.id()).put("name", u.name()).put("scope", u.scope());
      if (!u.sites().isEmpty()) {
        entry.put("sites", new JsonArray(u.sites()));
      }
      if (!u.siteKinds().isEmpty()) {
        entry.put("siteKinds", new JsonArray(u.siteKinds()));
      }
      units.add(entry.put("tokenSha256", u.tokenSha256()).put("disabled", u.disabled()));
    });
    JsonArray operators = new JsonArray();
    data.operators().stream().filter(o -> !o.demo()).forEach(o -> operators.add(new JsonObject()
        .put("username", o.username()).put("name", o.name()).put("role", o.role().key()).put("scope", o.scope())
        .put("passwordHash", o.passwordHash()).put("mustChangePassword", o.mustChange()).put("disabled", o.disabled())));
    JsonArray keys = new JsonArray();
    data.keys().stream().filter(k -> !k.demo()).forEach(k -> keys.add(new JsonObject().put("id", k.id())
        .put("name", k.label()).put("scope", k.scope()).put("keySha256", k.keySha256()).put("revoked", k.revoked())));
    return new JsonObject().put("units", units).put("operators", operators).put("displayKeys", keys);
  }
}
