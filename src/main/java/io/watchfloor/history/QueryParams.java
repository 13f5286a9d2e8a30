package io.watchfloor.history;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import io.watchfloor.domain.FieldError;
import io.watchfloor.http.ApiError;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A read's query string, taken as strictly as a report body: a repeated parameter is a 400 (which
 * one was meant?), and unknown parameters and bad values are collected into one 422, so a client
 * can fix every field in one go.
 */
final class QueryParams {
  /** A wall screen passes its display key in the URL of every call it makes. */
  private static final String DISPLAY_KEY = "key";

  private final MultiMap query;
  private final List<FieldError> errors = new ArrayList<>();

  QueryParams(RoutingContext ctx, Set<String> known) {
    this.query = ctx.queryParams();
    for (String name : query.names()) {
      if (query.getAll(name).size() > 1) {
        throw new ApiError(400, "Bad request", "the query gives '" + name + "' more than once",
            List.of(new FieldError(name, "given more than once")), null);
      }
      if (!known.contains(name) && !name.equals(DISPLAY_KEY)) {
        errors.add(new FieldError(name, "unknown parameter; this endpoint takes "
            + String.join(", ", known.stream().sorted().toList())));
      }
    }
  }

  /** The value, or empty after noting the parameter as missing. */
  Optional<String> required(String name, String what) {
    String value = query.get(name);
    if (value == null || value.isEmpty()) {
      error(name, "is required: " + what);
      return Optional.empty();
    }
    return Optional.of(value);
  }

  /** The value if given; given but empty is an error, not an absence. */
  Optional<String> optional(String name, String what) {
    String value = query.get(name);
    if (value != null && value.isEmpty()) {
      error(name, "is empty; give " + what + " or leave it out");
      return Optional.empty();
    }
    return Optional.ofNullable(value);
  }

  /** Passes {@code value} through, noting {@code message} against {@code name} when it is empty. */
  <T> Optional<T> check(String name, Optional<T> value, String message) {
    if (value.isEmpty()) {
      error(name, message);
    }
    return value;
  }

  void error(String name, String message) {
    errors.add(new FieldError(name, message));
  }

  /** Fails the request with every error noted so far, if there is one. */
  void throwIfInvalid() {
    if (!errors.isEmpty()) {
      throw new ApiError(422, "Unprocessable content", "the query has invalid parameters", errors, null);
    }
  }
}
