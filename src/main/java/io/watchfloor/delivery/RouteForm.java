package io.watchfloor.delivery;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.domain.Severity;
import io.watchfloor.notify.EventKind;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** A route's body (docs/notify.md): a channel, a scope within the admin's, the events by their keys, a severity. */
final class RouteForm {
  static final Set<String> FIELDS = Set.of("channel", "scope", "events", "minSeverity");

  private RouteForm() {
  }

  /** The route; throws the 422 of every problem. Whether the channel is the admin's is the desk's to say. */
  static Route read(NotifyInput in, String id, String adminScope, String adminName, Catalogue catalogue, Instant now) {
    String channel = in.text("channel", true, 64);
    String scope = ChannelForm.scope(in, adminScope, catalogue);
    List<String> keys = in.strings("events", EventKind.values().length, 40);
    Set<EventKind> events = EnumSet.noneOf(EventKind.class);
    for (String key : keys) {
      Optional<EventKind> kind = EventKind.of(key);
      if (kind.isEmpty()) {
        in.add("events", "'" + key + "' is not one of " + String.join(", ", keyList()));
      } else {
        events.add(kind.get());
      }
    }
    in.require(!keys.isEmpty(), "events", "must name at least one event");
    Severity minSeverity = severity(in);
    in.check();
    return new Route(id, channel, scope, events, minSeverity, now, adminName);
  }

  private static Severity severity(NotifyInput in) {
    String value = in.text("minSeverity", false, 10);
    if (value == null) {
      return null;
    }
    try {
      return Severity.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      in.add("minSeverity", "must be info, warning or critical");
      return null;
    }
  }

  private static List<String> keyList() {
    return java.util.Arrays.stream(EventKind.values()).map(EventKind::key).toList();
  }

  static JsonObject json(Route route) {
    return new JsonObject().put("id", route.id()).put("channel", route.channel()).put("scope", route.scope())
        .put("events", new JsonArray(route.events().stream().sorted().map(EventKind::key).toList()))
        .put("minSeverity", route.minSeverity() == null ? null : route.minSeverity().key())
        .put("createdAt", route.createdAt().toString()).put("createdBy", route.createdBy());
  }
}
