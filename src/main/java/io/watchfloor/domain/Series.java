package io.watchfloor.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * One metric over time, in buckets of the jurisdiction's wall clock. The buckets are cut here, once,
 * and a store only says which bucket each reading falls in and what the bucket's readings add up to,
 * so the two stores cannot disagree about edges, time zones, means or empty buckets.
 */
public final class Series {
  private Series() {
  }

  /** A bucket width, with the longest range it may be asked for so one answer stays small. */
  public enum Step {
    FIVE_MINUTES("5m", Duration.ofDays(2)), HOUR("1h", Duration.ofDays(31)), DAY("1d", Duration.ofDays(400));

    private final String key;
    private final Duration maxRange;

    Step(String key, Duration maxRange) {
      this.key = key;
      this.maxRange = maxRange;
    }

    public String key() {
      return key;
    }

    public Duration maxRange() {
      return maxRange;
    }

    public static Optional<Step> of(String key) {
      return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst();
    }

    /** The start of the local bucket holding {@code t}; a day is a local calendar day, not 24 hours. */
    Instant floor(Instant t, ZoneId zone) {
      ZonedDateTime local = t.atZone(zone);
      return switch (this) {
        case DAY -> local.toLocalDate().atStartOfDay(zone).toInstant();
        case HOUR -> local.truncatedTo(ChronoUnit.HOURS).toInstant();
        case FIVE_MINUTES -> local.truncatedTo(ChronoUnit.HOURS).plusMinutes(local.getMinute() / 5 * 5L).toInstant();
      };
    }

    Instant next(Instant start, ZoneId zone) {
      if (this == DAY) {
        return start.atZone(zone).toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
      }
      Instant next = start.plus(this == HOUR ? Duration.ofHours(1) : Duration.ofMinutes(5));
      Instant aligned = floor(next, zone);
      // an offset change of less than the step (half-hour DST) leaves the next mark off the grid
      return aligned.isAfter(start) ? aligned : next;
    }
  }

  /** How the readings of one bucket combine, from the metric's kind and rollup. */
  public enum Aggregate {
    /** Counters: the increments add up; an empty bucket counted nothing, so it is 0. */
    SUM,
    /** The mean of every reading in the bucket, to one decimal as on the live screen. */
    MEAN,
    /** Per site its last reading in the bucket, then summed over the sites (a backlog of open cases). */
    SUM_OF_LAST,
    /** The highest reading in the bucket. */
    MAX;

    public static Aggregate of(MetricDef metric) {
      if (metric.isCounter()) {
        return SUM;
      }
      return switch (metric.rollup()) {
        case AVG -> MEAN;
        case SUM -> SUM_OF_LAST;
        case MAX -> MAX;
      };
    }
  }

  /**
   * What a store adds up for one bucket: the total and the highest of its readings (for
   * {@link Aggregate#SUM_OF_LAST}, of each site's last one) and how many there were.
   */
  public record Cell(int bucket, double total, double max, long readings) {
  }

  /** One bucket of the answer; {@code v} is null when a gauge had no reading in it. */
  public record Point(Instant t, Double v) {
  }

  /**
   * A series to fetch. Bucket {@code i} is {@code [bounds[i], bounds[i+1])}; the first bound is the
   * start of the bucket holding the requested start, the last the end of the bucket holding the
   * requested end, so every bucket is whole.
   */
  public record Query(String metric, Aggregate aggregate, List<String> sites, Step step, ZoneId zone,
                      List<Instant> bounds) {
    public Query {
      sites = List.copyOf(sites);
      bounds = List.copyOf(bounds);
    }

    public Instant from() {
      return bounds.get(0);
    }

    public Instant to() {
      return bounds.get(bounds.size() - 1);
    }

    public int buckets() {
      return bounds.size() - 1;
    }

    /** For {@link Step#DAY}: the local day of the first bucket; bucket {@code i} is that day plus i. */
    public LocalDate firstDay() {
      return from().atZone(zone).toLocalDate();
    }

    /** For {@link Step#DAY}: the local day after the last bucket. */
    public LocalDate endDay() {
      return to().atZone(zone).toLocalDate();
    }

    /** The bucket of a reading, or -1 outside the range; days go by the report's stored local day. */
    public int bucketOf(Report report) {
      if (step == Step.DAY) {
        long day = ChronoUnit.DAYS.between(firstDay(), report.localDay());
        return day >= 0 && day < buckets() ? (int) day : -1;
      }
      Instant t = report.observedAt().toInstant();
      if (t.isBefore(from()) || !t.isBefore(to())) {
        return -1;
      }
      int found = Collections.binarySearch(bounds, t);
      return found >= 0 ? found : -found - 2;
    }

    /** Every bucket in order, filled from the store's cells; buckets without a cell are empty. */
    public List<Point> points(Collection<Cell> cells) {
      Cell[] byBucket = new Cell[buckets()];
      cells.forEach(c -> byBucket[c.bucket()] = c);
      List<Point> points = new ArrayList<>(byBucket.length);
      for (int i = 0; i < byBucket.length; i++) {
        points.add(new Point(bounds.get(i), value(byBucket[i])));
      }
      return points;
    }

    private Double value(Cell cell) {
      if (cell == null || cell.readings() == 0) {
        return aggregate == Aggregate.SUM ? 0.0 : null;
      }
      return switch (aggregate) {
        case SUM, SUM_OF_LAST -> cell.total();
        case MEAN -> Math.round(cell.total() / cell.readings() * 10.0) / 10.0;
        case MAX -> cell.max();
      };
    }
  }

  /** The query for {@code [from, to)}, widened to whole buckets of the jurisdiction's local time. */
  public static Query query(String metric, Aggregate aggregate, List<String> sites, Step step, ZoneId zone,
                            Instant from, Instant to) {
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("a series needs from < to, got " + from + " and " + to);
    }
    List<Instant> bounds = new ArrayList<>();
    Instant bound = step.floor(from, zone);
    bounds.add(bound);
    while (bound.isBefore(to)) {
      bound = step.next(bound, zone);
      bounds.add(bound);
    }
    return new Query(metric, aggregate, sites, step, zone, bounds);
  }
}
