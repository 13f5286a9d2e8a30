package io.watchfloor.alert;

import io.watchfloor.domain.Alert;
import io.watchfloor.domain.Area;
import io.watchfloor.domain.Catalogue;

import java.util.List;

/**
 * The command centres an unacknowledged critical alert climbs (docs/api.md#the-tree-of-areas-and-scopes): from the desk that owns its
 * area to the next command centre above, one step per delay, until the top. The stores ask it where an
 * alert goes, so they need not know the tree.
 */
public final class EscalationLadder {
  private final Catalogue catalogue;
  private final List<String> tops;

  public EscalationLadder(Catalogue catalogue) {
    this.catalogue = catalogue;
    // a desk with nothing above it: an alert escalated there has climbed as far as it can
    this.tops = catalogue.areas().stream()
        .filter(a -> catalogue.desk(a.id()).map(d -> d.id().equals(a.id())).orElse(false))
        .filter(a -> catalogue.escalationTarget(a.id()).isEmpty())
        .map(Area::id).toList();
  }

  /** The command centre whose duty desk owns alerts of this area; the root for an area the tree lacks. */
  public String desk(String area) {
    return area == null ? catalogue.root().id() : catalogue.desk(area).map(Area::id).orElse(catalogue.root().id());
  }

  /** Where the alert stands now: the last level it was escalated to, or its own desk. */
  public String from(Alert alert) {
    return alert.escalatedTo() != null ? alert.escalatedTo() : desk(alert.area());
  }

  /**
   * Where its next escalation takes it. A desk with nothing above answers itself: marked once as
   * escalated there, the alert is at the top and the escalation query no longer picks it.
   */
  public String next(Alert alert) {
    String from = from(alert);
    return catalogue.escalationTarget(from).map(Area::id).orElse(from);
  }

  /** The command centres an alert cannot climb beyond. */
  public List<String> tops() {
    return tops;
  }

  /** The audit note of one step. */
  static String note(String from, String to) {
    return from + " → " + to;
  }
}
