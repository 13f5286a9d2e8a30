package io.watchfloor.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.ext.web.RoutingContext;
import io.watchfloor.domain.FieldError;
import io.watchfloor.domain.Role;
import io.watchfloor.domain.StorableText;
import io.watchfloor.domain.StrictJson;
import io.watchfloor.http.ApiError;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An admin call's body, read strictly: unknown fields, wrong types and bad names are a 422 naming each
 * field, before anything is asked of the store. What only the store and the tree can tell (an unknown
 * site, a taken id, a scope outside the admin's) is the service's to say.
 */
final class AdminInput {
  static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final int MAX_TEXT = 100;
  private static final int MAX_LIST = 1000;

  private final JsonNode body;
  private final List<FieldError> errors = new ArrayList<>();

  private AdminInput(JsonNode body) {
    this.body = body;
  }

  /** The body as an object (an empty body is an empty object), or null once the request has failed. */
  static AdminInput of(RoutingContext ctx, Set<String> fields) {
    byte[] bytes = ctx.body() == null || ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    JsonNode node;
    try {
      node = bytes.length == 0 ? StrictJson.parse("{}".getBytes()) : StrictJson.parse(bytes);
    } catch (StrictJson.MalformedJson e) {
      ctx.fail(ApiError.badRequest(e.getMessage()));
      return null;
    }
    AdminInput input = new AdminInput(node);
    if (!node.isObject()) {
      input.errors.add(new FieldError("", "must be a JSON object"));
    } else {
      node.fieldNames().forEachRemaining(f -> {
        if (!fields.contains(f)) {
          input.errors.add(new FieldError(f, "unknown field"));
        }
      });
    }
    return input;
  }

  String text(String field, boolean required, Pattern pattern) {
    JsonNode value = body.isObject() ? body.get(field) : null;
    if (value == null || value.isNull()) {
      if (required) {
        errors.add(new FieldError(field, "is required"));
      }
      return null;
    }
    if (!value.isTextual() || value.asText().isBlank() || value.asText().length() > (pattern == null ? MAX_TEXT : 64)) {
      errors.add(new FieldError(field, "must be a string of 1 to " + (pattern == null ? MAX_TEXT : 64) + " characters"));
      return null;
    }
    Optional<FieldError> unstorable = StorableText.check(field, value.asText());
    if (unstorable.isPresent()) {
      errors.add(unstorable.get());
      return null;
    }
    if (pattern != null && !pattern.matcher(value.asText()).matches()) {
      errors.add(new FieldError(field, "may hold only letters, digits, '.', '_' and '-', starting with a letter or digit"));
      return null;
    }
    return value.asText();
  }

  String password(String field, boolean required) {
    JsonNode value = body.isObject() ? body.get(field) : null;
    if (value == null || value.isNull()) {
      if (required) {
        errors.add(new FieldError(field, "is required"));
      }
      return null;
    }
    if (!value.isTextual()) {
      errors.add(new FieldError(field, "must be a string"));
      return null;
    }
    return value.asText();
  }

  List<String> strings(String field) {
    JsonNode value = body.isObject() ? body.get(field) : null;
    List<String> list = new ArrayList<>();
    if (value == null || value.isNull()) {
      return list;
    }
    if (!value.isArray() || value.size() > MAX_LIST) {
      errors.add(new FieldError(field, "must be an array of at most " + MAX_LIST + " strings"));
      return list;
    }
    for (JsonNode item : value) {
      if (!item.isTextual() || item.asText().isBlank()) {
        errors.add(new FieldError(field, "must hold only non-empty strings"));
        return list;
      }
      Optional<FieldError> unstorable = StorableText.check(field, item.asText());
      if (unstorable.isPresent()) {
        errors.add(unstorable.get());
        return list;
      }
      if (!list.contains(item.asText())) {
        list.add(item.asText());
      }
    }
    return list;
  }

  Role role(String field) {
    String value = text(field, true, null);
    if (value == null) {
      return null;
    }
    try {
      return Role.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError(field, "must be viewer, officer or admin"));
      return null;
    }
  }

  int integer(String field, int fallback, int min, int max) {
    JsonNode value = body.isObject() ? body.get(field) : null;
    if (value == null || value.isNull()) {
      return fallback;
    }
    // compared exactly: asLong() would wrap 2^64 + 100 to 100
    if (!value.isIntegralNumber() || value.bigIntegerValue().compareTo(BigInteger.valueOf(min)) < 0
        || value.bigIntegerValue().compareTo(BigInteger.valueOf(max)) > 0) {
      errors.add(new FieldError(field, "must be a whole number from " + min + " to " + max));
      return fallback;
    }
    return value.intValue();
  }

  void require(boolean condition, String field, String message) {
    if (!condition) {
      errors.add(new FieldError(field, message));
    }
  }

  /** True when the request may go on; otherwise it has failed with every field's problem at once. */
  boolean valid(RoutingContext ctx) {
    if (errors.isEmpty()) {
      return true;
    }
    ctx.fail(new ApiError(422, "Unprocessable content", "the request has invalid fields", errors, null));
    return false;
  }
}
