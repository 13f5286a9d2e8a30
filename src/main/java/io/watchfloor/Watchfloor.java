package io.watchfloor;

import io.watchfloor.bus.LocalCodec;
import io.watchfloor.config.AppConfig;
import io.watchfloor.config.Settings;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.ThreadingModel;
import io.watchfloor.delivery.NotifyVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import io.watchfloor.cluster.HazelcastSetup;
import io.watchfloor.config.ClusterConfig;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import io.watchfloor.admin.AccessView;
import io.watchfloor.admin.AdminVerticle;
import io.watchfloor.domain.FieldUnit;
import io.watchfloor.rules.RuleVerticle;
import io.watchfloor.alert.AlertMessages;
import io.watchfloor.alert.AlertVerticle;
import io.watchfloor.ranking.RankingVerticle;
import io.watchfloor.cases.CaseMessages;
import io.watchfloor.cases.CasePictureVerticle;
import io.watchfloor.cases.CaseTime;
import io.watchfloor.cases.CaseVerticle;
import io.watchfloor.cases.DeadlineClock;
import io.watchfloor.cases.DeadlineMessages;
import io.watchfloor.cases.DeadlineVerticle;
import io.watchfloor.flag.FlagMessages;
import io.watchfloor.flag.FlagVerticle;
import io.watchfloor.domain.Outliers;
import io.watchfloor.live.LiveMessages;
import io.watchfloor.live.LiveVerticle;
import io.watchfloor.ops.Meters;
import io.watchfloor.sim.DemoCasesVerticle;
import io.watchfloor.sim.DemoVerticle;
import io.watchfloor.storage.Storage;
import io.watchfloor.store.StoreMessages;
import io.watchfloor.store.StoreVerticle;
import io.watchfloor.web.HttpVerticle;
import io.watchfloor.delivery.NotifyMessages;
import io.watchfloor.urge.UrgeMessages;
import io.watchfloor.urge.UrgeVerticle;

import java.time.Clock;
import java.util.Optional;

/** Builds Vert.x and deploys the verticles in dependency order; Main and the tests both start here. */
public final class Watchfloor {
  private Watchfloor() {
  }

  /** A node on its own. */
  public static Vertx vertx() {
    Vertx vertx = builder(metricsOptions()).build();
    registerMessages(vertx);
    return vertx;
  }

  /**
   * A node as its cluster section says: on its own, or a member of the cluster over Hazelcast with
   * the event bus on its own port of the cluster host. The future fails if the cluster cannot be joined.
   */
  public static Future<Vertx> vertx(ClusterConfig cluster) {
    return cluster.enabled() ? clustered(cluster, new HazelcastClusterManager(HazelcastSetup.of(cluster)))
        : Future.succeededFuture(vertx());
  }

  private static Future<Vertx> clustered(ClusterConfig cluster, ClusterManager manager) {
    VertxOptions options = metricsOptions();
    options.getEventBusOptions().setHost(cluster.host()).setPort(cluster.busPort());
    return builder(options).withClusterManager(manager).buildClustered()
        .onSuccess(Watchfloor::registerMessages);
  }

  private static VertxBuilder builder(VertxOptions options) {
    return Vertx.builder().with(options).withMetrics(new MicrometerMetricsFactory(Meters.prometheus()));
  }

