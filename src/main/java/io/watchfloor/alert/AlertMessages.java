package io.watchfloor.alert;

import io.watchfloor.domain.Alert;
import io.watchfloor.domain.Firing;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The alert verticle's event-bus messages; replies are JSON. */
public final class AlertMessages {
  private AlertMessages() {
  }

  public record Firings(List<Firing> firings) {
  }

  /** {@code state} null: every unresolved alert. */
  public record ListRequest(Alert.State state, int limit) {
  }

  public record Act(UUID id, String action, String by, String note) {
    public static final String ACKNOWLEDGE = "ack";
    public static final String RESOLVE = "resolve";
  }

  public record HandoverRequest(Instant from, Instant to) {
  }

  /** The alerts of a rule kind fired or repeated at or after {@code since}, whatever their state; at most {@code limit}. */
  public record SeenRequest(String kind, Instant since, int limit) {
  }

  public static final List<Class<?>> TYPES = List.of(AlertNotFound.class, AlertConflict.class, Firings.class, ListRequest.class, Act.class, HandoverRequest.class,
      SeenRequest.class);
}
