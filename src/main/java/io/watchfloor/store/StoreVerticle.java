package io.watchfloor.store;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.watchfloor.bus.Addresses;
import io.watchfloor.bus.Local;
import io.watchfloor.config.StoreConfig;
import io.watchfloor.domain.Outcome;
import io.watchfloor.domain.Report;
import io.watchfloor.ops.Meters;
import io.watchfloor.storage.Storage;
import io.watchfloor.store.StoreMessages.AcceptedReports;
import io.watchfloor.store.StoreMessages.AppendRequest;
import io.watchfloor.store.StoreMessages.AppendResult;
import io.watchfloor.store.StoreMessages.DayReports;
import io.watchfloor.store.StoreMessages.DayRequest;
import io.watchfloor.store.StoreMessages.DayStats;
import io.watchfloor.store.StoreMessages.DayStatsRequest;
import io.watchfloor.store.StoreMessages.MonthSums;
import io.watchfloor.store.StoreMessages.MonthSumsRequest;
import io.watchfloor.store.StoreMessages.RecentRequest;
import io.watchfloor.store.StoreMessages.SeriesPoints;
import io.watchfloor.store.StoreMessages.SeriesRequest;
import io.watchfloor.store.StoreMessages.SiteReports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Owns the report store and its group commit; serves it on the event bus. The database may be down
 * when the server starts: the store then keeps trying to open, says so at readiness, and refuses
 * reports with 503. Appends are taken only once the live picture has been rebuilt from the store
 * ({@code store.accepting}), so no report can be counted both by the rebuild and live. Failures go
 * back as {@link StoreUnavailable} itself, so the HTTP side keeps its status and Retry-After.
 */
