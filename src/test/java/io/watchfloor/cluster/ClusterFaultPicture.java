package io.watchfloor.cluster;

import io.vertx.core.json.JsonObject;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The store's figures for one day, and what differs between them and a screen's state (docs/live-protocol.md):
 * totals, each site's today, compliance (reported, reports) and the open alerts (ids, counts, where
 * escalated). The answer is a list of readable differences, empty when the screen equals the store.
 */
public record ClusterFaultPicture(LocalDate day, JsonObject totals, Map<String, JsonObject> sites,
                                  Map<String, Long> reports, Map<String, ClusterFaultStore.AlertRow> alerts) {

  public static ClusterFaultPicture read(ClusterFaultStore store, LocalDate day) {
    Map<String, ClusterFaultStore.AlertRow> alerts = new TreeMap<>();
    store.openAlerts().forEach(a -> alerts.put(a.id(), a));
    return new ClusterFaultPicture(day, store.totals(day), store.siteTotals(day), store.reportsPerSite(day), alerts);
  }

  /** The differences between a screen's state (null: it has none now) and the store. */
  public List<String> differences(String who, JsonObject state) {
    List<String> out = new ArrayList<>();
    if (state == null) {
      out.add(who + ": has no state it can show (no snapshot since it was cut off)");
      return out;
    }
    if (!day.toString().equals(state.getString("day"))) {
      out.add(who + ": day " + state.getString("day") + ", store " + day);
    }
    compare(out, who + " totals", nonZero(state.getJsonObject("totals")), nonZero(totals));
    JsonObject screenSites = state.getJsonObject("sites", new JsonObject());
    java.util.Set<String> siteIds = new java.util.TreeSet<>(sites.keySet());
    siteIds.addAll(screenSites.fieldNames());
    for (String site : siteIds) {
      JsonObject shown = screenSites.getJsonObject(site);
      compare(out, who + " site " + site, nonZero(shown == null ? null : shown.getJsonObject("today")),
          nonZero(sites.get(site)));
    }
    JsonObject compliance = state.getJsonObject("compliance", new JsonObject()).getJsonObject("sites", new JsonObject());
    for (String site : compliance.fieldNames()) {
      JsonObject c = compliance.getJsonObject(site);
      long stored = reports.getOrDefault(site, 0L);
      if (c.getLong("reports", -1L) != stored || c.getBoolean("reported", false) != (stored > 0)) {
        out.add(who + " compliance " + site + ": reported " + c.getBoolean("reported") + ", reports "
            + c.getLong("reports") + "; store has " + stored);
      }
    }
    Map<String, JsonObject> shownAlerts = new TreeMap<>();
    state.getJsonObject("alerts", new JsonObject()).forEach(e -> {
      if (e.getValue() instanceof JsonObject a && !"resolved".equals(a.getString("state"))) {
        shownAlerts.put(e.getKey(), a);
      }
    });
    if (!shownAlerts.keySet().equals(alerts.keySet())) {
      out.add(who + " open alerts: " + shownAlerts.keySet() + ", store " + alerts.keySet());
    }
    alerts.forEach((id, row) -> {
      JsonObject a = shownAlerts.get(id);
      if (a != null && (a.getLong("count", -1L) != row.count()
          || !java.util.Objects.equals(a.getString("escalatedTo"), row.escalatedTo()))) {
        out.add(who + " alert " + row.rule() + " on " + row.subject() + ": count " + a.getLong("count")
            + ", escalated to " + a.getString("escalatedTo") + "; store count " + row.count() + ", escalated to "
            + row.escalatedTo());
      }
    });
    return out;
  }

  private static void compare(List<String> out, String what, Map<String, Double> shown, Map<String, Double> stored) {
    if (!shown.equals(stored)) {
      out.add(what + ": " + shown + ", store " + stored);
    }
  }

  /** Numbers as doubles, zeros left out: a screen may list a metric at 0 that the store has no row of. */
  static Map<String, Double> nonZero(JsonObject values) {
    Map<String, Double> map = new TreeMap<>();
    if (values != null) {
      values.forEach(e -> {
        if (e.getValue() instanceof Number n && n.doubleValue() != 0) {
          map.put(e.getKey(), n.doubleValue());
        }
      });
    }
    return map;
  }

  /**
   * The parts of a snapshot that do not depend on the node's clock or connection: what two nodes must
   * agree on. The {@code at}, {@code store} (the node's own store status) and trend are left out.
   */
  public static JsonObject stable(JsonObject snapshot) {
    JsonObject kept = new JsonObject();
    for (String key : List.of("day", "scope", "totals", "areas", "sites", "compliance", "ranking", "alerts")) {
      kept.put(key, snapshot.getValue(key));
    }
    return kept;
  }

  /** Where two JSON objects differ, as {@code path: a ≠ b} lines, at most {@code limit} of them; empty if equal. */
  public static List<String> pathsThatDiffer(JsonObject a, JsonObject b, int limit) {
    Map<String, Object> left = new TreeMap<>();
    Map<String, Object> right = new TreeMap<>();
    flatten("", a, left);
    flatten("", b, right);
    java.util.Set<String> paths = new java.util.TreeSet<>(left.keySet());
    paths.addAll(right.keySet());
    List<String> out = new ArrayList<>();
    for (String path : paths) {
      if (!java.util.Objects.equals(left.get(path), right.get(path))) {
        if (out.size() == limit) {
          out.add("…");
          break;
        }
        out.add(path + ": " + left.get(path) + " ≠ " + right.get(path));
      }
    }
    return out;
  }

  private static void flatten(String prefix, Object value, Map<String, Object> into) {
    if (value instanceof JsonObject o) {
      o.forEach(e -> flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), into));
    } else if (value != null) {
      into.put(prefix, value instanceof Number n ? (Object) n.doubleValue() : value.toString());
    }
  }
}
