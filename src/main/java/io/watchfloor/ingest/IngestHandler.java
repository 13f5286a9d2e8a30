package io.watchfloor.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.watchfloor.bus.Addresses;
import io.watchfloor.bus.Local;
import io.watchfloor.domain.FieldError;
import io.watchfloor.domain.FieldUnit;
import io.watchfloor.domain.Outcome;
import io.watchfloor.domain.Report;
import io.watchfloor.domain.ReportReader;
import io.watchfloor.domain.ReportRejected;
import io.watchfloor.domain.StrictJson;
import io.watchfloor.store.StoreMessages.AppendRequest;
import io.watchfloor.store.StoreMessages.AppendResult;
import io.watchfloor.http.ApiError;
import io.watchfloor.http.UnitRateLimiter;
import io.watchfloor.http.Principal;
import io.watchfloor.http.Problems;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * POST /api/v1/reports and /batch. A report is answered only after the store has committed it:
 * 201 new, 200 seen before, 409 the id was used for something else.
 */
public final class IngestHandler {
  private static final ApiError CONFLICT = new ApiError(409, "Conflict",
      "this id was already used for a different report; make a new id for a new report",
      List.of(new FieldError("id", "already used for a different report")), null);

  /** Nothing was stored; the report holds something the database cannot keep, so resending cannot help. */
  private static final ApiError REFUSED = new ApiError(422, "Unprocessable content",
      "the store cannot keep this report as sent (a value the database refuses); nothing was stored",
      List.of(new FieldError("", "holds a value the database refuses; correct the report, do not resend it as is")), null);

  private final Vertx vertx;
  private final ReportReader reader;
  private final Clock clock;
  private final UnitRateLimiter limiter;
  private final int batchMax;
  private final DeliveryOptions storeDelivery;
  private final IngestMeters meters;

  public IngestHandler(Vertx vertx, ReportReader reader, Clock clock, UnitRateLimiter limiter, int batchMax,
                       long storeTimeoutMs, IngestMeters meters) {
    this.meters = meters;
    this.vertx = vertx;
    this.reader = reader;
    this.clock = clock;
    this.limiter = limiter;
    this.batchMax = batchMax;
    this.storeDelivery = Local.only(storeTimeoutMs);
  }

  public void single(RoutingContext ctx) {
    JsonNode body = admit(ctx);
    if (body == null) {
      return;
    }
    ctx.put(IngestMeters.SITE_KIND, reader.siteKindOf(body));
    Report report = reader.read(body, Principal.unit(ctx), clock.instant());
    ctx.put(Problems.SUBJECT_ID, report.id());
    append(List.of(report))
        .onSuccess(outcomes -> answer(ctx, report, outcomes.get(0)))
        .onFailure(ctx::fail);
  }

  private void answer(RoutingContext ctx, Report report, Outcome outcome) {
    switch (outcome) {
      case ACCEPTED -> ctx.response().setStatusCode(201);
      case DUPLICATE -> ctx.response().setStatusCode(200);
      case CONFLICT -> {
        ctx.fail(CONFLICT);
        return;
      }
      case REFUSED -> {
        ctx.fail(REFUSED);
        return;
      }
    }
    // written out by hand: a UUID and a lower-case word need no escaping, and the JSON encoder was a
    // measurable share of the answer on the busiest path of the server
    ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end("{\"id\":\"" + report.id() + "\",\"status\":\"" + outcome.name().toLowerCase(Locale.ROOT) + "\"}");
  }

