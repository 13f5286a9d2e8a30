package io.watchfloor.flag;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.watchfloor.bus.Addresses;
import io.watchfloor.bus.Local;
import io.watchfloor.config.StoreConfig;
import io.watchfloor.bus.BusFailure;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.domain.Flag;
import io.watchfloor.domain.MetricDef;
import io.watchfloor.domain.Site;
import io.watchfloor.domain.Report;
import io.watchfloor.flag.FlagMessages.ClearRequest;
import io.watchfloor.flag.FlagMessages.CountRequest;
import io.watchfloor.flag.FlagMessages.Counts;
import io.watchfloor.live.LiveMessages.Counted;
import io.watchfloor.store.StoreMessages.SiteDaySums;
import io.watchfloor.store.StoreMessages.SiteDaySumsRequest;
import io.watchfloor.store.StoreMessages.FlagsRequest;
import io.watchfloor.store.DataRefused;
import io.watchfloor.store.StoreUnavailable;
import io.watchfloor.storage.Storage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Flags readings at ingest for the daily review: every committed report ({@code reports.counted}) is
 * checked against its site's own history and its day's totals, and what it earns is stored in
 * report_flag. Serves the flags ({@code store.flags}), their clearing and the ranking's counts. The
 * history is loaded from the store when it opens, and the live picture lets the store take reports only
 * once it is ({@code flags.history-read}): no report is checked against a history not yet read.
 */
