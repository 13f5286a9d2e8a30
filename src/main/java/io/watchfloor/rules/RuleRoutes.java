package io.watchfloor.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.watchfloor.config.RuleJson;
import io.watchfloor.bus.Addresses;
import io.watchfloor.bus.Local;
import io.watchfloor.domain.AlertRule;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.domain.ConfigException;
import io.watchfloor.domain.FieldError;
import io.watchfloor.domain.StrictJson;
import io.watchfloor.http.ApiError;
import io.watchfloor.http.StrictBody;
import io.watchfloor.domain.Role;
import io.watchfloor.http.Routes;
import io.watchfloor.http.Guards;
import io.watchfloor.http.Principal;

import java.util.List;
import java.util.Set;

/**
 * The rules of /admin: list, change and preview. The rules are the district's: every admin sees them
 * and may preview them on their own scope's reports, only the admin of the whole jurisdiction changes
 * them (a town's admin changing them would change every town's). A change is checked by the rules
 * file's own reader, so the page accepts exactly what the file would; a mistake is a 422 naming the
 * field and changes nothing.
 */
public final class RuleRoutes implements Routes {
  private static final int BODY_LIMIT = 16 * 1024;
  private static final DeliveryOptions LOCAL = Local.only(10_000);
  /** The fields of config/rules.json; anything else in an edited rule is a mistake, said as such. */
  private static final Set<String> RULE_FIELDS = Set.of("id", "kind", "metric", "siteKind", "scope", "level", "window",
      "above", "below", "deadline", "factor", "minCount", "severity", "title");
  private static final Set<String> BODY_FIELDS = Set.of("enabled", "rule");

  /** What the caller asked for, checked: the rule as it would be stored, and whether it is enabled. */
  private record Edit(String id, boolean enabled, AlertRule rule, JsonObject before) {
  }

  private final Vertx vertx;
  private final Catalogue catalogue;
  private final RulePreview preview;

  public RuleRoutes(Vertx vertx, Catalogue catalogue, RulePreview preview) {
    this.vertx = vertx;
    this.catalogue = catalogue;
    this.preview = preview;
  }

