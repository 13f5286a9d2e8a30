package io.watchfloor.cases;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.watchfloor.audit.AuditEntry;
import io.watchfloor.audit.AuditLog;
import io.watchfloor.bus.Addresses;
import io.watchfloor.bus.Local;
import io.watchfloor.config.CaseTimeSeed;
import io.watchfloor.domain.CaseDeadlines;
import io.watchfloor.domain.WorkCalendar;
import io.watchfloor.storage.Storage;
import io.watchfloor.store.DataRefused;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Function;

/**
 * Owns the time-limit table and the working-day calendar in the store, and this node's {@link CaseTime}.
 * Seeds an empty store from config/case-limits.json once, answers the admin API, and keeps every node's
 * deadlines current: a change is published to every node at once, and, should that be lost (a node joining,
 * or dying between its commit and its publish), each node's check of the store's version every half second
 * makes it up. Until the store first answers, the file's table holds.
 */
public final class DeadlineVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(DeadlineVerticle.class);
  /** Half the second every node has to take a change: a publish lost is made up within it. */
  static final long CHECK_MS = 500;
  static final String LIMITS_AUDIT = "case-limits.update";
  static final String CALENDAR_AUDIT = "calendar.update";
  private static final DeliveryOptions LOCAL = Local.only();

  private final Clock clock;
  private final CaseTimeSeed seed;
  private final CaseTime time;
  private final ZoneId zone;
  private final Storage storage;
  private DeadlineStore store;
  private AuditLog audit;
  private boolean loaded;
  /** The version this node's deadlines come from ({@code inForce} in the API's answers); -1 before the first. */
  private long held = -1;
  private boolean checking;
  private long timer;

  public DeadlineVerticle(Clock clock, ZoneId zone, CaseTimeSeed seed, CaseTime time, Storage storage) {
    this.clock = clock;
    this.zone = zone;
    this.seed = seed;
    this.time = time;
    this.storage = storage;
  }

  @Override
  public Future<?> start() {
    store = storage.choose(MemoryDeadlineStore::new, PgDeadlineStore::new);
    audit = new AuditLog(vertx, clock);
    return store.open()
        .compose(v -> Future.join(List.of(
            vertx.eventBus().localConsumer(Addresses.CASES_LIMITS, this::onLimits).completion(),
            vertx.eventBus().<DeadlineMessages.LimitsUpdate>localConsumer(Addresses.CASES_LIMITS_UPDATE, this::onLimitsUpdate)
                .completion(),
            vertx.eventBus().<DeadlineMessages.CalendarRequest>localConsumer(Addresses.CASES_CALENDAR, this::onCalendar)
                .completion(),
            vertx.eventBus().<DeadlineMessages.CalendarUpdate>localConsumer(Addresses.CASES_CALENDAR_UPDATE,
                this::onCalendarUpdate).completion(),
            vertx.eventBus().consumer(Addresses.CASES_TIME_CHANGED, m -> check()).completion(),
            vertx.eventBus().localConsumer(Addresses.STORE_OPENED, m -> check()).completion())))
        // a store that is down at start is not a reason not to start: the check seeds it once it answers
        .compose(v -> load().otherwiseEmpty())
        .onSuccess(v -> timer = vertx.setPeriodic(CHECK_MS, id -> check()));
  }

  private Future<Void> load() {
    return store.seedIfEmpty(seed.limits(), seed.days())
        .onSuccess(seeded -> {
          if (seeded) {
            LOG.info("cases: seeded the store with {} time limits and {} marked days of the time-limit file",
                seed.limits().size(), seed.days().size());
          }
        })
        .compose(seeded -> store.all())
        .onSuccess(table -> {
          loaded = true;
          take(table);
        })
        .onFailure(e -> LOG.warn("cases: cannot read the time limits yet ({}); the file's hold until then", e.getMessage()))
        .mapEmpty();
  }

  private void check() {
    if (checking) {
      return;
    }
    checking = true;
    Future<Void> round = !loaded ? load()
        : store.version().compose(version -> version == held ? Future.succeededFuture()
            : store.all().onSuccess(this::take).mapEmpty());
    round.onComplete(r -> checking = false);
  }

  /** A newer version replaces this node's deadlines whole. */
  private void take(DeadlineStore.TimeTable table) {
    if (table.version() > held) {
      held = table.version();
      time.swap(new CaseDeadlines(table.limits(), new WorkCalendar(table.days()), zone));
    }
  }

  private void onLimits(Message<Object> message) {
    store.all().onSuccess(table -> message.reply(TimeJson.limits(table.version(), table.limits()).put("inForce", held)))
        .onFailure(e -> message.reply(DataRefused.or503(e, 2)));
  }

  private void onCalendar(Message<DeadlineMessages.CalendarRequest> message) {
    int year = message.body().year();
    store.all().onSuccess(table -> message.reply(TimeJson.calendar(table.version(), year,
            new WorkCalendar(table.days()).year(year)).put("inForce", held)))
        .onFailure(e -> message.reply(DataRefused.or503(e, 2)));
  }

  /**
   * Stored with its audit line (in one transaction on PostgreSQL: a failover in between keeps neither), taken on this
   * node, then published to every node; only then answered, so the admin's next case on this node already meets the
   * new table.
   */
  private void onLimitsUpdate(Message<DeadlineMessages.LimitsUpdate> message) {
    DeadlineMessages.LimitsUpdate update = message.body();
    Function<DeadlineStore.Change<List<CaseDeadlines.Row>>, AuditEntry> line = change -> audit.line(update.by(),
        LIMITS_AUDIT, "case-limits", update.scope(), new JsonObject().put("rows", TimeJson.rows(change.before())),
        new JsonObject().put("rows", TimeJson.rows(change.after())));
    store.replaceLimits(update.rows(), line)
        .compose(change -> store.auditsItself() ? Future.succeededFuture(change) : audit.record(line.apply(change)).map(change))
        .compose(change -> changed(change.version()).map(change))
        .onSuccess(change -> {
          LOG.info("cases: the time-limit table changed by {} (version {})", update.by(), change.version());
          message.reply(TimeJson.limits(change.version(), change.after()).put("inForce", held));
        })
        .onFailure(e -> message.reply(DataRefused.or503(e, 2)));
  }

  private void onCalendarUpdate(Message<DeadlineMessages.CalendarUpdate> message) {
    DeadlineMessages.CalendarUpdate update = message.body();
    int year = update.year();
    Function<DeadlineStore.Change<List<WorkCalendar.Day>>, AuditEntry> line = change -> audit.line(update.by(),
        CALENDAR_AUDIT, "calendar/" + year, update.scope(), new JsonObject().put("days", TimeJson.days(change.before())),
        new JsonObject().put("days", TimeJson.days(change.after())));
    store.replaceYear(year, update.days(), line)
        .compose(change -> store.auditsItself() ? Future.succeededFuture(change) : audit.record(line.apply(change)).map(change))
        .compose(change -> changed(change.version()).map(change))
        .onSuccess(change -> {
          LOG.info("cases: the calendar of {} changed by {} (version {})", year, update.by(), change.version());
          message.reply(TimeJson.calendar(change.version(), year, change.after()).put("inForce", held));
        })
        .onFailure(e -> message.reply(DataRefused.or503(e, 2)));
  }

  /** Takes the store's tables on this node, then tells every other node. */
  private Future<Void> changed(long version) {
    // committed: a failed read here is made up by the next check, and must not answer the change as failed
    return store.all().onSuccess(this::take)
        .onComplete(r -> vertx.eventBus().publish(Addresses.CASES_TIME_CHANGED, new JsonObject().put("version", version)))
        .otherwiseEmpty().mapEmpty();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return store == null ? Future.succeededFuture() : store.close();
  }
}
