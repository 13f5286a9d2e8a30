package io.watchfloor.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.watchfloor.ops.Meters;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** What one hub counts: its clients, the frames it writes by type, how long its fan-outs take, and the slow clients it closes. */
final class LiveMeters {
  private final MeterRegistry registry = Meters.registry();
  private final Map<String, Counter> frames = new HashMap<>();
  private final Map<String, Timer> fanouts = new HashMap<>();
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

  /**
   * How long one message took to reach this hub's sockets, by type: the server's own share of an alert's
   * way to the screens, apart from the network and the screens themselves.
   */
  void fannedOut(String type, long startNanos) {
    fanouts.computeIfAbsent(type, t -> Timer.builder("watchfloor.live.fanout")
            .description("time one hub took to write one message to all its sockets").tag("type", t).register(registry))
        .record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
  }

  void slowClose() {
    slowCloses.increment();
  }
}
