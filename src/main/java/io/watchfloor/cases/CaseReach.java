package io.watchfloor.cases;

import io.watchfloor.domain.Area;
import io.watchfloor.domain.CaseAction;
import io.watchfloor.domain.CaseFile;
import io.watchfloor.domain.Catalogue;

import java.util.List;

/**
 * Who reaches which case: an officer the cases whose area lies in their scope's subtree, a unit the cases
 * dispatched to it and those it opened from the field. Both null is the node's own deadline clock, which
 * reaches every case. A case out of reach is answered as one that does not exist.
 */
final class CaseReach {
  private final Catalogue catalogue;

  CaseReach(Catalogue catalogue) {
    this.catalogue = catalogue;
  }

  boolean reaches(CaseFile file, String scope, String unit) {
    if (unit != null) {
      return unit.equals(file.unit()) || CaseAction.Actor.unit(unit).ref().equals(file.subject().openedBy());
    }
    return scope == null || inScope(scope, file.subject().area());
  }

  boolean inScope(String scope, String area) {
    return catalogue.contains(scope, area);
  }

  /**
   * The areas a list may show: the scope's subtree, narrowed to those asked for; null scope and nothing
   * asked: every area (null).
   */
  List<String> areas(String scope, List<String> asked) {
    if (scope == null) {
      return asked;
    }
    List<String> subtree = catalogue.subtreeAreas(scope).stream().map(Area::id).toList();
    return asked == null ? subtree : asked.stream().filter(subtree::contains).toList();
  }
}
