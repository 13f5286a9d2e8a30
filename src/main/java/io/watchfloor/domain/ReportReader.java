package io.watchfloor.domain;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Turns a parsed report body into a {@link Report}, collecting every field error rather than stopping
 * at the first, so a field unit can fix a report in one go.
 */
public final class ReportReader {
  private static final Set<String> FIELDS = Set.of("id", "site", "observedAt", "metrics", "note");
  private static final Pattern UUID_TEXT =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private final Catalogue catalogue;
  private final IngestPolicy policy;

  public ReportReader(Catalogue catalogue, IngestPolicy policy) {
    this.catalogue = catalogue;
    this.policy = policy;
  }

  public Report read(JsonNode body, FieldUnit unit, Instant now) {
    if (!body.isObject()) {
      throw new ReportRejected(422, "a report must be a JSON object", List.of(new FieldError("", "must be an object")));
    }
    List<FieldError> errors = new ArrayList<>();
    body.fieldNames().forEachRemaining(name -> {
      if (!FIELDS.contains(name)) {
        errors.add(new FieldError(name, "unknown field"));
      }
    });
    UUID id = id(body.get("id"), errors);
    Optional<Site> site = site(body.get("site"), errors);
    OffsetDateTime observedAt = observedAt(body.get("observedAt"), now, errors);
    Map<String, BigDecimal> metrics = metrics(body.get("metrics"), site, errors);
    String note = note(body.get("note"), errors);
    if (!errors.isEmpty()) {
      throw new ReportRejected(422, "the report has invalid fields", errors);
    }
    if (!unit.sites().contains(site.get().id())) {
      throw new ReportRejected(403, "unit '" + unit.id() + "' may not report for site '" + site.get().id() + "'",
          List.of(new FieldError("site", "not one of this unit's sites")));
    }
    Map<String, Double> values = new TreeMap<>();
    metrics.forEach((key, value) -> values.put(key, value.doubleValue()));
    return new Report(id, unit.id(), site.get().id(), observedAt,
        observedAt.atZoneSameInstant(catalogue.jurisdiction().timezone()).toLocalDate(), now,
        Map.copyOf(values), note, hash(id, site.get().id(), observedAt, metrics, note));
  }

  /** The kind of the site a body names, for counting; "unknown" if it names none we know. */
  public String siteKindOf(JsonNode body) {
    JsonNode site = body.isObject() ? body.get("site") : null;
    return site != null && site.isTextual() ? siteKindOf(site.asText()) : "unknown";
  }

  public String siteKindOf(String siteId) {
    return catalogue.site(siteId).map(Site::kind).orElse("unknown");
  }

  private static UUID id(JsonNode node, List<FieldError> errors) {
    if (node == null || !node.isTextual() || !UUID_TEXT.matcher(node.asText()).matches()) {
      errors.add(new FieldError("id", "must be a UUID made by the client, e.g. 0b6f3c1e-1c5e-4b7e-9a0e-3f1f0b8f2c11"));
      return null;
    }
    return UUID.fromString(node.asText());
  }

  private Optional<Site> site(JsonNode node, List<FieldError> errors) {
    if (node == null || !node.isTextual()) {
      errors.add(new FieldError("site", "must be a site id"));
      return Optional.empty();
    }
    Optional<Site> site = catalogue.site(node.asText());
    if (site.isEmpty()) {
      errors.add(new FieldError("site", "unknown site '" + node.asText() + "'"));
    }
    return site;
  }

  private OffsetDateTime observedAt(JsonNode node, Instant now, List<FieldError> errors) {
    if (node == null || !node.isTextual()) {
      errors.add(new FieldError("observedAt", "must be an ISO-8601 time with an offset, e.g. 2026-11-21T08:15:00+08:00"));
      return null;
    }
    OffsetDateTime time;
    try {
      time = OffsetTimes.parse(node.asText());
    } catch (DateTimeParseException e) {
      errors.add(new FieldError("observedAt", "must be an ISO-8601 time with an offset, e.g. 2026-11-21T08:15:00+08:00"));
      return null;
    }
    if (time.toInstant().isAfter(now.plus(policy.futureSkew()))) {
      errors.add(new FieldError("observedAt", "is more than " + policy.futureSkew().toMinutes() + " minutes in the future"));
    } else if (time.toInstant().isBefore(now.minus(policy.lateWindow()))) {
      errors.add(new FieldError("observedAt", "is older than the late window of " + policy.lateWindow().toDays() + " days"));
    }
    return time;
  }

