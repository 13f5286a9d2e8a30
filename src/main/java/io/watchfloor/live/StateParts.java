package io.watchfloor.live;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.watchfloor.domain.Area;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.domain.Compliance;
import io.watchfloor.domain.DayPicture;
import io.watchfloor.domain.Ranking;
import io.watchfloor.domain.Site;
import io.watchfloor.domain.SiteKind;

import java.time.Instant;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The state of a scope ({@link StateJson}) built from the parts that changed since the last time, the others
 * reused as the very objects built before. Every tick computes each watched scope's state; with thousands of
 * sites, building all of it again each time and comparing it key by key with the last was most of the
 * server's work, though a tick changes a few dozen sites. A part is built again when what it is made of
 * changed, as the live state's change counts say: a site's figures, an area's subtree, the ranking's sums, the
 * open alerts, which deadlines have passed. A reused part is the same instance, which {@link JsonDelta#diff}
 * takes as unchanged without looking inside: so no part handed out here may be changed by anyone, ever.
 * <p>
 * Bounded by the tree: one entry per site, per area and per scope at most. One per live state (its counts
 * start again with a new state, so a new state starts with an empty memory).
 */
final class StateParts {
  private record SitePart(DayPicture today, long todayVersion, DayPicture yesterday, long yesterdayVersion, JsonObject json) {
  }

  private record AreaPart(DayPicture today, long version, JsonObject json) {
  }

  /** What a scope's subtree shows: its areas, sites, totals and trend, all made of the same sites' figures. */
  private record ScopePart(DayPicture today, long todayVersion, DayPicture yesterday, long yesterdayVersion,
                           JsonObject areas, JsonObject sites, JsonObject totals, JsonObject trend) {
  }

  private record CompliancePart(DayPicture today, long version, BitSet passed, int red, int black, double floor,
                                JsonObject json) {
  }

  private record RankingPart(long version, int red, int black, JsonObject json) {
  }

  private record AlertsPart(long version, JsonObject json) {
  }

  /** A piece of the compliance view and what it was built from: equal records, the same piece. */
  private record Piece<T>(T of, JsonObject json) {
  }

  private final Map<String, SitePart> sites = new HashMap<>();
  private final Map<String, AreaPart> areas = new HashMap<>();
  private final Map<String, ScopePart> scopes = new HashMap<>();
  private final Map<String, CompliancePart> compliance = new HashMap<>();
  private final Map<String, RankingPart> rankings = new HashMap<>();
  private final Map<String, AlertsPart> alerts = new HashMap<>();
  private final Map<String, Piece<Compliance.SiteCompliance>> siteCompliance = new HashMap<>();
  private final Map<String, Piece<Compliance.AreaSummary>> areaCompliance = new HashMap<>();
  private LiveState state;

  /**
   * The scope's state as {@link StateJson#of} builds it, a new top-level object each time (a caller may add
   * to it) over parts that may be shared.
   *
   * @param alertsVersion equal values, equal {@code openAlerts}, which is asked only when the version is new
   */
  JsonObject of(LiveState state, String scope, Instant now, int redSize, int blackSize, double onTimeRedFloor,
                long alertsVersion, Supplier<JsonArray> openAlerts, JsonObject store) {
    if (state != this.state) {
      forget();
      this.state = state;
    }
    Catalogue catalogue = state.catalogue();
    DayPicture today = state.today();
    ScopePart subtree = subtree(state, scope);
    return new JsonObject()
        .put("day", today.day().toString())
        .put("store", store.copy())
        .put("scope", scope)
        .put("level", catalogue.area(scope).map(Area::level).orElse(null))
        .put("totals", subtree.totals())
        .put("areas", subtree.areas())
        .put("sites", subtree.sites())
        .put("compliance", compliance(state, scope, now, redSize, blackSize, onTimeRedFloor))
        .put("ranking", ranking(state, scope, redSize, blackSize))
        .put("trend", subtree.trend())
        .put("alerts", alerts(catalogue, scope, alertsVersion, openAlerts));
  }

  private void forget() {
    sites.clear();
    areas.clear();
    scopes.clear();
    compliance.clear();
    rankings.clear();
    alerts.clear();
    siteCompliance.clear();
    areaCompliance.clear();
  }

  private ScopePart subtree(LiveState state, String scope) {
    DayPicture today = state.today();
    DayPicture yesterday = state.yesterday();
    long todayVersion = today.areaVersion(scope);
    long yesterdayVersion = yesterday.areaVersion(scope);
    ScopePart held = scopes.get(scope);
    if (held != null && held.today() == today && held.todayVersion() == todayVersion && held.yesterday() == yesterday
        && held.yesterdayVersion() == yesterdayVersion) {
      return held;
    }
    Catalogue catalogue = state.catalogue();
    JsonObject areaParts = new JsonObject();
    for (Area area : catalogue.subtreeAreas(scope)) {
      areaParts.put(area.id(), area(today, area.id()));
    }
    JsonObject siteParts = new JsonObject();
    for (Site site : catalogue.subtreeSites(scope)) {
      siteParts.put(site.id(), site(today, yesterday, site.id()));
    }
    // the scope is an area of its own subtree: its totals are its area's figures, the same object
    JsonObject totals = areaParts.getValue(scope) instanceof JsonObject own ? own.getJsonObject("today")
        : StateJson.values(today.area(scope));
    JsonObject trend = new JsonObject().put("today", StateJson.hourly(today, scope))
        .put("yesterday", StateJson.hourly(yesterday, scope));
    ScopePart built = new ScopePart(today, todayVersion, yesterday, yesterdayVersion, areaParts, siteParts, totals, trend);
    scopes.put(scope, built);
    return built;
  }

  private JsonObject area(DayPicture today, String id) {
    long version = today.areaVersion(id);
    AreaPart held = areas.get(id);
    if (held != null && held.today() == today && held.version() == version) {
      return held.json();
    }
    JsonObject json = new JsonObject().put("today", StateJson.values(today.area(id)));
    areas.put(id, new AreaPart(today, version, json));
    return json;
  }

  private JsonObject site(DayPicture today, DayPicture yesterday, String id) {
    long todayVersion = today.siteVersion(id);
    long yesterdayVersion = yesterday.siteVersion(id);
    SitePart held = sites.get(id);
    if (held != null && held.today() == today && held.todayVersion() == todayVersion && held.yesterday() == yesterday
        && held.yesterdayVersion() == yesterdayVersion) {
      return held.json();
    }
    JsonObject json = StateJson.site(today, yesterday, id);
    sites.put(id, new SitePart(today, todayVersion, yesterday, yesterdayVersion, json));
    return json;
  }

  /**
   * Built again when a site of the scope reported, a deadline passed, or the board's sizes or floor changed;
   * even then, each site's and child area's piece is the one built before if it says the same.
   */
  private JsonObject compliance(LiveState state, String scope, Instant now, int red, int black, double floor) {
    DayPicture today = state.today();
    long version = today.areaVersion(scope);
    BitSet passed = passed(state.catalogue(), today, now);
    CompliancePart held = compliance.get(scope);
    if (held != null && held.today() == today && held.version() == version && held.passed().equals(passed)
        && held.red() == red && held.black() == black && held.floor() == floor) {
      return held.json();
    }
    JsonObject json = StateJson.compliance(Compliance.of(state.catalogue(), scope, today.day(), today.siteStatsNow(), now),
        red, black, floor, this::siteCompliance, this::areaCompliance);
    compliance.put(scope, new CompliancePart(today, version, passed, red, black, floor, json));
    return json;
  }

  private JsonObject siteCompliance(Compliance.SiteCompliance site) {
    Piece<Compliance.SiteCompliance> held = siteCompliance.get(site.site());
    if (held != null && held.of().equals(site)) {
      return held.json();
    }
    JsonObject json = StateJson.siteCompliance(site);
    siteCompliance.put(site.site(), new Piece<>(site, json));
    return json;
  }

  /** A child area's summary is the same whichever scope asks: only its parent's screen shows it. */
  private JsonObject areaCompliance(Compliance.AreaSummary area) {
    Piece<Compliance.AreaSummary> held = areaCompliance.get(area.area());
    if (held != null && held.of().equals(area)) {
      return held.json();
    }
    JsonObject json = StateJson.areaCompliance(area);
    areaCompliance.put(area.area(), new Piece<>(area, json));
    return json;
  }

  /** Which kinds' deadlines have passed: the only way the time of day enters the compliance view. */
  private static BitSet passed(Catalogue catalogue, DayPicture today, Instant now) {
    BitSet passed = new BitSet();
    int i = 0;
    for (SiteKind kind : catalogue.siteKinds()) {
      Instant deadline = Compliance.deadline(catalogue, kind, today.day());
      if (deadline != null && !now.isBefore(deadline)) {
        passed.set(i);
      }
      i++;
    }
    return passed;
  }

  private JsonObject ranking(LiveState state, String scope, int red, int black) {
    long version = state.rankingVersion();
    RankingPart held = rankings.get(scope);
    if (held != null && held.version() == version && held.red() == red && held.black() == black) {
      return held.json();
    }
    JsonObject json = StateJson.ranking(Ranking.rank(state.catalogue(), scope, state.rankingMetric(), state.month(),
        state.monthSums(), red, black));
    rankings.put(scope, new RankingPart(version, red, black, json));
    return json;
  }

  private JsonObject alerts(Catalogue catalogue, String scope, long version, Supplier<JsonArray> openAlerts) {
    AlertsPart held = alerts.get(scope);
    if (held != null && held.version() == version) {
      return held.json();
    }
    JsonObject json = StateJson.alertsById(catalogue, scope, openAlerts.get());
    alerts.put(scope, new AlertsPart(version, json));
    return json;
  }
}
