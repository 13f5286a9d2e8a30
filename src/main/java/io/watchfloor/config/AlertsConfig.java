package io.watchfloor.config;

import io.watchfloor.domain.ConfigNode;

import java.time.Duration;

/** The {@code alerts} section: escalation, how often deadlines are checked, the embedded store's bound. */
public record AlertsConfig(Duration escalateCriticalAfter, int escalationCheckSeconds, int missingCheckSeconds,
                           int memoryMaxAlerts, int fireRetryMax, Duration fireRetryFirst, Duration fireRetryMaxWait) {
  static AlertsConfig read(ConfigNode alerts) {
    return new AlertsConfig(
        Fields.duration(alerts, "escalate-critical-after", Duration.ofMinutes(5)),
        Fields.integer(alerts, "escalation-check-seconds", 5, 1, 3600),
        Fields.integer(alerts, "missing-check-seconds", 30, 1, 3600),
        Fields.integer(alerts, "memory-max-alerts", 10_000, 10, 10_000_000),
        Fields.integer(alerts, "fire-retry-max", 10_000, 1, 10_000_000),
        Duration.ofMillis(Fields.longInt(alerts, "fire-retry-first-ms", 500, 1, 3_600_000)),
        Duration.ofMillis(Fields.longInt(alerts, "fire-retry-max-ms", 30_000, 1, 3_600_000)));
  }
}
