package io.watchfloor.notify;

import io.watchfloor.domain.Alert;
import io.watchfloor.domain.Severity;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What a notification says of one alert: which, where, how bad, since and until when, in a sentence, and the
 * console's page for it. {@code site} is null for an alert on an area; {@code resolvedAt} is null while it
 * is not resolved.
 */
public record AlertNotice(UUID alertId, String rule, String site, String area, String areaName, Severity severity,
                          Alert.State state, Instant firstSeen, Instant resolvedAt, String summary, String link) {

  public boolean resolved() {
    return state == Alert.State.RESOLVED;
  }

  /**
   * What identifies the alert to Alertmanager's receivers, and so its fingerprint: the rule as
   * {@code alertname} (which every Alertmanager alert carries), its severity and where it is. An empty value
   * is left out, as Prometheus treats an empty label as an absent one.
   */
  public Map<String, String> labels() {
    Map<String, String> labels = new TreeMap<>();
    putPresent(labels, "alertname", rule);
    putPresent(labels, "severity", severity.key());
    putPresent(labels, "site", site);
    putPresent(labels, "area", area);
    return labels;
  }

  /** What describes it without being its identity: Alertmanager's place for text and our own id. */
  public Map<String, String> annotations() {
    Map<String, String> annotations = new TreeMap<>();
    putPresent(annotations, "summary", summary);
    putPresent(annotations, "area_name", areaName);
    putPresent(annotations, "alert_id", alertId.toString());
    return annotations;
  }

  private static void putPresent(Map<String, String> into, String name, String value) {
    if (value != null && !value.isEmpty()) {
      into.put(name, value);
    }
  }
}
