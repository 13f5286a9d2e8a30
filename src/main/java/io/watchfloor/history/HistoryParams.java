package io.watchfloor.history;

import io.vertx.ext.web.RoutingContext;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.domain.MetricDef;
import io.watchfloor.domain.Series;
import io.watchfloor.domain.Site;
import io.watchfloor.http.Scopes;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads and checks the parameters of the history reads against the catalogue and the caller's scope.
 * The order is fixed: a repeated parameter (400), then the scope and any site or area named (403,
 * one body for unknown and outside, so a town's officer learns nothing of other towns), then the
 * values (422). Each read is empty once the request has already failed with the scope's 403.
 */
final class HistoryParams {
  static final int DAYS_BACK = 400;
  static final int RECENT_DEFAULT = 10;
  static final int RECENT_MAX = 100;
  private static final Pattern COUNT = Pattern.compile("[1-9]\\d{0,2}");
  private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final String TIME_EXAMPLE = "an ISO-8601 time with an offset, e.g. 2026-11-21T08:00:00+08:00";

  private HistoryParams() {
  }

  /** A series to fetch, with the scope and the site or area it was asked for (both null: the scope itself). */
  record SeriesRead(Series.Query query, String scope, String site, String area) {
  }

  /** The ranking of the scope's child areas. */
  record RankingRead(MetricDef metric, YearMonth month, String scope) {
  }

  record ComplianceRead(LocalDate day, String scope) {
  }

  record RecentRead(Site site, int limit) {
  }

  /** @param today the jurisdiction's local day: the range when neither from nor to is given */
  static Optional<SeriesRead> series(RoutingContext ctx, Catalogue catalogue, LocalDate today) {
    QueryParams params = new QueryParams(ctx, Set.of("metric", "site", "area", "from", "to", "step", Scopes.PARAM));
    Optional<String> scope = Scopes.resolve(ctx, catalogue);
    if (scope.isEmpty()) {
      return Optional.empty();
    }
    insideOrForbidden(ctx, catalogue, scope.get());
    Optional<MetricDef> metric = params.required("metric", "a metric key of the catalogue")
        .flatMap(key -> params.check("metric", catalogue.metric(key), "unknown metric '" + key + "'"));
    Optional<String> siteId = params.optional("site", "a site id");
    Optional<String> areaId = params.optional("area", "an area id");
    if (siteId.isPresent() && areaId.isPresent()) {
      params.error("area", "give site or area, not both (neither: the scope)");
    }
    Optional<Site> site = siteId.flatMap(catalogue::site);
    if (metric.isPresent() && site.isPresent() && !metric.get().siteKind().equals(site.get().kind())) {
      params.error("metric", "'" + metric.get().key() + "' is reported by " + metric.get().siteKind()
          + " sites; '" + site.get().id() + "' is a " + site.get().kind() + " site");
    }
    Optional<Series.Step> step = params.required("step", "5m, 1h or 1d")
        .flatMap(key -> params.check("step", Series.Step.of(key), "must be 5m, 1h or 1d"));
    // a screen's "today so far" needs no clock of its own; one end without the other is a mistake
    boolean neither = ctx.queryParams().get("from") == null && ctx.queryParams().get("to") == null;
    ZoneId zone = catalogue.jurisdiction().timezone();
    Optional<Instant> from = neither ? Optional.of(today.atStartOfDay(zone).toInstant()) : time(params, "from");
    Optional<Instant> to = neither ? Optional.of(today.plusDays(1).atStartOfDay(zone).toInstant()) : time(params, "to");
    if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
      params.error("to", "must be after from");
    } else if (from.isPresent() && to.isPresent() && step.isPresent()
        && from.get().plus(step.get().maxRange()).isBefore(to.get())) {
      params.error("to", "is more than " + step.get().maxRange().toDays() + " days after from; that is the most a "
          + step.get().key() + " series spans");
    }
    params.throwIfInvalid();
    List<String> sites = site.map(s -> List.of(s.id()))
        .orElseGet(() -> sitesOf(catalogue, metric.get().siteKind(), areaId.orElse(scope.get())));
    Series.Query query = Series.query(metric.get().key(), Series.Aggregate.of(metric.get()), sites, step.get(),
        catalogue.jurisdiction().timezone(), from.get(), to.get());
    return Optional.of(new SeriesRead(query, scope.get(), siteId.orElse(null), areaId.orElse(null)));
  }

  /**
   * The sites of one kind whose figures are an area's: every site of its subtree, at any level. A
   * district's are at most its whole catalogue, and they travel to the store as one array parameter.
   */
  static List<String> sitesOf(Catalogue catalogue, String kind, String area) {
    return catalogue.subtreeSites(area).stream()
        .filter(s -> s.kind().equals(kind))
        .map(Site::id)
        .toList();
  }

  /**
   * A site or area the query names must lie in the scope. An unknown one is refused the same way as
   * one in another town, so the answer never tells which ids exist elsewhere; an empty one is left
   * for the value checks.
   */
  private static void insideOrForbidden(RoutingContext ctx, Catalogue catalogue, String scope) {
    String site = ctx.queryParams().get("site");
    String area = ctx.queryParams().get("area");
    if (site != null && !site.isEmpty() && !catalogue.containsSite(scope, site)
        || area != null && !area.isEmpty() && !catalogue.contains(scope, area)) {
      throw Scopes.outside();
    }
  }

  /** Percent-encoding aside, a "+" in a query string reads as a space; no valid time has a space. */
  private static Optional<Instant> time(QueryParams params, String name) {
    return params.required(name, TIME_EXAMPLE + " (or neither from nor to: today)").flatMap(text -> {
      try {
        OffsetDateTime time = OffsetDateTime.parse(text.replace(' ', '+'), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        if (time.getYear() < 1970 || time.getYear() > 9999) {
          params.error(name, "must be between the years 1970 and 9999");
          return Optional.empty();
        }
        return Optional.of(time.toInstant());
      } catch (DateTimeParseException e) {
        params.error(name, "must be " + TIME_EXAMPLE);
        return Optional.empty();
      }
    });
  }

  /** GET /reports: a site in the scope and how many of its newest reports, 1 to 100. */
  static Optional<RecentRead> recent(RoutingContext ctx, Catalogue catalogue) {
    QueryParams params = new QueryParams(ctx, Set.of("site", "limit", Scopes.PARAM));
    Optional<String> scope = Scopes.resolve(ctx, catalogue);
    if (scope.isEmpty()) {
      return Optional.empty();
    }
    insideOrForbidden(ctx, catalogue, scope.get());
    Optional<Site> site = params.required("site", "a site id").flatMap(catalogue::site);
    String limitMessage = "must be a whole number from 1 to " + RECENT_MAX;
    Optional<Integer> limit = params.optional("limit", "a number from 1 to " + RECENT_MAX)
        .flatMap(text -> parsed(params, "limit", text, COUNT, Integer::valueOf, limitMessage));
    if (limit.isPresent() && limit.get() > RECENT_MAX) {
      params.error("limit", limitMessage);
    }
    params.throwIfInvalid();
    return Optional.of(new RecentRead(site.get(), limit.orElse(RECENT_DEFAULT)));
  }

  static Optional<RankingRead> ranking(RoutingContext ctx, Catalogue catalogue, YearMonth current) {
    QueryParams params = new QueryParams(ctx, Set.of("month", Scopes.PARAM));
    Optional<String> scope = Scopes.resolve(ctx, catalogue);
    if (scope.isEmpty()) {
      return Optional.empty();
    }
    String key = ctx.pathParam("metric");
    Optional<MetricDef> metric = params.check("metric", catalogue.metric(key), "unknown metric '" + key + "'");
    if (metric.isPresent() && metric.get().isCounter()) {
      params.error("metric", "'" + key + "' is a counter; only a gauge (a reading, such as the score) is ranked");
    }
    Optional<YearMonth> month = params.optional("month", "a month as YYYY-MM")
        .flatMap(text -> parsed(params, "month", text, MONTH, YearMonth::parse, "must be a month as YYYY-MM, e.g. 2026-11"));
    if (month.isPresent() && month.get().isAfter(current)) {
      params.error("month", "is after the current month, " + current);
    }
    params.throwIfInvalid();
    return Optional.of(new RankingRead(metric.get(), month.orElse(current), scope.get()));
  }

  static Optional<ComplianceRead> compliance(RoutingContext ctx, Catalogue catalogue, LocalDate today) {
    QueryParams params = new QueryParams(ctx, Set.of("date", Scopes.PARAM));
    Optional<String> scope = Scopes.resolve(ctx, catalogue);
    if (scope.isEmpty()) {
      return Optional.empty();
    }
    Optional<LocalDate> date = params.optional("date", "a date as YYYY-MM-DD")
        .flatMap(text -> parsed(params, "date", text, DATE, LocalDate::parse, "must be a date as YYYY-MM-DD, e.g. 2026-11-21"));
    if (date.isPresent() && date.get().isAfter(today)) {
      params.error("date", "is after today, " + today);
    } else if (date.isPresent() && date.get().isBefore(today.minusDays(DAYS_BACK))) {
      params.error("date", "is more than " + DAYS_BACK + " days ago");
    }
    params.throwIfInvalid();
    return Optional.of(new ComplianceRead(date.orElse(today), scope.get()));
  }

  /** The shape check keeps out what java.time would also accept, such as a signed five-digit year. */
  private static <T> Optional<T> parsed(QueryParams params, String name, String text, Pattern shape,
                                        Function<String, T> parser, String message) {
    if (shape.matcher(text).matches()) {
      try {
        return Optional.of(parser.apply(text));
      } catch (DateTimeParseException e) {
        // a month 13 or a 31 February: reported below
      }
    }
    params.error(name, message);
    return Optional.empty();
  }
}
