package io.watchfloor.delivery;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.watchfloor.bus.Addresses;
import io.watchfloor.config.NotifyConfig;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.ops.Meters;
import io.watchfloor.storage.Storage;

import java.time.Clock;

/**
 * Notifications on this node: the store of channels, routes and the outbox, and the sender, which works only
 * while this node evaluates the rules. Deployed as a worker, so that rendering, signing and the store's
 * answers never take an event loop's time from ingest or the screens.
 */
public final class NotifyVerticle extends VerticleBase {
  private final Clock clock;
  private final Catalogue catalogue;
  private final NotifyConfig config;
  private final Storage storage;
  private final String linkBase;
  private NotifyStore store;
  private WebClient client;
  private Sender sender;
  private MessageConsumer<JsonObject> heard;

  /** @param linkBase where people reach this server, the start of every link in a message */
  public NotifyVerticle(Clock clock, Catalogue catalogue, NotifyConfig config, Storage storage, String linkBase) {
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
        .setConnectTimeout((int) config.requestTimeout().toMillis()), new PoolOptions().setHttp1MaxSize(8));
    sender = new Sender(vertx, store, new Notices(vertx, catalogue, linkBase), new Router(catalogue),
        new HttpTransport(client, config.requestTimeout(), clock), config, clock, new NotifyMeters(Meters.registry()),
        linkBase, catalogue.jurisdiction().timezone());
    heard = vertx.eventBus().consumer(Addresses.NOTIFY_HEARD, m -> sender.heard(Heard.fromJson(m.body())));
    return store.open().compose(v -> heard.completion()).onSuccess(v -> sender.start());
  }

  @Override
  public Future<?> stop() {
    if (sender != null) {
      sender.stop();
    }
    if (client != null) {
      client.close();
    }
    return heard == null ? store.close() : heard.unregister().compose(v -> store.close());
  }
}
