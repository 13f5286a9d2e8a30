package io.watchfloor.alert;

import io.vertx.core.Future;
import io.watchfloor.domain.Alert;
import io.watchfloor.domain.AlertEvent;
import io.watchfloor.domain.Firing;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Alerts and their audit trail. Both implementations give the same answers; the alert store suite
 * runs against each. Lifecycle steps are conditional on the current state, so of two officers acting
 * at once exactly one wins and the other gets {@link AlertConflict}.
 */
public interface AlertStore {

  Future<Void> open();

  /**
   * Opens an alert, or, while one for the same rule and subject is unresolved, counts the firing on it.
   * A firing whose cause was counted before changes nothing and comes back as a repeat.
   */
  Future<Fired> fire(Firing firing, Instant now);

  /**
   * Many firings at once, as if fired one after another at {@code now}: what changed, each alert once
   * with its state after all of them (a repeated cause changes nothing and is not in the list). The
   * PostgreSQL store does it in one transaction, so a surge that fires on every report costs one
   * commit per batch instead of one per report.
   */
  default Future<List<Fired>> fireAll(List<Firing> firings, Instant now) {
    Map<UUID, Fired> changed = new LinkedHashMap<>();
    Future<Void> chain = Future.succeededFuture();
    for (Firing firing : firings) {
      chain = chain.compose(v -> fire(firing, now)).map(fired -> {
        if (!fired.repeat()) {
          Fired before = changed.remove(fired.alert().id());
          changed.put(fired.alert().id(), new Fired(fired.alert(), fired.created() || (before != null && before.created())));
        }
        return null;
      });
    }
    return chain.map(v -> List.copyOf(changed.values()));
  }

  /** @param repeat the cause was counted before: nothing changed, nothing to tell */
  record Fired(Alert alert, boolean created, boolean repeat) {
    public Fired(Alert alert, boolean created) {
      this(alert, created, false);
    }
  }

  /** Forgets the causes counted before {@code before}: no firing that old is sent again. */
  default Future<Integer> forgetCauses(Instant before) {
    return Future.succeededFuture(0);
  }

  /** open → acknowledged. */
  Future<Alert> acknowledge(UUID id, String by, String note, Instant now);

  /** open or acknowledged → resolved; the note is required. */
  Future<Alert> resolve(UUID id, String by, String note, Instant now);

  /**
   * Takes every critical alert still open (unacknowledged) one step up the ladder if it has waited long
   * enough where it is: fired at or before {@code dueBy} and never escalated, or last escalated at or
   * before it and not yet at the top. Each step is stored with its audit line ("escalated", by system,
   * note "from → to") at once. At most {@code limit} alerts a call; the next call takes the rest.
   */
  Future<List<Alert>> escalate(Instant dueBy, Instant now, EscalationLadder ladder, int limit);

  /**
   * Alerts of a rule kind last seen at or after {@code since}, resolved ones included, newest first:
   * what the missing-report rule has already said today, so a restart does not say it again.
   */
  Future<List<Alert>> seenSince(String kind, Instant since, int limit);

  /** Newest first; {@code state} null means every unresolved alert; {@code areas} null means every area. */
  Future<List<Alert>> list(Alert.State state, List<String> areas, int limit);

  Future<Optional<Alert>> find(UUID id);

  /**
   * The daily review's alerts: every alert of these areas live at some time in [from, to),
   * fired before its end and not resolved before its start, oldest first; at most {@code limit}.
   */
  Future<List<Alert>> live(Instant from, Instant to, List<String> areas, int limit);

  /** The alert's audit trail, oldest first. */
  Future<List<AlertEvent>> history(UUID id);

  /** Every audit event in [from, to) of the alerts of these areas, oldest first: what a shift handover is made of. */
  Future<List<AlertEvent>> events(Instant from, Instant to, List<String> areas);

  Future<Void> close();
}
