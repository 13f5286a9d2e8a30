package io.watchfloor.ingest;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Shareable;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket of reports per field unit, so one unit flooding after a dead spot cannot starve the others.
 * Shared by every HTTP verticle instance of the node, so the limit does not multiply with them.
 */
public final class UnitRateLimiter implements Shareable {
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final long perSecond;
  private final long burst;

  private UnitRateLimiter(long perSecond, long burst) {
    this.perSecond = perSecond;
    this.burst = burst;
  }

  public static UnitRateLimiter shared(Vertx vertx, long perSecond, long burst) {
    return vertx.sharedData().<String, UnitRateLimiter>getLocalMap("watchfloor.rate-limits")
        .computeIfAbsent("units", k -> new UnitRateLimiter(perSecond, burst));
  }

  /**
   * Takes {@code reports} from the unit's budget; empty if allowed, else the seconds to wait. The budget
   * counts reports, not requests, so batching cannot multiply a unit's share. A batch larger than the
   * burst costs the whole burst, so the largest batch always gets through a full bucket.
   */
  public OptionalInt take(String unitId, int reports) {
    ConsumptionProbe probe = buckets.computeIfAbsent(unitId, u -> Bucket.builder()
            .addLimit(Bandwidth.builder().capacity(burst).refillGreedy(perSecond, Duration.ofSeconds(1)).build())
            .build())
        .tryConsumeAndReturnRemaining(Math.max(1, Math.min(reports, burst)));
    if (probe.isConsumed()) {
      return OptionalInt.empty();
    }
    return OptionalInt.of((int) Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L));
  }
}
