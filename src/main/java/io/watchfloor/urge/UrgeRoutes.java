package io.watchfloor.urge;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.watchfloor.bus.Addresses;
import io.watchfloor.bus.Local;
import io.watchfloor.config.ComplianceConfig;
import io.watchfloor.domain.Area;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.domain.FieldError;
import io.watchfloor.domain.FieldUnit;
import io.watchfloor.domain.Role;
import io.watchfloor.domain.Site;
import io.watchfloor.http.ApiError;
import io.watchfloor.http.Guards;
import io.watchfloor.http.Principal;
import io.watchfloor.http.Routes;
import io.watchfloor.http.Scopes;
import io.watchfloor.http.StrictBody;
import io.watchfloor.urge.UrgeMessages.Run;
import io.watchfloor.urge.UrgeStore.Outcome;
import io.watchfloor.urge.UrgeStore.Target;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * 催报 over HTTP (docs/api.md#催报-urging-late-reporters): an officer urges late sites of their scope; a field page
 * reads its unit's urgings of today, and holds a request open until the next ({@link UrgePoll}).
 */
public final class UrgeRoutes implements Routes {
  private static final int BODY_LIMIT = 16 * 1024;
  private static final DeliveryOptions TIMEOUT = Local.only(10_000);

  private final Vertx vertx;
  private final Clock clock;
  private final Catalogue catalogue;
  private final Supplier<Collection<FieldUnit>> units;
  private final UrgePoll poll;

  /** @param units the enabled field units with their sites, as the node knows them now: whose site is urged */
  public UrgeRoutes(Vertx vertx, Catalogue catalogue, Clock clock, ComplianceConfig config,
                    Supplier<Collection<FieldUnit>> units) {
    this.vertx = vertx;
    this.clock = clock;
    this.catalogue = catalogue;
    this.units = units;
    this.poll = new UrgePoll(vertx, clock, catalogue, config);
  }

  @Override
  public void mount(Router router, Guards guards) {
    Routes.postWithBody(router, "/api/v1/compliance/urge", guards.requireRole(Role.OFFICER), BODY_LIMIT, this::urge);
    router.get("/api/v1/compliance/urgings").handler(guards.requireRole(Role.OFFICER)).handler(this::today);
    router.get("/api/v1/urgings").handler(guards.requireUnit()).handler(poll::read);
    // every node's held pages hear every node's urgings: a cluster-wide consumer, one per HTTP instance
    vertx.eventBus().<JsonObject>consumer(Addresses.COMPLIANCE_URGED, m -> poll.urged(m.body().getString("site")));
  }

  /**
   * Every site must be one of the officer's scope: a site outside it answers as one that does not exist (404),
   * so a town's officer learns nothing of another town; then nothing is urged at all.
   */
  public void urge(RoutingContext ctx) {
    Principal officer = Principal.of(ctx).orElseThrow();
    UrgeInput input = UrgeInput.read(StrictBody.orNull(ctx));
    List<FieldError> unknown = new ArrayList<>();
    List<Target> targets = new ArrayList<>();
    for (String site : input.sites()) {
      Site found = officer.scope() != null && catalogue.containsSite(officer.scope(), site)
          ? catalogue.site(site).orElse(null) : null;
      if (found == null) {
        unknown.add(new FieldError("sites", "no such site in your scope: " + site));
      } else {
        targets.add(new Target(site, unitOf(site), found.area()));
      }
    }
    if (!unknown.isEmpty()) {
      throw new ApiError(404, "Not found", "no such site in your scope", unknown, null);
    }
    vertx.eventBus().<Outcome>request(Addresses.URGE_RUN, new Run(targets, officer.id(), input.note()), TIMEOUT)
        .onSuccess(reply -> ctx.json(answer(reply.body())))
        .onFailure(ctx::fail);
  }

  /** The field pages held on this node now, waiting for an urging: what the tests wait on, as /metrics shows it. */
  public static int held(Vertx vertx) {
    return UrgeWaiters.held(vertx);
  }

  /** Today's urgings of the scope's subtree, oldest first: what the console's compliance view shows as urged. */
  public void today(RoutingContext ctx) {
    Scopes.resolve(ctx, catalogue).ifPresent(scope -> {
      ZoneId zone = catalogue.jurisdiction().timezone();
      LocalDate day = LocalDate.now(clock.withZone(zone));
      List<String> areas = catalogue.subtreeAreas(scope).stream().map(Area::id).toList();
      vertx.eventBus().<UrgeMessages.Urgings>request(Addresses.URGE_DAY, new UrgeMessages.Day(areas,
              day.atStartOfDay(zone).toInstant(), day.plusDays(1).atStartOfDay(zone).toInstant()), TIMEOUT)
          .onSuccess(reply -> {
            JsonArray list = new JsonArray();
            reply.body().urgings().forEach(u -> list.add(new JsonObject().put("id", u.id().toString())
                .put("site", u.site()).put("area", u.area()).put("unit", u.unit()).put("by", u.by())
                .put("note", u.note()).put("at", u.at().toString())));
            ctx.json(new JsonObject().put("scope", scope).put("date", day.toString()).put("urgings", list));
          })
          .onFailure(ctx::fail);
    });
  }

  /** The unit that posts for the site now, the first by id when several do; none is null. */
  private String unitOf(String site) {
    return units.get().stream().filter(u -> u.sites().contains(site)).map(FieldUnit::id)
        .min(Comparator.naturalOrder()).orElse(null);
  }

  private static JsonObject answer(Outcome outcome) {
    JsonArray urged = new JsonArray();
    outcome.urged().forEach(u -> urged.add(new JsonObject().put("site", u.site()).put("id", u.id().toString())
        .put("at", u.at().toString()).put("unit", u.unit())));
    JsonArray limited = new JsonArray();
    outcome.limited().forEach(l -> limited.add(new JsonObject().put("site", l.site()).put("until", l.until().toString())));
    return new JsonObject().put("urged", urged).put("limited", limited);
  }
}
