package io.watchfloor.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The daily review's 催报 figures: how many urgings, how many a report of the urged site followed the same day,
 * and the median minutes from the urging to that report (its arrival: what the urging asked for). A site urged
 * twice before it reported counts twice, each from its own urging.
 *
 * @param medianMinutes null when no urging was followed
 */
public record UrgeFigures(int count, int followed, Double medianMinutes) {
  /** One urging: the site, and when. */
  public record Urged(String site, Instant at) {
  }

  /**
   * @param arrivals when each site's reports of the day arrived, in any order
   * @param dayEnd   the end of the urgings' day: a report after it is the next day's, not a follow-up
   */
  public static UrgeFigures of(Collection<Urged> urgings, Map<String, List<Instant>> arrivals, Instant dayEnd) {
    List<Double> minutes = new ArrayList<>();
    for (Urged u : urgings) {
      Instant first = null;
      for (Instant a : arrivals.getOrDefault(u.site(), List.of())) {
        if (!a.isBefore(u.at()) && a.isBefore(dayEnd) && (first == null || a.isBefore(first))) {
          first = a;
        }
      }
      if (first != null) {
        minutes.add(Duration.between(u.at(), first).toMillis() / 60_000.0);
      }
    }
    return new UrgeFigures(urgings.size(), minutes.size(), median(minutes));
  }

  /** The middle value, or the mean of the middle two, to a tenth of a minute; null for none. */
  public static Double median(List<Double> values) {
    if (values.isEmpty()) {
      return null;
    }
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    double middle = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    return Math.round(middle * 10) / 10.0;
  }
}
