package io.watchfloor.cases;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.watchfloor.bus.Addresses;
import io.watchfloor.bus.NotifyEvents;
import io.watchfloor.notify.EventKind;
import io.watchfloor.bus.BusFailure;
import io.watchfloor.cases.CaseMessages.Act;
import io.watchfloor.cases.CaseMessages.Answer;
import io.watchfloor.cases.CaseMessages.Get;
import io.watchfloor.cases.CaseMessages.ListRequest;
import io.watchfloor.cases.CaseMessages.Open;
import io.watchfloor.cases.CaseMessages.PhotoRequest;
import io.watchfloor.cases.CaseMessages.StatsRequest;
import io.watchfloor.config.CasesConfig;
import io.watchfloor.domain.CaseEvent;
import io.watchfloor.domain.CaseFile;
import io.watchfloor.domain.CaseMachine;
import io.watchfloor.domain.CaseRefused;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.domain.FieldError;
import io.watchfloor.domain.StageClock;
import io.watchfloor.storage.Storage;
import io.watchfloor.store.DataRefused;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The closed loop's cases (docs/api.md, cases): opens them, runs each action through the store (which runs
 * {@link CaseMachine} on the case as stored), answers reads cut to the caller's reach, and publishes every
 * stored change on {@code cases.changed} for the live pictures of every node. Failures keep their meaning on
 * the bus as {@link CaseFailure} (404, 409, 422) or the store's 503.
 */
