package io.watchfloor.cases;

import io.vertx.ext.web.RoutingContext;
import io.watchfloor.domain.Area;
import io.watchfloor.domain.CaseState;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.domain.FieldError;
import io.watchfloor.http.ApiError;
import io.watchfloor.http.Scopes;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

/**
 * The query parameters of the officers' reads: the list's filters and the figures' period. A bad value is a
 * 400 naming the parameter; an area outside the caller's scope is the same 403 as a scope outside it.
 */
final class CaseQuery {
  static final int MAX_DAYS = 92;
  private static final Set<String> BY = Set.of("unit", "area");

  private final Catalogue catalogue;
  private final List<String> categories;

  CaseQuery(Catalogue catalogue, List<String> categories) {
    this.catalogue = catalogue;
    this.categories = categories;
  }

  /** The list's filter within {@code scope}; {@code state=open} is every open state. */
  CaseStore.Filter filter(RoutingContext ctx, String scope, int limit) {
    String state = param(ctx, "state");
    CaseState asked = null;
    if (state != null && !"open".equals(state)) {
      asked = CaseState.of(state).orElseThrow(() -> bad("state", "must be open or a state: new, dispatched, handling, "
          + "reported, closed, parked, cancelled"));
    }
    String category = param(ctx, "category");
    if (category != null && !categories.contains(category)) {
      throw bad("category", "must be one of " + String.join(", ", categories));
    }
    String area = param(ctx, "area");
    if (area != null && !catalogue.contains(scope, area)) {
      throw Scopes.outside();
    }
    List<String> areas = area == null ? null : catalogue.subtreeAreas(area).stream().map(Area::id).toList();
    String unit = param(ctx, "unit");
    if (unit != null && unit.length() > CaseInput.NAME) {
      throw bad("unit", "at most " + CaseInput.NAME + " characters");
    }
    return new CaseStore.Filter(areas, asked, "open".equals(state) ? Boolean.TRUE : null, flag(ctx, "overdue"),
        flag(ctx, "nearDue"), flag(ctx, "supervised"), unit, category, number(ctx, "limit", limit));
  }

  /** The figures' period, [from, to] as days of the jurisdiction, as [start of from, start of the day after to). */
  CaseMessages.StatsRequest stats(RoutingContext ctx, String scope) {
    ZoneId zone = catalogue.jurisdiction().timezone();
    LocalDate from = day(ctx, "from");
    LocalDate to = day(ctx, "to");
    if (to.isBefore(from) || ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
      throw bad("to", "must be on or after from, at most " + MAX_DAYS + " days in all");
    }
    String by = param(ctx, "by");
    if (by != null && !BY.contains(by)) {
      throw bad("by", "must be unit or area");
    }
    return new CaseMessages.StatsRequest(scope, from.atStartOfDay(zone).toInstant(),
        to.plusDays(1).atStartOfDay(zone).toInstant(), by == null ? "area" : by);
  }

  private static LocalDate day(RoutingContext ctx, String name) {
    String value = param(ctx, name);
    try {
      if (value != null && value.length() == 10) {
        return LocalDate.parse(value);
      }
    } catch (DateTimeParseException e) {
      // named below
    }
    throw bad(name, "required: a day such as 2026-12-06");
  }

  private static Boolean flag(RoutingContext ctx, String name) {
    String value = param(ctx, name);
    if (value == null) {
      return null;
    }
    if (!"true".equals(value) && !"false".equals(value)) {
      throw bad(name, "must be true or false");
    }
    return Boolean.valueOf(value);
  }

  private static int number(RoutingContext ctx, String name, int max) {
    String value = param(ctx, name);
    if (value == null) {
      return max;
    }
    try {
      int n = value.length() <= 6 ? Integer.parseInt(value) : -1;
      if (n >= 1 && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // named below
    }
    throw bad(name, "must be a whole number from 1 to " + max);
  }

  private static String param(RoutingContext ctx, String name) {
    List<String> values = ctx.queryParam(name);
    if (values.size() > 1) {
      throw bad(name, "given more than once");
    }
    return values.isEmpty() || values.get(0).isEmpty() ? null : values.get(0);
  }

  private static ApiError bad(String name, String message) {
    return new ApiError(400, "Bad request", name + " " + message, List.of(new FieldError(name, message)), null);
  }
}
