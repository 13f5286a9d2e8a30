package io.watchfloor.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.watchfloor.ops.Meters;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** What one hub counts: its clients, the frames it writes by type, and the slow clients it closes. */
final class LiveMeters {
  private final MeterRegistry registry = Meters.registry();
  private final Map<String, Counter> frames = new HashMap<>();
  private final Counter slowCloses;

  LiveMeters(Object hub, Set<?> clients) {
    slowCloses = Counter.builder("watchfloor.live.slow.closes").description("live clients closed for not reading")
        .register(registry);
    Gauge.builder("watchfloor.live.clients", clients, Set::size).description("connected live clients")
        .tag("hub", Integer.toHexString(System.identityHashCode(hub))).register(registry);
  }

  /** Counts a frame written to one client, by type. */
  void sent(String type) {
    frames.computeIfAbsent(type, t -> Counter.builder("watchfloor.live.frames").description("frames written to live clients")
        .tag("type", t).register(registry)).increment();
  }

  void slowClose() {
    slowCloses.increment();
  }
}