public final class FlagVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(FlagVerticle.class);
  private static final long LOAD_RETRY_MS = 2000;
  /** The embedded store's flags: far more than a month of a district's outliers. */
  private static final int MEMORY_MAX_FLAGS = 100_000;

  private final Clock clock;
  private final Catalogue catalogue;
  private final Storage storage;
  private final double k;
  private FlagStore store;
  private FlagChecker checker;
  /** The outlier check's history, read once the store opens: one state, retried until read. */
  private enum History { UNREAD, READING, READ }

  private History history = History.UNREAD;
  /** The store opened while a read was under way, which may have been refused by a store not open yet. */
  private boolean openedWhileReading;
  /** Who asked whether the history is read before it was: the live picture, once per rebuild attempt. */
  private final List<Message<Object>> askedBeforeRead = new ArrayList<>();
  private static final int MAX_ASKED_BEFORE_READ = 16;

  public FlagVerticle(Clock clock, Catalogue catalogue, Storage storage, double k) {
    this.clock = clock;
    this.catalogue = catalogue;
    this.storage = storage;
    this.k = k;
  }

  @Override
  public Future<?> start() {
    store = storage.choose(() -> new MemoryFlagStore(MEMORY_MAX_FLAGS), PgFlagStore::new);
    checker = new FlagChecker(catalogue, k);
    var bus = vertx.eventBus();
    return store.open()
        // local: each node checks every report its live picture counts and answers its own HTTP side
        .compose(v -> Future.join(
            bus.<Counted>localConsumer(Addresses.REPORTS_COUNTED, m -> onCounted(m.body())).completion(),
            bus.<FlagsRequest>localConsumer(Addresses.STORE_FLAGS, this::onList).completion(),
            bus.<ClearRequest>localConsumer(Addresses.FLAGS_CLEAR, this::onClear).completion(),
            bus.<CountRequest>localConsumer(Addresses.FLAGS_COUNT, this::onCount).completion(),
            bus.localConsumer(Addresses.FLAGS_HISTORY_READ, this::onHistoryAsked).completion(),
            bus.localConsumer(Addresses.STORE_OPENED, m -> onStoreOpened()).completion()))
        .onSuccess(v -> loadUnlessDone());
  }

  /** The last 28 days of readings and today's totals; retried until the store answers. */
  private void loadUnlessDone() {
    if (history != History.UNREAD) {
      return;
    }
    history = History.READING;
    long started = System.nanoTime();
    LocalDate today = LocalDate.now(clock.withZone(catalogue.jurisdiction().timezone()));
    Future<List<FlagStore.Reading>> readings = store.readings(catalogue.sites().stream().map(Site::id).toList(),
        clock.instant().minus(FlagChecker.WINDOW), FlagChecker.RING, FlagChecker.RING * 5);
    // today's totals summed by the store, not its reports read one by one: the start waits for them. Both
    // are applied only once both have come, so a read tried again seeds nothing twice.
    readings.compose(v -> vertx.eventBus().<SiteDaySums>request(Addresses.STORE_SITE_DAY_SUMS, todaysTotals(today), Local.only()))
        .onSuccess(reply -> {
          readings.result().forEach(r -> checker.seed(r.reportId(), r.site(), r.metric(), r.at(), r.value()));
          reply.body().sums().forEach(sum -> checker.seedDayTotal(sum.site(), sum.day(), sum.metric(), sum.total()));
          history = History.READ;
          openedWhileReading = false;
          LOG.info("flags: history read in {} ms", (System.nanoTime() - started) / 1_000_000);
          askedBeforeRead.forEach(asked -> asked.reply(true));
          askedBeforeRead.clear();
        })
        .onFailure(e -> {
          history = History.UNREAD;
          if (openedWhileReading) {
            // the read began before the store had opened, which it now has: at once, not in two seconds
            openedWhileReading = false;
            loadUnlessDone();
            return;
          }
          LOG.warn("flags: history not loaded yet ({}); retrying", e.getMessage());
          vertx.setTimer(LOAD_RETRY_MS, id -> loadUnlessDone());
        });
  }

  private void onStoreOpened() {
    openedWhileReading = history == History.READING;
    loadUnlessDone();
  }

  private SiteDaySumsRequest todaysTotals(LocalDate today) {
    return new SiteDaySumsRequest(List.of(today), catalogue.sites().stream().map(Site::id).toList(),
        catalogue.metrics().stream().map(MetricDef::key).toList(), List.of());
  }

  /** Answered once the history is read: at once, or when it is. */
  private void onHistoryAsked(Message<Object> message) {
    if (history == History.READ) {
      message.reply(true);
    } else if (askedBeforeRead.size() < MAX_ASKED_BEFORE_READ) {
      askedBeforeRead.add(message);
    } else {
      message.fail(503, "flags: history not read yet");
    }
  }

  /**
   * Every node checks every report and stores what it flags; report_flag's key (report, metric) keeps
   * one row of each. Flags are rare, and storing them on the rule evaluator's node alone lost those of
   * the reports counted before a node took the evaluator's lock: after a start, or a failover.
   */
  private void onCounted(Counted counted) {
    List<Flag> flags = new ArrayList<>();
    for (Report report : counted.reports()) {
      flags.addAll(checker.check(report, clock.instant()));
    }
    if (!flags.isEmpty()) {
      // a flag lost to a database outage is not retried: the review still has the reading, unmarked
      store.save(flags).onFailure(e -> LOG.warn("flags: {} flags not stored ({})", flags.size(), e.getMessage()));
    }
  }

  private void onList(Message<FlagsRequest> message) {
    FlagsRequest r = message.body();
    store.list(r.from(), r.to(), r.sites()).map(FlagJson::of)
        .onSuccess(message::reply).onFailure(e -> fail(message, e));
  }

  private void onClear(Message<ClearRequest> message) {
    ClearRequest r = message.body();
    store.find(r.reportId(), r.metric())
        .compose(found -> {
          if (found.isEmpty()) {
            return Future.failedFuture(new FlagFailure(404, "no such flag"));
          }
          if (!catalogue.containsSite(r.scope(), found.get().site())) {
            return Future.failedFuture(new FlagFailure(403, "outside your scope"));
          }
          return store.clear(r.reportId(), r.metric(), r.by(), r.note(), clock.instant());
        })
        .map(FlagJson::of)
        .onSuccess(message::reply).onFailure(e -> fail(message, e));
  }

  private void onCount(Message<CountRequest> message) {
    CountRequest r = message.body();
    LocalDate from = r.month().atDay(1);
    store.uncleared(r.metric(), from, from.plusMonths(1), List.copyOf(r.areaBySite().keySet()))
        .map(bySite -> {
          Map<String, Long> byArea = new HashMap<>();
          bySite.forEach((site, n) -> byArea.merge(r.areaBySite().get(site), n, Long::sum));
          return new Counts(byArea);
        })
        .onSuccess(message::reply).onFailure(e -> fail(message, e));
  }

  private static void fail(Message<?> message, Throwable e) {
    message.reply(DataRefused.or503(e, 2));
  }

  @Override
  public Future<?> stop() {
    return store == null ? Future.succeededFuture() : store.close();
  }
}
