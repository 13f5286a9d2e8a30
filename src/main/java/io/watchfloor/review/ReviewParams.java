package io.watchfloor.review;

import io.vertx.ext.web.RoutingContext;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.domain.FieldError;
import io.watchfloor.http.ApiError;
import io.watchfloor.http.Scopes;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The review's {@code date=} and {@code scope=}, checked in the history reads' order: a repeated
 * parameter (400), the scope (403, one body for unknown and outside), then the values (422).
 */
final class ReviewParams {
  /** As far back as the history reads go. */
  static final int DAYS_BACK = 400;
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Set<String> KNOWN = Set.of("date", Scopes.PARAM, "key");

  private ReviewParams() {
  }

  record Read(LocalDate date, String scope) {
  }

  /** Empty once the request has failed with the scope's 403. */
  static Optional<Read> read(RoutingContext ctx, Catalogue catalogue, LocalDate today) {
    for (String name : ctx.queryParams().names()) {
      if (ctx.queryParams().getAll(name).size() > 1) {
        throw new ApiError(400, "Bad request", "the query gives '" + name + "' more than once",
            List.of(new FieldError(name, "given more than once")), null);
      }
    }
    Optional<String> scope = Scopes.resolve(ctx, catalogue);
    if (scope.isEmpty()) {
      return Optional.empty();
    }
    for (String name : ctx.queryParams().names()) {
      if (!KNOWN.contains(name)) {
        throw invalid(name, "unknown parameter; this endpoint takes date, scope");
      }
    }
    String text = ctx.queryParams().get("date");
    if (text == null) {
      return Optional.of(new Read(today, scope.get()));
    }
    LocalDate date = parse(text);
    if (date.isAfter(today)) {
      throw invalid("date", "is after today, " + today);
    }
    if (date.isBefore(today.minusDays(DAYS_BACK))) {
      throw invalid("date", "is more than " + DAYS_BACK + " days ago");
    }
    return Optional.of(new Read(date, scope.get()));
  }

  /** The shape check keeps out what java.time would also accept, such as a signed five-digit year. */
  private static LocalDate parse(String text) {
    if (DATE.matcher(text).matches()) {
      try {
        return LocalDate.parse(text);
      } catch (DateTimeParseException e) {
        // a month 13 or a 31 February: refused below
      }
    }
    throw invalid("date", "must be a date as YYYY-MM-DD, e.g. 2026-11-21");
  }

  private static ApiError invalid(String name, String message) {
    return new ApiError(422, "Unprocessable content", "the query has invalid parameters",
        List.of(new FieldError(name, message)), null);
  }
}
