package io.watchfloor.live;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.watchfloor.cases.CasePicture;
import io.watchfloor.cases.CasePicture.Counts;
import io.watchfloor.cases.CasePicture.DayRates;
import io.watchfloor.domain.Area;
import io.watchfloor.domain.Catalogue;

import java.util.List;

/**
 * The {@code cases} part of a scope's state (docs/live-protocol.md): per child area its open, overdue and
 * near-due cases and today's on-time rates, the same for the whole scope, and its longest-overdue cases as
 * a wall may see them. Every figure of an area is the sum over its subtree, as for the reports.
 */
final class CasesJson {
  /** Overdue cases a scope's state lists; its figures count them all. */
  static final int OVERDUE_LISTED = 20;

  private CasesJson() {
  }

  static JsonObject of(Catalogue catalogue, CasePicture picture, String scope) {
    JsonObject byArea = new JsonObject();
    List<Area> children = catalogue.children(scope);
    for (Area child : children) {
      byArea.put(child.id(), figures(sum(catalogue, picture, child.id()), picture.today(child.id())));
    }
    boolean everything = catalogue.root().id().equals(scope);
    Counts total = everything ? all(picture) : sum(catalogue, picture, scope);
    JsonArray overdue = new JsonArray();
    for (CasePicture.Shown c : picture.overdue()) {
      if (overdue.size() == OVERDUE_LISTED) {
        break;
      }
      if (everything || c.area() != null && catalogue.contains(scope, c.area())) {
        overdue.add(c.wall().copy());
      }
    }
    return new JsonObject().put("byArea", byArea).put("total", figures(total, picture.today(scope)))
        .put("overdue", overdue);
  }

  /** The jurisdiction's: every case, those of an area the tree no longer knows included. */
  private static Counts all(CasePicture picture) {
    Counts total = Counts.ZERO;
    for (Counts counts : picture.byArea().values()) {
      total = total.plus(counts);
    }
    return total;
  }

  private static Counts sum(Catalogue catalogue, CasePicture picture, String area) {
    Counts total = Counts.ZERO;
    for (Area a : catalogue.subtreeAreas(area)) {
      total = total.plus(picture.byArea().getOrDefault(a.id(), Counts.ZERO));
    }
    return total;
  }

  private static JsonObject figures(Counts counts, DayRates today) {
    return new JsonObject().put("open", counts.open()).put("overdue", counts.overdue())
        .put("nearDue", counts.nearDue())
        .put("signedOnTime", rate(today.signedRate())).put("closedOnTime", rate(today.closedRate()));
  }

  /** Three places: a rate that did not move sends no delta. */
  private static Number rate(Double value) {
    return value == null ? null : StateJson.number(Math.round(value * 1000) / 1000.0);
  }
}
