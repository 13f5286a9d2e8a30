package io.watchfloor.store;

import io.vertx.core.Future;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Readiness is open to anyone, so its probes must not pile up on the database: at most one ping is
 * in flight, and a success is reused for a second. A failure is not kept, so recovery shows at once.
 */
final class ReusedPing {
  private static final long REUSE_NANOS = 1_000_000_000L;

  private final Supplier<Future<Void>> ping;
  private Future<Void> last;
  private long lastAt;

  ReusedPing(Supplier<Future<Void>> ping) {
    this.ping = ping;
  }

  Future<Void> latest() {
    long now = System.nanoTime();
    if (last == null || last.failed() || (last.isComplete() && now - lastAt > REUSE_NANOS)) {
      last = ping.get().timeout(REUSE_NANOS * 5, TimeUnit.NANOSECONDS)
          .onComplete(r -> lastAt = System.nanoTime());
      lastAt = now;
    }
    return last;
  }
}
