package io.watchfloor.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.ext.web.RoutingContext;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts what became of every report (accepted, duplicate, rejected by reason, per site kind) and how
 * long units waited for their acknowledgement. Hooked to the end of each ingest response, so every
 * path out, including the body limit and the failure handler, is counted once.
 */
public final class IngestMeters {
  static final String SITE_KIND = "siteKind";
  private static final Map<Integer, String> REASONS = Map.of(400, "malformed", 401, "unauthenticated",
      403, "forbidden", 409, "conflict", 413, "too_large", 415, "media_type", 422, "invalid", 429, "rate_limited",
      503, "unavailable");

  private final MeterRegistry registry;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private final Timer ack;

  public IngestMeters(MeterRegistry registry) {
    this.registry = registry;
    this.ack = Timer.builder("watchfloor.ingest.ack")
        .description("time from a report request's arrival to its committed acknowledgement")
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(10))
        .register(registry);
  }

  /** First handler on the ingest routes. */
  public void observe(RoutingContext ctx) {
    long started = System.nanoTime();
    boolean batch = ctx.request().path().endsWith("/batch");
    ctx.addHeadersEndHandler(v -> {
      int status = ctx.response().getStatusCode();
      if (status < 300) {
        ack.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
      }
      if (!batch || status != 200) {
        count(status == 201 ? "accepted" : status == 200 ? "duplicate" : "rejected",
            REASONS.getOrDefault(status, status < 300 ? "none" : "other"), ctx.get(SITE_KIND, "unknown"));
      }
    });
    ctx.next();
  }

  /** For the items of a batch, which answers 200 whatever became of each. */
  void count(String outcome, String reason, String siteKind) {
    counters.computeIfAbsent(outcome + '|' + reason + '|' + siteKind, k -> Counter.builder("watchfloor.reports")
            .description("reports by outcome, rejection reason and site kind")
            .tags("outcome", outcome, "reason", reason, "site_kind", siteKind)
            .register(registry))
        .increment();
  }
}
