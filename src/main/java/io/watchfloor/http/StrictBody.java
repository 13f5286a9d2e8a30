package io.watchfloor.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.ext.web.RoutingContext;
import io.watchfloor.domain.StrictJson;

/** A request's JSON body read the strict way: a duplicate key or a malformed text is a 400, never a guess. */
public final class StrictBody {
  private StrictBody() {
  }

  /** The body, or null when none was sent. */
  public static JsonNode orNull(RoutingContext ctx) {
    byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    try {
      return body.length == 0 ? null : StrictJson.parse(body);
    } catch (StrictJson.MalformedJson e) {
      throw ApiError.badRequest(e.getMessage());
    }
  }
}
