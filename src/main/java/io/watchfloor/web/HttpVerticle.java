package io.watchfloor.web;

import io.watchfloor.http.ApiError;
import io.watchfloor.http.Principal;
import io.watchfloor.http.Scopes;
import io.watchfloor.http.Problems;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.SessionHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.sstore.ClusteredSessionStore;
import io.vertx.ext.web.sstore.LocalSessionStore;
import io.vertx.ext.web.sstore.SessionStore;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.watchfloor.admin.RulePreview;
import io.watchfloor.admin.RuleRoutes;
import io.watchfloor.bus.Addresses;
import io.watchfloor.config.HttpConfig;
import io.watchfloor.config.IngestConfig;
import io.watchfloor.config.Settings;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.domain.ReportReader;
import io.watchfloor.domain.Role;
import io.watchfloor.admin.AdminRoutes;
import io.watchfloor.admin.AuditRoutes;
import io.watchfloor.history.HistoryHandler;
import io.watchfloor.ingest.IngestHandler;
import io.watchfloor.ingest.IngestMeters;
import io.watchfloor.ops.Meters;
import io.watchfloor.ingest.UnitRateLimiter;
import io.watchfloor.web.LiveHub;
import io.watchfloor.live.LiveMessages.SnapshotRequest;
import io.watchfloor.web.Watcher;
import io.watchfloor.ops.HealthRoutes;

import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;

/** The HTTP API, the pages and the operational endpoints, on one server. */
public final class HttpVerticle extends VerticleBase {
  private static final String ECHARTS_WEBJAR = "META-INF/resources/webjars/echarts/5.5.0";
  private static final long CLUSTERED_SESSION_RETRY_MS = 500;

  private final Clock clock;
  private Catalogue catalogue;
  private Authenticator auth;
  /** One per area asked for, so bounded by the tree; built on first use. */
  private final Map<String, JsonObject> catalogJson = new HashMap<>();
  private LiveHub hub;
  private SessionStore sessionStore;

  private final Settings settings;
  private final HttpConfig config;
  private final IngestConfig ingest;

  /** Takes every section it serves: the HTTP side is where ingest, history, sessions and the live feed meet. */
  public HttpVerticle(Clock clock, Settings settings) {
    this.clock = clock;
    this.settings = settings;
    this.config = settings.app().http();
    this.ingest = settings.app().ingest();
  }

  @Override
  public Future<?> start() {
    catalogue = settings.catalogue();
    auth = new Authenticator(new HashSet<>(config.allowedOrigins()), clock);
    hub = new LiveHub(vertx, clock, settings.app().live(), catalogue);
    return hub.start()
        .compose(v -> auth.start(vertx, hub::accessChanged))
        .compose(v -> SessionRoutes.create(vertx, auth, signInLimits()))
        .map(this::router)
        .compose(router -> vertx.createHttpServer(serverOptions()).requestHandler(router)
            .listen(config.port(), config.host()));
  }

  /** One small pool of its own for password hashes, so sign-ins can never take every core. */
  private SessionRoutes.Limits signInLimits() {
    HttpConfig.SignIn signIn = config.signIn();
    sessionStore = sessionStore();
    return new SessionRoutes.Limits(SignInGuard.shared(vertx, signIn),
        vertx.createSharedWorkerExecutor("watchfloor-sign-in", signIn.hashThreads()),
        sessionStore, config.maxSessions(), Networks.parse("http.sign-in.trusted-proxies", signIn.trustedProxies()));
  }

  /**
   * In a cluster the sessions live in a Hazelcast map, so an officer signed in on one node stays signed
   * in on any other, and through the death of the first. The cap on sessions then holds for the cluster.
   * The store waits that long for a session it does not find yet; Hazelcast reads the partition's owner,
   * so this only covers a migration after a node's death, and bounds what a stale cookie costs.
   */
  private SessionStore sessionStore() {
    return vertx.isClustered() ? ClusteredSessionStore.create(vertx, CLUSTERED_SESSION_RETRY_MS)
        : LocalSessionStore.create(vertx);
  }

  private HttpServerOptions serverOptions() {
    HttpServerOptions options = new HttpServerOptions()
        .setCompressionSupported(true)
        .setIdleTimeout(config.idleTimeoutSeconds())
        // one encoding per broadcast: per-client compression would undo it
        .setPerMessageWebSocketCompressionSupported(false)
        .setPerFrameWebSocketCompressionSupported(false)
        .setMaxWebSocketFrameSize(4096)
        .setMaxWebSocketMessageSize(4096)
        // a peer that reads the server's close frame but never answers it is dropped after this
        .setWebSocketClosingTimeout(settings.app().live().closingTimeoutSeconds());
    config.tcpSendBufferBytes().ifPresent(options::setSendBufferSize);
    return options;
  }

