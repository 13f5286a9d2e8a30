package io.watchfloor.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.micrometer.backends.BackendRegistries;

/**
 * The registry /metrics shows. A Vert.x built without metrics (a unit test's) gets a private one, so
 * code can record unconditionally.
 */
public final class Meters {
  /** The methods HTTP defines; any other word a client sends is counted as OTHER. */
  private static final String[] KNOWN_METHODS = {"GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE", "CONNECT"};

  private Meters() {
  }

  /**
   * The registry Vert.x records into, made here so its filters are in place before the first meter.
   * A client chooses the request method, so as a label it would let anyone add series at will.
   */
  public static PrometheusMeterRegistry prometheus() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().meterFilter(MeterFilter.replaceTagValues("method", method -> "OTHER", KNOWN_METHODS));
    return registry;
  }

  public static MeterRegistry registry() {
    MeterRegistry registry = BackendRegistries.getDefaultNow();
    return registry != null ? registry : new SimpleMeterRegistry();
  }
}
