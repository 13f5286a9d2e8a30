package io.watchfloor.web;

import io.watchfloor.admin.AccessView;
import io.watchfloor.http.Problems;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.SessionHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.sstore.ClusteredSessionStore;
import io.vertx.ext.web.sstore.LocalSessionStore;
import io.vertx.ext.web.sstore.SessionStore;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.watchfloor.bus.Addresses;
import io.watchfloor.bus.Local;
import io.watchfloor.rules.RulePreview;
import io.watchfloor.rules.RuleRoutes;
import io.watchfloor.delivery.ChannelRoutes;
import io.watchfloor.cases.CalendarRoutes;
import io.watchfloor.cases.DeadlineRoutes;
import io.watchfloor.ranking.RankingRoutes;
import io.watchfloor.config.HttpConfig;
import io.watchfloor.config.IngestConfig;
import io.watchfloor.config.Settings;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.domain.FieldUnit;
import io.watchfloor.domain.ReportReader;
import io.watchfloor.domain.Role;
import io.watchfloor.admin.AdminClient;
import io.watchfloor.alert.AlertRoutes;
import io.watchfloor.cases.CaseRoutes;
import io.watchfloor.cases.TaskRoutes;
import io.watchfloor.flag.FlagRoutes;
import io.watchfloor.admin.AdminRoutes;
import io.watchfloor.audit.AuditRoutes;
import io.watchfloor.history.HistoryHandler;
import io.watchfloor.review.ReviewRoutes;
import io.watchfloor.urge.UrgeRoutes;
import io.watchfloor.review.ReviewHandler;
import io.watchfloor.history.HistoryRoutes;
import io.watchfloor.ingest.IngestRoutes;
import io.watchfloor.http.Routes;
import io.watchfloor.ingest.IngestHandler;
import io.watchfloor.ingest.IngestMeters;
import io.watchfloor.ops.Meters;
import io.watchfloor.http.UnitRateLimiter;
import io.watchfloor.web.LiveHub;
import io.watchfloor.ops.HealthRoutes;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;

/** The HTTP API, the pages and the operational endpoints, on one server. */
public final class HttpVerticle extends VerticleBase {
  private static final String ECHARTS_WEBJAR = "META-INF/resources/webjars/echarts/5.5.0";
  private static final long CLUSTERED_SESSION_RETRY_MS = 500;

  private final Clock clock;
  private Catalogue catalogue;
  private Authenticator auth;
  private LiveHub hub;
  private SessionStore sessionStore;
  private Router router;

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
    auth = new Authenticator(new AccessPicture(), new HashSet<>(config.allowedOrigins()), clock);
    hub = new LiveHub(vertx, clock, settings.app().live(), catalogue);
    return hub.start()
        .compose(v -> auth.access().start(vertx, hub::accessChanged))
        .map(v -> SessionRoutes.create(vertx, auth, signInLimits()))
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
    ApiDescription description = ApiDescription.load();
    ApiDescription liveDescription = ApiDescription.load(ApiDescription.ASYNC_RESOURCE);
    router.route().handler(PageHeaders::security);

    // first, so refusals by authentication and the body limit are counted too
    IngestMeters ingestMeters = new IngestMeters(Meters.registry());
    router.post("/api/v1/reports*").handler(ingestMeters::observe);
    // ahead of the session and the credentials: anyone may read how to call the API
    router.get(ApiDescription.PATH).handler(description::serve);
    router.get(ApiDescription.ASYNC_PATH).handler(liveDescription::serve);

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

