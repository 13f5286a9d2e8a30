package io.watchfloor.live;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.watchfloor.domain.Severity;
import io.watchfloor.ops.Meters;

import java.util.List;
import java.util.function.Supplier;

/**
 * The live verticle's meters, made once: reports in against deltas out is the coalescing ratio, and
 * the unresolved alerts by state and severity come from the open list the screens show.
 */
final class LiveStateMeters {
  private final Counter reportsIn;
  private final Counter deltasOut;
  private final Supplier<JsonArray> openAlerts;
  /** Written by the live verticle each interval, read by the scrape on another thread. */
  private volatile double tailBehindSeconds;

  LiveStateMeters(Supplier<JsonArray> openAlerts) {
    this.openAlerts = openAlerts;
    MeterRegistry registry = Meters.registry();
    reportsIn = Counter.builder("watchfloor.live.reports").description("committed reports applied to the live state")
        .register(registry);
    deltasOut = Counter.builder("watchfloor.live.deltas").description("delta broadcasts (one per interval at most)")
        .register(registry);
    Gauge.builder("watchfloor.live.tail.behind.seconds", this, m -> m.tailBehindSeconds)
        .description("how long the oldest report counted at its commit on this node has waited for the commit tail;"
            + " grows while a long transaction holds the tail back").register(registry);
    for (String alertState : List.of("open", "acknowledged")) {
      for (Severity severity : Severity.values()) {
        Gauge.builder("watchfloor.alerts.unresolved", this, m -> m.count(alertState, severity.key()))
            .description("unresolved alerts by state and severity").tags("state", alertState, "severity", severity.key())
            .register(registry);
      }
    }
  }

  void reportIn() {
    reportsIn.increment();
  }

  void deltaOut() {
    deltasOut.increment();
  }

  void tailBehind(double seconds) {
    tailBehindSeconds = seconds;
  }

  private double count(String alertState, String severity) {
    return openAlerts.get().stream().map(JsonObject.class::cast)
        .filter(a -> alertState.equals(a.getString("state")) && severity.equals(a.getString("severity"))).count();
  }
}
