package io.watchfloor.live;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.watchfloor.Addresses;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.domain.DayPicture;
import io.watchfloor.domain.Report;
import io.watchfloor.store.StoreMessages.AcceptedReports;
import io.watchfloor.store.StoreMessages.DayReports;
import io.watchfloor.store.StoreMessages.DayRequest;
import io.watchfloor.Town;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.LocalDate;

/**
 * Keeps today's picture of the jurisdiction in memory, fed by committed reports. At start it is
 * rebuilt from the store, before the HTTP verticle is deployed, so no report can slip between the
 * rebuild and the first live update.
 */
public final class LiveVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(LiveVerticle.class);

  private final Clock clock;
  private Catalogue catalogue;
  private DayPicture today;
  private JsonObject storeInfo = new JsonObject();

  public LiveVerticle(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    catalogue = Town.catalogue(config());
    today = new DayPicture(catalogue, currentDay());
    return vertx.eventBus().<JsonObject>request(Addresses.STORE_PING, "live")
        .onSuccess(reply -> storeInfo = reply.body())
        .compose(v -> vertx.eventBus().<DayReports>request(Addresses.STORE_DAY, new DayRequest(today.day())))
        .map(reply -> rebuild(reply.body()))
        .compose(v -> Future.join(
            vertx.eventBus().<AcceptedReports>consumer(Addresses.REPORTS_ACCEPTED, this::onAccepted).completion(),
            vertx.eventBus().consumer(Addresses.LIVE_SNAPSHOT, this::onSnapshot).completion()));
  }

  private Void rebuild(DayReports stored) {
    long started = System.nanoTime();
    stored.reports().forEach(today::apply);
    LOG.info("rebuilt {} from {} stored reports in {} ms", today.day(), today.reports(),
        (System.nanoTime() - started) / 1_000_000);
    return null;
  }

  private LocalDate currentDay() {
    return LocalDate.now(clock.withZone(catalogue.jurisdiction().timezone()));
  }

  /** Days turn over at local midnight: the first event of a new day starts an empty picture. */
  private DayPicture today() {
    LocalDate day = currentDay();
    if (!day.equals(today.day())) {
      LOG.info("day turned over from {} to {}", today.day(), day);
      today = new DayPicture(catalogue, day);
    }
    return today;
  }

  private void onAccepted(Message<AcceptedReports> message) {
    DayPicture picture = today();
    for (Report report : message.body().reports()) {
      picture.apply(report);
    }
  }

  private void onSnapshot(Message<Object> message) {
    message.reply(SnapshotJson.of(catalogue, today(), storeInfo, clock.instant()));
  }
}
