package io.watchfloor.rules;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.watchfloor.config.RuleJson;
import io.watchfloor.bus.Addresses;
import io.watchfloor.bus.Local;
import io.watchfloor.domain.AlertRule;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.domain.Firing;
import io.watchfloor.domain.Report;
import io.watchfloor.domain.RuleEngine;
import io.watchfloor.live.LiveState;
import io.watchfloor.store.StoreMessages.DayReports;
import io.watchfloor.store.StoreMessages.HourlySums;
import io.watchfloor.store.StoreMessages.HourlySumsRequest;
import io.watchfloor.store.StoreMessages.ViewerDayRequest;
import io.watchfloor.config.RulesConfig;
import io.watchfloor.domain.Site;
import io.watchfloor.http.WorkGate;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a rule, as edited, would have fired on today's stored reports of the caller's scope: each report replayed in the
 * order it was observed, with the rule's engine asked at the report's own time, and the deadline of a
 * missing-report rule checked at the deadline. Only the firings; the alert lifecycle would open one
 * alert per site (or area) and count the rest on it while open, so they come grouped the same way.
 * Everything is read on the viewers' pool and only for the scope's sites: the spike rule's week as
 * hourly sums the database adds up, today as the scope's reports; the count of reports is the scope's.
 * Previews take turns at the node's preview gate (a few at once, one per admin).
 */
public final class RulePreview {
  /** The spike rule compares with the same hour of the previous week, as the live picture does. */
  private static final int SPIKE_DAYS = 7;
  private static final int MAX_SUBJECTS = 500;
  private static final DeliveryOptions LOCAL = Local.only(20_000);

  private final Vertx vertx;
  private final Catalogue catalogue;
  private final Clock clock;
  private final String rankingMetric;
  private final WorkGate previews;

  public RulePreview(Vertx vertx, Catalogue catalogue, Clock clock, String rankingMetric, RulesConfig config) {
    this.vertx = vertx;
    this.catalogue = catalogue;
    this.clock = clock;
    this.rankingMetric = rankingMetric;
    this.previews = WorkGate.shared(vertx, "rule preview", config.previewMaxConcurrent(), config.previewPerCaller());
  }

  /** The firings in {@code scope}'s subtree, grouped by what they fire on, first fired first; {@code caller} waits its turn. */
  public Future<JsonObject> run(AlertRule rule, String scope, String caller) {
    return previews.run(caller, () -> preview(rule, scope));
  }

  private Future<JsonObject> preview(AlertRule rule, String scope) {
    Instant now = clock.instant();
    LocalDate day = LocalDate.ofInstant(now, catalogue.jurisdiction().timezone());
    LiveState state = new LiveState(catalogue, day, rankingMetric);
    List<String> sites = catalogue.subtreeSites(scope).stream().map(Site::id).toList();
    Future<Void> history = Future.succeededFuture();
    if (rule.kind() == AlertRule.Kind.SPIKE) {
      history = vertx.eventBus().<HourlySums>request(Addresses.STORE_HOURLY_SUMS,
              HourlySumsRequest.forViewer(day.minusDays(SPIKE_DAYS), day, sites, rule.metric()), LOCAL)
          .map(reply -> {
            reply.body().sums().forEach(s -> state.addToHistory(s.site(), s.metric(), s.hour(), s.total()));
            return null;
          });
    }
    // a busy day is many thousand reports: replayed off the event loop, on a state no one else holds
    return history.compose(v -> reports(day, sites))
        .compose(today -> vertx.executeBlocking(() -> replay(rule, state, today, now, scope), false));
  }

  private Future<List<Report>> reports(LocalDate day, List<String> sites) {
    return vertx.eventBus().<DayReports>request(Addresses.STORE_VIEWER_DAY, new ViewerDayRequest(day, sites), LOCAL)
        .map(reply -> reply.body().reports());
  }

  private JsonObject replay(AlertRule rule, LiveState state, List<Report> today, Instant now, String scope) {
    RuleEngine engine = new RuleEngine(catalogue, List.of(rule));
    LocalDate day = state.today().day();
    Instant deadline = rule.kind() == AlertRule.Kind.MISSING
        ? ZonedDateTime.of(day, rule.deadline(), catalogue.jurisdiction().timezone()).toInstant() : null;
    boolean deadlineChecked = deadline == null;
    List<Report> ordered = new ArrayList<>(today);
    ordered.sort(Comparator.comparing(Report::observedAt));
    Map<String, JsonObject> bySubject = new LinkedHashMap<>();
    for (Report report : ordered) {
      Instant at = report.observedAt().toInstant();
      if (!deadlineChecked && !at.isBefore(deadline)) {
        collect(engine.onClock(day, state.today().siteStats(), deadline), deadline, scope, bySubject);
        deadlineChecked = true;
      }
      state.apply(report, false);
      collect(engine.onReport(report, state, at), at, scope, bySubject);
    }
    if (!deadlineChecked && !now.isBefore(deadline)) {
      collect(engine.onClock(day, state.today().siteStats(), deadline), deadline, scope, bySubject);
    }
    JsonArray subjects = new JsonArray();
    bySubject.values().forEach(subjects::add);
    int fired = bySubject.values().stream().mapToInt(s -> s.getInteger("count")).sum();
    return new JsonObject().put("rule", RuleJson.of(rule)).put("day", day.toString()).put("scope", scope)
        .put("reports", today.size()).put("fired", fired).put("subjects", subjects)
        .put("deadlinePassed", deadline == null ? null : !now.isBefore(deadline));
  }

  private void collect(List<Firing> firings, Instant at, String scope, Map<String, JsonObject> bySubject) {
    for (Firing firing : firings) {
      if (!catalogue.contains(scope, firing.area())) {
        continue;
      }
      String key = firing.subjectType() + ':' + firing.subject();
      JsonObject seen = bySubject.get(key);
      if (seen != null) {
        seen.put("count", seen.getInteger("count") + 1).put("lastAt", at.toString()).put("lastDetail", firing.detail());
      } else if (bySubject.size() < MAX_SUBJECTS) {
        bySubject.put(key, new JsonObject().put("subjectType", firing.subjectType()).put("subject", firing.subject())
            .put("name", name(firing)).put("area", firing.area()).put("firstAt", at.toString())
            .put("lastAt", at.toString()).put("count", 1).put("detail", firing.detail()).put("lastDetail", firing.detail()));
      }
    }
  }

  private JsonObject name(Firing firing) {
    var label = "site".equals(firing.subjectType())
        ? catalogue.site(firing.subject()).map(s -> s.label()).orElse(null)
        : catalogue.area(firing.subject()).map(a -> a.label()).orElse(null);
    return label == null ? null : new JsonObject().put("zh", label.zh()).put("en", label.en());
  }
}
