package io.watchfloor.review;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.watchfloor.bus.Addresses;
import io.watchfloor.domain.Area;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.domain.Report;
import io.watchfloor.domain.UrgeFigures;
import io.watchfloor.store.StoreMessages.DayReports;
import io.watchfloor.store.StoreMessages.ViewerDayRequest;
import io.watchfloor.urge.UrgeMessages;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The review's 催报 part: the day's urgings of the area's sites ({@code urge.day}), and the day's reports of only
 * the sites urged (late sites: a handful of rows each), from which {@link UrgeFigures} counts what followed.
 */
final class ReviewUrgings {
  private final Catalogue catalogue;
  private final BiFunction<String, Object, Future<?>> ask;

  ReviewUrgings(Catalogue catalogue, BiFunction<String, Object, Future<?>> ask) {
    this.catalogue = catalogue;
    this.ask = ask;
  }

  Future<JsonObject> build(String scope, LocalDate date, Instant dayStart, Instant dayEnd) {
    List<String> areas = catalogue.subtreeAreas(scope).stream().map(Area::id).toList();
    return ask.apply(Addresses.URGE_DAY, new UrgeMessages.Day(areas, dayStart, dayEnd))
        .map(UrgeMessages.Urgings.class::cast)
        .compose(day -> {
          List<UrgeFigures.Urged> urged = day.urgings().stream()
              .map(u -> new UrgeFigures.Urged(u.site(), u.at())).toList();
          List<String> sites = urged.stream().map(UrgeFigures.Urged::site).distinct().toList();
          Future<DayReports> reports = sites.isEmpty() ? Future.succeededFuture(new DayReports(List.of()))
              : ask.apply(Addresses.STORE_VIEWER_DAY, new ViewerDayRequest(date, sites)).map(DayReports.class::cast);
          return reports.map(r -> json(UrgeFigures.of(urged, arrivals(r.reports()), dayEnd), sites.size()));
        });
  }

  private static Map<String, List<Instant>> arrivals(List<Report> reports) {
    Map<String, List<Instant>> bySite = new HashMap<>();
    reports.forEach(r -> bySite.computeIfAbsent(r.site(), s -> new ArrayList<>()).add(r.receivedAt()));
    return bySite;
  }

  private static JsonObject json(UrgeFigures figures, int sites) {
    return new JsonObject().put("count", figures.count()).put("sites", sites).put("followed", figures.followed())
        .put("medianMinutes", figures.medianMinutes());
  }
}
