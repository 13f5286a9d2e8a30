package io.watchfloor.http;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Shareable;
import io.vertx.ext.web.RoutingContext;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per field unit, so one unit flooding after a dead spot (or a stolen token) cannot starve the
 * others. One budget per purpose: {@link #REPORTS} counts reports, {@link #TASKS} the writes of the task API.
 * Shared by every HTTP verticle instance of the node, so the limit does not multiply with them.
 */
public final class UnitRateLimiter implements Shareable {
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final long refill;
  private final Duration period;
  private final long burst;

  private UnitRateLimiter(long refill, Duration period, long burst) {
    this.refill = refill;
    this.period = period;
    this.burst = burst;
  }

  public static final String REPORTS = "units";
  public static final String TASKS = "tasks";

  /** The node's budget for reports. */
  public static UnitRateLimiter shared(Vertx vertx, long perSecond, long burst) {
    return shared(vertx, REPORTS, perSecond, Duration.ofSeconds(1), burst);
  }

  /**
   * The node's budget named {@code purpose}, {@code refill} tokens a {@code period} up to {@code burst}: the
   * first caller's figures hold for the node.
   */
  public static UnitRateLimiter shared(Vertx vertx, String purpose, long refill, Duration period, long burst) {
    return vertx.sharedData().<String, UnitRateLimiter>getLocalMap("watchfloor.rate-limits")
        .computeIfAbsent(purpose, k -> new UnitRateLimiter(refill, period, burst));
  }

  /**
   * Takes {@code reports} (or writes) from the unit's budget; empty if allowed, else the seconds to wait. The budget
   * counts reports, not requests, so batching cannot multiply a unit's share. A batch larger than the
   * burst costs the whole burst, so the largest batch always gets through a full bucket.
   */
  public OptionalInt take(String unitId, int reports) {
    ConsumptionProbe probe = buckets.computeIfAbsent(unitId, u -> Bucket.builder()
            .addLimit(Bandwidth.builder().capacity(burst).refillGreedy(refill, period).build())
            .build())
        .tryConsumeAndReturnRemaining(Math.max(1, Math.min(reports, burst)));
    if (probe.isConsumed()) {
      return OptionalInt.empty();
    }
    return OptionalInt.of((int) Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L));
  }

  /**
   * Takes {@code count} from the signed-in unit's budget; if it is spent, fails the request with 429, its
   * Retry-After and {@code detail}, and answers false. The one refusal every budget of the node gives.
   */
  public boolean admit(RoutingContext ctx, int count, String detail) {
    OptionalInt wait = take(Principal.unit(ctx).id(), count);
    wait.ifPresent(seconds -> ctx.fail(ApiError.tooManyRequests(detail, seconds)));
    return wait.isEmpty();
  }
}