public final class StoreVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(StoreVerticle.class);

  private final StoreConfig config;
  private final Storage storage;
  private final Duration lateWindow;
  private final Clock clock;
  private ReportStore store;
  private GroupCommitter committer;
  private InDoubtReports inDoubt;
  private StorePhase phase = new StorePhase.Connecting("connecting");
  private ReusedPing pings;
  private PrimaryProbe primary;

  /** @param lateWindow {@code ingest.late-window}: PostgreSQL's partitions are made ready back to it */
  public StoreVerticle(StoreConfig config, Storage storage, Duration lateWindow, Clock clock) {
    this.config = config;
    this.storage = storage;
    this.lateWindow = lateWindow;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    store = storage.choose(() -> new MemoryStore(config.memoryMaxReports()),
        pools -> new PgStore(vertx, pools, lateWindow, config.retentionMonths(), clock));
    StoreConfig.GroupCommit group = config.groupCommit();
    committer = new GroupCommitter(store, new GroupCommitter.Limits(group.maxBatch(), group.maxInFlight(), group.maxQueued(),
        group.maxQueuedPerUnit(), group.overlapFrom(), new GroupCommitter.Linger(group.lingerMs(), group.lingerUntil(),
        group.busyFrom())), Meters.registry(), this::publishAccepted, GroupCommitter.timersOf(vertx));
    pings = new ReusedPing(store::ping);
    inDoubt = new InDoubtReports(store, config.inDoubt().max(), config.inDoubt().keep(), this::publishResent);
    vertx.setPeriodic(config.inDoubt().checkMs(), id -> inDoubt.check());
    return Future.join(List.of(
            consumer(Addresses.STORE_APPEND, this::append),
            consumer(Addresses.STORE_DAY, (Message<DayRequest> m) -> serve(m, this::reportsOn)),
            consumer(Addresses.STORE_DAY_SUMS, (Message<StoreMessages.DaySumsRequest> m) -> serve(m, r -> commitLog().daySums(r))),
            consumer(Addresses.STORE_HOURLY_SUMS, (Message<StoreMessages.HourlySumsRequest> m) ->
                serve(m, r -> store.hourlySums(r).map(StoreMessages.HourlySums::new))),
            consumer(Addresses.STORE_RECENT, (Message<RecentRequest> m) -> serve(m, r -> store.recent(r.site(), r.limit()).map(SiteReports::new))),
            consumer(Addresses.STORE_SERIES, (Message<SeriesRequest> m) -> serve(m, r -> store.series(r.query()).map(SeriesPoints::new))),
            consumer(Addresses.STORE_MONTH_SUMS, (Message<MonthSumsRequest> m) -> serve(m, this::monthSums)),
            consumer(Addresses.STORE_HORIZON, (Message<StoreMessages.HorizonRequest> m) ->
                serve(m, r -> commitLog().horizon().map(StoreMessages.Horizon::new))),
            consumer(Addresses.STORE_TAIL, (Message<StoreMessages.TailRequest> m) ->
                serve(m, r -> commitLog().tail(r.after(), r.limit()))),
            consumer(Addresses.STORE_DAY_STATS, (Message<DayStatsRequest> m) -> serve(m, r -> store.dayStats(r.day()).map(DayStats::new))),
            // the daily review's sums
            consumer(Addresses.STORE_SITE_DAY_SUMS, (Message<StoreMessages.SiteDaySumsRequest> m) ->
                serve(m, r -> store.siteDaySums(r).map(StoreMessages.SiteDaySums::new))),
            consumer(Addresses.STORE_DAY_STATS_RANGE, (Message<StoreMessages.DayStatsRangeRequest> m) ->
                serve(m, r -> store.dayStatsRange(r.from(), r.to(), r.sites()).map(StoreMessages.DayStatsRange::new))),
            consumer(Addresses.STORE_VIEWER_DAY, (Message<StoreMessages.ViewerDayRequest> m) ->
                serve(m, r -> store.viewerDay(r.day(), r.sites()).map(DayReports::new))),
            consumer(Addresses.STORE_PING, this::ping),
            consumer(Addresses.STORE_ACCEPTING, this::startAccepting)))
        .compose(v -> open());
  }

  /** Completes after the first attempt either way: a server whose database is down still starts, not ready. */
  private Future<Void> open() {
    return store.open()
        .onSuccess(v -> {
          phase = new StorePhase.Rebuilding();
          announce();
          watchPrimary();
          vertx.eventBus().publish(Addresses.STORE_OPENED, store.kind(), Local.only());
        })
        .onFailure(e -> {
          phase = new StorePhase.Connecting(e.getMessage());
          LOG.error("store: cannot open the {} store ({}); not ready, reports get 503; retrying in {} ms",
              store.kind(), e.getMessage(), config.openRetryMs());
          vertx.setTimer(config.openRetryMs(), id -> open());
        })
        .otherwiseEmpty();
  }

  /** On PostgreSQL only: the embedded store has no server to change hands. */
  private void watchPrimary() {
    if (primary == null && store instanceof PgStore pg) {
      primary = new PrimaryProbe(vertx, pg::server, config.primaryProbeMs(), Meters.registry());
    }
  }

  private void announce() {
    if (store.durable()) {
      LOG.info("store: {} (durable)", store.kind());
    } else {
      LOG.warn("store: EMBEDDED, IN MEMORY ONLY. Every report is lost when the server stops. "
          + "Set WATCHFLOOR_STORE=postgres for a real deployment.");
    }
  }

  /** Every store address is this node's own: in a cluster a plain consumer would take other nodes' requests. */
  private <T> Future<Void> consumer(String address, io.vertx.core.Handler<Message<T>> handler) {
    MessageConsumer<T> consumer = vertx.eventBus().localConsumer(address, handler);
    return consumer.completion();
  }

  private Future<DayReports> reportsOn(DayRequest request) {
    return (request.below() == null ? store.reportsOn(request.day()) : commitLog().reportsOn(request.day(), request.below()))
        .map(DayReports::new);
  }

  private Future<MonthSums> monthSums(MonthSumsRequest r) {
    return (r.below() == null ? store.monthSums(r.metric(), r.month(), r.areaBySite())
        : commitLog().monthSums(r.metric(), r.month(), r.areaBySite(), r.below())).map(MonthSums::new);
  }

  /** Asked only when the live picture follows the store's commits, which it does only on a store that has them. */
  private CommitLog commitLog() {
    return store.commitLog()
        .orElseThrow(() -> new IllegalStateException("the " + store.kind() + " store has no commit log"));
  }

  private static void fail(Message<?> message, Throwable failure) {
    message.reply(StoreUnavailable.of(failure, 2));
  }

  private <T, R> void serve(Message<T> message, Function<T, Future<R>> query) {
    StoreUnavailable refused = phase.refusal(false);
    if (refused != null) {
      message.reply(refused);
      return;
    }
    query.apply(message.body()).onSuccess(message::reply).onFailure(e -> fail(message, e));
  }

  private void append(Message<AppendRequest> message) {
    StoreUnavailable refused = phase.refusal(true);
    if (refused != null) {
      message.reply(refused);
      return;
    }
    List<Report> reports = message.body().reports();
    committer.submit(reports)
        .onSuccess(outcomes -> {
          publishDuplicates(reports, outcomes);
          message.reply(new AppendResult(outcomes));
        })
        .onFailure(e -> {
          if (!(e instanceof UnitQueueFull)) {
            // a unit over its share was never tried; anything else may have committed unseen
            inDoubt.add(reports);
          }
          fail(message, e);
        });
  }

  /**
   * A duplicate may be the resend of a report whose first acknowledgement was lost with the
   * connection, and whose commit the live picture never heard of; the picture counts it only if so.
   */
  private void publishDuplicates(List<Report> reports, List<Outcome> outcomes) {
    List<Report> duplicates = new ArrayList<>();
    for (int i = 0; i < reports.size(); i++) {
      if (outcomes.get(i) == Outcome.DUPLICATE) {
        duplicates.add(reports.get(i));
      }
    }
    if (!duplicates.isEmpty()) {
      publishResent(duplicates);
    }
  }

  private void publishResent(List<Report> reports) {
    vertx.eventBus().publish(Addresses.REPORTS_ACCEPTED, new AcceptedReports(List.copyOf(reports), true), Local.only());
  }

  private void startAccepting(Message<Object> message) {
    phase = new StorePhase.Accepting();
    message.reply(describe());
  }

  /** This node's picture takes the reports at once; every node's tail is woken to read them from the store. */
  private void publishAccepted(List<Report> accepted) {
    vertx.eventBus().publish(Addresses.REPORTS_ACCEPTED, new AcceptedReports(List.copyOf(accepted)), Local.only());
    if (store.commitLog().isPresent()) {
      vertx.eventBus().publish(Addresses.REPORTS_COMMITTED, null);
    }
  }

  /** Ready means reports can be committed now: open, rebuilt, and the database answering. */
  private void ping(Message<Object> message) {
    StoreUnavailable refused = phase.refusal(true);
    if (refused != null) {
      message.reply(refused);
      return;
    }
    pings.latest()
        .onSuccess(v -> message.reply(describe()))
        .onFailure(e -> fail(message, e));
  }

  private JsonObject describe() {
    JsonObject info = new JsonObject().put("kind", store.kind()).put("durable", store.durable());
    if (!store.durable()) {
      info.put("warning", "embedded store: every report is lost when the server stops");
    }
    return info;
  }

  @Override
  public Future<?> stop() {
    if (primary != null) {
      primary.stop();
    }
    return store == null ? Future.succeededFuture() : store.close();
  }
}
