package io.watchfloor.alert;

import io.vertx.core.Future;
import io.watchfloor.domain.Alert;
import io.watchfloor.domain.AlertEvent;
import io.watchfloor.domain.Firing;
import io.watchfloor.domain.Severity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Alerts in memory, for the embedded demo. Bounded: past {@code maxAlerts} the oldest resolved alerts
 * and their trail are forgotten; unresolved ones never are.
 */
public final class MemoryAlertStore implements AlertStore {
  private final int maxAlerts;
  private final Map<UUID, Alert> alerts = new LinkedHashMap<>();
  private final Map<String, UUID> unresolved = new HashMap<>();
  private final List<AlertEvent> events = new ArrayList<>();
  /** The causes counted, oldest first; a firing is sent twice within seconds, not days, so a bound does. */
  private final java.util.Set<String> causes = new java.util.LinkedHashSet<>();
  private static final int MAX_CAUSES = 100_000;

  public MemoryAlertStore(int maxAlerts) {
    this.maxAlerts = maxAlerts;
  }

  @Override
  public Future<Void> open() {
    return Future.succeededFuture();
  }

  private static String key(String rule, String subject) {
    return rule + '\u0000' + subject;
  }

  @Override
  public Future<Fired> fire(Firing firing, Instant now) {
    String key = key(firing.rule().id(), firing.subject());
    if (firing.cause() != null && !causes.add(key + '\u0000' + firing.cause())) {
      Alert counted = latestOf(firing.rule().id(), firing.subject());
      if (counted != null) {
        return Future.succeededFuture(new Fired(counted, false, true));
      }
    }
    if (causes.size() > MAX_CAUSES) {
      causes.remove(causes.iterator().next());
    }
    UUID existing = unresolved.get(key);
    if (existing != null) {
      Alert repeated = alerts.get(existing).repeated(firing.detail(), now);
      alerts.put(existing, repeated);
      return Future.succeededFuture(new Fired(repeated, false));
    }
    Alert alert = Alert.fired(UUID.randomUUID(), firing, now);
    alerts.put(alert.id(), alert);
    unresolved.put(key, alert.id());
    events.add(new AlertEvent(alert.id(), now, "system", "fired", firing.detail()));
    forgetOldResolved();
    return Future.succeededFuture(new Fired(alert, true));
  }

  /** As the PostgreSQL store answers a repeated cause: the unresolved alert, else the newest one; null if forgotten. */
  private Alert latestOf(String rule, String subject) {
    UUID unresolvedId = unresolved.get(key(rule, subject));
    if (unresolvedId != null) {
      return alerts.get(unresolvedId);
    }
    Alert newest = null;
    for (Alert alert : alerts.values()) {
      if (alert.rule().equals(rule) && alert.subject().equals(subject)
          && (newest == null || !alert.firstSeen().isBefore(newest.firstSeen()))) {
        newest = alert;
      }
    }
    return newest;
  }

  private void forgetOldResolved() {
    var it = alerts.values().iterator();
    while (alerts.size() > maxAlerts && it.hasNext()) {
      Alert alert = it.next();
      if (alert.state() == Alert.State.RESOLVED) {
        it.remove();
        events.removeIf(e -> e.alertId().equals(alert.id()));
      }
    }
  }

  @Override
  public Future<Alert> acknowledge(UUID id, String by, String note, Instant now) {
    return act(id, Alert.State.OPEN, a -> a.acknowledgedBy(by, now, note), new AlertEvent(id, now, by, "acknowledged", note));
  }

  @Override
  public Future<Alert> resolve(UUID id, String by, String note, Instant now) {
    return act(id, null, a -> a.resolvedBy(by, now, note), new AlertEvent(id, now, by, "resolved", note));
  }