  /** Admins only. */
  @Override
  public void mount(Router router, Guards guards) {
    Handler<RoutingContext> admin = guards.requireRole(Role.ADMIN);
    router.get("/api/v1/admin/rules").handler(admin).handler(this::list);
    router.put("/api/v1/admin/rules/:id").handler(admin);
    router.put("/api/v1/admin/rules/:id").handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT)).handler(this::update);
    router.post("/api/v1/admin/rules/:id/preview").handler(admin);
    router.post("/api/v1/admin/rules/:id/preview").handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT))
        .handler(this::preview);
  }

  private void list(RoutingContext ctx) {
    Principal admin = Principal.of(ctx).orElseThrow();
    rules().onSuccess(set -> ctx.json(set.copy().put("editable", districtAdmin(admin)))).onFailure(ctx::fail);
  }

  private void update(RoutingContext ctx) {
    Principal admin = Principal.of(ctx).orElseThrow();
    if (!districtAdmin(admin)) {
      ctx.fail(ApiError.forbidden("only the admin of " + catalogue.root().id() + " changes the district's rules"));
      return;
    }
    edit(ctx, true)
        .compose(edit -> vertx.eventBus().<JsonObject>request(Addresses.RULES_UPDATE, new JsonObject()
            .put("id", edit.id()).put("enabled", edit.enabled()).put("rule", RuleJson.of(edit.rule()))
            .put("by", admin.id()).put("scope", admin.scope()), LOCAL))
        .onSuccess(reply -> ctx.json(reply.body()))
        .onFailure(e -> fail(ctx, e));
  }

  /** Any admin: the firings of their own scope only. Nothing is stored. */
  private void preview(RoutingContext ctx) {
    Principal admin = Principal.of(ctx).orElseThrow();
    edit(ctx, false)
        .compose(edit -> preview.run(edit.rule(), admin.scope(), admin.id()))
        .onSuccess(ctx::json)
        .onFailure(e -> fail(ctx, e));
  }

  private Future<JsonObject> rules() {
    return vertx.eventBus().<JsonObject>request(Addresses.RULES_LIST, "admin", LOCAL).map(reply -> reply.body());
  }

  private boolean districtAdmin(Principal admin) {
    return catalogue.root().id().equals(admin.scope());
  }

  /** The stored rule with the body's changes; a preview may send no body (the rule as stored). */
  private Future<Edit> edit(RoutingContext ctx, boolean bodyRequired) {
    String id = ctx.pathParam("id");
    JsonObject body = body(ctx, bodyRequired);
    return rules().map(set -> {
      JsonObject stored = find(set.getJsonArray("rules"), id);
      if (stored == null) {
        throw new ApiError(404, "Not found", "no rule " + id);
      }
      boolean enabled = stored.getBoolean("enabled");
      if (body.containsKey("enabled")) {
        if (!(body.getValue("enabled") instanceof Boolean flag)) {
          throw invalid("enabled", "must be true or false");
        }
        enabled = flag;
      }
      JsonObject rule = stored.getJsonObject("rule");
      if (body.containsKey("rule")) {
        rule = checkedFields(body.getValue("rule"), id, rule.getString("kind"));
      }
      try {
        return new Edit(id, enabled, RuleJson.read("rule", rule, catalogue), stored);
      } catch (ConfigException e) {
        String field = e.field() == null || e.field().isEmpty() ? "rule" : "rule." + e.field();
        throw invalid(field, e.reason());
      }
    });
  }

  private static JsonObject checkedFields(Object value, String id, String kind) {
    if (!(value instanceof JsonObject rule)) {
      throw invalid("rule", "must be an object in the shape of a rule of config/rules.json");
    }
    for (String field : rule.fieldNames()) {
      if (!RULE_FIELDS.contains(field)) {
        throw invalid("rule." + field, "is not a field of a rule");
      }
    }
    if (rule.containsKey("id") && !id.equals(rule.getValue("id"))) {
      throw invalid("rule.id", "a rule's id cannot change");
    }
    if (rule.containsKey("kind") && !kind.equals(rule.getValue("kind"))) {
      throw invalid("rule.kind", "a rule's kind cannot change; disable it and ask for a new rule");
    }
    return rule.copy().put("id", id).put("kind", kind);
  }

  private static JsonObject body(RoutingContext ctx, boolean required) {
    JsonNode json = StrictBody.orNull(ctx);
    if (json == null) {
      if (required) {
        throw invalid("rule", "send {\"enabled\": …, \"rule\": {…}}");
      }
      return new JsonObject();
    }
    if (!json.isObject()) {
      throw invalid("(body)", "must be a JSON object");
    }
    StrictJson.numberBeyondDouble(json).ifPresent(path -> {
      throw invalid(path, "is a number no rule can hold: non-zero numbers must lie between 4.9e-324 and 1.8e308 either way");
    });
    JsonObject body = new JsonObject(json.toString());
    for (String field : body.fieldNames()) {
      if (!BODY_FIELDS.contains(field)) {
        throw invalid(field, "is not a field of a rule's settings (enabled, rule)");
      }
    }
    return body;
  }

  private static JsonObject find(JsonArray settings, String id) {
    for (int i = 0; i < settings.size(); i++) {
      if (id.equals(settings.getJsonObject(i).getString("id"))) {
        return settings.getJsonObject(i);
      }
    }
    return null;
  }

  static ApiError invalid(String field, String message) {
    return new ApiError(422, "Unprocessable content", field + ": " + message, List.of(new FieldError(field, message)), null);
  }

  private static void fail(RoutingContext ctx, Throwable e) {
    if (e instanceof ReplyException reply && reply.failureCode() == 404) {
      ctx.fail(new ApiError(404, "Not found", reply.getMessage()));
    } else if (e instanceof ReplyException reply && !(e instanceof io.watchfloor.bus.BusFailure)) {
      ctx.fail(ApiError.unavailable("the rules' store cannot answer right now; try again shortly", 2));
    } else {
      ctx.fail(e);
    }
  }
}
