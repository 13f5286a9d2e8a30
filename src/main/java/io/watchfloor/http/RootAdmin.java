package io.watchfloor.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.watchfloor.bus.Local;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.domain.FieldError;

import java.util.Iterator;
import java.util.List;

/**
 * What the admin routes of a jurisdiction-wide setting share (the time-limit table, the working-day calendar,
 * the red list's floor): every admin reads it, only the admin of the whole jurisdiction changes it (a town's
 * admin changing it would change every town's); a body is one JSON object with one named field; the
 * setting's verticle is asked on this node.
 */
public final class RootAdmin {
  private static final DeliveryOptions LOCAL = Local.only(10_000);

  private final Vertx vertx;
  private final Catalogue catalogue;

  public RootAdmin(Vertx vertx, Catalogue catalogue) {
    this.vertx = vertx;
    this.catalogue = catalogue;
  }

  /** The caller, after refusing anyone but the root's admin with 403. */
  public Principal rootAdmin(RoutingContext ctx, String what) {
    Principal admin = Principal.of(ctx).orElseThrow();
    if (!editable(admin)) {
      throw ApiError.forbidden("only the admin of " + catalogue.root().id() + " changes " + what);
    }
    return admin;
  }

  public boolean editable(Principal admin) {
    return catalogue.root().id().equals(admin.scope());
  }

  public Future<JsonObject> ask(String address, Object body) {
    return vertx.eventBus().<JsonObject>request(address, body, LOCAL).map(reply -> reply.body());
  }

  /** The body's only field, {@code field}: anything else, or no object, is a 422 naming what is wrong. */
  public static JsonNode field(RoutingContext ctx, String field, String shape) {
    JsonNode body = StrictBody.orNull(ctx);
    if (body == null || !body.isObject()) {
      throw invalid(List.of(new FieldError("(body)", "must be a JSON object " + shape)));
    }
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!name.equals(field)) {
        throw invalid(List.of(new FieldError(name, "is not a field here; send " + shape)));
      }
    }
    return body.get(field);
  }

  public static ApiError invalid(List<FieldError> errors) {
    String detail = errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
        : errors.size() + " fields are wrong, each named in errors";
    return new ApiError(422, "Unprocessable content", detail, errors, null);
  }
}
