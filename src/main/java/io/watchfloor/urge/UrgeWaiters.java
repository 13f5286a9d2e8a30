package io.watchfloor.urge;

import io.micrometer.core.instrument.Gauge;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Shareable;
import io.watchfloor.ops.Meters;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The field pages one HTTP instance holds waiting for an urging of their unit's sites, and the node's bound on
 * them all. Only the instance's event loop touches its map; the count is the node's, shared by its instances.
 */
final class UrgeWaiters {
  /** What a held request does when one of its sites is urged on any node. */
  record Waiter(String unit, Set<String> sites, Runnable wake) {
  }

  /** Why a request was not held. */
  enum Refusal { NODE_FULL, UNIT_FULL }

  /**
   * Requests one unit may have held on a node: its page open on a few phones at once. A stolen token opening
   * more is refused (429) and never takes the node's whole budget from the other units.
   */
  static final int PER_UNIT = 8;

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

  /** A held request's key to {@link #release} it by, or, {@code refused} not null, why it is not held. */
  record Hold(long key, Refusal refused) {
  }

  Hold hold(Waiter waiter) {
    Refusal refused = count.take(waiter.unit());
    if (refused != null) {
      return new Hold(-1, refused);
    }
    long key = next++;
    held.put(key, waiter);
    return new Hold(key, null);
  }

  /** Once per key: a second release (the answer and the connection's close both call it) changes nothing. */
  void release(long key) {
    Waiter gone = held.remove(key);
    if (gone != null) {
      count.give(gone.unit());
    }
  }

  /** Wakes each held request that waits for this site: it reads what is new and answers. */
  void urged(String site) {
    held.values().stream().filter(w -> w.sites().contains(site)).toList().forEach(w -> w.wake().run());
  }

  private static final class Count implements Shareable {
    private final AtomicInteger value = new AtomicInteger();
    /** Held per unit; a unit's entry goes when its last request does, so it is bounded by the held requests. */
    private final Map<String, Integer> perUnit = new ConcurrentHashMap<>();
    private final int max;

    Count(int max) {
      this.max = max;
      Gauge.builder("watchfloor.urge.waiters", value, AtomicInteger::get)
          .description("field pages held waiting for an urging (GET /api/v1/urgings)").register(Meters.registry());
    }

    /** Null when taken; the instances of a node take turns on each unit's entry (compute is atomic per key). */
    Refusal take(String unit) {
      Refusal[] refused = new Refusal[1];
      perUnit.compute(unit, (k, held) -> {
        int mine = held == null ? 0 : held;
        if (mine >= PER_UNIT) {
          refused[0] = Refusal.UNIT_FULL;
          return held;
        }
        if (!takeOne()) {
          refused[0] = Refusal.NODE_FULL;
          return held;
        }
        return mine + 1;
      });
      return refused[0];
    }

    void give(String unit) {
      perUnit.computeIfPresent(unit, (k, held) -> held <= 1 ? null : held - 1);
      value.decrementAndGet();
    }

    private boolean takeOne() {
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
