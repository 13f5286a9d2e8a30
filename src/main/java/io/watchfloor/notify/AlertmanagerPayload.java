package io.watchfloor.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The body of a generic webhook for alerts: Alertmanager's webhook JSON, version 4, so a receiver people already
 * run behind Alertmanager takes ours unchanged. The fields and their names are those of prometheus/alertmanager
 * v0.34.0: {@code Message} in notify/webhook/webhook.go (version, groupKey, truncatedAlerts) around
 * {@code template.Data} and {@code template.Alert} in template/template.go (which added
 * {@code notification_reason} in v0.33 and {@code routeLabels} in v0.34; older receivers ignore both).
 */
public final class AlertmanagerPayload {
  /** What Go's zero {@code time.Time} marshals to: Alertmanager's endsAt of an alert not yet resolved. */
  public static final String NOT_ENDED = "0001-01-01T00:00:00Z";
  /** Go's RFC 3339 with nanoseconds, trailing zeros of the fraction dropped, as {@code time.Time} marshals. */
  private static final DateTimeFormatter RFC3339_NANO = new DateTimeFormatterBuilder()
      .appendPattern("uuuu-MM-dd'T'HH:mm:ss").appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
      .appendLiteral('Z').toFormatter().withZone(ZoneOffset.UTC);
  /** The key of Alertmanager's root route, which has no matchers: the first half of every groupKey. */
  private static final String ROOT_ROUTE = "{}";
  private static final int SEPARATOR = 0xff;
  /** What Go's regexp.QuoteMeta escapes. */
  private static final String REGEX_META = "\\.+*?()|[]{}^$";

  private AlertmanagerPayload() {
  }

  /**
   * The body for {@code alerts} (one, or the alerts of a digest) sent to the channel named {@code receiver}.
   * Its group is what the alerts have in common, so one alert is its own group, as with Alertmanager's
   * {@code group_by: ['...']}, and its groupKey tells it from every other alert's. The receiver's name is
   * regex-escaped as Alertmanager does ({@code regexp.QuoteMeta(recv)} in template.Data, since v0.19), so a
   * receiver that matches names written for Alertmanager matches ours.
   */
  public static String body(String receiver, String externalUrl, List<AlertNotice> alerts) {
    if (alerts.isEmpty()) {
      throw new IllegalArgumentException("a webhook message carries at least one alert");
    }
    Map<String, String> commonLabels = common(alerts.stream().map(AlertNotice::labels).toList());
    ObjectNode body = NotifyJson.object()
        .put("receiver", quoteMeta(receiver))
        .put("status", alerts.stream().allMatch(AlertNotice::resolved) ? "resolved" : "firing");
    ArrayNode list = body.putArray("alerts");
    alerts.forEach(alert -> list.add(alert(alert)));
    body.put("notification_reason", reason(alerts));
    putMap(body, "groupLabels", commonLabels);
    putMap(body, "commonLabels", commonLabels);
    putMap(body, "commonAnnotations", common(alerts.stream().map(AlertNotice::annotations).toList()));
    putMap(body, "routeLabels", Map.of());
    return NotifyJson.write(body.put("externalURL", externalUrl)
        .put("version", "4")
        .put("groupKey", ROOT_ROUTE + ":" + labelSet(commonLabels))
        .put("truncatedAlerts", 0));
  }

  private static ObjectNode alert(AlertNotice alert) {
    ObjectNode node = NotifyJson.object().put("status", alert.resolved() ? "resolved" : "firing");
    putMap(node, "labels", alert.labels());
    putMap(node, "annotations", alert.annotations());
    return node.put("startsAt", rfc3339(alert.firstSeen()))
        .put("endsAt", alert.resolved() ? rfc3339(alert.resolvedAt()) : NOT_ENDED)
        .put("generatorURL", alert.link())
        .put("fingerprint", fingerprint(alert.labels()));
  }

  /** Alertmanager's words (notify.NotifyReason) for what a message tells; each of ours tells a change. */
  private static String reason(List<AlertNotice> alerts) {
    long resolved = alerts.stream().filter(AlertNotice::resolved).count();
    if (resolved == alerts.size()) {
      return "all alerts resolved";
    }
    return resolved > 0 ? "some alerts resolved" : "first notification";
  }

  static String rfc3339(Instant at) {
    return RFC3339_NANO.format(at);
  }

  /**
   * Alertmanager's fingerprint of a label set (prometheus/common model/signature.go, labelSetToFingerprint, and
   * model/fingerprinting.go): FNV-1a 64 over each name and value in name order, each followed by the byte 0xff,
   * as 16 hex digits ({@link Hashing#fnv1a}).
   */
  public static String fingerprint(Map<String, String> labels) {
    long hash = Hashing.FNV_OFFSET;
    for (String name : new TreeMap<>(labels).keySet()) {
      hash = Hashing.fnv1a(Hashing.fnv1a(Hashing.fnv1a(Hashing.fnv1a(hash, name.getBytes(StandardCharsets.UTF_8)), SEPARATOR),
          labels.get(name).getBytes(StandardCharsets.UTF_8)), SEPARATOR);
    }
    return String.format("%016x", hash);
  }

  /** The pairs every map has, equal in each: Alertmanager's commonLabels and commonAnnotations. */
  private static Map<String, String> common(List<Map<String, String>> maps) {
    Map<String, String> common = new TreeMap<>(maps.get(0));
    maps.forEach(map -> common.entrySet().removeIf(e -> !e.getValue().equals(map.get(e.getKey()))));
    return common;
  }

  /**
   * A label set as Go prints one ({@code model.LabelSet.String}): {@code {name="value", …}}, the pairs sorted as
   * text, each value quoted as Go's %q does for the printable text labels hold.
   */
  static String labelSet(Map<String, String> labels) {
    return labels.entrySet().stream().map(e -> e.getKey() + "=" + goQuote(e.getValue())).sorted()
        .collect(Collectors.joining(", ", "{", "}"));
  }

  private static String goQuote(String value) {
    StringBuilder quoted = new StringBuilder("\"");
    value.codePoints().forEach(c -> {
      switch (c) {
        case '"' -> quoted.append("\\\"");
        case '\\' -> quoted.append("\\\\");
        case '\n' -> quoted.append("\\n");
        case '\r' -> quoted.append("\\r");
        case '\t' -> quoted.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            quoted.append(String.format("\\x%02x", c));
          } else {
            quoted.appendCodePoint(c);
          }
        }
      }
    });
    return quoted.append('"').toString();
  }

  private static String quoteMeta(String name) {
    StringBuilder quoted = new StringBuilder();
    name.chars().forEach(c -> (REGEX_META.indexOf(c) >= 0 ? quoted.append('\\') : quoted).append((char) c));
    return quoted.toString();
  }

  private static void putMap(ObjectNode into, String field, Map<String, String> map) {
    ObjectNode node = into.putObject(field);
    new TreeMap<>(map).forEach(node::put);
  }
}
