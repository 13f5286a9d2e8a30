package io.watchfloor.cases;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.watchfloor.bus.Addresses;
import io.watchfloor.bus.Local;
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
import io.watchfloor.domain.FieldError;
import io.watchfloor.domain.Role;
import io.watchfloor.http.ApiError;
import io.watchfloor.http.Guards;
import io.watchfloor.http.Principal;
import io.watchfloor.http.Routes;
import io.watchfloor.http.Scopes;
import io.watchfloor.http.StrictBody;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * The officers' case API (docs/api.md, cases): open a case by hand or from an alert, list and read the cases
 * of their scope, and act on them. Every case outside the caller's scope answers as one that does not exist.
 */
public final class CaseRoutes implements Routes {
  static final int BODY_LIMIT = 16 * 1024;
  private static final DeliveryOptions TIMEOUT = Local.only(10_000);

  private final Vertx vertx;
  private final Catalogue catalogue;
  private final Clock clock;
  private final CasesConfig config;
  private final CaseNeighbours neighbours;
  private final CaseCalls calls;
  private final CaseOpening opening;
  private final CaseQuery query;
  private final CaseUnits units;

  public CaseRoutes(Vertx vertx, Catalogue catalogue, Clock clock, CasesConfig config, CaseNeighbours neighbours) {
    this.vertx = vertx;
    this.catalogue = catalogue;
    this.clock = clock;
    this.config = config;
    this.neighbours = neighbours;
    this.calls = new CaseCalls(vertx);
    this.opening = new CaseOpening(catalogue, config.categories(), neighbours);
    this.query = new CaseQuery(catalogue, config.categories());
    this.units = new CaseUnits(catalogue);
  }

  @Override
  public void mount(Router router, Guards guards) {
    Handler<RoutingContext> officer = guards.requireRole(Role.OFFICER);
    // before /:id, which would take "stats" for an id
    router.get("/api/v1/cases/stats").handler(officer).handler(this::stats);
    router.get("/api/v1/cases").handler(officer).handler(this::list);
    router.get("/api/v1/cases/:id").handler(officer).handler(this::detail);
    router.get("/api/v1/cases/:id/units").handler(officer).handler(this::units);
    router.get("/api/v1/cases/:id/photos/:photoId").handler(officer).handler(this::photo);
    Routes.postWithBody(router, "/api/v1/cases", officer, BODY_LIMIT, this::open);
    Routes.postWithBody(router, "/api/v1/cases/:id/:action", officer, BODY_LIMIT, this::act);
  }

  public void list(RoutingContext ctx) {
    Scopes.resolve(ctx, catalogue).ifPresent(scope ->
        calls.list(ctx, new ListRequest(query.filter(ctx, scope, config.listLimit()), scope, null), "cases"));
  }

  public void detail(RoutingContext ctx) {
    calls.detail(ctx, new Get(CaseCalls.caseId(ctx), officer(ctx).scope(), null));
  }

  public void photo(RoutingContext ctx) {
    calls.photo(ctx, new PhotoRequest(CaseCalls.caseId(ctx), CaseCalls.photoId(ctx), officer(ctx).scope(), null));
  }

  /** The units the case may be dispatched to, best match first: the console's list to pick from. */
  public void units(RoutingContext ctx) {
    calls.detail(new Get(CaseCalls.caseId(ctx), officer(ctx).scope(), null))
        .map(detail -> detail.getJsonObject("case"))
        .map(kase -> units.of(kase, config.kindsOf(kase.getString("category")), neighbours.units()))
        .onSuccess(ctx::json)
        .onFailure(e -> CaseCalls.fail(ctx, e));
  }

  public void stats(RoutingContext ctx) {
    Scopes.resolve(ctx, catalogue).ifPresent(scope -> vertx.eventBus()
        .<JsonObject>request(Addresses.CASES_STATS, query.stats(ctx, scope), TIMEOUT)
        .onSuccess(reply -> ctx.json(reply.body()))
        .onFailure(e -> CaseCalls.fail(ctx, e)));
  }

  public void open(RoutingContext ctx) {
    String key = IdempotencyKey.of(ctx);
    Principal officer = officer(ctx);
    Actor actor = Actor.operator(officer.id());
    CaseStore.Request request = IdempotencyKey.request(actor.ref(), key, fingerprint(ctx));
    opening.officer(StrictBody.orNull(ctx), officer.id(), officer.scope())
        .onSuccess(opened -> calls.open(ctx, new Open(opened.subject(), opened.id(), List.of(), request,
            officer.scope(), null), answered -> alertFollows(answered, false, officer, "已转事件：" + answered.getString("title"))))
        .onFailure(e -> CaseCalls.fail(ctx, e));
  }

  /**
   * A case opened from an alert acknowledges it (its deadlines now run, not the alert's escalation); the case
   * closed resolves it, so no wall keeps an alert whose work is done. After the answer, and never failing it.
   */
  private void alertFollows(JsonObject answered, boolean resolved, Principal officer, String note) {
    if (answered.getValue("alert") instanceof String alert && (!resolved || "closed".equals(answered.getString("state")))) {
      neighbours.alertFollows(UUID.fromString(alert), resolved, officer.id(), note, officer.scope());
    }
  }

  public void act(RoutingContext ctx) {
    CaseAction action = CaseCommands.action(ctx.pathParam("action"), CaseCommands.OFFICER)
        .orElseThrow(() -> new ApiError(404, "Not found", "no such action on a case"));
    UUID id = CaseCalls.caseId(ctx);
    String key = IdempotencyKey.of(ctx);
    Principal officer = officer(ctx);
    Actor actor = Actor.operator(officer.id());
    CaseCommand command = CaseCommands.read(action, actor, StrictBody.orNull(ctx), clock.instant());
    CaseStore.Request request = IdempotencyKey.request(actor.ref(), key, fingerprint(ctx));
    Future<Void> ready = action == CaseAction.DISPATCH ? dispatchable(id, command.unit(), officer.scope())
        : Future.succeededFuture();
    ready.onSuccess(v -> calls.act(ctx, new Act(id, command, List.of(), request, officer.scope(), null),
            answered -> {
              if (action == CaseAction.VERIFY) {
                alertFollows(answered, true, officer, "事件已核查结案：" + command.note());
              }
            }))
        .onFailure(e -> CaseCalls.fail(ctx, e));
  }

  /**
   * A case goes to a unit that works in its area ({@link CaseUnits#works}, the rule the units list follows).
   * The area never changes, so the check cannot go stale before the dispatch is stored.
   */
  private Future<Void> dispatchable(UUID id, String unit, String scope) {
    return calls.detail(new Get(id, scope, null)).compose(detail -> {
      String area = detail.getJsonObject("case").getString("area");
      boolean works = neighbours.unit(unit).filter(u -> units.works(u, area)).isPresent();
      return works ? Future.succeededFuture() : Future.failedFuture(CaseInput.invalid(List.of(
          new FieldError("unit", "no such unit working in the case's area"))));
    });
  }

  private static IdempotencyKey.Fingerprint fingerprint(RoutingContext ctx) {
    return new IdempotencyKey.Fingerprint("POST", ctx.request().path())
        .add(ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes());
  }

  private static Principal officer(RoutingContext ctx) {
    return Principal.of(ctx).orElseThrow();
  }
}
