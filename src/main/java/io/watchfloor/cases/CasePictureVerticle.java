package io.watchfloor.cases;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.watchfloor.bus.Addresses;
import io.watchfloor.bus.Local;
import io.watchfloor.cases.CasePicture.DayRates;
import io.watchfloor.domain.Catalogue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Map;

/**
 * Each node's picture of the open cases for its screens (docs/live-protocol.md, cases): loaded from the
 * store at start, kept current from every node's {@code cases.changed}, and read again every
 * {@code reloadMs}, so a change whose publish died with its node shows by then. After changes, one
 * {@link CasePicture} goes out on {@code cases.picture}, on this node only: many changes within
 * {@link #COALESCE_MS} make one picture.
 *
 * <p>It asks the case verticle over the bus like any reader, so it starts in any order with it: until the
 * first load succeeds it asks again every {@link #RETRY_MS}.
 */
public final class CasePictureVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(CasePictureVerticle.class);
  /**
   * A picture counts every open case (5,000 in the district bench, where a picture each 100 ms held 7 % of an
   * event loop); the counts a screen shows may lag its case frames, which go at once, by this much.
   */
  static final long COALESCE_MS = 250;
  static final long RETRY_MS = 2000;

  private final Clock clock;
  private final Catalogue catalogue;
  private final int maxCases;
  private final int listLimit;
  private final long reloadMs;
  private OpenCases cases;
  private CaseListing listing;
  private CaseRates rates;
  private long version;
  private long publishTimer = -1;
  private long reloadTimer = -1;
  private boolean loaded;
  private boolean stopped;
  private long refusedLogged;

  /**
   * @param maxCases  open cases held at most: the store's own bound
   * @param listLimit the most one {@code cases.list} answers
   * @param reloadMs  how often the store's list replaces what was heard
   */
  public CasePictureVerticle(Clock clock, Catalogue catalogue, int maxCases, int listLimit, long reloadMs) {
    this.clock = clock;
    this.catalogue = catalogue;
    this.maxCases = maxCases;
    this.listLimit = listLimit;
    this.reloadMs = reloadMs;
  }

  @Override
  public Future<?> start() {
    cases = new OpenCases(maxCases);
    listing = new CaseListing(vertx, catalogue, listLimit);
    rates = new CaseRates(vertx, clock, catalogue, this::schedulePublish);
    return vertx.eventBus().<JsonObject>consumer(Addresses.CASES_CHANGED, this::onChanged).completion()
        .onSuccess(v -> reload());
  }

  /** A case changed on some node: the screens' picture follows, and today's rates are counted again. */
  private void onChanged(Message<JsonObject> message) {
    if (message.body() != null && cases.apply(message.body())) {
      schedulePublish();
    }
    rates.refreshSoon();
  }

  /** The store's open cases; then again in {@code reloadMs}, or sooner while none were ever read. */
  private void reload() {
    reloadTimer = -1;
    long mark = cases.mark();
    listing.read()
        .onSuccess(read -> {
          loaded = true;
          if (cases.reload(read.cases(), mark, read.complete())) {
            schedulePublish();
          }
          logRefused();
        })
        .onFailure(e -> LOG.debug("open cases not read ({}); the picture keeps what it heard", e.getMessage()))
        .onComplete(done -> {
          rates.refreshSoon();
          if (!stopped) {
            reloadTimer = vertx.setTimer(loaded ? reloadMs : RETRY_MS, id -> reload());
          }
        });
  }

  private void schedulePublish() {
    if (publishTimer == -1 && !stopped) {
      publishTimer = vertx.setTimer(COALESCE_MS, id -> publish());
    }
  }

  private void publish() {
    publishTimer = -1;
    Map<String, DayRates> today = rates.today();
    vertx.eventBus().publish(Addresses.CASES_PICTURE, new CasePicture(++version, cases.shown(), today), Local.only());
  }

  private void logRefused() {
    if (cases.refused() > refusedLogged) {
      LOG.warn("{} open cases left off the screens' picture, which holds {} at most", cases.refused() - refusedLogged,
          maxCases);
      refusedLogged = cases.refused();
    }
  }

  @Override
  public Future<?> stop() {
    stopped = true;
    vertx.cancelTimer(publishTimer);
    vertx.cancelTimer(reloadTimer);
    rates.stop();
    return Future.succeededFuture();
  }
}
