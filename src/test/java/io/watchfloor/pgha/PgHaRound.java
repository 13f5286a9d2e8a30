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
  private long faultStarted;
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
   * Runs the fault, which returns once it is done (the primary killed, the switchover made) and says when it
   * struck; the round's times count from then, not from the command's start (the script looks up the primary
   * first, which takes seconds on a busy machine). The reports that tell writes are back are those sent after
   * the command returned: none of them can have been committed by the old primary.
   */
  public void fault(java.util.function.Supplier<java.time.Instant> fault) {
    commandStarted = System.nanoTime();
    java.time.Instant at = fault.get();
    faultReturned = System.nanoTime();
    long before = Duration.between(at, java.time.Instant.now()).toNanos();
    faultStarted = Math.max(commandStarted, Math.min(faultReturned, System.nanoTime() - before));
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
    List<String> before = load.ackedAtNanos.entrySet().stream().filter(e -> e.getValue() < faultStarted)
        .map(Map.Entry::getKey).toList();
    List<String> after = writesBack == 0 ? List.of() : load.sent.values().stream()
        .filter(s -> s.firstNanos() >= writesBack && load.ackedAtNanos.containsKey(s.id())).map(PgHaLoad.Sent::id).toList();
    return new Result(commandStarted, faultStarted, faultReturned, writesBack, longestGap(), drained, drainedAt, screensEqualAt,
        differences, load.ackedAtNanos.size(), notOnce, doubled, load.answerCounts(), load.withoutRetryAfter.get(),
        List.copyOf(load.withoutRetryAfterSamples), Map.copyOf(load.rejected), txids(before, true), txids(after, false),
        after.size());
  }

  /** The longest time from the fault on without any acknowledgement: [start, end] in System.nanoTime. */
  private long[] longestGap() {
    long[] gap = {faultStarted, faultStarted};
    long last = faultStarted;
    for (long t : load.ackTimesFrom(faultStarted)) {
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
   * @param lastTxidBefore the highest txid of the reports acknowledged before the fault
   * @param firstTxidAfter the lowest txid of the reports first sent after writes were back
   */
  public record Result(long commandStarted, long faultStarted, long faultReturned, long writesBack, long[] gap, boolean drained,
                       long drainedAt, long screensEqualAt, List<String> differences, long acknowledged,
                       List<String> notStoredOnce, long idsStoredTwice, Map<String, Long> answers,
                       long withoutRetryAfter, List<String> withoutRetryAfterSamples, Map<String, String> rejected,
                       long lastTxidBefore, long firstTxidAfter, long reportsAfter) {

    /** From the fault's start to the first acknowledgement of a report sent after it: writes back. */
    public Duration writesBackAfter() {
      return writesBack == 0 ? null : Duration.ofNanos(writesBack - faultStarted);
    }

    /** The longest stretch after the fault with no acknowledgement at all: the time writes were refused. */
    public Duration longestGap() {
      return Duration.ofNanos(gap[1] - gap[0]);
    }

    public Duration screensEqualAfterDrain() {
      return screensEqualAt == 0 ? null : Duration.ofNanos(Math.max(0, screensEqualAt - drainedAt));
    }

    public Duration screensEqualAfterFault() {
      return screensEqualAt == 0 ? null : Duration.ofNanos(screensEqualAt - faultStarted);
    }

    public long unavailable() {
      return answers.getOrDefault("HTTP 503", 0L);
    }

    public String summary() {
      return String.format("writes back %s after the fault (longest gap without an acknowledgement %s; the command "
              + "struck %s after its start and took %s); resends drained: %s, %s after the fault; screens equal the store %s after the drain "
              + "(%s after the fault); %d acknowledged, %d not stored exactly once, %d ids stored twice; answers %s; "
              + "503/429 without Retry-After %d; txid before %d, after %d (%d reports)",
          seconds(writesBackAfter()), seconds(longestGap()), seconds(Duration.ofNanos(faultStarted - commandStarted)),
          seconds(Duration.ofNanos(faultReturned - commandStarted)),
          drained, seconds(Duration.ofNanos(drainedAt - faultStarted)), seconds(screensEqualAfterDrain()),
          seconds(screensEqualAfterFault()), acknowledged, notStoredOnce.size(), idsStoredTwice, answers,
          withoutRetryAfter, lastTxidBefore, firstTxidAfter, reportsAfter);
    }

    static String seconds(Duration d) {
      return d == null ? "never" : String.format("%.2f s", d.toNanos() / 1e9);
    }
  }
}
