package io.watchfloor.audit;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.domain.FieldError;
import io.watchfloor.http.ApiError;
import io.watchfloor.http.Principal;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /api/v1/admin/audit?from=&to=&limit=&format=csv}: the admin's subtree's audit lines, newest
 * first, as JSON or as a CSV file. {@code from} and {@code to} are instants with an offset, or dates in the
 * jurisdiction's time zone ({@code to} a date means to the end of that day); the default is the last 30 days.
 */
public final class AuditRoutes {
  static final int DEFAULT_LIMIT = 500;
  static final int MAX_LIMIT = 10_000;
  private static final Duration DEFAULT_SPAN = Duration.ofDays(30);
  private static final String[] COLUMNS = {"id", "at", "actor", "action", "target", "scope", "before", "after"};

  /** Where the lines are kept: it reads those of the reader's subtree only. */
  @FunctionalInterface
  public interface Lines {
    Future<List<AuditEntry>> read(Principal reader, Instant from, Instant to, int limit);
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
    lines.read(Principal.of(ctx).orElseThrow(), start, end, limit).onSuccess(entries -> {
      if (format.equals("csv")) {
        ctx.response().putHeader("Content-Type", "text/csv; charset=utf-8")
            .putHeader("Content-Disposition", "attachment; filename=\"audit.csv\"").end(csv(entries));
      } else {
        JsonArray list = new JsonArray();
        entries.forEach(e -> list.add(e.toJson()));
        ctx.json(new JsonObject().put("from", start.toString()).put("to", end.toString()).put("entries", list));
      }
    }).onFailure(ctx::fail);
  }

  /** With a byte-order mark, so a spreadsheet opens the Chinese names as UTF-8. */
  static String csv(List<AuditEntry> entries) {
    StringBuilder out = new StringBuilder("\uFEFF");
    try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(COLUMNS).get())) {
      for (AuditEntry e : entries) {
        printer.printRecord(e.id(), e.at().toString(), e.actor(), e.action(), e.target(), e.scope(),
            e.before() == null ? "" : e.before().encode(), e.after() == null ? "" : e.after().encode());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
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
