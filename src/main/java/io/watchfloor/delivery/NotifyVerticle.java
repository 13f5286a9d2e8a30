package io.watchfloor.delivery;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.watchfloor.audit.AuditLog;
import io.watchfloor.bus.Addresses;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.http.ApiError;
import io.watchfloor.storage.Storage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * Notifications on this node (DESIGN §15): owns the delivery store and the web client that reaches the
 * receivers, answers the admin's requests for channels and routes, and starts the sender. Deployed as a
 * worker, once per node, so a store call or a slow receiver never holds an event loop.
 */
public final class NotifyVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(NotifyVerticle.class);
  /** A receiver that has not answered a test in this long is reported as not answering. */
  static final long TEST_TIMEOUT_MS = 10_000;

  private final Clock clock;
  private final Catalogue catalogue;
  private final Storage storage;
  private final String consoleUrl;
  private NotifyStore store;
  private WebClient client;
  private ChannelDesk desk;

  /** @param consoleUrl the console's base URL as receivers reach it, for the links in messages */
  public NotifyVerticle(Clock clock, Catalogue catalogue, Storage storage, String consoleUrl) {
    this.clock = clock;
    this.catalogue = catalogue;
    this.storage = storage;
    this.consoleUrl = consoleUrl;
  }

  @Override
  public Future<?> start() {
    store = storage.choose(MemoryNotifyStore::new, PgNotifyStore::new);
    client = WebClient.create(vertx, new WebClientOptions().setUserAgent("Watchfloor-Notify")
        .setConnectTimeout((int) TEST_TIMEOUT_MS).setFollowRedirects(false));
    desk = new ChannelDesk(store, catalogue, new AuditLog(vertx, clock),
        new TestMessage(client, catalogue, clock, consoleUrl, TEST_TIMEOUT_MS));
    return store.open()
        .compose(v -> vertx.eventBus().<NotifyMessages.Run>localConsumer(Addresses.NOTIFY_RUN, this::onRun).completion())
        // ---- THE SENDER STARTS HERE (the lead's Sender: routing events, sending, retries) ----
        // e.g. .compose(v -> (sender = new Sender(vertx, store, client, clock, ...)).start())
        .mapEmpty();
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

  /** The caller's own mistakes as they are; anything else is the store not answering, which passes. */
  private static Throwable answerable(Throwable failure) {
    if (failure == null || failure instanceof ApiError) {
      return failure;
    }
    LOG.warn("notify: an admin request failed: {}", String.valueOf(failure));
    return ApiError.unavailable("the notifications' store cannot answer right now; try again shortly", 2);
  }

  @Override
  public Future<?> stop() {
    // ---- and stops here, before the store it writes to closes ----
    if (client != null) {
      client.close();
    }
    return store == null ? Future.succeededFuture() : store.close();
  }
}