  private Map<String, BigDecimal> metrics(JsonNode node, Optional<Site> site, List<FieldError> errors) {
    Map<String, BigDecimal> values = new TreeMap<>();
    if (node == null || !node.isObject() || node.isEmpty()) {
      errors.add(new FieldError("metrics", "must be an object with at least one metric"));
      return values;
    }
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String path = "metrics." + field.getKey();
      Optional<MetricDef> def = catalogue.metric(field.getKey());
      if (def.isEmpty()) {
        errors.add(new FieldError(path, "unknown metric"));
      } else if (site.isPresent() && !def.get().siteKind().equals(site.get().kind())) {
        errors.add(new FieldError(path, "not a metric of a " + site.get().kind() + " site"));
      } else {
        value(field.getValue(), def.get(), path, errors).ifPresent(v -> values.put(field.getKey(), v));
      }
    }
    checkPlausibility(values, errors);
    return values;
  }

  /**
   * Every check here works on the number as parsed (digits and a scale), never on its expansion: a
   * value like 1e-99999999 is within 0..100 yet would grow to a string of a hundred million digits.
   * Whole-number metrics take JSON integers only (so 1e2 and 42.0 are refused, as is any fraction).
   */
  private static Optional<BigDecimal> value(JsonNode node, MetricDef def, String path, List<FieldError> errors) {
    if (!node.isNumber()) {
      errors.add(new FieldError(path, "must be a number"));
      return Optional.empty();
    }
    if (def.integer() && !node.isIntegralNumber()) {
      errors.add(new FieldError(path, "must be a whole number, written without a fraction or exponent"));
      return Optional.empty();
    }
    BigDecimal value = node.decimalValue();
    if (value.compareTo(BigDecimal.valueOf(def.min())) < 0 || value.compareTo(BigDecimal.valueOf(def.max())) > 0) {
      errors.add(new FieldError(path, "must be between " + plain(def.min()) + " and " + plain(def.max())));
      return Optional.empty();
    }
    if (value.signum() != 0 && value.scale() > def.decimals() && value.stripTrailingZeros().scale() > def.decimals()) {
      errors.add(new FieldError(path, def.decimals() == 0 ? "must be a whole number"
          : "must have at most " + def.decimals() + " digits after the point"));
      return Optional.empty();
    }
    return Optional.of(value.signum() == 0 ? BigDecimal.ZERO : value);
  }

  private void checkPlausibility(Map<String, BigDecimal> values, List<FieldError> errors) {
    for (PlausibilityCheck check : catalogue.checks()) {
      BigDecimal part = values.get(check.metric());
      BigDecimal whole = values.get(check.atMost());
      if (part != null && whole != null && part.compareTo(whole) > 0) {
        errors.add(new FieldError("metrics." + check.metric(),
            "cannot exceed metrics." + check.atMost() + " (" + part.toPlainString() + " > " + whole.toPlainString() + ")"));
      }
    }
  }

  private String note(JsonNode node, List<FieldError> errors) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      errors.add(new FieldError("note", "must be a string"));
      return null;
    }
    String note = node.asText();
    if (note.codePointCount(0, note.length()) > policy.maxNoteLength()) {
      errors.add(new FieldError("note", "must be at most " + policy.maxNoteLength() + " characters"));
    } else {
      StorableText.check("note", note).ifPresent(errors::add);
    }
    return note;
  }

  private static String plain(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  /** Identifies what was reported, independent of key order, number spelling or the time's offset. */
  static String hash(UUID id, String site, OffsetDateTime observedAt, Map<String, BigDecimal> metrics, String note) {
    StringBuilder canonical = new StringBuilder()
        .append(id).append('\n').append(site).append('\n').append(observedAt.toInstant()).append('\n');
    metrics.forEach((key, value) -> canonical.append(key).append('=').append(value.stripTrailingZeros().toPlainString()).append('\n'));
    canonical.append(note == null ? "" : note);
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
