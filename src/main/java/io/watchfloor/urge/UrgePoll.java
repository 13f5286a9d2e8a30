package io.watchfloor.urge;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.watchfloor.bus.Addresses;
import io.watchfloor.bus.Local;
import io.watchfloor.config.ComplianceConfig;
import io.watchfloor.domain.Area;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.domain.FieldUnit;
import io.watchfloor.domain.Site;
import io.watchfloor.http.ApiError;
import io.watchfloor.http.Principal;
import io.watchfloor.urge.UrgeMessages.Since;
import io.watchfloor.urge.UrgeMessages.Urgings;
import io.watchfloor.urge.UrgeStore.Urging;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

/**
 * {@code GET /api/v1/urgings[?after=]}, the field page's long poll. Without {@code after}: the unit's urgings of
 * today, at once (the page opening). With it: those after it, at once if there are any, or else the request is
 * held until one of the unit's sites is urged on any node, or {@code compliance.poll-hold-seconds} pass. A held
 * request is let go the moment it is answered or its connection closes, and a node holds at most
 * {@code compliance.poll-waiters}: one more is a 503 the page waits out.
 */
final class UrgePoll {
  /** A day's urgings of one unit: far more than anyone presses in a day; the newest are the ones shown. */
  static final int MAX = 50;
  private static final int RETRY_AFTER_SECONDS = 5;
  private static final DeliveryOptions TIMEOUT = Local.only(10_000);

  private final Vertx vertx;
  private final Clock clock;
  private final Catalogue catalogue;
  private final ZoneId zone;
  private final long holdMs;
  private final UrgeWaiters waiters;

  UrgePoll(Vertx vertx, Clock clock, Catalogue catalogue, ComplianceConfig config) {
    this.vertx = vertx;
    this.clock = clock;
    this.catalogue = catalogue;
    this.zone = catalogue.jurisdiction().timezone();
    this.holdMs = config.pollHoldSeconds() * 1000L;
    this.waiters = new UrgeWaiters(vertx, config.pollWaiters());
  }

  void read(RoutingContext ctx) {
    FieldUnit unit = Principal.unit(ctx);
    // just before today's midnight: "after" is exclusive, and an urging at 00:00 is today's
    Instant today = LocalDate.now(clock.withZone(zone)).atStartOfDay(zone).toInstant().minusNanos(1000);
    String asked = ctx.request().getParam("after");
    Instant after = asked == null ? today : later(parse(asked), today);
    List<String> sites = List.copyOf(unit.sites());
    // a unit without sites is held all the same: nothing will wake it, and its page must not ask in a loop
    if (asked == null) {
      since(sites, after).onSuccess(found -> answer(ctx, found, after)).onFailure(ctx::fail);
    } else {
      hold(ctx, sites, after);
    }
  }

  /** Waits registered before the first read: an urging committed between the two still wakes it. */
  private void hold(RoutingContext ctx, List<String> sites, Instant after) {
    Held held = new Held(ctx, sites, after);
    UrgeWaiters.Hold taken = waiters.hold(new UrgeWaiters.Waiter(Principal.unit(ctx).id(), Set.copyOf(sites), held::check));
    if (taken.refused() == UrgeWaiters.Refusal.UNIT_FULL) {
      ctx.fail(ApiError.tooManyRequests("this unit has " + UrgeWaiters.PER_UNIT + " field pages waiting already; ask again",
          RETRY_AFTER_SECONDS));
      return;
    }
    if (taken.refused() == UrgeWaiters.Refusal.NODE_FULL) {
      ctx.fail(ApiError.unavailable("this server holds as many waiting field pages as it may; ask again", RETRY_AFTER_SECONDS));
      return;
    }
    held.key = taken.key();
    ctx.response().closeHandler(v -> held.finish(null));
    held.timer = vertx.setTimer(holdMs, id -> held.finish(List.of()));
    held.check();
  }

  /** One held request: the first of its answer, its close and its time up ends it; the others change nothing. */
  private final class Held {
    private final RoutingContext ctx;
    private final List<String> sites;
    private final Instant after;
    private long key = -1;
    private long timer = -1;
    private boolean done;

    Held(RoutingContext ctx, List<String> sites, Instant after) {
      this.ctx = ctx;
      this.sites = sites;
      this.after = after;
    }

    void check() {
      since(sites, after).onSuccess(found -> {
        if (!found.isEmpty()) {
          finish(found);
        }
      }).onFailure(e -> {
        if (!done) {
          finish(null);
          ctx.fail(e);
        }
      });
    }

    /** {@code found} null: nothing to send (the connection closed, or a failure is sent instead). */
    void finish(List<Urging> found) {
      if (done) {
        return;
      }
      done = true;
      waiters.release(key);
      vertx.cancelTimer(timer);
      if (found != null && !ctx.response().ended() && !ctx.response().closed()) {
        answer(ctx, found, after);
      }
    }
  }

  void urged(String site) {
    waiters.urged(site);
  }

  private Future<List<Urging>> since(List<String> sites, Instant after) {
    return sites.isEmpty() ? Future.succeededFuture(List.of())
        : vertx.eventBus().<Urgings>request(Addresses.URGE_SINCE, new Since(sites, after, MAX), TIMEOUT)
            .map(reply -> reply.body().urgings());
  }

  /** {@code next}: the {@code after} of the page's next request, the newest urging it has now. */
  private void answer(RoutingContext ctx, List<Urging> found, Instant after) {
    JsonArray list = new JsonArray();
    Instant next = after;
    for (Urging u : found) {
      list.add(json(u));
      next = later(next, u.at());
    }
    ctx.json(new JsonObject().put("urgings", list).put("next", next.toString()));
  }

  private JsonObject json(Urging u) {
    return new JsonObject().put("id", u.id().toString()).put("site", u.site())
        .put("siteName", catalogue.site(u.site()).map(Site::name).orElse(u.site()))
        .put("area", u.area()).put("areaName", catalogue.area(u.area()).map(Area::name).orElse(u.area()))
        .put("note", u.note()).put("at", u.at().toString());
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant parse(String after) {
    try {
      return Instant.parse(after);
    } catch (DateTimeParseException e) {
      try {
        return java.time.OffsetDateTime.parse(after).toInstant();
      } catch (DateTimeParseException again) {
        throw ApiError.badRequest("after must be an ISO-8601 instant, such as the next of the previous answer");
      }
    }
  }
}
