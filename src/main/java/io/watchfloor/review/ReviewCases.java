package io.watchfloor.review;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.watchfloor.bus.Addresses;
import io.watchfloor.cases.CaseMessages.StatsRequest;
import io.watchfloor.domain.Area;
import io.watchfloor.domain.CaseRanking;
import io.watchfloor.domain.Catalogue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The review's closed loop (docs/pages.md, the daily review): the day's cases per child area and per unit,
 * and the month's 综合评价 of both with their red and black lists. Counted by the case verticle's figures
 * ({@code cases.stats}, the same as {@code GET /api/v1/cases/stats}): the cases opened in the period as they
 * stand now, and the scope's cases overdue now.
 */
final class ReviewCases {
  /** The figures a day's row shows, as the figures name them. */
  private static final List<String> DAY = List.of("opened", "dispatched", "closed", "closedOnTime", "reworked",
      "overdueNow", "openNow", "signedOnTimeRate", "closedOnTimeRate");

  private final Catalogue catalogue;
  private final ZoneId zone;
  private final BiFunction<String, Object, Future<JsonObject>> ask;
  private final Function<String, String> unitNames;
  private final int redSize;
  private final int blackSize;

  /**
   * @param ask       a node-local request and its JSON reply
   * @param unitNames a unit's name by its id, or null for a unit no longer known (its id is shown)
   */
  ReviewCases(Catalogue catalogue, BiFunction<String, Object, Future<JsonObject>> ask,
              Function<String, String> unitNames, int redSize, int blackSize) {
    this.catalogue = catalogue;
    this.unitNames = unitNames;
    this.zone = catalogue.jurisdiction().timezone();
    this.ask = ask;
    this.redSize = redSize;
    this.blackSize = blackSize;
  }

  Future<JsonObject> build(String scope, LocalDate date, Instant now) {
    Instant dayStart = date.atStartOfDay(zone).toInstant();
    Instant dayEnd = ReviewCompliance.endOf(date, zone, now);
    Instant monthStart = date.withDayOfMonth(1).atStartOfDay(zone).toInstant();
    Future<JsonObject> dayAreas = stats(scope, dayStart, dayEnd, "area");
    Future<JsonObject> dayUnits = stats(scope, dayStart, dayEnd, "unit");
    Future<JsonObject> monthAreas = stats(scope, monthStart, dayEnd, "area");
    Future<JsonObject> monthUnits = stats(scope, monthStart, dayEnd, "unit");
    return Future.all(dayAreas, dayUnits, monthAreas, monthUnits).map(all -> {
      Map<String, JsonObject> children = children(scope, dayAreas.result());
      JsonObject day = new JsonObject()
          .put("total", row(dayAreas.result().getJsonObject("total")))
          .put("areas", rows("area", children))
          .put("units", named(rows("unit", byId(dayUnits.result()))));
      JsonObject month = new JsonObject().put("month", YearMonth.from(date).toString())
          .put("areas", ranking("area", children(scope, monthAreas.result())))
          .put("units", namedBoard(ranking("unit", byId(monthUnits.result()))));
      return new JsonObject().put("day", day).put("month", month);
    });
  }

  private Future<JsonObject> stats(String scope, Instant from, Instant to, String by) {
    return ask.apply(Addresses.CASES_STATS, new StatsRequest(scope, from, to, by));
  }

  /** The scope's child areas in the catalogue's order, each with its subtree's figures (zeros if none came). */
  private Map<String, JsonObject> children(String scope, JsonObject stats) {
    JsonObject figures = stats.getJsonObject("figures", new JsonObject());
    Map<String, JsonObject> rows = new LinkedHashMap<>();
    for (Area child : catalogue.children(scope)) {
      rows.put(child.id(), figures.getJsonObject(child.id(), new JsonObject()));
    }
    return rows;
  }

  /** The units that had cases, by id. */
  private static Map<String, JsonObject> byId(JsonObject stats) {
    Map<String, JsonObject> rows = new TreeMap<>();
    stats.getJsonObject("figures", new JsonObject()).forEach(e -> {
      if (e.getValue() instanceof JsonObject f) {
        rows.put(e.getKey(), f);
      }
    });
    return rows;
  }

  /** Each unit's row with the unit's name beside its id. */
  private JsonArray named(JsonArray rows) {
    for (Object row : rows) {
      if (row instanceof JsonObject r && r.getValue("unit") instanceof String id) {
        r.put("name", unitNames.apply(id));
      }
    }
    return rows;
  }

  private JsonObject namedBoard(JsonObject board) {
    named(board.getJsonArray("ranked"));
    return board;
  }

  private static JsonArray rows(String key, Map<String, JsonObject> figures) {
    JsonArray rows = new JsonArray();
    figures.forEach((id, f) -> rows.add(row(f).put(key, id)));
    return rows;
  }

  private static JsonObject row(JsonObject figures) {
    JsonObject row = new JsonObject();
    JsonObject f = figures == null ? new JsonObject() : figures;
    for (String key : DAY) {
      row.put(key, f.getValue(key) instanceof Number n ? n : key.endsWith("Rate") ? null : 0);
    }
    return row;
  }

  private JsonObject ranking(String key, Map<String, JsonObject> figures) {
    Map<String, Map<String, Number>> counts = new LinkedHashMap<>();
    figures.forEach((id, f) -> {
      Map<String, Number> numbers = new LinkedHashMap<>();
      f.forEach(e -> {
        if (e.getValue() instanceof Number n) {
          numbers.put(e.getKey(), n);
        }
      });
      counts.put(id, numbers);
    });
    CaseRanking.View view = CaseRanking.rank(counts, redSize, blackSize);
    JsonArray ranked = new JsonArray();
    view.ranked().forEach(r -> ranked.add(new JsonObject().put(key, r.id()).put("score", r.score())
        .put("opened", r.opened()).put("rank", r.rank()).put("tied", r.tied())));
    return new JsonObject().put("ranked", ranked).put("red", new JsonArray(view.red()))
        .put("black", new JsonArray(view.black()));
  }
}
