package io.watchfloor.admin;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.watchfloor.bus.Addresses;
import io.watchfloor.bus.Local;
import io.watchfloor.config.Settings;
import io.watchfloor.config.StoreConfig;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.store.DataRefused;
import io.watchfloor.storage.Storage;
import io.watchfloor.audit.AuditEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;

/**
 * Owns the access store: seeds it from the files once, keeps this node's {@link AccessView} and hands
 * every new one to the HTTP verticles, and runs the admin changes on its own context. A change is
 * published to every node, which reloads; each node also polls the store's version every
 * {@link #REFRESH_MS}, so a node that missed a publish (a partition, a restart of its bus) still heals.
 */
public final class AdminVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(AdminVerticle.class);
  static final long REFRESH_MS = 2000;
  private static final int MEMORY_AUDIT_LINES = 10_000;
  private static final DeliveryOptions LOCAL = Local.only();

  private final Clock clock;
  private final Settings settings;
  private final Catalogue catalogue;
  private final StoreConfig storeConfig;
  private final Storage storage;
  private AccessStore store;
  private AccessView view;
  private AdminService service;
  private Future<Void> loading;
  private boolean prepared;

  public AdminVerticle(Clock clock, Settings settings, Storage storage) {
    this.clock = clock;
    this.storage = storage;
    this.settings = settings;
    this.catalogue = settings.catalogue();
    this.storeConfig = settings.app().store();
  }

  @Override
  public Future<?> start() {
    String root = catalogue.root().id();
    store = storage.choose(() -> new MemoryAccessStore(MEMORY_AUDIT_LINES, root, settings.demo()),
        pools -> new PgAccessStore(pools, root, settings.demo()));
    service = new AdminService(vertx, clock, catalogue, store, () -> view, this::changed);
    vertx.setPeriodic(REFRESH_MS, id -> refresh());
    return store.open()
        .compose(v -> Future.join(List.of(
            vertx.eventBus().<AdminMessages.Run>localConsumer(Addresses.ADMIN_RUN, this::onRun).completion(),
            vertx.eventBus().<AuditEntry>localConsumer(Addresses.ADMIN_AUDIT, this::onAudit).completion(),
            vertx.eventBus().<Object>localConsumer(Addresses.ACCESS_CURRENT, this::onCurrent).completion(),
            vertx.eventBus().<Object>localConsumer(Addresses.STORE_OPENED, m -> prepare()).completion(),
            vertx.eventBus().<JsonObject>consumer(Addresses.ACCESS_CHANGED, this::onChanged).completion())))
        // a server whose database is down still starts; the access picture follows once it answers
        .compose(v -> prepare().otherwiseEmpty());
  }

  /** Seeds (once), loads, and on a store with no operator offers the one-time setup link. */
  private Future<Void> prepare() {
    if (prepared) {
      return Future.succeededFuture();
    }
    AccessData files = AccessSeed.read(settings.accessFiles().files(), catalogue, false);
    AuditEntry seeded = AuditEntry.of(clock.instant(), "system", "seed", "access", catalogue.root().id(), null,
        new JsonObject().put("units", files.units().size()).put("operators", files.operators().size())
            .put("displayKeys", files.keys().size()));
    return store.seed(files, seeded)
        .onSuccess(fresh -> {
          if (fresh) {
            LOG.info("access: the store was empty; seeded it from the access file (from now on the store wins)");
          }
        })
        .compose(fresh -> settings.demo()
            ? store.seedDemo(AccessSeed.read(settings.accessFiles().demo(), catalogue, true)) : Future.succeededFuture())
        .compose(v -> reload())
        .compose(v -> {
          prepared = true;
          return view.hasOperator() ? Future.<Void>succeededFuture() : new SetupLink(clock, store, settings).offer();
        })
        .onFailure(e -> {
          LOG.warn("access: the store cannot be read yet ({}); operators, units and screens are refused until it can",
              e.getMessage());
          vertx.setTimer(storeConfig.openRetryMs(), id -> prepare());
        });
  }

  /** Reads the store again, at most one read at a time, and hands this node's HTTP verticles the new picture. */
  private Future<Void> reload() {
    if (loading != null && !loading.isComplete()) {
      return loading.compose(v -> reload());
    }
    loading = store.load().map(data -> {
      if (view == null || data.version() != view.version()) {
        view = new AccessView(data, catalogue, settings.demo());
        AccessView.setNewest(vertx, view);
        vertx.eventBus().publish(Addresses.ACCESS_VIEW, view, LOCAL);
      }
      return null;
    });
    return loading;
  }

  /** After a committed change: this node first, then every other node. */
  private Future<Void> changed() {
    return reload().onSuccess(v -> vertx.eventBus().publish(Addresses.ACCESS_CHANGED,
        new JsonObject().put("version", view.version())));
  }

  private void onChanged(Message<JsonObject> message) {
    long version = message.body().getLong("version", 0L);
    if (prepared && (view == null || version > view.version())) {
      reload().onFailure(e -> LOG.warn("access: reload after a change failed ({}); the next poll retries", e.getMessage()));
    }
  }

  private void refresh() {
    if (!prepared || (loading != null && !loading.isComplete())) {
      return;
    }
    store.version()
        .compose(version -> view == null || version != view.version() ? reload() : Future.succeededFuture())
        .onFailure(e -> LOG.debug("access: version poll failed: {}", e.getMessage()));
  }

  private void onCurrent(Message<Object> message) {
    message.reply(view != null ? view : new AdminMessages.Done(null, null));
  }

  private void onRun(Message<AdminMessages.Run> message) {
    Future<?> result;
    try {
      result = view == null ? Future.failedFuture(AdminService.notLoaded()) : message.body().action().apply(service);
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    result.onComplete(done -> message.reply(new AdminMessages.Done(done.result(), done.cause())));
  }

  private void onAudit(Message<AuditEntry> message) {
    store.record(message.body()).onSuccess(v -> {
      if (service != null) {
        service.otherLineWritten();
      }
      message.reply(true);
    }).onFailure(e -> message.reply(
        DataRefused.or503(e, 2)));
  }

  @Override
  public Future<?> stop() {
    return store == null ? Future.succeededFuture() : store.close();
  }
}
