package io.watchfloor.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The report table's monthly partitions: creates those the coming reports need, from the
 * oldest day the ingest still accepts to a month ahead, and drops whole months past the retention.
 * Each run is one transaction under an advisory lock, so nodes running it together take turns and
 * the second finds the work done. A row whose month has no partition lands in report_default
 * instead of being refused; creating that month moves such rows into it.
 */
final class Partitions {
  private static final Logger LOG = LoggerFactory.getLogger(Partitions.class);
  private static final Pattern NAME = Pattern.compile("report_y(\\d{4})m(\\d{2})");

  /**
   * @param lateWindow how old a report the ingest accepts ({@code ingest.late-window})
   * @param retentionMonths whole months kept before the current one; 0 keeps everything
   */
  record Policy(Duration lateWindow, int retentionMonths, Clock clock) {
    static final Policy DEFAULT = new Policy(Duration.ofDays(7), 24, Clock.systemUTC());
  }

  /** What one run changed, by partition name. */
  record Changes(List<String> created, List<String> dropped) {
  }

  private static final long PERIOD_MS = 24 * 3600 * 1000L;

  private final Pool pool;
  private final Policy policy;
  private Vertx vertx;
  private long timer = -1;

  Partitions(Pool pool, Policy policy) {
    this.pool = pool;
    this.policy = policy;
  }

  static String name(YearMonth month) {
    return String.format("report_y%04dm%02d", month.getYear(), month.getMonthValue());
  }

  /**
   * Runs now, then daily. Never fails the store: a month without its partition still takes reports
   * (report_default), and the next run, a day later or at the next start, catches up.
   */
  Future<Void> start(Vertx vertx) {
    this.vertx = vertx;
    timer = vertx.setPeriodic(PERIOD_MS, id -> maintainLogged());
    return maintainLogged();
  }

  void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  private Future<Void> maintainLogged() {
    return maintain()
        .<Void>mapEmpty()
        .recover(e -> {
          LOG.warn("store: report partition maintenance failed, trying again in a day or at restart: {}", e.getMessage());
          return Future.succeededFuture();
        });
  }

  Future<Changes> maintain() {
    return maintain(LocalDate.now(policy.clock().withZone(ZoneOffset.UTC)));
  }

  /**
   * @param today the UTC date; a jurisdiction's local day can be one either side of it, hence the
   *     extra day at each end of the window
   */
  Future<Changes> maintain(LocalDate today) {
    YearMonth first = YearMonth.from(today.minusDays(policy.lateWindow().toDays() + 1));
    YearMonth last = YearMonth.from(today.plusDays(1).plusMonths(1));
    Optional<YearMonth> keepFrom = policy.retentionMonths() == 0 ? Optional.empty()
        : Optional.of(YearMonth.from(today).minusMonths(policy.retentionMonths()));
    if (keepFrom.isPresent() && first.isBefore(keepFrom.get())) {
      first = keepFrom.get();
    }
    YearMonth from = first;
    return pool.withTransaction(conn -> conn.query(PgQueries.QUIET_NOTICES).execute()
            .compose(v -> conn.query(PgQueries.PARTITION_LOCK_TIMEOUT).execute())
            .compose(v -> conn.query(PgQueries.PARTITION_LOCK).execute())
            .compose(v -> existing(conn))
            .compose(months -> create(conn, months, from, last)
                .compose(created -> drop(conn, months, keepFrom)
                    .map(dropped -> new Changes(created, dropped)))))
        .onSuccess(this::log);
  }

  private static Future<TreeSet<YearMonth>> existing(SqlConnection conn) {
    return conn.query(PgQueries.PARTITIONS).execute().map(rows -> {
      TreeSet<YearMonth> months = new TreeSet<>();
      rows.forEach(row -> {
        Matcher m = NAME.matcher(row.getString(0));
        if (m.matches()) {
          months.add(YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
        }
      });
      return months;
    });
  }

  private static Future<List<String>> create(SqlConnection conn, TreeSet<YearMonth> existing, YearMonth first,
                                             YearMonth last) {
    List<String> created = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (YearMonth month = first; !month.isAfter(last); month = month.plusMonths(1)) {
      if (!existing.contains(month)) {
        YearMonth m = month;
        chain = chain.compose(v -> createMonth(conn, m)).map(v -> {
          created.add(name(m));
          return null;
        });
      }
    }
    return chain.map(v -> created);
  }

  private static Future<Void> createMonth(SqlConnection conn, YearMonth month) {
    LocalDate from = month.atDay(1);
    LocalDate to = month.plusMonths(1).atDay(1);
    return conn.preparedQuery(PgQueries.DEFAULT_ROWS_IN).execute(Tuple.of(from, to))
        .map(rows -> rows.iterator().next().getBoolean(0))
        .compose(stranded -> stranded ? moveIntoNew(conn, month, from, to)
            : conn.query(PgQueries.createPartition(name(month), from, to)).execute().mapEmpty());
  }

  /** The default partition holds rows of this month: they move to the new table before it is attached. */
  private static Future<Void> moveIntoNew(SqlConnection conn, YearMonth month, LocalDate from, LocalDate to) {
    String name = name(month);
    return conn.query(PgQueries.createDetached(name)).execute()
        .compose(v -> conn.query(PgQueries.moveFromDefault(name, from, to)).execute())
        .compose(moved -> {
          LOG.info("store: moved {} reports of {} out of report_default", moved.rowCount(), month);
          return conn.query(PgQueries.attachPartition(name, from, to)).execute();
        })
        .mapEmpty();
  }

  private static Future<List<String>> drop(SqlConnection conn, TreeSet<YearMonth> existing,
                                           Optional<YearMonth> keepFrom) {
    if (keepFrom.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    List<String> dropped = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (YearMonth month : existing.headSet(keepFrom.get())) {
      chain = chain.compose(v -> conn.query(PgQueries.deleteKeysOf(name(month))).execute())
          .compose(v -> conn.query(PgQueries.dropPartition(name(month))).execute()).map(v -> {
        dropped.add(name(month));
        return null;
      });
    }
    // Every day, not only when a partition goes: old rows of the default partition go too.
    Tuple cutoff = Tuple.of(keepFrom.get().atDay(1));
    return chain
        .compose(v -> conn.preparedQuery(PgQueries.DELETE_DEFAULT_BEFORE).execute(cutoff))
        .compose(v -> conn.preparedQuery(PgQueries.DELETE_FLAGS_BEFORE).execute(cutoff))
        .map(v -> dropped);
  }

  private void log(Changes changes) {
    if (!changes.created().isEmpty()) {
      LOG.info("store: created report partitions {}", changes.created());
    }
    if (!changes.dropped().isEmpty()) {
      LOG.info("store: dropped report partitions {} (older than store.retention-months = {})", changes.dropped(),
          policy.retentionMonths());
    }
  }
}