  /** @param required the state the alert must be in, or null for "not resolved" */
  private Future<Alert> act(UUID id, Alert.State required, UnaryOperator<Alert> change, AlertEvent event) {
    Alert alert = alerts.get(id);
    if (alert == null) {
      return Future.failedFuture(new AlertNotFound("no alert " + id));
    }
    boolean allowed = required == null ? alert.state() != Alert.State.RESOLVED : alert.state() == required;
    if (!allowed) {
      return Future.failedFuture(new AlertConflict("alert " + id + " is already " + alert.state().key()));
    }
    Alert changed = change.apply(alert);
    alerts.put(id, changed);
    if (changed.state() == Alert.State.RESOLVED) {
      unresolved.remove(key(changed.rule(), changed.subject()));
    }
    events.add(event);
    return Future.succeededFuture(changed);
  }

  @Override
  public Future<List<Alert>> escalate(Instant dueBy, Instant now, EscalationLadder ladder, int limit) {
    List<Alert> escalated = new ArrayList<>();
    for (Alert alert : List.copyOf(alerts.values())) {
      Instant since = alert.escalatedAt() != null ? alert.escalatedAt() : alert.firstSeen();
      boolean atTop = alert.escalatedTo() != null && ladder.tops().contains(alert.escalatedTo());
      if (escalated.size() < limit && alert.severity() == Severity.CRITICAL && alert.state() == Alert.State.OPEN
          && !atTop && !since.isAfter(dueBy)) {
        String from = ladder.from(alert);
        String to = ladder.next(alert);
        Alert changed = alert.escalated(to, now);
        alerts.put(alert.id(), changed);
        events.add(new AlertEvent(alert.id(), now, "system", "escalated", EscalationLadder.note(from, to)));
        escalated.add(changed);
      }
    }
    return Future.succeededFuture(escalated);
  }

  @Override
  public Future<List<Alert>> list(Alert.State state, List<String> areas, int limit) {
    return Future.succeededFuture(alerts.values().stream()
        .filter(a -> state == null ? a.state() != Alert.State.RESOLVED : a.state() == state)
        .filter(a -> in(areas, a))
        .sorted(Comparator.comparing(Alert::firstSeen).reversed().thenComparing(Alert::id))
        .limit(limit).toList());
  }

  private static boolean in(List<String> areas, Alert alert) {
    return areas == null || areas.contains(alert.area());
  }

  @Override
  public Future<List<Alert>> live(Instant from, Instant to, List<String> areas, int limit) {
    return Future.succeededFuture(alerts.values().stream()
        .filter(a -> a.firstSeen().isBefore(to) && (a.resolved() == null || !a.resolved().at().isBefore(from)))
        .filter(a -> in(areas, a))
        .sorted(Comparator.comparing(Alert::firstSeen).thenComparing(Alert::id))
        .limit(limit).toList());
  }

  @Override
  public Future<List<Alert>> seenSince(String kind, Instant since, int limit) {
    return Future.succeededFuture(alerts.values().stream()
        .filter(a -> a.kind().equals(kind) && !a.lastSeen().isBefore(since))
        .sorted(Comparator.comparing(Alert::lastSeen).reversed().thenComparing(Alert::id))
        .limit(limit).toList());
  }

  @Override
  public Future<Optional<Alert>> find(UUID id) {
    return Future.succeededFuture(Optional.ofNullable(alerts.get(id)));
  }

  @Override
  public Future<List<AlertEvent>> history(UUID id) {
    return Future.succeededFuture(events.stream().filter(e -> e.alertId().equals(id)).toList());
  }

  @Override
  public Future<List<AlertEvent>> events(Instant from, Instant to, List<String> areas) {
    return Future.succeededFuture(events.stream().filter(e -> !e.at().isBefore(from) && e.at().isBefore(to))
        .filter(e -> areas == null || (alerts.containsKey(e.alertId()) && in(areas, alerts.get(e.alertId())))).toList());
  }

  @Override
  public Future<Void> close() {
    return Future.succeededFuture();
  }
}
