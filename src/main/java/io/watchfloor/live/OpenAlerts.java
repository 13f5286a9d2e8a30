package io.watchfloor.live;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.watchfloor.domain.Area;
import io.watchfloor.domain.Catalogue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The unresolved alerts the screens show, bounded per duty desk rather than as one list: a flood of
 * alerts in one town drops that town's oldest, never another town's. The number of desks is bounded
 * by the tree, so the whole is bounded too. Plain Java; {@link LiveAlerts} owns it.
 */
final class OpenAlerts {
  private record Entry(long order, JsonObject alert) {
  }

  private final Catalogue catalogue;
  private final int perDesk;
  /** Per desk area, its alerts by id, oldest first (insertion order), so the oldest is dropped first. */
  private final Map<String, LinkedHashMap<String, Entry>> byDesk = new HashMap<>();
  /** Which desk holds an id, so an update finds the alert wherever it is. */
  private final Map<String, String> deskOf = new HashMap<>();
  private long order;
  /** Counts the changes of the set, so a reader can tell whether what it built from {@link #in} is still right. */
  private long changes;

  OpenAlerts(Catalogue catalogue, int perDesk) {
    this.catalogue = catalogue;
    this.perDesk = perDesk;
  }

  /** How many desks there can be: what to ask the alert store for at start. */
  int capacity() {
    return perDesk * (int) catalogue.areas().stream().filter(a -> catalogue.desk(a.id()).map(Area::id)
        .map(a.id()::equals).orElse(false)).count();
  }

  /** Replaces the whole set, e.g. with the store's open alerts at start; newest first in the array. */
  void reset(JsonArray newestFirst) {
    changes++;
    byDesk.clear();
    deskOf.clear();
    for (int i = newestFirst.size() - 1; i >= 0; i--) {
      put((JsonObject) newestFirst.getValue(i));
    }
  }

  /** An alert that fired or changed: it becomes the newest of its desk, or leaves if resolved. */
  void put(JsonObject alert) {
    changes++;
    String id = alert.getString("id");
    String held = deskOf.remove(id);
    if (held != null) {
      byDesk.get(held).remove(id);
    }
    if ("resolved".equals(alert.getString("state"))) {
      return;
    }
    String desk = deskFor(alert);
    LinkedHashMap<String, Entry> alerts = byDesk.computeIfAbsent(desk, d -> new LinkedHashMap<>());
    alerts.put(id, new Entry(order++, alert));
    deskOf.put(id, desk);
    if (alerts.size() > perDesk) {
      String oldest = alerts.keySet().iterator().next();
      alerts.remove(oldest);
      deskOf.remove(oldest);
    }
  }

  /** An alert of an area the tree does not know (config changed under stored alerts) is the root desk's. */
  private String deskFor(JsonObject alert) {
    String area = alert.getString("area");
    return (area == null ? Optional.<Area>empty() : catalogue.desk(area)).map(Area::id)
        .orElse(catalogue.root().id());
  }

  /** Equal counts, equal sets: what {@link #in} answers changed only if this did. */
  long version() {
    return changes;
  }

  /** The open alerts of {@code scope}'s subtree, newest first. */
  JsonArray in(String scope) {
    boolean everything = catalogue.root().id().equals(scope);
    List<Entry> found = new ArrayList<>();
    byDesk.values().forEach(alerts -> alerts.values().forEach(e -> {
      if (everything || catalogue.contains(scope, e.alert().getString("area"))) {
        found.add(e);
      }
    }));
    return newestFirst(found);
  }

  /** Every open alert, newest first; for the meters. */
  JsonArray all() {
    List<Entry> found = new ArrayList<>();
    byDesk.values().forEach(alerts -> found.addAll(alerts.values()));
    return newestFirst(found);
  }

  private static JsonArray newestFirst(List<Entry> entries) {
    entries.sort(Comparator.comparingLong(Entry::order).reversed());
    JsonArray array = new JsonArray();
    entries.forEach(e -> array.add(e.alert()));
    return array;
  }
}
