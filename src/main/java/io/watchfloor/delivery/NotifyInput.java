package io.watchfloor.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.ext.web.RoutingContext;
import io.watchfloor.domain.FieldError;
import io.watchfloor.domain.StorableText;
import io.watchfloor.http.ApiError;
import io.watchfloor.http.StrictBody;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A channel's or a route's body, read strictly: malformed JSON is a 400; an unknown field, a wrong type or a
 * value out of bounds is a 422 naming each field, as every admin call answers (docs/security.md). Nothing is asked
 * of the store before the whole body has passed.
 */
final class NotifyInput {
  private final JsonNode body;
  private final String prefix;
  private final List<FieldError> errors;

  private NotifyInput(JsonNode body, String prefix, List<FieldError> errors) {
    this.body = body;
    this.prefix = prefix;
    this.errors = errors;
  }

  /** The body; throws the 400 of a malformed one. An absent body is an empty object, whose fields are missing. */
  static NotifyInput of(RoutingContext ctx, Set<String> fields) {
    JsonNode node = StrictBody.orNull(ctx);
    NotifyInput input = new NotifyInput(node, "", new ArrayList<>());
    if (node == null || !node.isObject()) {
      input.errors.add(new FieldError("(body)", "must be a JSON object"));
      return new NotifyInput(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(), "", input.errors);
    }
    input.known(fields);
    return input;
  }

  /** The object in {@code field}, read with this one's errors under {@code field.}; null when absent or not an object. */
  NotifyInput object(String field, Set<String> fields) {
    JsonNode value = value(field);
    if (value == null) {
      return null;
    }
    if (!value.isObject()) {
      add(field, "must be an object");
      return null;
    }
    NotifyInput inner = new NotifyInput(value, prefix + field + ".", errors);
    inner.known(fields);
    return inner;
  }

  private void known(Set<String> fields) {
    body.fieldNames().forEachRemaining(f -> {
      if (!fields.contains(f)) {
        add(f, "unknown field");
      }
    });
  }

  boolean has(String field) {
    return value(field) != null;
  }

  private JsonNode value(String field) {
    JsonNode value = body.get(field);
    return value == null || value.isNull() ? null : value;
  }

  /** A string of 1 to {@code max} characters, or null (with an error if required, or not such a string). */
  String text(String field, boolean required, int max) {
    JsonNode value = value(field);
    if (value == null) {
      if (required) {
        add(field, "is required");
      }
      return null;
    }
    if (!value.isTextual() || value.asText().isBlank() || value.asText().length() > max) {
      add(field, "must be a string of 1 to " + max + " characters");
      return null;
    }
    if (!StorableText.storable(value.asText())) {
      add(field, StorableText.PROBLEM);
      return null;
    }
    return value.asText();
  }

  int integer(String field, int fallback, int min, int max) {
    JsonNode value = value(field);
    if (value == null) {
      return fallback;
    }
    // compared exactly: intValue() would wrap 2^32 + 20 to 20
    if (!value.isIntegralNumber() || value.bigIntegerValue().compareTo(BigInteger.valueOf(min)) < 0
        || value.bigIntegerValue().compareTo(BigInteger.valueOf(max)) > 0) {
      add(field, "must be a whole number from " + min + " to " + max);
      return fallback;
    }
    return value.intValue();
  }

  /** Distinct strings of 1 to {@code maxLength} characters, at most {@code maxItems}; absent is empty. */
  List<String> strings(String field, int maxItems, int maxLength) {
    JsonNode value = value(field);
    List<String> list = new ArrayList<>();
    if (value == null) {
      return list;
    }
    if (!value.isArray() || value.size() > maxItems) {
      add(field, "must be an array of at most " + maxItems + " strings");
      return list;
    }
    for (JsonNode item : value) {
      if (!item.isTextual() || item.asText().isBlank() || item.asText().length() > maxLength
          || !StorableText.storable(item.asText())) {
        add(field, "must hold only strings of 1 to " + maxLength + " characters");
        return List.of();
      }
      if (!list.contains(item.asText())) {
        list.add(item.asText());
      }
    }
    return list;
  }

  /** An object of string values, in the order given, at most {@code maxEntries}; absent is empty. */
  Map<String, String> stringMap(String field, int maxEntries, int maxLength) {
    JsonNode value = value(field);
    Map<String, String> map = new LinkedHashMap<>();
    if (value == null) {
      return map;
    }
    if (!value.isObject() || value.size() > maxEntries) {
      add(field, "must be an object of at most " + maxEntries + " string values");
      return map;
    }
    value.fields().forEachRemaining(e -> {
      if (!e.getValue().isTextual() || e.getValue().asText().length() > maxLength) {
        add(field + "." + e.getKey(), "must be a string of at most " + maxLength + " characters");
      } else {
        map.put(e.getKey(), e.getValue().asText());
      }
    });
    return map;
  }

  void require(boolean condition, String field, String message) {
    if (!condition) {
      add(field, message);
    }
  }

  void add(String field, String message) {
    errors.add(new FieldError(prefix + field, message));
  }

  boolean hasErrors() {
    return !errors.isEmpty();
  }

  /** Throws the 422 naming every field at once, if any failed. */
  void check() {
    if (!errors.isEmpty()) {
      throw invalid(errors);
    }
  }

  static ApiError invalid(List<FieldError> errors) {
    String detail = errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
        : "the request has invalid fields";
    return new ApiError(422, "Unprocessable content", detail, errors, null);
  }

  static ApiError invalid(String field, String message) {
    return invalid(List.of(new FieldError(field, message)));
  }
}
