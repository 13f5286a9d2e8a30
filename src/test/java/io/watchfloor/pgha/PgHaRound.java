package io.watchfloor.pgha;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import io.watchfloor.cluster.ClusterFaultPicture;
import io.watchfloor.cluster.ClusterFaultScreen;
import io.watchfloor.cluster.ClusterFaultStore;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * One fault of the data tier under load, step by step: {@link #begin} starts twenty units posting and waits
 * until they are acknowledged; {@link #fault} runs the fault (the script returns once it is done) and
 * notes the time; {@link #awaitWritesBack} waits for the first report sent after it to be acknowledged;
 * {@link #settle} stops making reports, lets the resends finish and waits for every screen to equal the
 * store. {@link #result} then reads the store and says what a user would have seen. Shared by
 * PgFailoverTest and the data tier's benchmark, which differ only in what they check and print.
 */
public final class PgHaRound {
  private static final ZoneId TOWN_ZONE = ZoneId.of("Asia/Shanghai");

  public final PgHaLoad load;
  private final Vertx vertx;
  private final String pgUrl;
  private final List<ClusterFaultScreen> screens;
  private long commandStarted;
  private long faultReturned;
  private long writesBack;
  private long drainedAt;
  private boolean drained;
  private long screensEqualAt;
  private List<String> differences = List.of();

  private PgHaRound(Vertx vertx, String pgUrl, List<ClusterFaultScreen> screens, PgHaLoad load) {
    this.vertx = vertx;
    this.pgUrl = pgUrl;
    this.screens = screens;
    this.load = load;
  }

  /** Starts the load on the server at {@code baseUrl}, and waits until two seconds' worth is acknowledged. */
  public static PgHaRound begin(Vertx vertx, String baseUrl, String pgUrl, List<ClusterFaultScreen> screens,
                                double perSecond) {
    PgHaLoad load = new PgHaLoad(vertx, baseUrl, perSecond).start();
    org.awaitility.Awaitility.await("the load acknowledged before the fault").atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100)).until(() -> load.ackedAtNanos.size() >= 2 * perSecond);
    return new PgHaRound(vertx, pgUrl, screens, load);
  }

  /**
   * Runs the fault, which returns once it is done (the primary killed, the switchover made). The reports that
   * tell writes are back are those first sent after it returned: none of them can have been committed by the
   * old primary. When it struck is read off the acknowledgements afterwards (the gap in them): the script
   * first asks each node which one leads, and says when it killed only after its processes are gone, seconds
   * either way on a busy machine.
   */
  public void fault(Runnable fault) {
    commandStarted = System.nanoTime();
    fault.run();
    faultReturned = System.nanoTime();
    load.freshFrom(faultReturned);
  }

  /** Waits for a report first sent after the fault to be acknowledged; false if none was within {@code within}. */
  public boolean awaitWritesBack(Duration within) {
    try {
      org.awaitility.Awaitility.await().atMost(within).pollInterval(Duration.ofMillis(20))
          .until(() -> load.firstFreshAck() != 0);
      writesBack = load.firstFreshAck();
      return true;
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      return false;
    }
  }

  /**
   * Stops making reports; waits for the resends to be acknowledged, then for every screen to equal the store
   * (read at a pace a loaded machine affords: each reading queries the store and compares every screen).
   */
  public void settle(Duration drainWithin, Duration equalWithin) {
    load.stop();
    drained = load.awaitDrained(drainWithin);
    drainedAt = System.nanoTime();
    ClusterFaultStore store = new ClusterFaultStore(vertx, pgUrl);
    long deadline = drainedAt + equalWithin.toNanos();
    while (true) {
      List<String> found = differences(store);
      if (found.isEmpty()) {
        screensEqualAt = System.nanoTime();
        differences = found;
        return;
      }
      differences = found;
      if (System.nanoTime() > deadline) {
        return;
      }
      io.watchfloor.Processes.sleep(100);
    }
  }

  private List<String> differences(ClusterFaultStore store) {
    try {
      ClusterFaultPicture picture = ClusterFaultPicture.read(store, LocalDate.now(TOWN_ZONE));
      List<String> out = new ArrayList<>();
      screens.forEach(s -> out.addAll(picture.differences(s.name, s.state())));
      screens.forEach(s -> out.addAll(s.violations()));
      return out;
    } catch (RuntimeException e) {
      return List.of("the store could not be read: " + e.getMessage());
    }
  }

  /** What the round did, read from the load's account and the store. */
  public Result result() {
    Map<String, Long> stored = new ClusterFaultStore(vertx, pgUrl).reportIds();
    List<String> notOnce = load.ackedAtNanos.keySet().stream().filter(id -> !Long.valueOf(1).equals(stored.get(id)))
        .map(id -> id + " stored " + stored.getOrDefault(id, 0L) + " times").toList();
    long doubled = stored.values().stream().filter(n -> n > 1).count();
    long[] gap = longestGap();
    List<String> before = load.ackedAtNanos.entrySet().stream().filter(e -> e.getValue() <= gap[0])
        .map(Map.Entry::getKey).toList();
    List<String> after = writesBack == 0 ? List.of() : load.sent.values().stream()
        .filter(s -> s.firstNanos() >= writesBack && load.ackedAtNanos.containsKey(s.id())).map(PgHaLoad.Sent::id).toList();
    return new Result(commandStarted, faultReturned, writesBack, gap, drained, drainedAt, screensEqualAt,
        differences, load.ackedAtNanos.size(), notOnce, doubled, load.answerCounts(), load.withoutRetryAfter.get(),
        List.copyOf(load.withoutRetryAfterSamples), Map.copyOf(load.rejected), txids(before, true), txids(after, false),
        after.size());
  }

  /**
   * The longest time without any acknowledgement from the command's start on, [last before, first after] in
   * System.nanoTime: at 200 reports/s acknowledgements come every few milliseconds until the fault strikes.
   */
  private long[] longestGap() {
    long[] gap = {commandStarted, commandStarted};
    long last = commandStarted;
    for (long t : load.ackTimesFrom(commandStarted)) {
      if (t - last > gap[1] - gap[0]) {
        gap = new long[] {last, t};
      }
      last = t;
    }
    return gap;
  }

  /** The highest (or lowest) txid of the reports {@code ids}, or -1 for none. */
  private long txids(Collection<String> ids, boolean highest) {
    if (ids.isEmpty()) {
      return -1;
    }
    String sql = "SELECT " + (highest ? "max" : "min") + "(txid)::text FROM report WHERE id = ANY($1::uuid[])";
    Row row = PgConnection.connect(vertx, PgConnectOptions.fromUri(pgUrl))
        .compose(conn -> conn.preparedQuery(sql).execute(Tuple.of(ids.stream().map(java.util.UUID::fromString)
            .toArray(java.util.UUID[]::new))).eventually(conn::close))
        .await().iterator().next();
    return row.getString(0) == null ? -1 : Long.parseLong(row.getString(0));
  }

  public void close() {
    load.close();
  }

  /**
   * The round as a user would have seen it; times are System.nanoTime, 0 for "never".
   * @param gap            the longest stretch without an acknowledgement after the command's start
   * @param lastTxidBefore the highest txid of the reports acknowledged before that stretch
   * @param firstTxidAfter the lowest txid of the reports first sent after writes were back
   */
  public record Result(long commandStarted, long faultReturned, long writesBack, long[] gap, boolean drained,
                       long drainedAt, long screensEqualAt, List<String> differences, long acknowledged,
                       List<String> notStoredOnce, long idsStoredTwice, Map<String, Long> answers,
                       long withoutRetryAfter, List<String> withoutRetryAfterSamples, Map<String, String> rejected,
                       long lastTxidBefore, long firstTxidAfter, long reportsAfter) {

    /**
     * Writes refused: from the last acknowledgement before the fault to the first after it, whatever report it
     * was (a report first sent after the command returned is acknowledged {@link #freshAfter} later at most).
     */
    public Duration refused() {
      return Duration.ofNanos(gap[1] - gap[0]);
    }

    /** When the fault struck, as near as the acknowledgements tell: the last one before the gap. */
    public long struck() {
      return gap[0];
    }

    /** From the fault until the first report sent after the command returned was acknowledged. */
    public Duration freshAfter() {
      return writesBack == 0 ? null : Duration.ofNanos(writesBack - gap[0]);
    }

    public Duration screensEqualAfterDrain() {
      return screensEqualAt == 0 ? null : Duration.ofNanos(Math.max(0, screensEqualAt - drainedAt));
    }

    public Duration screensEqualAfterFault() {
      return screensEqualAt == 0 ? null : Duration.ofNanos(screensEqualAt - gap[0]);
    }

    public long unavailable() {
      return answers.getOrDefault("HTTP 503", 0L);
    }

    public String summary() {
      return String.format("writes refused for %s (from the last acknowledgement before the fault to the first after"
              + " it; it struck %s after the command's start, which took %s); a report sent after the command"
              + " acknowledged %s after the fault; resends drained: %s, %s after the fault; screens equal the store"
              + " %s after the drain (%s after the fault); %d acknowledged, %d not stored exactly once, %d ids stored"
              + " twice; answers %s; 503/429 without Retry-After %d; txid before %d, after %d (%d reports)",
          seconds(refused()), seconds(Duration.ofNanos(gap[0] - commandStarted)),
          seconds(Duration.ofNanos(faultReturned - commandStarted)), seconds(freshAfter()), drained,
          seconds(Duration.ofNanos(drainedAt - gap[0])), seconds(screensEqualAfterDrain()),
          seconds(screensEqualAfterFault()), acknowledged, notStoredOnce.size(), idsStoredTwice, answers,
          withoutRetryAfter, lastTxidBefore, firstTxidAfter, reportsAfter);
    }

    static String seconds(Duration d) {
      return d == null ? "never" : String.format("%.2f s", d.toNanos() / 1e9);
    }
  }
}
