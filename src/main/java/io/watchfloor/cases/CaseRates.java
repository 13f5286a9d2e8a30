package io.watchfloor.cases;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.watchfloor.bus.Addresses;
import io.watchfloor.bus.Local;
import io.watchfloor.cases.CaseMessages.StatsRequest;
import io.watchfloor.cases.CasePicture.DayRates;
import io.watchfloor.domain.Catalogue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * Today's on-time rates for the screens, per area of the tree: the case figures of the day so far, asked of
 * {@code cases.stats} as the API and the review ask them, so a wall and a review never count differently.
 * Asked again after changes, at most every {@link #EVERY_MS}, since the figures are a read of the store.
 */
final class CaseRates {
  private static final Logger LOG = LoggerFactory.getLogger(CaseRates.class);
  static final long EVERY_MS = 2000;
  private static final long STATS_TIMEOUT_MS = 10_000;

  private final Vertx vertx;
  private final Clock clock;
  private final Catalogue catalogue;
  private final Runnable changed;
  private Map<String, DayRates> today = Map.of();
  private long timer = -1;
  private boolean asking;
  private boolean again;
  private boolean stopped;

  CaseRates(Vertx vertx, Clock clock, Catalogue catalogue, Runnable changed) {
    this.vertx = vertx;
    this.clock = clock;
    this.catalogue = catalogue;
    this.changed = changed;
  }

  Map<String, DayRates> today() {
    return today;
  }

  /** Asks within {@link #EVERY_MS}; asks made meanwhile are one. */
  void refreshSoon() {
    if (asking) {
      again = true;
    } else if (timer == -1 && !stopped) {
      timer = vertx.setTimer(EVERY_MS, id -> ask());
    }
  }

  private void ask() {
    timer = -1;
    asking = true;
    again = false;
    Instant now = clock.instant();
    Instant dayStart = LocalDate.ofInstant(now, catalogue.jurisdiction().timezone())
        .atStartOfDay(catalogue.jurisdiction().timezone()).toInstant();
    vertx.eventBus().<JsonObject>request(Addresses.CASES_STATS,
            new StatsRequest(catalogue.root().id(), dayStart, now, "area"), Local.only(STATS_TIMEOUT_MS))
        .map(reply -> byArea(reply.body()))
        .onSuccess(rates -> {
          if (!rates.equals(today)) {
            today = rates;
            changed.run();
          }
        })
        .onFailure(e -> LOG.debug("today's case figures not read ({}); the screens keep the last", e.getMessage()))
        .onComplete(done -> {
          asking = false;
          if (again) {
            refreshSoon();
          }
        });
  }

  /**
   * The stats' figures per area ({@code figures.<area>}, as {@code CaseStats} answers) as the rates the screens
   * show; an area without figures is left out.
   */
  static Map<String, DayRates> byArea(JsonObject stats) {
    Map<String, DayRates> rates = new HashMap<>();
    JsonObject areas = stats == null ? null : stats.getJsonObject("figures");
    if (areas != null) {
      areas.forEach(entry -> {
        if (entry.getValue() instanceof JsonObject f) {
          rates.put(entry.getKey(), new DayRates(f.getInteger("signed", 0), f.getInteger("signedOnTime", 0),
              f.getInteger("closed", 0), f.getInteger("closedOnTime", 0)));
        }
      });
    }
    return rates;
  }

  void stop() {
    stopped = true;
    vertx.cancelTimer(timer);
  }
}
