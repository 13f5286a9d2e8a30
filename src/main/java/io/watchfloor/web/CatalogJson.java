package io.watchfloor.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.watchfloor.domain.Area;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.domain.Label;
import io.watchfloor.domain.MetricDef;
import io.watchfloor.domain.Site;
import io.watchfloor.domain.SiteKind;
import io.watchfloor.live.StateJson;

/**
 * The catalogue in its fixed shape (docs/api.md#the-catalogue), plus the levels, outlines and schedules the screens
 * draw, cut to one scope: a town's officer or screen learns nothing of the areas and sites of the
 * rest of the district.
 */
public final class CatalogJson {
  private CatalogJson() {
  }

  public static JsonObject of(Catalogue catalogue, String scope) {
    JsonArray levels = new JsonArray();
    catalogue.levels().forEach(l -> levels.add(new JsonObject().put("key", l.key()).put("label", label(l.label()))
        .put("commandCentre", l.commandCentre())));
    JsonArray kinds = new JsonArray();
    for (SiteKind kind : catalogue.siteKinds()) {
      kinds.add(new JsonObject().put("key", kind.key()).put("label", label(kind.label()))
          .put("expectedEvery", kind.expectedEvery() == null ? null : kind.expectedEvery().toString())
          .put("dailyDeadline", kind.dailyDeadline() == null ? null : kind.dailyDeadline().toString()));
    }
    JsonArray areas = new JsonArray();
    for (Area area : catalogue.subtreeAreas(scope)) {
      JsonArray outline = new JsonArray();
      area.outline().forEach(p -> outline.add(new JsonArray().add(p[0]).add(p[1])));
      areas.add(new JsonObject().put("id", area.id()).put("name", area.name()).put("label", label(area.label()))
          .put("parent", area.parent()).put("level", area.level()).put("outline", outline));
    }
    JsonArray sites = new JsonArray();
    for (Site site : catalogue.subtreeSites(scope)) {
      sites.add(new JsonObject().put("id", site.id()).put("name", site.name()).put("label", label(site.label()))
          .put("kind", site.kind()).put("area", site.area())
          .put("position", new JsonArray().add(site.position()[0]).add(site.position()[1])));
    }
    JsonArray metrics = new JsonArray();
    for (MetricDef m : catalogue.metrics()) {
      metrics.add(new JsonObject().put("key", m.key()).put("kind", m.kind().key()).put("siteKind", m.siteKind())
          .put("unit", m.unit()).put("min", StateJson.number(m.min())).put("max", StateJson.number(m.max()))
          .put("integer", m.integer()).put("rollup", m.rollup().name().toLowerCase()).put("label", label(m.label())));
    }
    JsonArray checks = new JsonArray();
    catalogue.checks().forEach(c -> checks.add(new JsonObject().put("metric", c.metric()).put("atMost", c.atMost())));
    return new JsonObject()
        .put("jurisdiction", new JsonObject().put("id", catalogue.jurisdiction().id())
            .put("name", catalogue.jurisdiction().name()).put("label", label(catalogue.jurisdiction().label()))
            .put("timezone", catalogue.jurisdiction().timezone().getId()))
        .put("scope", scope).put("levels", levels)
        .put("siteKinds", kinds).put("areas", areas).put("sites", sites).put("metrics", metrics).put("checks", checks);
  }

  private static JsonObject label(Label label) {
    return new JsonObject().put("zh", label.zh()).put("en", label.en());
  }
}
