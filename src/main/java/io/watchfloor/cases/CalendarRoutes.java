package io.watchfloor.cases;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.watchfloor.bus.Addresses;
import io.watchfloor.domain.CaseTimeReader;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.domain.FieldError;
import io.watchfloor.domain.Role;
import io.watchfloor.domain.WorkCalendar;
import io.watchfloor.http.ApiError;
import io.watchfloor.http.Guards;
import io.watchfloor.http.Principal;
import io.watchfloor.http.RootAdmin;
import io.watchfloor.http.Routes;

import java.time.Clock;
import java.util.List;

/**
 * The working-day calendar of /admin: {@code GET /api/v1/admin/calendar?year=} and
 * {@code PUT /api/v1/admin/calendar/{year}}, a year's marked days at once (holidays off, 调休 days worked).
 */
public final class CalendarRoutes implements Routes {
  /** 366 days with a 64-character note each, with room. */
  private static final int BODY_LIMIT = 128 * 1024;
  private static final String SHAPE = "{\"days\": [{day, working, note}, …]}";
  private static final String YEARS = "a year from " + CaseTimeReader.MIN_YEAR + " to " + CaseTimeReader.MAX_YEAR;

  private final RootAdmin admin;
  private final Clock clock;
  private final Catalogue catalogue;

  public CalendarRoutes(Vertx vertx, Catalogue catalogue, Clock clock) {
    this.admin = new RootAdmin(vertx, catalogue);
    this.catalogue = catalogue;
    this.clock = clock;
  }

  @Override
  public void mount(Router router, Guards guards) {
    Handler<RoutingContext> adminOnly = guards.requireRole(Role.ADMIN);
    router.get("/api/v1/admin/calendar").handler(adminOnly).handler(this::get);
    router.put("/api/v1/admin/calendar/:year").handler(adminOnly);
    router.put("/api/v1/admin/calendar/:year").handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT)).handler(this::put);
  }

  /** Without a year: this year in the jurisdiction's zone. */
  private void get(RoutingContext ctx) {
    Principal caller = Principal.of(ctx).orElseThrow();
    for (String name : ctx.queryParams().names()) {
      if (!name.equals("year")) {
        throw RootAdmin.invalid(List.of(new FieldError(name, "unknown parameter; this endpoint takes year")));
      }
    }
    List<String> given = ctx.queryParam("year");
    if (given.size() > 1) {
      throw new ApiError(400, "Bad request", "the query gives 'year' more than once",
          List.of(new FieldError("year", "given more than once")), null);
    }
    int year = given.isEmpty() ? clock.instant().atZone(catalogue.jurisdiction().timezone()).getYear() : year(given.get(0));
    admin.ask(Addresses.CASES_CALENDAR, new DeadlineMessages.CalendarRequest(year))
        .onSuccess(calendar -> ctx.json(calendar.put("editable", admin.editable(caller))))
        .onFailure(ctx::fail);
  }

  private void put(RoutingContext ctx) {
    Principal caller = admin.rootAdmin(ctx, "the working-day calendar");
    int year = year(ctx.pathParam("year"));
    JsonNode days = RootAdmin.field(ctx, "days", SHAPE);
    CaseTimeReader.Read<List<WorkCalendar.Day>> read = CaseTimeReader.days(days, "days", year);
    if (!read.ok()) {
      throw RootAdmin.invalid(read.errors());
    }
    admin.ask(Addresses.CASES_CALENDAR_UPDATE, new DeadlineMessages.CalendarUpdate(year, read.value(), caller.id(),
            caller.scope()))
        .onSuccess(calendar -> ctx.json(calendar.put("editable", true)))
        .onFailure(ctx::fail);
  }

  private static int year(String text) {
    if (text != null && text.matches("\\d{4}")) {
      int year = Integer.parseInt(text);
      if (year >= CaseTimeReader.MIN_YEAR && year <= CaseTimeReader.MAX_YEAR) {
        return year;
      }
    }
    throw RootAdmin.invalid(List.of(new FieldError("year", "must be " + YEARS)));
  }
}
