package io.watchfloor.flag;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.watchfloor.bus.Addresses;
import io.watchfloor.bus.Local;
import io.watchfloor.domain.FieldError;
import io.watchfloor.domain.StorableText;
import io.watchfloor.domain.Role;
import io.watchfloor.flag.FlagFailure;
import io.watchfloor.flag.FlagMessages.ClearRequest;
import io.watchfloor.http.ApiError;
import io.watchfloor.http.StrictBody;
import io.watchfloor.http.Guards;
import io.watchfloor.http.Principal;
import io.watchfloor.http.Routes;
import io.watchfloor.http.Scopes;

import java.util.List;
import java.util.UUID;

/**
 * POST /api/v1/flags/{reportId}/{metric}/clear {note}: an officer sets a flagged reading aside after
 * checking it. The note is required (it is the audit: who, when, why); a flag on a site outside the
 * officer's scope gets the very 403 an area outside it gets; a second clear is 409.
 */
public final class FlagRoutes implements Routes {
  private static final int MAX_NOTE = 1000;
  /** Local only: the request goes by reference, and every node has the verticle that answers it. */
  private static final DeliveryOptions TIMEOUT = Local.only(10_000);

  private final Vertx vertx;

  public FlagRoutes(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public void mount(Router router, Guards guards) {
    Routes.postWithBody(router, "/api/v1/flags/:reportId/:metric/clear", guards.requireRole(Role.OFFICER), 4096, this::clear);
  }

  public void clear(RoutingContext ctx) {
    UUID reportId;
    try {
      reportId = UUID.fromString(ctx.pathParam("reportId"));
    } catch (IllegalArgumentException e) {
      throw new ApiError(404, "Not found", "no such flag");
    }
    StorableText.check("metric", ctx.pathParam("metric")).ifPresent(error -> {
      throw new ApiError(422, "Unprocessable content", "the metric holds text no metric has", List.of(error), null);
    });
    String note = note(ctx);
    Principal officer = Principal.of(ctx).orElseThrow();
    vertx.eventBus().<JsonObject>request(Addresses.FLAGS_CLEAR,
            new ClearRequest(reportId, ctx.pathParam("metric"), officer.id(), note, officer.scope()), TIMEOUT)
        .onSuccess(reply -> ctx.json(reply.body()))
        .onFailure(e -> ctx.fail(e instanceof FlagFailure f && f.status() == 403 ? Scopes.outside() : e));
  }

  private static String note(RoutingContext ctx) {
    JsonNode json = StrictBody.orNull(ctx);
    JsonNode note = json != null && json.isObject() && json.size() == 1 ? json.get("note") : null;
    if (note == null || !note.isTextual() || note.asText().isBlank() || note.asText().length() > MAX_NOTE) {
      throw new ApiError(422, "Unprocessable content", "clearing a flag needs a note saying why",
          List.of(new FieldError("note", "required; a text of at most " + MAX_NOTE + " characters")), null);
    }
    StorableText.check("note", note.asText()).ifPresent(error -> {
      throw new ApiError(422, "Unprocessable content", "the note holds text that cannot be kept", List.of(error), null);
    });
    return note.asText().strip();
  }
}
