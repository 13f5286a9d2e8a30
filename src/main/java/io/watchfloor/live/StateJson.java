package io.watchfloor.live;

import io.watchfloor.alert.AlertJson;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.watchfloor.domain.Area;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.domain.Compliance;
import io.watchfloor.domain.DayPicture;
import io.watchfloor.domain.Ranking;
import io.watchfloor.domain.Site;
import io.watchfloor.domain.Standings;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** The state of docs/live-protocol.md as JSON, the shape of snapshots and of the deltas between them. */
public final class StateJson {
  private StateJson() {
  }

  /**
   * The state a screen of {@code scope} sees: every figure from the sites of its subtree, one
   * source each, and nothing of any area outside it. {@code openAlerts} may hold alerts of other
   * areas; only those of the subtree are kept. Built whole, every part anew; the live feeds build it
   * through {@link StateParts}, which builds again only what changed.
   *
   * @param onTimeRedFloor the on-time board's floor of the red list, a rate (0.8 for 80 %)
   */
  public static JsonObject of(LiveState state, String scope, Instant now, int redSize, int blackSize,
                              double onTimeRedFloor, JsonArray openAlerts, JsonObject store) {
    return new StateParts().of(state, scope, now, redSize, blackSize, onTimeRedFloor, 0, () -> openAlerts, store);
  }

  /** A site's figures of today, and when it last reported (today, else yesterday). */
  static JsonObject site(DayPicture today, DayPicture yesterday, String siteId) {
    return new JsonObject()
        .put("today", values(today.site(siteId)))
        .put("lastReportAt", today.lastReportAt(siteId)
            .or(() -> yesterday.lastReportAt(siteId)).map(Instant::toString).orElse(null));
  }

  /**
   * The open alerts of the scope's subtree, keyed by id, so a delta carries only the alert that changed. The
   * alerts themselves, not copies: the open list replaces an alert that changed, never changes it.
   */
  static JsonObject alertsById(Catalogue catalogue, String scope, JsonArray openAlerts) {
    boolean everything = catalogue.root().id().equals(scope);
    JsonObject map = new JsonObject();
    openAlerts.forEach(a -> {
      JsonObject alert = (JsonObject) a;
      if (everything || catalogue.contains(scope, alert.getString("area"))) {
        map.put(alert.getString("id"), alert);
      }
    });
    return map;
  }

  static JsonObject compliance(Compliance.View view, int redSize, int blackSize, double onTimeRedFloor) {
    return compliance(view, redSize, blackSize, onTimeRedFloor, StateJson::siteCompliance, StateJson::areaCompliance);
  }

  /** @param siteJson and {@code areaJson} build (or find again) each site's and child area's piece */
  static JsonObject compliance(Compliance.View view, int redSize, int blackSize, double onTimeRedFloor,
                               Function<Compliance.SiteCompliance, JsonObject> siteJson,
                               Function<Compliance.AreaSummary, JsonObject> areaJson) {
    JsonObject kinds = new JsonObject();
    view.kinds().forEach((key, k) -> kinds.put(key, new JsonObject().put("deadline", k.deadline().toString())
        .put("deadlinePassed", k.deadlinePassed()).put("expected", k.expected()).put("reported", k.reported())
        .put("missing", k.missing())));
    JsonObject sites = new JsonObject();
    for (Compliance.SiteCompliance s : view.sites()) {
      sites.put(s.site(), siteJson.apply(s));
    }
    JsonObject areas = new JsonObject();
    view.areas().forEach((id, a) -> areas.put(id, areaJson.apply(a)));
    return new JsonObject().put("kinds", kinds).put("sites", sites).put("areas", areas)
        .put("ranking", board(Compliance.board(view, redSize, blackSize, onTimeRedFloor), onTimeRedFloor));
  }

  static JsonObject siteCompliance(Compliance.SiteCompliance s) {
    return new JsonObject().put("kind", s.kind()).put("reported", s.reported()).put("late", s.late())
        .put("missing", s.missing()).put("reports", s.reports())
        .put("firstReportAt", s.firstReportAt() == null ? null : s.firstReportAt().toString());
  }

  static JsonObject areaCompliance(Compliance.AreaSummary a) {
    return new JsonObject().put("expected", a.expected()).put("reported", a.reported()).put("onTime", a.onTime())
        .put("late", a.late()).put("missing", a.missing()).put("rate", number(a.rate())).put("worst", new JsonArray(a.worst()));
  }

  /** The on-time board as the pages show it, ranked here so that no page ranks by itself. */
  private static JsonObject board(Standings.View view, double floor) {
    JsonArray areas = new JsonArray();
    for (Standings.Placed p : view.placed()) {
      areas.add(new JsonObject().put("area", p.id()).put("value", number(p.value())).put("rank", p.rank())
          .put("tied", p.tied()));
    }
    return new JsonObject().put("areas", areas).put("red", new JsonArray(view.red()))
        .put("black", new JsonArray(view.black())).put("floor", number(floor));
  }

  public static JsonObject ranking(Ranking.View view) {
    JsonArray areas = new JsonArray();
    for (Ranking.AreaRank r : view.areas()) {
      areas.add(new JsonObject().put("area", r.area()).put("value", r.value() == null ? null : number(r.value()))
          .put("readings", r.readings())
          .put("rank", r.rank()).put("tied", r.tied()));
    }
    return new JsonObject().put("metric", view.metric()).put("month", view.month().toString()).put("areas", areas)
        .put("red", new JsonArray(view.red())).put("black", new JsonArray(view.black()));
  }

  static JsonObject hourly(DayPicture day, String scope) {
    JsonObject metrics = new JsonObject();
    day.hourlyCounters(scope).forEach((key, hours) -> {
      JsonArray list = new JsonArray();
      for (double v : hours) {
        list.add(number(v));
      }
      metrics.put(key, list);
    });
    return metrics;
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

  /** The state or a delta as a wall screen may see it: the same but for officer text in its alerts; itself if it has none. */
  static JsonObject forWall(JsonObject state) {
    if (!(state.getValue("alerts") instanceof JsonObject alerts)) {
      return state;
    }
    JsonObject wall = new JsonObject(new LinkedHashMap<>(state.getMap()));
    JsonObject shown = AlertJson.forWallById(alerts);
    if (shown.isEmpty() && !alerts.isEmpty()) {
      wall.remove("alerts");
    } else {
      wall.put("alerts", shown);
    }
    return wall;
  }
}
