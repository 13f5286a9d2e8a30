package io.watchfloor.store;

import io.watchfloor.domain.Outcome;
import io.watchfloor.domain.Ranking;
import io.watchfloor.domain.Report;
import io.watchfloor.domain.Series;
import io.watchfloor.domain.SiteDayStats;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/** The store's event-bus messages. */
public final class StoreMessages {
  private StoreMessages() {
  }

  public record AppendRequest(List<Report> reports) {
  }

  public record AppendResult(List<Outcome> outcomes) {
  }

  /**
   * Committed reports for the live picture.
   *
   * @param resent reports that may have been published before (a resend whose first acknowledgement
   *     was lost, or a write the store found committed after it had failed): the live picture counts
   *     each only if it has not yet seen its id
   */
  public record AcceptedReports(List<Report> reports, boolean resent) {
    public AcceptedReports(List<Report> reports) {
      this(reports, false);
    }
  }

  /**
   * A live day as sums, for the rebuild on a store with a commit log: there every later commit of a
   * stored report is a duplicate by the store's key and never reaches the picture again, so the
   * picture need not know the ids of what it rebuilt. Only rows of transactions below {@code below}.
   *
   * @param recentFrom from this observation on, sums per minute rather than per quarter hour
   */
  public record DaySumsRequest(LocalDate day, Instant recentFrom, long below) {
  }

  /** Counter sums and readings of one site and metric over a quarter hour (or a minute) from {@code from}. */
  public record MetricSum(String site, String metric, Instant from, double total, long readings) {
  }

  /** The reading of one site and metric observed last on the day. */
  public record LastReading(String site, String metric, Instant observed, double value) {
  }

  public record DaySums(LocalDate day, List<MetricSum> sums, List<LastReading> lasts, Map<String, SiteDayStats> sites) {
  }

  /** @param below with the commit tail: only rows of transactions before this one (null: every row) */
  public record DayRequest(LocalDate day, Long below) {
    public DayRequest(LocalDate day) {
      this(day, null);
    }
  }

  public record DayReports(List<Report> reports) {
  }

  /**
   * Sums per site, metric and UTC hour of the readings of the local days in [from, to): the spike rule's
   * hourly history, for the live picture's rebuild ({@link #forRebuild}) or a viewer's rule preview
   * ({@link #forViewer}). The two differ in what they read and where: the rebuild reads every site and
   * metric on the commits' pool, never queued behind viewers; a viewer reads one metric of its scope's
   * sites on the viewers' pool, whose queue and statement time are bounded.
   *
   * @param sites null: every site
   * @param metric null: every metric
   * @param below as in {@link DayRequest}
   * @param viewer read for a viewer's request, on the viewers' pool
   */
  public record HourlySumsRequest(LocalDate from, LocalDate to, List<String> sites, String metric, Long below, boolean viewer) {
    public HourlySumsRequest {
      sites = sites == null ? null : List.copyOf(sites);
      if (viewer && (sites == null || metric == null || below != null)) {
        throw new IllegalArgumentException("a viewer's hourly sums are of some sites and one metric, every row");
      }
    }

    public static HourlySumsRequest forRebuild(LocalDate from, LocalDate to, Long below) {
      return new HourlySumsRequest(from, to, null, null, below, false);
    }

    public static HourlySumsRequest forViewer(LocalDate from, LocalDate to, List<String> sites, String metric) {
      return new HourlySumsRequest(from, to, sites, metric, null, true);
    }
  }

  /** One site's sum of one metric over the hour starting at {@code hour}. */
  public record HourlySum(String site, String metric, java.time.Instant hour, double total) {
  }

  public record HourlySums(List<HourlySum> sums) {
    public HourlySums {
      sums = List.copyOf(sums);
    }
  }

  public record RecentRequest(String site, int limit) {
  }

  /** A site's newest reports, newest first. */
  public record SiteReports(List<Report> reports) {
    public SiteReports {
      reports = List.copyOf(reports);
    }
  }

  public record SeriesRequest(Series.Query query) {
  }

  public record SeriesPoints(List<Series.Point> points) {
    public SeriesPoints {
      points = List.copyOf(points);
    }
  }

  /** @param areaBySite the sites whose readings count, each with its area */
  public record MonthSumsRequest(String metric, YearMonth month, Map<String, String> areaBySite, Long below) {
    public MonthSumsRequest {
      areaBySite = Map.copyOf(areaBySite);
    }

