package io.watchfloor.config;

import io.watchfloor.domain.ConfigNode;

import java.time.Duration;

/**
 * The {@code compliance} section: 催报, urging late sites' units to report.
 *
 * @param urgeLimit how long after an urging the same site may not be urged again (default ten minutes): a unit is
 *                  reminded, not flooded, however many officers press the button
 * @param pollWaiters field pages a node holds at once waiting for an urging ({@code GET /api/v1/urgings}); one
 *                    more is answered 503 with Retry-After, and the page asks again
 * @param pollHoldSeconds how long such a request is held before it is answered with nothing new; below the
 *                        proxies' and the server's idle timeouts, so the page, not a proxy, ends it
 */
public record ComplianceConfig(Duration urgeLimit, int pollWaiters, int pollHoldSeconds) {
  static ComplianceConfig read(ConfigNode compliance) {
    return new ComplianceConfig(Fields.duration(compliance, "urge-limit", Duration.ofMinutes(10)),
        Fields.integer(compliance, "poll-waiters", 2000, 1, 100_000),
        Fields.integer(compliance, "poll-hold-seconds", 25, 1, 600));
  }
}
