package io.watchfloor.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.micrometer.backends.BackendRegistries;

/**
 * The registry /metrics shows. A Vert.x built without metrics (a unit test's) gets a private one, so
 * code can record unconditionally.
 */
public final class Meters {
  private Meters() {
  }

  public static MeterRegistry registry() {
    MeterRegistry registry = BackendRegistries.getDefaultNow();
    return registry != null ? registry : new SimpleMeterRegistry();
  }
}
