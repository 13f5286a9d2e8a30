package io.watchfloor.alert;

import io.watchfloor.http.ApiError;
import io.watchfloor.http.StrictBody;
import io.watchfloor.http.Guards;
import io.watchfloor.http.Principal;
import io.watchfloor.http.Problems;
import io.watchfloor.http.Routes;
import io.watchfloor.http.Scopes;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.watchfloor.bus.Addresses;
import io.watchfloor.bus.Local;
import io.watchfloor.alert.AlertMessages.Act;
import io.watchfloor.alert.AlertMessages.Get;
import io.watchfloor.alert.AlertOutsideScope;
import io.watchfloor.alert.AlertMessages.HandoverRequest;
import io.watchfloor.alert.AlertMessages.ListRequest;
import io.watchfloor.domain.Alert;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.domain.Role;
import io.watchfloor.domain.FieldError;
import io.watchfloor.domain.StorableText;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The alert API of docs/api.md: list, detail with its trail, acknowledge, resolve, and the shift handover,
 * each cut to a scope: the {@code scope=} asked for on a read, the caller's own on an act.
 */
public final class AlertRoutes implements Routes {
  private static final int MAX_NOTE = 1000;
  /** Local only: the request goes by reference, and every node has the verticle that answers it. */
  private static final DeliveryOptions TIMEOUT = Local.only(10_000);

  private final Vertx vertx;
  private final Catalogue catalogue;

  public AlertRoutes(Vertx vertx, Catalogue catalogue) {
    this.vertx = vertx;
    this.catalogue = catalogue;
  }

  /** Officers and up: an alert's text is theirs, a wall screen gets the redacted frames. */
  @Override
  public void mount(Router router, Guards guards) {
    router.get("/api/v1/alerts").handler(guards.requireRole(Role.OFFICER)).handler(this::list);
    router.get("/api/v1/alerts/:id").handler(guards.requireRole(Role.OFFICER)).handler(this::detail);
    Routes.postWithBody(router, "/api/v1/alerts/:id/ack", guards.requireRole(Role.OFFICER), 4096, this::acknowledge);
    Routes.postWithBody(router, "/api/v1/alerts/:id/resolve", guards.requireRole(Role.OFFICER), 4096, this::resolve);
    router.get("/api/v1/handover").handler(guards.requireRole(Role.OFFICER)).handler(this::handover);
  }

  public void list(RoutingContext ctx) {
    String stateParam = ctx.request().getParam("state");
    Alert.State state = null;
    if (stateParam != null) {
      try {
        state = Alert.State.valueOf(stateParam.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new ApiError(400, "Bad request", "state must be open, acknowledged or resolved",
            List.of(new FieldError("state", "must be open, acknowledged or resolved")), null);
      }
    }
    Alert.State asked = state;
    Scopes.resolve(ctx, catalogue).ifPresent(scope -> vertx.eventBus()
        .<JsonArray>request(Addresses.ALERTS_LIST, new ListRequest(asked, 500, scope), TIMEOUT)
        .onSuccess(reply -> ctx.json(new JsonObject().put("alerts", reply.body())))
        .onFailure(ctx::fail));
  }

  public void detail(RoutingContext ctx) {
    UUID id = alertId(ctx);
    ctx.put(Problems.SUBJECT_ID, id);
    String scope = Principal.of(ctx).orElseThrow().scope();
    vertx.eventBus().<JsonObject>request(Addresses.ALERTS_GET, new Get(id, scope), TIMEOUT)
        .onSuccess(reply -> ctx.json(reply.body()))
        .onFailure(e -> fail(ctx, e));
  }

  public void acknowledge(RoutingContext ctx) {
    act(ctx, Act.ACKNOWLEDGE, false);
  }

  public void resolve(RoutingContext ctx) {
    act(ctx, Act.RESOLVE, true);
  }

  private void act(RoutingContext ctx, String action, boolean noteRequired) {
    UUID id = alertId(ctx);
    ctx.put(Problems.SUBJECT_ID, id);
    String note = note(ctx, noteRequired);
    Principal officer = Principal.of(ctx).orElseThrow();
    vertx.eventBus().<JsonObject>request(Addresses.ALERTS_ACT, new Act(id, action, officer.id(), note, officer.scope()), TIMEOUT)
        .onSuccess(reply -> ctx.json(reply.body()))
        .onFailure(e -> fail(ctx, e));
  }

  /** An alert outside the scope gets the very answer an area outside it gets. */
  private static void fail(RoutingContext ctx, Throwable e) {
    ctx.fail(e instanceof AlertOutsideScope ? Scopes.outside() : e);
  }

  /** GET /api/v1/handover?from=&to=&scope= : a shift of at most 24 hours, given as times with an offset. */
  public void handover(RoutingContext ctx) {
    Instant from = time(ctx, "from");
    Instant to = time(ctx, "to");
    if (!from.isBefore(to) || Duration.between(from, to).compareTo(Duration.ofHours(24)) > 0) {
      throw new ApiError(422, "Unprocessable content", "a shift runs forward and lasts at most 24 hours",
          List.of(new FieldError("to", "must be after from and at most 24 hours later")), null);
    }
    Scopes.resolve(ctx, catalogue).ifPresent(scope -> vertx.eventBus()
        .<JsonObject>request(Addresses.ALERTS_HANDOVER, new HandoverRequest(from, to, scope), TIMEOUT)
        .onSuccess(reply -> ctx.json(reply.body()))
        .onFailure(ctx::fail));
  }

  private static Instant time(RoutingContext ctx, String param) {
    String value = ctx.request().getParam(param);
    try {
      return OffsetDateTime.parse(value == null ? "" : value).toInstant();
    } catch (DateTimeParseException e) {
      throw new ApiError(400, "Bad request", param + " must be a time with an offset",
          List.of(new FieldError(param, "must be an ISO-8601 time with an offset")), null);
    }
  }

  private static UUID alertId(RoutingContext ctx) {
    try {
      return UUID.fromString(ctx.pathParam("id"));
    } catch (IllegalArgumentException e) {
      throw new ApiError(404, "Not found", "no such alert");
    }
  }

  private static String note(RoutingContext ctx, boolean required) {
    JsonNode json = StrictBody.orNull(ctx);
    JsonNode note = json == null ? null : json.get("note");
    boolean onlyNote = json == null || (json.isObject() && (json.size() == 0 || (json.size() == 1 && note != null)));
    boolean valid = onlyNote && (note == null || note.isNull() || (note.isTextual() && note.asText().length() <= MAX_NOTE));
    boolean present = note != null && note.isTextual() && !note.asText().isBlank();
    if (!valid || (required && !present)) {
      throw new ApiError(422, "Unprocessable content",
          required ? "resolving needs a note saying what was done" : "the body may only hold a note",
          List.of(new FieldError("note", (required ? "required; " : "") + "a text of at most " + MAX_NOTE + " characters")), null);
    }
    StorableText.check("note", present ? note.asText() : null).ifPresent(error -> {
      throw new ApiError(422, "Unprocessable content", "the note holds text that cannot be kept", List.of(error), null);
    });
    return present ? note.asText().strip() : null;
  }
}
