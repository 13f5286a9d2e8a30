package io.watchfloor.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * Everything that can happen to a case, and who may do it: an officer at a command centre, the unit the
 * case is dispatched to, or the deadline clock. The API's {@code /{action}} names are the lower-case names.
 */
public enum CaseAction {
  OPEN(Actor.Kind.OPERATOR, Actor.Kind.UNIT),
  DISPATCH(Actor.Kind.OPERATOR),
  ACCEPT(Actor.Kind.UNIT),
  RETURN(Actor.Kind.UNIT),
  REPORT(Actor.Kind.UNIT),
  VERIFY(Actor.Kind.OPERATOR),
  EXTEND(Actor.Kind.UNIT),
  EXTENSION(Actor.Kind.OPERATOR),
  PARK(Actor.Kind.OPERATOR),
  RESUME(Actor.Kind.OPERATOR),
  CANCEL(Actor.Kind.OPERATOR),
  SUPERVISE(Actor.Kind.OPERATOR),
  URGE(Actor.Kind.OPERATOR),
  NEAR_DUE(Actor.Kind.SYSTEM),
  OVERDUE(Actor.Kind.SYSTEM),
  ESCALATE(Actor.Kind.SYSTEM);

  private final Actor.Kind[] by;

  CaseAction(Actor.Kind... by) {
    this.by = by;
  }

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean allowedTo(Actor.Kind kind) {
    for (Actor.Kind k : by) {
      if (k == kind) {
        return true;
      }
    }
    return false;
  }

  public static Optional<CaseAction> of(String key) {
    for (CaseAction action : values()) {
      if (action.key().equals(key)) {
        return Optional.of(action);
      }
    }
    return Optional.empty();
  }

  /** Who acts: {@code operator:<id>}, {@code unit:<id>} or {@code system} in the trail. */
  public record Actor(Kind kind, String id) {
    public enum Kind { OPERATOR, UNIT, SYSTEM }

    public static final Actor SYSTEM = new Actor(Kind.SYSTEM, "system");

    public static Actor operator(String id) {
      return new Actor(Kind.OPERATOR, id);
    }

    public static Actor unit(String id) {
      return new Actor(Kind.UNIT, id);
    }

    /** The name kept in the trail. */
    public String ref() {
      return kind == Kind.SYSTEM ? "system" : kind.name().toLowerCase(Locale.ROOT) + ":" + id;
    }
  }
}
