package io.watchfloor.urge;

import io.micrometer.core.instrument.Gauge;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Shareable;
import io.watchfloor.ops.Meters;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The field pages one HTTP instance holds waiting for an urging of their unit's sites, and the node's bound on
 * them all. Only the instance's event loop touches its map; the count is the node's, shared by its instances.
 */
final class UrgeWaiters {
  /** What a held request does when one of its sites is urged on any node. */
  record Waiter(Set<String> sites, Runnable wake) {
  }

  private final Map<Long, Waiter> held = new HashMap<>();
  private final Count count;
  private long next;

  UrgeWaiters(Vertx vertx, int max) {
    this.count = vertx.sharedData().<String, Count>getLocalMap("watchfloor.urge").computeIfAbsent("waiters",
        k -> new Count(max));
  }

  /** The requests held on this node now: what /metrics shows as watchfloor_urge_waiters, and tests look at. */
  static int held(Vertx vertx) {
    Count count = vertx.sharedData().<String, Count>getLocalMap("watchfloor.urge").get("waiters");
    return count == null ? 0 : count.value.get();
  }

  /** A key to {@link #release} it by, or -1 when the node holds its maximum already. */
  long hold(Waiter waiter) {
    if (!count.take()) {
      return -1;
    }
    long key = next++;
    held.put(key, waiter);
    return key;
  }

  /** Once per key: a second release (the answer and the connection's close both call it) changes nothing. */
  void release(long key) {
    if (held.remove(key) != null) {
      count.value.decrementAndGet();
    }
  }

  /** Wakes each held request that waits for this site: it reads what is new and answers. */
  void urged(String site) {
    held.values().stream().filter(w -> w.sites().contains(site)).toList().forEach(w -> w.wake().run());
  }

  private static final class Count implements Shareable {
    private final AtomicInteger value = new AtomicInteger();
    private final int max;

    Count(int max) {
      this.max = max;
      Gauge.builder("watchfloor.urge.waiters", value, AtomicInteger::get)
          .description("field pages held waiting for an urging (GET /api/v1/urgings)").register(Meters.registry());
    }

    boolean take() {
      while (true) {
        int now = value.get();
        if (now >= max) {
          return false;
        }
        if (value.compareAndSet(now, now + 1)) {
          return true;
        }
      }
    }
  }
}
