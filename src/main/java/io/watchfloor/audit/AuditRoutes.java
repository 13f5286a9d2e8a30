package io.watchfloor.audit;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.domain.FieldError;
import io.watchfloor.http.ApiError;
import io.watchfloor.http.Principal;
import io.watchfloor.http.CsvCells;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code GET /api/v1/admin/audit?from=&to=&limit=&action=&exclude=&cursor=&format=csv}: a page of the admin's
 * subtree's audit lines, newest first, as JSON or as a CSV file. {@code from} and {@code to} are instants
 * with an offset, or dates in the jurisdiction's time zone ({@code to} a date means to the end of that day);
 * the default is the last 30 days. {@code action} keeps only the actions listed (comma-separated),
 * {@code exclude} drops those listed. A cut list says so: {@code truncated} and {@code next} in the JSON, a
 * last line and a {@code Link: <…>; rel="next"} header in the CSV; {@code cursor=next} asks for what follows.
 */
public final class AuditRoutes {
  static final int DEFAULT_LIMIT = 500;
  static final int MAX_LIMIT = 10_000;
  private static final Duration DEFAULT_SPAN = Duration.ofDays(30);
  private static final String[] COLUMNS = {"id", "at", "actor", "action", "target", "scope", "before", "after"};
  /** An action's name: dotted lower-case words, as the service writes them. */
  private static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9-]{0,31}(\\.[a-z][a-z0-9-]{0,31}){0,3}");
  private static final int MAX_ACTIONS = 32;

  /** Where the lines are kept: it reads those of the reader's subtree only. */
  @FunctionalInterface
  public interface Lines {
    Future<AuditQuery.Page> read(Principal reader, AuditQuery query);
  }

  private final Clock clock;
  private final ZoneId zone;
  private final Lines lines;

  public AuditRoutes(Clock clock, Catalogue catalogue, Lines lines) {
    this.clock = clock;
    this.zone = catalogue.jurisdiction().timezone();
    this.lines = lines;
  }

  public void list(RoutingContext ctx) {
    List<FieldError> errors = new ArrayList<>();
    Instant to = instant(ctx.request().getParam("to"), "to", true, errors);
    Instant from = instant(ctx.request().getParam("from"), "from", false, errors);
    int limit = limit(ctx.request().getParam("limit"), errors);
    List<String> actions = actions(ctx.request().getParam("action"), "action", errors);
    List<String> excluded = actions(ctx.request().getParam("exclude"), "exclude", errors);
    AuditQuery.Cursor cursor = cursor(ctx.request().getParam("cursor"), errors);
    String format = ctx.request().getParam("format", "json");
    if (!format.equals("json") && !format.equals("csv")) {
      errors.add(new FieldError("format", "must be json or csv"));
    }
    if (!errors.isEmpty()) {
      ctx.fail(new ApiError(422, "Unprocessable content", "the query has invalid parameters", errors, null));
      return;
    }
    Instant end = to == null ? clock.instant().plusMillis(1) : to;
    Instant start = from == null ? end.minus(DEFAULT_SPAN) : from;
    AuditQuery query = new AuditQuery(start, end, null, actions, excluded, cursor, limit);
    lines.read(Principal.of(ctx).orElseThrow(), query).onSuccess(page -> {
      if (page.truncated()) {
        ctx.response().putHeader("Link", "<" + nextUri(ctx, start, end, page.next()) + ">; rel=\"next\"");
      }
      if (format.equals("csv")) {
        ctx.response().putHeader("Content-Type", "text/csv; charset=utf-8")
            .putHeader("Content-Disposition", "attachment; filename=\"audit.csv\"").end(csv(page));
      } else {
        JsonArray list = new JsonArray();
        page.entries().forEach(e -> list.add(e.toJson()));
        ctx.json(new JsonObject().put("from", start.toString()).put("to", end.toString()).put("entries", list)
            .put("truncated", page.truncated()).put("next", page.truncated() ? page.next().token() : null));
      }
    }).onFailure(ctx::fail);
  }

  /** Every cell through {@link CsvCells}, so no name a stranger typed at the sign-in form is a formula. */
  static String csv(AuditQuery.Page page) {
    List<Object[]> rows = new ArrayList<>();
    for (AuditEntry e : page.entries()) {
      rows.add(new Object[] {e.id(), e.at().toString(), e.actor(), e.action(), e.target(), e.scope(),
          e.before() == null ? "" : e.before().encode(), e.after() == null ? "" : e.after().encode()});
    }
    if (page.truncated()) {
      rows.add(new Object[] {"truncated: older lines follow; ask again with cursor=" + page.next().token()});
    }
    return CsvCells.write(COLUMNS, rows);
  }

  /** The same request with the next page's cursor, and the period fixed so the pages join up. */
  private static String nextUri(RoutingContext ctx, Instant start, Instant end, AuditQuery.Cursor next) {
    StringBuilder uri = new StringBuilder(ctx.request().path()).append("?from=").append(encode(start.toString()))
        .append("&to=").append(encode(end.toString()));
    ctx.queryParams().forEach((name, value) -> {
      if (!List.of("cursor", "from", "to").contains(name)) {
        uri.append('&').append(encode(name)).append('=').append(encode(value));
      }
    });
    return uri.append("&cursor=").append(next.token()).toString();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static List<String> actions(String raw, String field, List<FieldError> errors) {
    if (raw == null || raw.isEmpty()) {
      return List.of();
    }
    List<String> actions = List.of(raw.split(",", -1));
    if (actions.size() > MAX_ACTIONS || !actions.stream().allMatch(a -> ACTION.matcher(a).matches())) {
      errors.add(new FieldError(field, "must be up to " + MAX_ACTIONS + " actions, comma-separated, such as unit.create,sign-in.failed"));
      return List.of();
    }
    return actions;
  }

  private static AuditQuery.Cursor cursor(String raw, List<FieldError> errors) {
    if (raw == null || raw.isEmpty()) {
      return null;
    }
    Optional<AuditQuery.Cursor> cursor = AuditQuery.Cursor.parse(raw);
    if (cursor.isEmpty()) {
      errors.add(new FieldError("cursor", "must be the next of an earlier answer, as it was given"));
    }
    return cursor.orElse(null);
  }

  private Instant instant(String raw, String field, boolean endOfDay, List<FieldError> errors) {
    if (raw == null || raw.isEmpty()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(raw).toInstant();
    } catch (DateTimeParseException notInstant) {
      try {
        LocalDate day = LocalDate.parse(raw);
        return (endOfDay ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
      } catch (DateTimeParseException notDate) {
        errors.add(new FieldError(field, "must be a date (2026-12-01) or a time with offset (2026-12-01T08:00:00+08:00)"));
        return null;
      }
    }
  }

  private static int limit(String raw, List<FieldError> errors) {
    if (raw == null || raw.isEmpty()) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(raw);
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException ignored) {
      // said below
    }
    errors.add(new FieldError("limit", "must be a whole number from 1 to " + MAX_LIMIT));
    return DEFAULT_LIMIT;
  }
}
