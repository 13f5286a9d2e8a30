package io.watchfloor.delivery;

import io.vertx.core.json.JsonObject;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.domain.Severity;
import io.watchfloor.notify.EventKind;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which channels get an event: those of every route that takes its kind, reaches its area and lets its
 * severity through, and, for a unit's cases and 催报, the unit's own contact channel. A channel never gets an
 * event outside its own scope, whatever a route says: a town's group hears nothing of another town.
 */
final class Router {
  private final Catalogue catalogue;

  Router(Catalogue catalogue) {
    this.catalogue = catalogue;
  }

  List<Outgoing> messages(Heard event, JsonObject notice, List<Channel> channels, List<Route> routes, Instant now) {
    Optional<EventKind> kind = EventKind.of(event.kind());
    if (kind.isEmpty()) {
      return List.of();
    }
    String area = notice.getString("area") == null ? catalogue.root().id() : notice.getString("area");
    Map<String, Channel> byId = new LinkedHashMap<>();
    channels.forEach(c -> byId.put(c.id(), c));
    Map<String, Channel> chosen = new LinkedHashMap<>();
    for (Route route : routes) {
      Channel channel = byId.get(route.channel());
      if (channel != null && route.events().contains(kind.get()) && catalogue.contains(route.scope(), area)
          && severe(route.minSeverity(), notice.getString("severity"))) {
        chosen.put(channel.id(), channel);
      }
    }
    String unit = notice.getString("unit");
    if (kind.get().forTheUnit() && unit != null) {
      channels.stream().filter(c -> unit.equals(c.unit())).forEach(c -> chosen.put(c.id(), c));
    }
    List<Outgoing> messages = new ArrayList<>();
    for (Channel channel : chosen.values()) {
      if (catalogue.contains(channel.scope(), area)) {
        messages.add(Outgoing.of(channel.id(), event.key(), kind.get().key(), notice, now));
      }
    }
    return messages;
  }

  /** Cases and 催报 have no severity: a route's minimum applies to alerts. */
  private static boolean severe(Severity min, String severity) {
    if (min == null || severity == null) {
      return true;
    }
    return Severity.valueOf(severity.toUpperCase(Locale.ROOT)).compareTo(min) >= 0;
  }
}