public final class CaseVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(CaseVerticle.class);
  private static final int RETRY_AFTER_SECONDS = 2;
  private static final long FORGET_CHECK_MS = 3_600_000L;
  /** An Idempotency-Key is kept a week: a phone offline for days still resends into a known answer. */
  private static final Duration REQUESTS_KEPT = Duration.ofDays(7);

  private final Clock clock;
  private final CasesConfig config;
  private final StageClock deadlines;
  private final Storage storage;
  private final CaseReach reach;
  private final CaseStats stats;
  private final InFlight inFlight = new InFlight();
  private CaseMachine machine;
  private CaseStore store;
  private long forgetTimer = -1;

  public CaseVerticle(Clock clock, Catalogue catalogue, CasesConfig config, StageClock deadlines, Storage storage) {
    this.clock = clock;
    this.config = config;
    this.deadlines = deadlines;
    this.storage = storage;
    this.reach = new CaseReach(catalogue);
    this.stats = new CaseStats(catalogue, reach);
  }

  @Override
  public Future<?> start() {
    machine = new CaseMachine(deadlines);
    store = storage.choose(() -> new MemoryCaseStore(machine, config.memoryMaxCases()), pools -> new PgCaseStore(pools, machine));
    return store.open()
        .compose(v -> Future.join(List.of(
            vertx.eventBus().<Open>localConsumer(Addresses.CASES_OPEN, this::onOpen).completion(),
            vertx.eventBus().<Act>localConsumer(Addresses.CASES_ACT, this::onAct).completion(),
            vertx.eventBus().<ListRequest>localConsumer(Addresses.CASES_LIST, this::onList).completion(),
            vertx.eventBus().<Get>localConsumer(Addresses.CASES_GET, this::onGet).completion(),
            vertx.eventBus().<PhotoRequest>localConsumer(Addresses.CASES_PHOTO, this::onPhoto).completion(),
            vertx.eventBus().<StatsRequest>localConsumer(Addresses.CASES_STATS, this::onStats).completion(),
            vertx.eventBus().<DeadlineMessages.Due>localConsumer(Addresses.CASES_DUE, this::onDue).completion())))
        .onSuccess(v -> forgetTimer = vertx.setPeriodic(FORGET_CHECK_MS, id -> forgetOldRequests()));
  }

  private void onOpen(Message<Open> message) {
    Open open = message.body();
    // kept to the microsecond as PostgreSQL keeps it, so the answer equals what a later read gives
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    CaseFile.Subject s = open.subject();
    CaseFile.Subject subject = new CaseFile.Subject(s.title(), s.category(), s.urgency(), s.site(), s.area(), s.alert(),
        s.description(), s.source(), s.openedBy(), now);
    if (open.unit() == null && open.scope() != null && !reach.inScope(open.scope(), subject.area())) {
      message.reply(CaseFailure.invalid("the case's area is outside your scope",
          new FieldError("area", "not an area of your scope")));
      return;
    }
    CaseMachine.Step opening = machine.open(open.id(), subject, now);
    inFlight.run(open.request(), () -> store.open(opening, open.photos(), open.request(), CaseJson::of).map(this::stored))
        .onSuccess(message::reply)
        .onFailure(e -> fail(message, e));
  }

  private void onAct(Message<Act> message) {
    Act act = message.body();
    // a case's area and unit change only by an action, which the store checks again against the stored case
    inFlight.run(act.request(), () -> reached(act.id(), act.scope(), act.unit())
            .compose(found -> store.act(act.id(), act.command(), act.photos(), clock.instant(), act.request(), CaseJson::of))
            .map(this::stored))
        .onSuccess(message::reply)
        .onFailure(e -> fail(message, e));
  }

  /** The answer of a write; a stored change is published for every node's live picture. */
  private Answer stored(CaseStore.Outcome outcome) {
    if (outcome.step() != null && !outcome.replayed()) {
      CaseFile after = outcome.step().after();
      LOG.info("case {} {} by {}: {}", after.id(), outcome.step().event().action().key(), outcome.step().event().by(),
          after.state().key());
      vertx.eventBus().publish(Addresses.CASES_CHANGED, CaseJson.of(after));
      CaseEvent event = outcome.step().event();
      EventKind.ofCaseStep(event.action().key(), after.state().key()).ifPresent(kind ->
          NotifyEvents.publish(vertx, kind.key(), after.id().toString(), Integer.toString(event.seq()), event.at(), null));
    }
    return new Answer(outcome.status(), outcome.answer());
  }

  /** The case, if it exists and the caller reaches it; otherwise the one 404 of a case that does not exist. */
  private Future<CaseFile> reached(UUID id, String scope, String unit) {
    return store.find(id).compose(found -> found.isPresent() && reach.reaches(found.get(), scope, unit)
        ? Future.succeededFuture(found.get()) : Future.failedFuture(CaseFailure.notFound()));
  }

  private void onList(Message<ListRequest> message) {
    ListRequest request = message.body();
    CaseStore.Filter asked = request.filter();
    boolean unit = request.unit() != null;
    CaseStore.Filter filter = new CaseStore.Filter(unit ? null : reach.areas(request.scope(), asked.areas()),
        asked.state(), asked.open(), asked.overdue(), asked.nearDue(), asked.supervised(),
        unit ? request.unit() : asked.unit(), asked.category(), Math.max(1, Math.min(asked.limit(), config.listLimit())));
    if (filter.areas() != null && filter.areas().isEmpty()) {
      message.reply(new JsonArray());
      return;
    }
    store.list(filter)
        .onSuccess(cases -> message.reply(CaseJson.of(cases)))
        .onFailure(e -> fail(message, e));
  }

  private void onGet(Message<Get> message) {
    Get get = message.body();
    String base = get.unit() != null ? "/api/v1/tasks" : "/api/v1/cases";
    reached(get.id(), get.scope(), get.unit())
        .compose(file -> store.detail(get.id()))
        .compose(detail -> detail.isPresent() ? Future.succeededFuture(CaseJson.detail(detail.get(), base))
            : Future.failedFuture(CaseFailure.notFound()))
        .onSuccess(message::reply)
        .onFailure(e -> fail(message, e));
  }

  private void onPhoto(Message<PhotoRequest> message) {
    PhotoRequest request = message.body();
    reached(request.caseId(), request.scope(), request.unit())
        .compose(file -> store.photo(request.caseId(), request.photoId()))
        .compose(photo -> photo.isPresent() ? Future.succeededFuture(photo.get())
            : Future.failedFuture(CaseFailure.photoNotFound()))
        .onSuccess(message::reply)
        .onFailure(e -> fail(message, e));
  }

  private void onStats(Message<StatsRequest> message) {
    stats.figures(store, message.body(), clock.instant())
        .onSuccess(message::reply)
        .onFailure(e -> fail(message, e));
  }

  /** The deadline clock's question: what is near due, overdue, or due a step up now. */
  private void onDue(Message<DeadlineMessages.Due> message) {
    DeadlineMessages.Due due = message.body();
    store.due(due.now(), due.escalateAfter(), due.tops(), due.limit())
        .onSuccess(cases -> message.reply(new DeadlineMessages.DueCases(cases)))
        .onFailure(e -> fail(message, e));
  }

  private void forgetOldRequests() {
    store.forgetRequests(clock.instant().minus(REQUESTS_KEPT))
        .onSuccess(n -> LOG.debug("forgot {} idempotency keys", n))
        .onFailure(e -> LOG.debug("forgetting old idempotency keys failed: {}", e.getMessage()));
  }

  private static void fail(Message<?> message, Throwable e) {
    message.reply(failure(e));
  }

  /** The store's refusals as the HTTP side answers them; anything else is the store not answering now. */
  static BusFailure failure(Throwable e) {
    if (e instanceof CaseFailure known) {
      return known;
    }
    if (e instanceof CaseNotFound) {
      return CaseFailure.notFound();
    }
    if (e instanceof CaseRefused refused) {
      return CaseFailure.refused(refused);
    }
    if (e instanceof RequestReused) {
      return CaseFailure.reused();
    }
    if (e instanceof CaseConflict conflict) {
      return CaseFailure.conflict(conflict.getMessage(),
          conflict.existing() == null ? Map.of() : Map.of("case", conflict.existing().toString()));
    }
    return DataRefused.or503(e, RETRY_AFTER_SECONDS);
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(forgetTimer);
    return store == null ? Future.succeededFuture() : store.close();
  }
}