  public void batch(RoutingContext ctx) {
    JsonNode body = admit(ctx);
    if (body == null) {
      return;
    }
    JsonNode items = body.isObject() ? body.get("reports") : null;
    if (items == null || !items.isArray() || body.size() != 1) {
      throw new ReportRejected(422, "a batch is {\"reports\": [ … ]} and nothing else",
          List.of(new FieldError("reports", "must be an array of reports")));
    }
    if (items.size() > batchMax) {
      throw new ReportRejected(413, "a batch holds at most " + batchMax + " reports",
          List.of(new FieldError("reports", "at most " + batchMax + " reports per batch, got " + items.size())));
    }
    FieldUnit unit = Principal.unit(ctx);
    Instant now = clock.instant();
    JsonObject[] results = new JsonObject[items.size()];
    List<Report> valid = new ArrayList<>();
    List<Integer> validIndex = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      try {
        valid.add(reader.read(items.get(i), unit, now));
        validIndex.add(i);
      } catch (ReportRejected e) {
        results[i] = rejected(items.get(i), e.errors());
        meters.count("rejected", e.status() == 403 ? "forbidden" : "invalid", reader.siteKindOf(items.get(i)));
      }
    }
    append(valid)
        .onSuccess(outcomes -> answerBatch(ctx, results, valid, validIndex, outcomes))
        .onFailure(ctx::fail);
  }

  private void answerBatch(RoutingContext ctx, JsonObject[] results, List<Report> valid, List<Integer> index,
                           List<Outcome> outcomes) {
    for (int i = 0; i < valid.size(); i++) {
      String id = valid.get(i).id().toString();
      Outcome outcome = outcomes.get(i);
      ApiError refusal = outcome == Outcome.CONFLICT ? CONFLICT : outcome == Outcome.REFUSED ? REFUSED : null;
      meters.count(refusal != null ? "rejected" : outcome.name().toLowerCase(),
          refusal == null ? "none" : outcome == Outcome.CONFLICT ? "conflict" : "invalid", reader.siteKindOf(valid.get(i).site()));
      results[index.get(i)] = refusal != null
          ? new JsonObject().put("id", id).put("status", "rejected").put("errors", errors(refusal.errors()))
          : new JsonObject().put("id", id).put("status", outcome.name().toLowerCase());
    }
    Map<String, Integer> counts = new java.util.TreeMap<>(Map.of("accepted", 0, "duplicate", 0, "rejected", 0));
    JsonArray list = new JsonArray();
    for (JsonObject result : results) {
      counts.merge(result.getString("status"), 1, Integer::sum);
      list.add(result);
    }
    JsonObject response = new JsonObject().put("results", list);
    counts.forEach(response::put);
    ctx.json(response);
  }

  private static JsonObject rejected(JsonNode item, List<FieldError> errors) {
    JsonNode id = item.isObject() ? item.get("id") : null;
    return new JsonObject().put("id", id != null && id.isTextual() ? id.asText() : null)
        .put("status", "rejected").put("errors", errors(errors));
  }

  private static JsonArray errors(List<FieldError> errors) {
    JsonArray list = new JsonArray();
    errors.forEach(e -> list.add(new JsonObject().put("field", e.field()).put("message", e.message())));
    return list;
  }

  /**
   * Media type, well-formed JSON and the unit's rate limit, in that order; null when the request was
   * failed. The limit counts the reports a body holds, so it is taken once the body is parsed; a
   * malformed body costs one.
   */
  private JsonNode admit(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    if (type == null || !type.toLowerCase().startsWith("application/json")) {
      ctx.fail(new ApiError(415, "Unsupported media type", "send Content-Type: application/json"));
      return null;
    }
    JsonNode body;
    try {
      body = StrictJson.parse(ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes());
    } catch (StrictJson.MalformedJson e) {
      body = null;
      if (withinLimit(ctx, 1)) {
        ctx.fail(ApiError.badRequest(e.getMessage()));
      }
    }
    return body != null && withinLimit(ctx, reportsIn(body)) ? body : null;
  }

  private boolean withinLimit(RoutingContext ctx, int reports) {
    return limiter.admit(ctx, reports, "this unit is sending more reports per second than it may; wait and resend");
  }

  private static int reportsIn(JsonNode body) {
    JsonNode items = body.isObject() ? body.get("reports") : null;
    return items != null && items.isArray() ? Math.max(1, items.size()) : 1;
  }

  private Future<List<Outcome>> append(List<Report> reports) {
    if (reports.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return vertx.eventBus().<AppendResult>request(Addresses.STORE_APPEND, new AppendRequest(reports), storeDelivery)
        .map(reply -> reply.body().outcomes());
  }
}
