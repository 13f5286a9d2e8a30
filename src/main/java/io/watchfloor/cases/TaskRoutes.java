package io.watchfloor.cases;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.watchfloor.cases.CaseMessages.Act;
import io.watchfloor.cases.CaseMessages.Get;
import io.watchfloor.cases.CaseMessages.ListRequest;
import io.watchfloor.cases.CaseMessages.Open;
import io.watchfloor.cases.CaseMessages.PhotoRequest;
import io.watchfloor.config.CasesConfig;
import io.watchfloor.domain.CaseAction;
import io.watchfloor.domain.CaseAction.Actor;
import io.watchfloor.domain.CaseCommand;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.domain.FieldUnit;
import io.watchfloor.http.ApiError;
import io.watchfloor.http.Guards;
import io.watchfloor.http.Principal;
import io.watchfloor.http.Routes;
import io.watchfloor.http.StrictBody;
import io.watchfloor.http.UnitRateLimiter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The units' task API (docs/api.md, cases), with their bearer token: the cases dispatched to them, signing for
 * one, handing it back, reporting back with photos, asking for more time, and opening a case from the field
 * (上报事件). A unit reaches only the cases dispatched to it and those it opened.
 */
public final class TaskRoutes implements Routes {
  private final Clock clock;
  private final CasesConfig config;
  private final CaseCalls calls;
  private final CaseOpening opening;
  private final PhotoUpload uploads;
  private final UnitRateLimiter budget;

  public TaskRoutes(Vertx vertx, Catalogue catalogue, Clock clock, CasesConfig config, CaseNeighbours neighbours) {
    this.clock = clock;
    this.config = config;
    this.calls = new CaseCalls(vertx);
    this.opening = new CaseOpening(catalogue, config.categories(), neighbours);
    this.uploads = new PhotoUpload(vertx, config.photosPerAction(), config.photoMaxBytes());
    this.budget = UnitRateLimiter.shared(vertx, UnitRateLimiter.TASKS, config.unitWritesPerMinute(),
        Duration.ofMinutes(1), config.unitWriteBurst());
  }

  @Override
  public void mount(Router router, Guards guards) {
    Handler<RoutingContext> unit = guards.requireUnit();
    router.get("/api/v1/tasks").handler(unit).handler(this::list);
    router.get("/api/v1/tasks/:id").handler(unit).handler(this::detail);
    router.get("/api/v1/tasks/:id/photos/:photoId").handler(unit).handler(this::photo);
    BodyHandler withPhotos = uploads.bodyHandler();
    // the guard on a route of its own first, so a caller without a token is refused before any file is written
    router.post("/api/v1/tasks").handler(unit).handler(this::withinBudget);
    router.post("/api/v1/tasks").handler(uploads::bounded);
    router.post("/api/v1/tasks").handler(withPhotos).handler(this::open);
    // before /:action, which would take the report's photos as a too large JSON body
    router.post("/api/v1/tasks/:id/report").handler(unit).handler(this::withinBudget);
    router.post("/api/v1/tasks/:id/report").handler(uploads::bounded);
    router.post("/api/v1/tasks/:id/report").handler(withPhotos).handler(this::report);
    router.post("/api/v1/tasks/:id/:action").handler(unit).handler(this::withinBudget);
    router.post("/api/v1/tasks/:id/:action").handler(BodyHandler.create(false).setBodyLimit(CaseRoutes.BODY_LIMIT))
        .handler(this::act);
  }

  /**
   * A unit's writes are budgeted, before a byte of the body is read: one unit (or a stolen token) flooding
   * cannot fill the disk with photos or the store's pool with transactions. A resend with the same key after
   * the wait is answered as usual.
   */
  private void withinBudget(RoutingContext ctx) {
    if (budget.admit(ctx, 1, "this unit is sending more task actions than it may; wait and resend")) {
      ctx.next();
    }
  }

  public void list(RoutingContext ctx) {
    String unit = unit(ctx).id();
    CaseStore.Filter open = new CaseStore.Filter(null, null, true, null, null, null, unit, null, config.listLimit());
    calls.list(ctx, new ListRequest(open, null, unit), "tasks", clock.instant());
  }

  public void detail(RoutingContext ctx) {
    calls.detail(ctx, new Get(CaseCalls.caseId(ctx), null, unit(ctx).id()));
  }

  public void photo(RoutingContext ctx) {
    calls.photo(ctx, new PhotoRequest(CaseCalls.caseId(ctx), CaseCalls.photoId(ctx), null, unit(ctx).id()));
  }

  /** A field event: JSON, or multipart with its photos; the site must be one of the unit's own. */
  public void open(RoutingContext ctx) {
    String key = IdempotencyKey.of(ctx);
    FieldUnit unit = unit(ctx);
    Actor actor = Actor.unit(unit.id());
    uploads.read(ctx)
        .map(sent -> {
          CaseOpening.Opened opened = opening.unit(sent.fields(), unit, sent.errors());
          return new Open(opened.subject(), opened.id(), CaseCalls.photos(opened.id(), sent.photos(), clock.instant()),
              IdempotencyKey.request(actor.ref(), key, sent.fingerprint()), null, unit.id());
        })
        .onSuccess(open -> calls.open(ctx, open))
        .onFailure(e -> CaseCalls.fail(ctx, e));
  }

  /** A report back: its note, and its photos when sent as multipart. */
  public void report(RoutingContext ctx) {
    UUID id = CaseCalls.caseId(ctx);
    String key = IdempotencyKey.of(ctx);
    Actor actor = Actor.unit(unit(ctx).id());
    uploads.read(ctx)
        .map(sent -> {
          Instant now = clock.instant();
          CaseCommand command = CaseCommands.read(CaseAction.REPORT, actor, sent.fields(), now, sent.errors());
          return new Act(id, command, CaseCalls.photos(id, sent.photos(), now),
              IdempotencyKey.request(actor.ref(), key, sent.fingerprint()), null, actor.id());
        })
        .onSuccess(act -> calls.act(ctx, act))
        .onFailure(e -> CaseCalls.fail(ctx, e));
  }

  public void act(RoutingContext ctx) {
    CaseAction action = CaseCommands.action(ctx.pathParam("action"), CaseCommands.UNIT)
        .orElseThrow(() -> new ApiError(404, "Not found", "no such action on a task"));
    UUID id = CaseCalls.caseId(ctx);
    String key = IdempotencyKey.of(ctx);
    Actor actor = Actor.unit(unit(ctx).id());
    CaseCommand command = CaseCommands.read(action, actor, StrictBody.orNull(ctx), clock.instant());
    IdempotencyKey.Fingerprint fingerprint = new IdempotencyKey.Fingerprint("POST", ctx.request().path())
        .add(ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes());
    calls.act(ctx, new Act(id, command, List.of(), IdempotencyKey.request(actor.ref(), key, fingerprint), null, actor.id()));
  }

  private static FieldUnit unit(RoutingContext ctx) {
    return Principal.unit(ctx);
  }
}
