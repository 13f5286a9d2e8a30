package io.watchfloor.delivery;

import io.watchfloor.domain.Severity;
import io.watchfloor.notify.EventKind;

import java.time.Instant;
import java.util.Set;

/**
 * Which events of which scope go to a channel: an event in {@code scope} or below it, of one of {@code events},
 * and (for alerts) at least {@code minSeverity}, which null lets every severity through.
 */
public record Route(String id, String channel, String scope, Set<EventKind> events, Severity minSeverity,
                    Instant createdAt, String createdBy) {
  public Route {
    events = Set.copyOf(events);
  }
}