  private Router router(SessionRoutes sessions) {
    Router router = Router.router(vertx);
    Problems problems = new Problems(ingest.retryAfterSeconds());
    router.route().handler(PageHeaders::security);

    // first, so refusals by authentication and the body limit are counted too
    IngestMeters ingestMeters = new IngestMeters(Meters.registry());
    router.post("/api/v1/reports*").handler(ingestMeters::observe);

    // Lazy: field units call with a bearer token and never send the cookie back, so an eager session per
    // report would pile up in the store for session-hours and its reaper would walk them all every second.
    router.route("/api/*").handler(SessionHandler.create(sessionStore)
        .setLazySession(true)
        .setSessionCookieName(Authenticator.SESSION_COOKIE)
        .setCookieHttpOnlyFlag(true)
        .setCookieSameSite(CookieSameSite.STRICT)
        .setCookieSecureFlag(config.cookieSecure())
        .setSessionTimeout(config.session().toMillis()));
    router.route("/api/*").handler(auth::identify);

    IngestHandler reports = ingestHandler(ingestMeters);
    withBody(router, "/api/v1/reports", auth.requireUnit(), ingest.bodyLimit(), reports::single);
    withBody(router, "/api/v1/reports/batch", auth.requireUnit(), ingest.batchBodyLimit(), reports::batch);

    router.post("/api/v1/session").handler(BodyHandler.create(false).setBodyLimit(4096)).handler(sessions::login);
    router.get("/api/v1/session").handler(auth.requireSignedIn()).handler(sessions::whoAmI);
    router.delete("/api/v1/session").handler(sessions::logout);
    withBody(router, "/api/v1/session/password", auth.requireOperator(), 4096, sessions::changePassword);
    AdminRoutes.mount(router, new AdminRoutes(vertx), new AuditRoutes(vertx, clock, catalogue), auth.requireRole(Role.ADMIN));

    router.get("/api/v1/catalog").handler(auth.requireSignedIn()).handler(this::catalog);
    router.get("/api/v1/snapshot").handler(auth.requireRole(Role.VIEWER)).handler(this::snapshot);
    router.get("/api/v1/live").handler(auth.requireRole(Role.VIEWER)).handler(this::live);

    AlertRoutes alerts = new AlertRoutes(vertx, catalogue);
    router.get("/api/v1/alerts").handler(auth.requireRole(Role.OFFICER)).handler(alerts::list);
    router.get("/api/v1/alerts/:id").handler(auth.requireRole(Role.OFFICER)).handler(alerts::detail);
    withBody(router, "/api/v1/alerts/:id/ack", auth.requireRole(Role.OFFICER), 4096, alerts::acknowledge);
    withBody(router, "/api/v1/alerts/:id/resolve", auth.requireRole(Role.OFFICER), 4096, alerts::resolve);
    router.get("/api/v1/handover").handler(auth.requireRole(Role.OFFICER)).handler(alerts::handover);
    // Flags at ingest (issue 15, daily review: FLAGS)
    withBody(router, "/api/v1/flags/:reportId/:metric/clear", auth.requireRole(Role.OFFICER), 4096, new FlagRoutes(vertx)::clear);

    HistoryHandler history = new HistoryHandler(vertx, catalogue, clock, settings.app().ranking());
    router.get("/api/v1/series").handler(auth.requireRole(Role.VIEWER)).handler(history::series);
    router.get("/api/v1/rankings/:metric").handler(auth.requireRole(Role.VIEWER)).handler(history::ranking);
    router.get("/api/v1/compliance").handler(auth.requireRole(Role.VIEWER)).handler(history::compliance);
    router.get("/api/v1/reports").handler(auth.requireRole(Role.OFFICER)).handler(history::recent);

    // review (issue 15, review API): the daily review and its replay of the wall screen
    io.watchfloor.review.ReviewHandler review = new io.watchfloor.review.ReviewHandler(vertx, catalogue, clock,
        settings.app().ranking(), settings.app().review());
    router.get("/api/v1/review").handler(auth.requireRole(Role.VIEWER)).handler(review::review);
    router.get("/api/v1/review/replay").handler(auth.requireRole(Role.VIEWER)).handler(review::replay);
    // rules at run time (issue 14, admin-ui)
    new RuleRoutes(vertx, catalogue, new RulePreview(vertx, catalogue, clock, settings.app().ranking().metric(),
        settings.app().rules()))
        .mount(router, auth.requireRole(Role.ADMIN));
    router.route("/api/*").handler(ctx -> ctx.fail(404));

    HealthRoutes health = new HealthRoutes(vertx, config.readyTimeoutMs());
    router.get("/health/live").handler(health::live);
    router.get("/health/ready").handler(health::ready);
    router.get("/metrics").handler(new MetricsGuard(config.metrics())::check)
        .handler(PrometheusScrapingHandler.create());

    router.get("/vendor/echarts/*").handler(PageHeaders::revalidate).handler(StaticHandler.create(ECHARTS_WEBJAR));
    router.get("/console").handler(ctx -> ctx.reroute("/console.html"));
    router.get("/report").handler(ctx -> ctx.reroute("/report.html"));
    router.get("/admin").handler(ctx -> ctx.reroute("/admin.html"));
    router.get("/setup").handler(ctx -> ctx.reroute("/setup.html"));
    // review page (issue 15): the daily review and its replay
    router.get("/review").handler(ctx -> ctx.reroute("/review.html"));
    router.get("/*").handler(PageHeaders::revalidate).handler(StaticHandler.create("webroot").setIndexPage("index.html"));
    router.route().failureHandler(problems::handle);
    return router;
  }