    router.post("/api/v1/session").handler(BodyHandler.create(false).setBodyLimit(4096)).handler(sessions::login);
    router.get("/api/v1/session").handler(auth.requireSignedIn()).handler(sessions::whoAmI);
    router.delete("/api/v1/session").handler(sessions::logout);
    Routes.postWithBody(router, "/api/v1/session/password", auth.requireOperator(), 4096, sessions::changePassword);
    // each feature mounts its own routes, each behind its guard; /api/v1/admin/* is guarded as a whole first
    CaseLinks caseLinks = new CaseLinks(vertx, auth.access());
    List<Routes> features = List.of(
        new IngestRoutes(ingestHandler(ingestMeters), ingest.bodyLimit(), ingest.batchBodyLimit()),
        (r, guards) -> AdminRoutes.mount(r, new AdminRoutes(vertx),
            new AuditRoutes(clock, catalogue, AdminClient.auditLines(vertx)), guards.requireRole(Role.ADMIN)),
        new LiveRoutes(vertx, catalogue, hub, auth),
        new AlertRoutes(vertx, catalogue),
        new CaseRoutes(vertx, catalogue, clock, settings.app().cases(), caseLinks),
        new TaskRoutes(vertx, catalogue, clock, settings.app().cases(), caseLinks),
        new FlagRoutes(vertx),
        new HistoryRoutes(new HistoryHandler(vertx, catalogue, clock, settings.app().ranking())),
        new ReviewRoutes(new ReviewHandler(vertx, catalogue, clock, settings.app().ranking(), settings.app().review(),
            id -> caseLinks.unit(id).map(FieldUnit::name).orElse(null))),
        new DeadlineRoutes(vertx, catalogue, settings.app().cases().categories()),
        new RankingRoutes(vertx, catalogue),
        new UrgeRoutes(vertx, catalogue, clock, settings.app().compliance(), auth.access()::fieldUnits),
        new CalendarRoutes(vertx, catalogue, clock),
        new RuleRoutes(vertx, catalogue, new RulePreview(vertx, catalogue, clock, settings.app().ranking().metric(),
            settings.app().rules())),
        new ChannelRoutes(vertx, catalogue, clock, auth.access()::fieldUnit));
    features.forEach(feature -> feature.mount(router, auth));
    router.route("/api/*").handler(ctx -> ctx.fail(404));

    // a unit's token is checked against the node's access picture: not ready before it exists
    HealthRoutes health = new HealthRoutes(vertx, config.readyTimeoutMs(), () -> AccessView.newest(vertx) != null);
    router.get("/health/live").handler(health::live);
    router.get("/health/ready").handler(health::ready);
    router.get("/metrics").handler(new MetricsGuard(config.metrics())::check)
        .handler(PrometheusScrapingHandler.create());

    router.get("/vendor/echarts/*").handler(PageHeaders::revalidate).handler(StaticHandler.create(ECHARTS_WEBJAR));
    router.get("/console").handler(ctx -> ctx.reroute("/console.html"));
    router.get("/report").handler(ctx -> ctx.reroute("/report.html"));
    router.get("/admin").handler(ctx -> ctx.reroute("/admin.html"));
    router.get("/setup").handler(ctx -> ctx.reroute("/setup.html"));
    // the review page: the daily review and its replay
    router.get("/review").handler(ctx -> ctx.reroute("/review.html"));
    router.get("/*").handler(PageHeaders::revalidate).handler(StaticHandler.create("webroot").setIndexPage("index.html"));
    router.route().failureHandler(problems::handle);
    this.router = router;
    return router;
  }

  /** Every route this server registers, in order: a test holds them against the API's description. */
  List<Route> routes() {
    return router == null ? List.of() : router.getRoutes();
  }

  private IngestHandler ingestHandler(IngestMeters meters) {
    IngestConfig.RateLimit rate = ingest.rateLimit();
    return new IngestHandler(vertx, new ReportReader(catalogue, ingest.policy()), clock,
        UnitRateLimiter.shared(vertx, rate.perSecond(), rate.burst()), ingest.batchMax(), ingest.storeTimeoutMs(), meters);
  }


  @Override
  public Future<?> stop() {
    if (hub != null) {
      hub.closeAll();
    }
    return Future.succeededFuture();
  }


}
