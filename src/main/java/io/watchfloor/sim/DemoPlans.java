package io.watchfloor.sim;

import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The simulated cases' plans, by case id, bounded: a plan goes when its case is no longer open, and the oldest
 * goes first if the map ever fills (a plan lost only means the case is handled as someone else's).
 */
final class DemoPlans {
  private final int max;
  private final Map<String, DemoPlan> plans;
  private final Map<String, Long> bornInRound = new HashMap<>();
  private long round;

  DemoPlans(int max) {
    this.max = max;
    this.plans = new LinkedHashMap<>(16, 0.75f, false);
  }

  DemoPlan get(String id) {
    return plans.get(id);
  }

  DemoPlan getOrAdd(String id, Supplier<DemoPlan> plan) {
    DemoPlan known = plans.get(id);
    return known != null ? known : put(id, plan.get());
  }

  DemoPlan put(String id, DemoPlan plan) {
    if (plans.size() >= max) {
      String eldest = plans.keySet().iterator().next();
      plans.remove(eldest);
      bornInRound.remove(eldest);
    }
    plans.put(id, plan);
    bornInRound.put(id, round);
    return plan;
  }

  /**
   * A new round begins with the ids of every open case: plans of cases no longer open go (closed or cancelled),
   * except those made since the last list, which it could not yet show.
   */
  void stillOpen(Set<String> open) {
    plans.keySet().removeIf(id -> {
      boolean gone = !open.contains(id) && bornInRound.getOrDefault(id, round) < round;
      if (gone) {
        bornInRound.remove(id);
      }
      return gone;
    });
    round++;
  }

  int size() {
    return plans.size();
  }

  /**
   * How far the running stage has got: 0 at its start, 1 at its deadline; 0 when it has none. On the demo's
   * clock, which is the server's, so a test's moved clock moves the demo too.
   */
  static double progress(JsonObject c, Instant now) {
    String started = c.getString("stageStartedAt");
    String due = c.getString("dueAt");
    if (started == null || due == null) {
      return 0;
    }
    Instant from = Instant.parse(started);
    long span = Duration.between(from, Instant.parse(due)).toMillis();
    return span <= 0 ? 1 : (double) Duration.between(from, now).toMillis() / span;
  }
}