  /**
   * The guard has a route of its own ahead of the body's, because Vert.x wants a body handler first on
   * its route; this way a caller without the right credentials is refused before a byte of the body is read.
   */
  private static void withBody(Router router, String path, Handler<RoutingContext> guard, int bodyLimit,
                               Handler<RoutingContext> handler) {
    router.post(path).handler(guard);
    router.post(path).handler(BodyHandler.create(false).setBodyLimit(bodyLimit)).handler(handler);
  }

  private IngestHandler ingestHandler(IngestMeters meters) {
    IngestConfig.RateLimit rate = ingest.rateLimit();
    return new IngestHandler(vertx, new ReportReader(catalogue, ingest.policy()), clock,
        UnitRateLimiter.shared(vertx, rate.perSecond(), rate.burst()), ingest.batchMax(), ingest.storeTimeoutMs(), meters);
  }

  /** Origin is checked before the upgrade: a browser always sends it, so a foreign page cannot ride a cookie. */
  private void live(RoutingContext ctx) {
    if (ctx.request().getHeader("Origin") != null && !auth.sameOrigin(ctx)) {
      ctx.fail(ApiError.forbidden("this origin may not open the live feed"));
      return;
    }
    Optional<String> scope = Scopes.resolve(ctx, catalogue);
    if (scope.isEmpty()) {
      return; // refused with 403 before any upgrade
    }
    Principal principal = Principal.of(ctx).orElseThrow();
    String who = principal.kind().name().toLowerCase() + ":" + principal.id();
    // only an operator's: asking a display key's request for its session would create one
    Session session = principal.kind() == Principal.Kind.OPERATOR ? ctx.session() : null;
    // an operator's socket lives within the session it was opened with: sign-out or expiry ends it
    Watcher watcher = session != null
        ? new Watcher(who, true, session.id(), session.lastAccessed() + session.timeout() - System.currentTimeMillis(),
            scope.get())
        : Watcher.wall(who, scope.get());
    io.vertx.core.http.HttpConnection connection = ctx.request().connection();
    ctx.request().toWebSocket()
        .onSuccess(socket -> hub.accept(socket, connection, watcher))
        .onFailure(ctx::fail);
  }

  @Override
  public Future<?> stop() {
    if (hub != null) {
      hub.closeAll();
    }
    return Future.succeededFuture();
  }

  /** A field unit sees the whole catalogue, as its field page always has; everyone else their scope's part. */
  private void catalog(RoutingContext ctx) {
    Principal principal = Principal.of(ctx).orElseThrow();
    Optional<String> scope = principal.kind() == Principal.Kind.UNIT ? Optional.of(catalogue.root().id())
        : Scopes.resolve(ctx, catalogue);
    scope.ifPresent(s -> ctx.json(catalogJson.computeIfAbsent(s, id -> CatalogJson.of(catalogue, id))));
  }

  /** The scope's state, as a socket of the same scope would show it after a snapshot. */
  private void snapshot(RoutingContext ctx) {
    Optional<String> scope = Scopes.resolve(ctx, catalogue);
    if (scope.isEmpty()) {
      return;
    }
    boolean operator = Principal.of(ctx).map(p -> p.kind() == Principal.Kind.OPERATOR).orElse(false);
    vertx.eventBus().<JsonObject>request(Addresses.LIVE_SNAPSHOT, new SnapshotRequest(scope.get(), operator),
            new DeliveryOptions().setSendTimeout(5000).setLocalOnly(true))
        .onSuccess(reply -> ctx.json(reply.body()))
        .onFailure(ctx::fail);
  }
}
