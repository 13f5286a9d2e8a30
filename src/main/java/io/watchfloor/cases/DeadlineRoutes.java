package io.watchfloor.cases;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.watchfloor.bus.Addresses;
import io.watchfloor.domain.CaseDeadlines;
import io.watchfloor.domain.CaseTimeReader;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.domain.FieldError;
import io.watchfloor.domain.Role;
import io.watchfloor.http.Guards;
import io.watchfloor.http.Principal;
import io.watchfloor.http.RootAdmin;
import io.watchfloor.http.Routes;

import java.util.ArrayList;
import java.util.List;

/**
 * The time-limit table of /admin (时限表): {@code GET} and {@code PUT /api/v1/admin/case-limits}, the whole
 * table at once. Checked by the file's own reader, so the page accepts exactly what config/case-limits.json
 * would; each mistake is named on one 422 and nothing changes.
 */
public final class DeadlineRoutes implements Routes {
  /** 200 rows of a hundred bytes, with room. */
  private static final int BODY_LIMIT = 64 * 1024;
  private static final String SHAPE = "{\"rows\": [{category, urgency, sign, handle, verify}, …]}";

  private final RootAdmin admin;
  private final List<String> categories;

  /** @param categories what a case may be about (the {@code cases} section): a row names one of them, or {@code *} */
  public DeadlineRoutes(Vertx vertx, Catalogue catalogue, List<String> categories) {
    this.admin = new RootAdmin(vertx, catalogue);
    this.categories = List.copyOf(categories);
  }

  @Override
  public void mount(Router router, Guards guards) {
    Handler<RoutingContext> adminOnly = guards.requireRole(Role.ADMIN);
    router.get("/api/v1/admin/case-limits").handler(adminOnly).handler(this::get);
    router.put("/api/v1/admin/case-limits").handler(adminOnly);
    router.put("/api/v1/admin/case-limits").handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT)).handler(this::put);
  }

  private void get(RoutingContext ctx) {
    Principal caller = Principal.of(ctx).orElseThrow();
    admin.ask(Addresses.CASES_LIMITS, "admin")
        .onSuccess(table -> ctx.json(table.put("editable", admin.editable(caller))
            .put("categories", new JsonArray(categories))
            .put("urgencies", new JsonArray(CaseDeadlines.URGENCIES))
            .put("units", new JsonArray(List.of("minutes", "hours", "workdays")))))
        .onFailure(ctx::fail);
  }

  private void put(RoutingContext ctx) {
    Principal caller = admin.rootAdmin(ctx, "the time-limit table");
    JsonNode rows = RootAdmin.field(ctx, "rows", SHAPE);
    CaseTimeReader.Read<List<CaseDeadlines.Row>> read = CaseTimeReader.limits(rows, "rows");
    if (!read.ok()) {
      throw RootAdmin.invalid(read.errors());
    }
    List<FieldError> unknown = new ArrayList<>();
    for (int i = 0; i < read.value().size(); i++) {
      String category = read.value().get(i).category();
      if (!CaseDeadlines.ANY.equals(category) && !categories.contains(category)) {
        unknown.add(new FieldError("rows[" + i + "].category", "is not a category of this district ("
            + String.join(", ", categories) + ", or * for all)"));
      }
    }
    if (!unknown.isEmpty()) {
      throw RootAdmin.invalid(unknown);
    }
    admin.ask(Addresses.CASES_LIMITS_UPDATE, new DeadlineMessages.LimitsUpdate(read.value(), caller.id(), caller.scope()))
        .onSuccess(table -> ctx.json(table.put("editable", true)))
        .onFailure(ctx::fail);
  }
}
