package io.watchfloor.urge;

import com.fasterxml.jackson.databind.JsonNode;
import io.watchfloor.domain.FieldError;
import io.watchfloor.domain.StorableText;
import io.watchfloor.http.ApiError;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The body of {@code POST /api/v1/compliance/urge} read the strict way: {@code {sites: [site id…], note?}}, nothing
 * else. A body that is not a JSON object is a 400; every bad field of one is named together in one 422, as every
 * other body of the API answers its invalid fields, and nothing is urged.
 */
record UrgeInput(List<String> sites, String note) {
  static final int MAX_SITES = 200;
  static final int MAX_NOTE = 200;
  private static final int MAX_SITE_ID = 64;
  private static final Set<String> FIELDS = Set.of("sites", "note");

  /** Sites in the order sent, each once (a site twice is urged once); a blank note is none. */
  static UrgeInput read(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw ApiError.badRequest("the body must be a JSON object {sites: [site id…], note?}");
    }
    List<FieldError> errors = new ArrayList<>();
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        errors.add(new FieldError(name, "not a field of this request"));
      }
    }
    Set<String> sites = sites(body.get("sites"), errors);
    String note = note(body.get("note"), errors);
    if (!errors.isEmpty()) {
      throw new ApiError(422, "Unprocessable content", "the request is not a valid urging; see errors", errors, null);
    }
    return new UrgeInput(List.copyOf(sites), note);
  }

  private static Set<String> sites(JsonNode value, List<FieldError> errors) {
    Set<String> sites = new LinkedHashSet<>();
    if (value == null || !value.isArray()) {
      errors.add(new FieldError("sites", "required: an array of 1 to " + MAX_SITES + " site ids"));
      return sites;
    }
    if (value.isEmpty() || value.size() > MAX_SITES) {
      errors.add(new FieldError("sites", "must hold 1 to " + MAX_SITES + " site ids, got " + value.size()));
      return sites;
    }
    for (int i = 0; i < value.size(); i++) {
      JsonNode site = value.get(i);
      if (!site.isTextual() || site.asText().isBlank() || site.asText().length() > MAX_SITE_ID
          || !StorableText.storable(site.asText())) {
        errors.add(new FieldError("sites[" + i + "]", "must be a site id of at most " + MAX_SITE_ID + " characters"));
      } else {
        sites.add(site.asText());
      }
    }
    return sites;
  }

  private static String note(JsonNode value, List<FieldError> errors) {
    if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
      return null;
    }
    if (!value.isTextual() || value.asText().strip().length() > MAX_NOTE) {
      errors.add(new FieldError("note", "must be a text of at most " + MAX_NOTE + " characters"));
      return null;
    }
    if (!StorableText.storable(value.asText())) {
      errors.add(new FieldError("note", StorableText.PROBLEM));
      return null;
    }
    return value.asText().strip();
  }
}
