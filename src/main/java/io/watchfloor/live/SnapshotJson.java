package io.watchfloor.live;

import io.vertx.core.json.JsonObject;
import io.watchfloor.domain.Area;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.domain.DayPicture;
import io.watchfloor.domain.Site;

import java.time.Instant;
import java.util.Map;

/** The state of DESIGN §5 as JSON: what a WebSocket snapshot and GET /api/v1/snapshot carry. */
public final class SnapshotJson {
  private SnapshotJson() {
  }

  public static JsonObject of(Catalogue catalogue, DayPicture picture, JsonObject storeInfo, Instant now) {
    JsonObject areas = new JsonObject();
    for (Area area : catalogue.areas()) {
      areas.put(area.id(), new JsonObject().put("today", values(picture.area(area.id()))));
    }
    JsonObject sites = new JsonObject();
    for (Site site : catalogue.sites()) {
      sites.put(site.id(), new JsonObject()
          .put("today", values(picture.site(site.id())))
          .put("lastReportAt", picture.lastReportAt(site.id()).map(Instant::toString).orElse(null)));
    }
    return new JsonObject()
        .put("day", picture.day().toString())
        .put("at", now.toString())
        .put("store", storeInfo.copy())
        .put("totals", values(picture.totals()))
        .put("areas", areas)
        .put("sites", sites);
  }

  /** Whole numbers go out as integers: a count of 42 reads 42, not 42.0. */
  public static JsonObject values(Map<String, Double> values) {
    JsonObject json = new JsonObject();
    values.forEach((key, value) -> json.put(key, number(value)));
    return json;
  }

  public static Number number(double value) {
    return value == Math.rint(value) && Math.abs(value) < 9.007199254740992E15 ? (Number) (long) value : (Number) value;
  }
}
