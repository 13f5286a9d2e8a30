package io.watchfloor;

/** Every event-bus address. The bus is the seam that becomes a clustered one when a city runs several nodes. */
public final class Addresses {
  private Addresses() {
  }

  /** Request: {@code AppendRequest}; reply: {@code AppendResult} once committed. */
  public static final String STORE_APPEND = "store.append";
  /** Request: {@code DayRequest}; reply: {@code DayReports}. */
  public static final String STORE_DAY = "store.day";
  /** Request: {@code SeriesRequest}; reply: {@code SeriesPoints}. */
  public static final String STORE_SERIES = "store.series";
  /** Request: {@code MonthSumsRequest}; reply: {@code MonthSums}. */
  public static final String STORE_MONTH_SUMS = "store.month-sums";
  /** Request: {@code DayStatsRequest}; reply: {@code DayStats}. */
  public static final String STORE_DAY_STATS = "store.day-stats";
  /** Request: anything; reply when the store answers, fail with 503 when it does not. */
  public static final String STORE_PING = "store.ping";
  /** Published after each commit: {@code AcceptedReports}, the reports newly committed. */
  public static final String REPORTS_ACCEPTED = "reports.accepted";
  /** Request: anything; reply: the snapshot as a JsonObject. */
  public static final String LIVE_SNAPSHOT = "live.snapshot";
}
