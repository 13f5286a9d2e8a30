package io.watchfloor.alert;

import io.watchfloor.domain.Alert;
import io.watchfloor.domain.Firing;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The alert verticle's event-bus messages; replies are JSON. A {@code scope} is an area id whose
 * subtree the caller may see; null means everything (the live verticle's own picture, which it cuts
 * per socket itself).
 */
public final class AlertMessages {
  private AlertMessages() {
  }

  public record Firings(List<Firing> firings) {
  }

  /** {@code state} null: every unresolved alert. */
  public record ListRequest(Alert.State state, int limit, String scope) {
    /** Every area's alerts: what the live picture starts from. */
    public ListRequest(Alert.State state, int limit) {
      this(state, limit, null);
    }
  }

  /** One alert and its trail; an alert outside the scope is refused as such. */
  public record Get(UUID id, String scope) {
  }

  /** The scope is checked before anything changes: an alert outside it is refused and left as it was. */
  public record Act(UUID id, String action, String by, String note, String scope) {
    public static final String ACKNOWLEDGE = "ack";
    public static final String RESOLVE = "resolve";
  }

  public record HandoverRequest(Instant from, Instant to, String scope) {
  }

  /** The alerts of a rule kind fired or repeated at or after {@code since}, whatever their state; at most {@code limit}. */
  public record SeenRequest(String kind, Instant since, int limit) {
  }

  /** The daily review's question: the alerts of a scope's subtree live in [from, to). */
  public record DayRequest(Instant from, Instant to, String scope) {
  }

  public static final List<Class<?>> TYPES = List.of(AlertNotFound.class, AlertConflict.class, AlertOutsideScope.class,
      Firings.class, ListRequest.class, Get.class, Act.class, HandoverRequest.class, SeenRequest.class,
      DayRequest.class);
}
