package io.watchfloor.http;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.watchfloor.domain.FieldError;
import io.watchfloor.domain.ReportRejected;
import io.watchfloor.bus.BusFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/**
 * The one failure handler: every error leaves as {@code application/problem+json} (RFC 9457),
 * never with a stack trace, and is logged once with what failed and for which id.
 */
public final class Problems {
  private static final Logger LOG = LoggerFactory.getLogger(Problems.class);
  public static final String CONTENT_TYPE = "application/problem+json";
  /** Set by handlers so a failure log line names the report or alert it concerns. */
  public static final String SUBJECT_ID = "subjectId";

  private static final Map<Integer, String> TITLES = Map.of(
      400, "Bad request", 401, "Unauthorized", 403, "Forbidden", 404, "Not found", 405, "Method not allowed",
      409, "Conflict", 413, "Payload too large", 415, "Unsupported media type", 422, "Unprocessable content",
      429, "Too many requests");

  private final int retryAfterSeconds;

  public Problems(int retryAfterSeconds) {
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public void handle(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (ctx.response().headWritten()) {
      LOG.warn("{} {} failed after the response started: {}", ctx.request().method(), ctx.request().path(), String.valueOf(failure));
      return;
    }
    if (failure instanceof ApiError e) {
      send(ctx, e.status(), e.title(), e.getMessage(), e.errors(), e.retryAfterSeconds(), e.members());
    } else if (failure instanceof ReportRejected e) {
      send(ctx, e.status(), TITLES.get(e.status()), e.getMessage(), e.errors(), null);
    } else if (failure instanceof BusFailure e && e.status() < 500) {
      send(ctx, e.status(), title(e.status()), e.getMessage(), List.of(), e.retryAfterSeconds());
    } else if (failure instanceof ReplyException e) {
      // a BusFailure of 503, or the bus itself timing out or finding no consumer: both mean "not now"
      LOG.warn("store unavailable for {} {} [{}]: {}", ctx.request().method(), ctx.request().path(), subject(ctx), failure.getMessage());
      Integer retryAfter = e instanceof BusFailure known && known.retryAfterSeconds() != null
          ? known.retryAfterSeconds() : retryAfterSeconds;
      send(ctx, 503, "Service unavailable", ctx.request().method() == HttpMethod.GET
          ? "the store cannot answer right now; ask again shortly"
          : "the store cannot commit right now; resend with the same id", List.of(), retryAfter);
    } else if (failure instanceof HttpException e) {
      send(ctx, e.getStatusCode(), title(e.getStatusCode()), detail(e.getStatusCode()), List.of(), null);
    } else if (failure == null && ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
      send(ctx, ctx.statusCode(), title(ctx.statusCode()), detail(ctx.statusCode()), List.of(), null);
    } else {
      LOG.error("{} {} [{}] failed", ctx.request().method(), ctx.request().path(), subject(ctx), failure);
      send(ctx, 500, "Internal error", "the server failed; the error is in its log", List.of(), null);
    }
  }

  private static String subject(RoutingContext ctx) {
    Object id = ctx.get(SUBJECT_ID);
    return id == null ? "-" : id.toString();
  }

  private static String title(int status) {
    return TITLES.getOrDefault(status, status >= 500 ? "Server error" : "Client error");
  }

  private static String detail(int status) {
    return switch (status) {
      case 404 -> "no such resource";
      case 405 -> "this method is not allowed here";
      case 413 -> "the body is larger than this endpoint accepts";
      default -> title(status);
    };
  }

  public static void send(RoutingContext ctx, int status, String title, String detail, List<FieldError> errors,
                          Integer retryAfter) {
    send(ctx, status, title, detail, errors, retryAfter, Map.of());
  }

  /** @param members more members of the body (RFC 9457 extension members), after the standard ones */
  public static void send(RoutingContext ctx, int status, String title, String detail, List<FieldError> errors,
                          Integer retryAfter, Map<String, Object> members) {
    JsonObject problem = new JsonObject()
        .put("type", "urn:watchfloor:problem:" + status)
        .put("title", title)
        .put("status", status)
        .put("detail", detail);
    if (!errors.isEmpty()) {
      JsonArray list = new JsonArray();
      errors.forEach(e -> list.add(new JsonObject().put("field", e.field()).put("message", e.message())));
      problem.put("errors", list);
    }
    members.forEach(problem::put);
    if (retryAfter != null) {
      ctx.response().putHeader("Retry-After", String.valueOf(retryAfter));
    }
    if (status == 401 && ctx.request().headers().contains("Authorization")) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
    } else if (status == 401) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer");
    }
    ctx.response().setStatusCode(status).putHeader("Content-Type", CONTENT_TYPE).end(problem.encode());
  }
}
