package io.watchfloor.delivery;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.watchfloor.audit.AuditLog;
import io.watchfloor.bus.Addresses;
import io.watchfloor.bus.BusFailure;
import io.watchfloor.config.NotifyConfig;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.http.ApiError;
import io.watchfloor.notify.EventKind;
import io.watchfloor.ops.Meters;
import io.watchfloor.storage.Storage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Notifications on this node: the store of channels, routes and the outbox, the sender, which works only
 * while this node evaluates the rules, and the admin's requests for channels and routes (with the test button),
 * which every node answers. Deployed as a worker, so that rendering, signing, the store's answers and a test
 * message's wait never take an event loop's time from ingest or the screens.
 */
public final class NotifyVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(NotifyVerticle.class);

  private final Clock clock;
  private final Catalogue catalogue;
  private final NotifyConfig config;
  private final Storage storage;
  private final String linkBase;
  private final Function<String, Optional<String>> unitNames;
  private NotifyStore store;
  private WebClient client;
  private Sender sender;
  private ChannelDesk desk;
  private MessageConsumer<JsonObject> heard;
  private MessageConsumer<JsonObject> urged;
  private MessageConsumer<NotifyMessages.Run> admin;

  /**
   * @param linkBase where people reach this server, the start of every link in a message
   * @param unitNames a field unit's name by its id, as the node's access picture has it now
   */
  public NotifyVerticle(Clock clock, Catalogue catalogue, NotifyConfig config, Storage storage, String linkBase,
                        Function<String, Optional<String>> unitNames) {
    this.unitNames = unitNames;
    this.clock = clock;
    this.catalogue = catalogue;
    this.config = config;
    this.storage = storage;
    this.linkBase = linkBase;
  }

  @Override
  public Future<?> start() {
    store = storage.choose(MemoryNotifyStore::new, PgNotifyStore::new);
    // a few connections per receiver: a channel has one request in flight, and an SMS gateway serves many channels
    client = WebClient.create(vertx, new WebClientOptions().setUserAgent("Watchfloor")
        .setConnectTimeout((int) config.requestTimeout().toMillis())
        // a receiver's redirect is followed by no one: a robot that answers 3xx is the wrong address
        .setFollowRedirects(false), new PoolOptions().setHttp1MaxSize(8));
    HttpTransport transport = new HttpTransport(client, config.requestTimeout(), clock);
    sender = new Sender(vertx, store, new Notices(vertx, catalogue, linkBase, unitNames), new Router(catalogue), transport, config, clock, new NotifyMeters(Meters.registry()),
        linkBase, catalogue.jurisdiction().timezone());
    desk = new ChannelDesk(store, catalogue, new AuditLog(vertx, clock),
        new TestMessage(transport, catalogue, clock, linkBase));
    heard = vertx.eventBus().consumer(Addresses.NOTIFY_HEARD, m -> sender.heard(Heard.fromJson(m.body())));
    // an urging is published with what it says; PostgreSQL's trigger has recorded the same event already
    urged = vertx.eventBus().consumer(Addresses.COMPLIANCE_URGED, m -> sender.heard(new Heard(0,
        EventKind.COMPLIANCE_URGED.key(), m.body().getString("id"), "", Instant.parse(m.body().getString("at")), m.body())));
    admin = vertx.eventBus().localConsumer(Addresses.NOTIFY_RUN, this::onRun);
    return store.open()
        .compose(v -> Future.all(List.of(heard.completion(), urged.completion(), admin.completion())))
        .onSuccess(v -> sender.start());
  }

  private void onRun(Message<NotifyMessages.Run> message) {
    Future<?> result;
    try {
      result = message.body().action().apply(desk);
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    result.onComplete(done -> message.reply(new NotifyMessages.Done(done.result(), answerable(done.cause()))));
  }

  /**
   * The caller's own mistakes as they are, the database refusing a value of the request among them (a NUL in
   * an id: a 422, not a 503 that tells the admin to resend it as it is); anything else is the store not
   * answering, which passes.
   */
  private static Throwable answerable(Throwable failure) {
    if (failure == null || failure instanceof ApiError || failure instanceof BusFailure known && known.status() < 500) {
      return failure;
    }
    LOG.warn("notify: an admin request failed: {}", String.valueOf(failure));
    return ApiError.unavailable("the notifications' store cannot answer right now; try again shortly", 2);
  }

  @Override
  public Future<?> stop() {
    if (sender != null) {
      sender.stop();
    }
    if (client != null) {
      client.close();
    }
    return Future.all(unregister(admin), unregister(heard), unregister(urged))
        .compose(v -> store == null ? Future.succeededFuture() : store.close());
  }

  private static Future<Void> unregister(MessageConsumer<?> consumer) {
    return consumer == null ? Future.succeededFuture() : consumer.unregister();
  }
}
