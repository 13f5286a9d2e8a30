package io.watchfloor.review;

import io.vertx.core.json.JsonObject;
import io.watchfloor.domain.Area;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.domain.Compliance;
import io.watchfloor.domain.SiteDayStats;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

/**
 * The month's running compliance per child area: each day of the month up to the review's date,
 * judged as the day's own compliance is, summed. Days still running are judged by now.
 */
final class ReviewCompliance {
  private ReviewCompliance() {
  }

  static JsonObject month(Catalogue catalogue, String scope, LocalDate date, Map<LocalDate, Map<String, SiteDayStats>> byDay,
                          Instant now) {
    ZoneId zone = catalogue.jurisdiction().timezone();
    int[][] counts = new int[catalogue.children(scope).size()][2];
    for (LocalDate day = date.withDayOfMonth(1); !day.isAfter(date); day = day.plusDays(1)) {
      Compliance.View view = Compliance.of(catalogue, scope, day, byDay.getOrDefault(day, Map.of()), endOf(day, zone, now));
      int i = 0;
      for (Area child : catalogue.children(scope)) {
        Compliance.AreaSummary a = view.areas().get(child.id());
        counts[i][0] += a.expected();
        counts[i][1] += a.onTime();
        i++;
      }
    }
    JsonObject month = new JsonObject();
    int i = 0;
    for (Area child : catalogue.children(scope)) {
      int expected = counts[i][0];
      int onTime = counts[i][1];
      month.put(child.id(), new JsonObject().put("expected", expected).put("onTime", onTime)
          .put("rate", expected == 0 ? 1 : ReviewFigures.round((double) onTime / expected)));
      i++;
    }
    return month;
  }

  /** The day's end, or now while it runs. */
  static Instant endOf(LocalDate day, ZoneId zone, Instant now) {
    Instant end = day.plusDays(1).atStartOfDay(zone).toInstant();
    return now.isBefore(end) ? now : end;
  }
}
