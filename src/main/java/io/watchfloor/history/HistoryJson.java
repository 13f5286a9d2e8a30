package io.watchfloor.history;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.watchfloor.domain.Area;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.domain.Compliance;
import io.watchfloor.domain.Ranking;
import io.watchfloor.domain.Report;
import io.watchfloor.domain.Series;
import io.watchfloor.live.StateJson;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * The history reads as JSON. Times are written in the jurisdiction's own offset, so a bucket that
 * starts at local midnight reads 00:00 to the people who count in local days.
 */
public final class HistoryJson {
  /** Unlike toString, always writes the seconds (08:00:00), and a fraction only when there is one. */
  private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

  private final Catalogue catalogue;
  private final ZoneId zone;

  public HistoryJson(Catalogue catalogue) {
    this.catalogue = catalogue;
    this.zone = catalogue.jurisdiction().timezone();
  }

  JsonObject series(HistoryParams.SeriesRead read, List<Series.Point> points) {
    JsonArray list = new JsonArray();
    points.forEach(p -> list.add(new JsonObject().put("t", time(p.t())).put("v", number(p.v()))));
    Series.Query query = read.query();
    return new JsonObject()
        .put("metric", query.metric())
        .put("scope", read.scope())
        .put("site", read.site())
        .put("area", read.area())
        .put("step", query.step().key())
        .put("from", time(query.from()))
        .put("to", time(query.to()))
        .put("points", list);
  }

  /** The live state's ranking, with each area's names, since a history reader has no catalogue at hand. */
  public JsonObject ranking(String scope, Ranking.View view) {
    return ranking(scope, view, Map.of());
  }

  /**
   * @param flaggedBySiteArea uncleared flagged readings of the month by the area of their site; each
   *     entry's {@code flagged} counts those in its subtree, so an area shows what awaits review below it
   */
  public JsonObject ranking(String scope, Ranking.View view, Map<String, Long> flaggedBySiteArea) {
    JsonObject ranking = StateJson.ranking(view).put("scope", scope);
    for (Object item : ranking.getJsonArray("areas")) {
      JsonObject entry = (JsonObject) item;
      Area area = catalogue.area(entry.getString("area")).orElseThrow();
      long flagged = flaggedBySiteArea.entrySet().stream()
          .filter(e -> catalogue.contains(area.id(), e.getKey())).mapToLong(Map.Entry::getValue).sum();
      entry.put("flagged", flagged);
      entry.put("name", area.name())
          .put("label", new JsonObject().put("zh", area.label().zh()).put("en", area.label().en()));
    }
    return ranking;
  }

  /** {@code areas} sums up each child area of the scope: id to figures, in the catalogue's order, as the live state keys areas. */
  public JsonObject compliance(String scope, Compliance.View view) {
    JsonObject kinds = new JsonObject();
    view.kinds().forEach((key, kind) -> kinds.put(key, new JsonObject()
        .put("deadline", time(kind.deadline()))
        .put("deadlinePassed", kind.deadlinePassed())
        .put("expected", kind.expected())
        .put("reported", kind.reported())
        .put("missing", kind.missing())));
    JsonArray sites = new JsonArray();
    for (Compliance.SiteCompliance site : view.sites()) {
      sites.add(new JsonObject()
          .put("site", site.site())
          .put("kind", site.kind())
          .put("area", site.area())
          .put("reported", site.reported())
          .put("firstReportAt", time(site.firstReportAt()))
          .put("lastReportAt", time(site.lastReportAt()))
          .put("reports", site.reports())
          .put("late", site.late())
          .put("missing", site.missing()));
    }
    JsonObject areas = new JsonObject();
    view.areas().values().forEach(area -> areas.put(area.area(), new JsonObject()
        .put("expected", area.expected())
        .put("reported", area.reported())
        .put("onTime", area.onTime())
        .put("late", area.late())
        .put("missing", area.missing())
        .put("rate", area.rate())
        .put("worst", new JsonArray(area.worst()))));
    return new JsonObject().put("date", view.day().toString()).put("scope", scope).put("kinds", kinds).put("sites", sites)
        .put("areas", areas);
  }

  /** A site's reports as the duty console lists them beside an alert; the body hash stays inside. */
  JsonObject reports(String site, List<Report> reports) {
    JsonArray list = new JsonArray();
    for (Report report : reports) {
      list.add(new JsonObject()
          .put("id", report.id().toString())
          .put("unit", report.unit())
          .put("observedAt", time(report.observedAt().toInstant()))
          .put("receivedAt", time(report.receivedAt()))
          .put("metrics", StateJson.values(report.metrics()))
          .put("note", report.note()));
    }
    return new JsonObject().put("site", site).put("reports", list);
  }

  private String time(Instant t) {
    return t == null ? null : TIME.format(t.atZone(zone));
  }

  private static Number number(Double value) {
    return value == null ? null : StateJson.number(value);
  }
}
