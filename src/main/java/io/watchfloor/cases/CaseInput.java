package io.watchfloor.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.watchfloor.domain.FieldError;
import io.watchfloor.domain.StorableText;
import io.watchfloor.http.ApiError;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * One case request's body read the strict way: only the fields the request names, each of its type and
 * length, each text one the store can keep. Every bad field is collected and named together in one 422,
 * so a client fixes them all at once.
 */
final class CaseInput {
  static final int TITLE = 100;
  static final int NOTE = 1000;
  static final int DESCRIPTION = 2000;
  static final int NAME = 64;

  private final JsonNode body;
  private final List<FieldError> errors = new ArrayList<>();

  private CaseInput(JsonNode body) {
    this.body = body;
  }

  /** The body (null: none sent, read as {}); a field it may not hold is named as one. */
  static CaseInput of(JsonNode body, Set<String> allowed) {
    if (body != null && !body.isObject()) {
      throw ApiError.badRequest("the body must be a JSON object");
    }
    CaseInput input = new CaseInput(body == null ? JsonNodeFactory.instance.objectNode() : body);
    for (Iterator<String> names = input.body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        input.error(name, "not a field of this request");
      }
    }
    return input;
  }

  private JsonNode value(String field) {
    JsonNode value = body.get(field);
    return value == null || value.isNull() ? null : value;
  }

  boolean has(String field) {
    return value(field) != null;
  }

  /** A text, stripped; blank counts as absent. */
  String text(String field, boolean required, int max) {
    JsonNode value = value(field);
    if (value == null || (value.isTextual() && value.asText().isBlank())) {
      return missing(field, required, "a text of at most " + max + " characters");
    }
    if (!value.isTextual() || value.asText().strip().length() > max) {
      return bad(field, "must be a text of at most " + max + " characters");
    }
    String text = value.asText().strip();
    if (!StorableText.storable(text)) {
      return bad(field, StorableText.PROBLEM);
    }
    return text;
  }

  String oneOf(String field, Collection<String> allowed, boolean required) {
    JsonNode value = value(field);
    if (value == null) {
      return missing(field, required, "one of " + String.join(", ", allowed));
    }
    if (!value.isTextual() || !allowed.contains(value.asText())) {
      return bad(field, "must be one of " + String.join(", ", allowed));
    }
    return value.asText();
  }

  UUID uuid(String field, boolean required) {
    JsonNode value = value(field);
    if (value == null) {
      return missing(field, required, "a UUID");
    }
    try {
      if (value.isTextual() && value.asText().length() == 36) {
        return UUID.fromString(value.asText());
      }
    } catch (IllegalArgumentException e) {
      // named below
    }
    return bad(field, "must be a UUID such as 6a1f0c3e-8d2b-4c59-9a8e-2f4b7c1d0e93");
  }

  Boolean bool(String field, boolean required) {
    JsonNode value = value(field);
    if (value == null) {
      return missing(field, required, "true or false");
    }
    return value.isBoolean() ? value.asBoolean() : bad(field, "must be true or false");
  }

  /** A time with its offset, after {@code after}. */
  Instant time(String field, boolean required, Instant after) {
    JsonNode value = value(field);
    if (value == null) {
      return missing(field, required, "an ISO-8601 time with an offset");
    }
    try {
      Instant time = value.isTextual() && value.asText().length() <= 40 ? OffsetDateTime.parse(value.asText()).toInstant() : null;
      if (time != null && !time.isAfter(after)) {
        return bad(field, "must be later than now");
      }
      return time != null ? time : bad(field, "must be an ISO-8601 time with an offset, such as 2026-12-06T18:00:00+08:00");
    } catch (DateTimeParseException e) {
      return bad(field, "must be an ISO-8601 time with an offset, such as 2026-12-06T18:00:00+08:00");
    }
  }

  void error(String field, String message) {
    if (errors.stream().noneMatch(e -> e.field().equals(field))) {
      errors.add(new FieldError(field, message));
    }
  }

  boolean fine(String field) {
    return errors.stream().noneMatch(e -> e.field().equals(field));
  }

  List<FieldError> errors() {
    return List.copyOf(errors);
  }

  /** Fails the request with a 422 naming every bad field, if any. */
  void check() {
    if (!errors.isEmpty()) {
      throw invalid(errors);
    }
  }

  static ApiError invalid(List<FieldError> errors) {
    String fields = String.join(", ", errors.stream().map(FieldError::field).toList());
    return new ApiError(422, "Unprocessable content", "nothing was changed; correct " + fields, errors, null);
  }

  private <T> T missing(String field, boolean required, String what) {
    if (required) {
      error(field, "required: " + what);
    }
    return null;
  }

  private <T> T bad(String field, String message) {
    error(field, message);
    return null;
  }
}