  private static VertxOptions metricsOptions() {
    // No per-address event-bus meters: every report crosses the bus several times, and looking its
    // meters up cost more than the rest of the metrics; the ingest, store and live meters count it.
    MicrometerMetricsOptions metrics = new MicrometerMetricsOptions()
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))
        .addDisabledMetricsCategory(MetricsDomain.EVENT_BUS)
        .setJvmMetricsEnabled(true)
        .setEnabled(true);
    return new VertxOptions().setMetricsOptions(metrics);
  }

  /** The types each feature sends on the bus, passed by reference within this node. */
  public static void registerMessages(Vertx vertx) {
    LocalCodec.registerAll(vertx, StoreMessages.TYPES);
    LocalCodec.registerAll(vertx, LiveMessages.TYPES);
    LocalCodec.registerAll(vertx, AlertMessages.TYPES);
    LocalCodec.registerAll(vertx, FlagMessages.TYPES);
    LocalCodec.registerAll(vertx, io.watchfloor.admin.AdminMessages.TYPES);
    LocalCodec.registerAll(vertx, CaseMessages.TYPES);
    LocalCodec.registerAll(vertx, DeadlineMessages.TYPES);
    LocalCodec.registerAll(vertx, NotifyMessages.TYPES);
    LocalCodec.registerAll(vertx, UrgeMessages.TYPES);
  }

  /**
   * Store first (it must answer, and migrate, before anything reads it), then alerts, then the live
   * picture, then HTTP while the picture is rebuilt (the store takes no report before), then the demo
   * units that post through it. The future completes once the first rebuild has been tried.
   * Where each keeps its data is chosen here, once: every verticle opens its store on this storage.
   */
  public static Future<Void> deploy(Vertx vertx, Settings settings, Clock clock) {
    AppConfig app = settings.app();
    Storage storage = Storage.of(vertx, app.store());
    // the node's one time-limit table and calendar: the case verticle's machine and the deadline clock read it
    CaseTime caseTime = new CaseTime(settings.caseTime().deadlines(settings.catalogue().jurisdiction().timezone()));
    // its rebuild from the store runs while the rest deploy; the demo units wait for it, as the deployment does
    LiveVerticle live = new LiveVerticle(clock, settings.catalogue(), settings.rules(), app.live(), app.ranking(),
        app.alerts().missingCheckSeconds(), storage);
    return vertx.deployVerticle(new StoreVerticle(app.store(), storage, app.ingest().policy().lateWindow(), clock))
        // flags before the live picture, which lets the store take reports: none goes unchecked
        .compose(id -> vertx.deployVerticle(new FlagVerticle(clock, settings.catalogue(), storage, Outliers.DEFAULT_K)))
        .compose(id -> vertx.deployVerticle(new AlertVerticle(clock, settings.catalogue(), app.alerts(), storage)))
        .compose(id -> vertx.deployVerticle(new DeadlineVerticle(clock, settings.catalogue().jurisdiction().timezone(),
            settings.caseTime(), caseTime, storage)))
        .compose(id -> vertx.deployVerticle(new CaseVerticle(clock, settings.catalogue(), app.cases(), caseTime, storage)))
        // the red floor before the live picture, whose boards read it
        .compose(id -> vertx.deployVerticle(new RankingVerticle(clock, app.ranking().onTimeRedFloor(), storage)))
        // rules' settings before the live picture, which asks them at start
        .compose(id -> vertx.deployVerticle(new RuleVerticle(clock, settings.rules(), storage)))
        // a worker, so its ticks never share an event loop with an HTTP verticle's requests: on the loop it was
        // given it took most of that loop's time, and half the ingest and sockets waited behind it (JFR,
        // bench/notify.sh); a worker verticle still runs one handler at a time, in order, as the state needs
        .compose(id -> vertx.deployVerticle(live, new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER)))
        // after the live picture, which hears its first picture; it asks the case verticle until that answers
        .compose(id -> vertx.deployVerticle(new CasePictureVerticle(clock, settings.catalogue(),
            app.cases().memoryMaxCases(), app.cases().listLimit(), 30_000)))
        // after the live picture, whose rule desk says whether this node evaluates: only that node's clock works
        .compose(id -> vertx.deployVerticle(new DeadlineClock(clock, settings.catalogue(), app.cases().deadlineCheckSeconds(),
            app.cases().escalateAfter())))
        // 催报, before the HTTP side that urges and the review that counts
        .compose(id -> vertx.deployVerticle(new UrgeVerticle(clock, settings.catalogue(), app.compliance(), storage)))
        // who may do what, before the HTTP side that asks it
        .compose(id -> vertx.deployVerticle(new AdminVerticle(clock, settings, storage)))
        // notifications: the sender and the admin's channels and routes; a worker: nothing of it runs on an event loop
        .compose(id -> vertx.deployVerticle(new NotifyVerticle(clock, settings.catalogue(), app.notifications(), storage,
            app.notifications().linkBase(app.http().loopbackUrl()),
            unit -> Optional.ofNullable(AccessView.newest(vertx)).flatMap(view -> view.fieldUnit(unit)).map(FieldUnit::name)),
            new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER)))
        .compose(id -> vertx.deployVerticle(() -> new HttpVerticle(clock, settings),
            new DeploymentOptions().setInstances(app.http().instances())))
        .compose(id -> live.firstAttempt().map(id))
        .compose(id -> settings.demo()
            ? vertx.deployVerticle(new DemoVerticle(clock, settings.catalogue(), app.demo(), app.http().loopbackUrl()))
            : Future.succeededFuture(id))
        .compose(id -> settings.demo() && app.demo().simulate() && app.demo().cases().simulate()
            ? vertx.deployVerticle(new DemoCasesVerticle(clock, settings.catalogue(), app.demo().cases(), app.http().loopbackUrl()))
            : Future.succeededFuture(id))
        .mapEmpty();
  }
}