    public MonthSumsRequest(String metric, YearMonth month, Map<String, String> areaBySite) {
      this(metric, month, areaBySite, null);
    }
  }

  // --- the commit log: every node follows the committed rows exactly once ---

  /** Where a node's tail stands: after the row (txid, id). */
  public record TailPosition(long txid, UUID id) {
    private static final UUID LAST_ID = new UUID(-1L, -1L);

    /** Before every row of transaction {@code txid} and after every row of the ones before it. */
    public static TailPosition before(long txid) {
      return new TailPosition(txid - 1, LAST_ID);
    }
  }

  /** Request: the tail's horizon, below which every transaction has ended. Reply: {@link Horizon}. */
  public record HorizonRequest() {
  }

  /** Every transaction with an id below {@code txid} has ended: its rows are all visible, or never will be. */
  public record Horizon(long txid) {
  }

  public record TailRequest(TailPosition after, int limit) {
  }

  /** Committed rows after the request's position in (txid, id) order, and the position after the last. */
  public record TailRows(List<Report> reports, TailPosition last) {
    public TailRows {
      reports = List.copyOf(reports);
    }
  }

  public record MonthSums(Map<String, Ranking.Sum> byArea) {
    public MonthSums {
      byArea = Map.copyOf(byArea);
    }
  }

  public record DayStatsRequest(LocalDate day) {
  }

  public record DayStats(Map<String, SiteDayStats> bySite) {
    public DayStats {
      bySite = Map.copyOf(bySite);
    }
  }

  // --- a few sums for the daily review, each one statement ---

  /**
   * Per site, day and metric of some days: the readings' sum and count, and for the metrics of
   * {@code lastOf} (gauges that roll up from each site's last reading) that last reading.
   */
  public record SiteDaySumsRequest(List<LocalDate> days, List<String> sites, List<String> metrics, List<String> lastOf) {
    public SiteDaySumsRequest {
      days = List.copyOf(days);
      sites = List.copyOf(sites);
      metrics = List.copyOf(metrics);
      lastOf = List.copyOf(lastOf);
    }
  }

  /** @param last the site's last reading of the day (by observation), NaN unless asked for */
  public record SiteDaySum(String site, LocalDate day, String metric, double total, long readings, double last) {
  }

  public record SiteDaySums(List<SiteDaySum> sums) {
    public SiteDaySums {
      sums = List.copyOf(sums);
    }
  }

  /** The day stats of these sites on every day in [from, to), for a month's running compliance. */
  public record DayStatsRangeRequest(LocalDate from, LocalDate to, List<String> sites) {
    public DayStatsRangeRequest {
      sites = List.copyOf(sites);
    }
  }

  public record DayStatsRange(Map<LocalDate, Map<String, SiteDayStats>> byDay) {
    public DayStatsRange {
      byDay = Map.copyOf(byDay);
    }
  }

  /**
   * The flags of local days [from, to) of these sites (the flag verticle answers): reply a
   * JsonArray of {reportId, metric, site, day, value, reason, detail, flaggedAt, cleared|null}.
   */
  public record FlagsRequest(LocalDate from, LocalDate to, List<String> sites) {
    public FlagsRequest {
      sites = List.copyOf(sites);
    }
  }

  /**
   * A day's reports as a viewer's request reads them: on the pool with a bounded queue and a statement
   * timeout, never the one commits use. {@code sites} null: every site; otherwise only these.
   */
  public record ViewerDayRequest(LocalDate day, List<String> sites) {
    public ViewerDayRequest {
      sites = sites == null ? null : List.copyOf(sites);
    }
  }

  static final List<Class<?>> REVIEW_TYPES = List.of(SiteDaySumsRequest.class, SiteDaySums.class,
      DayStatsRangeRequest.class, DayStatsRange.class, FlagsRequest.class, ViewerDayRequest.class);
  // --- end review ---

  public static final List<Class<?>> TYPES = Stream.concat(Stream.of(StoreUnavailable.class, UnitQueueFull.class, DataRefused.class,
      AppendRequest.class, AppendResult.class, AcceptedReports.class, DayRequest.class, DayReports.class, DaySumsRequest.class, DaySums.class, HourlySumsRequest.class, HourlySums.class,
      RecentRequest.class,
      SiteReports.class, SeriesRequest.class, SeriesPoints.class, MonthSumsRequest.class, MonthSums.class, DayStatsRequest.class,
      DayStats.class, HorizonRequest.class, Horizon.class, TailRequest.class, TailRows.class), REVIEW_TYPES.stream()).toList();
}
