package io.watchfloor.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Shareable;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Bounds an expensive kind of request on a node: so many at once in all (one more is 503), and so
 * many for each caller (one more is 429), each with a Retry-After; and, where given, a budget of
 * requests a minute per caller (429). A flood then costs the node a
 * fixed amount of work, and one caller cannot take every turn. Shared by the node's HTTP instances.
 */
public final class WorkGate implements Shareable {
  private static final int TRACKED_CALLERS = 10_000;

  private final String what;
  private final int max;
  private final int perCaller;
  private final long perCallerPerMinute;
  private final AtomicInteger running = new AtomicInteger();
  /** Each caller's budget of requests a minute, whether they are served from a cache or built. */
  private final Cache<String, Bucket> budgets = Caffeine.newBuilder().maximumSize(TRACKED_CALLERS)
      .expireAfterAccess(Duration.ofMinutes(1)).build();
  /** A caller idle for the expiry has nothing running: dropping its count loses nothing. */
  private final Cache<String, AtomicInteger> byCaller = Caffeine.newBuilder().maximumSize(TRACKED_CALLERS)
      .expireAfterAccess(Duration.ofMinutes(10)).build();

  private WorkGate(String what, int max, int perCaller, long perCallerPerMinute) {
    this.what = what;
    this.max = max;
    this.perCaller = perCaller;
    this.perCallerPerMinute = perCallerPerMinute;
  }

  /** The node's gate of this name, with no budget a minute; the first caller's bounds hold. */
  public static WorkGate shared(Vertx vertx, String what, int max, int perCaller) {
    return shared(vertx, what, max, perCaller, 0);
  }

  /** @param perCallerPerMinute requests a caller may make a minute, cheap or not; 0: no such budget */
  public static WorkGate shared(Vertx vertx, String what, int max, int perCaller, long perCallerPerMinute) {
    return vertx.sharedData().<String, WorkGate>getLocalMap("watchfloor.work-gates")
        .computeIfAbsent(what, k -> new WorkGate(what, max, perCaller, perCallerPerMinute));
  }

  /**
   * Takes one request from the caller's budget a minute: even an answer kept in a cache costs the
   * node its encoding and its bytes, so a loop is slowed down before it reaches the cache.
   */
  public Optional<ApiError> take(String caller) {
    if (perCallerPerMinute <= 0) {
      return Optional.empty();
    }
    ConsumptionProbe probe = budgets.get(caller, k -> Bucket.builder().addLimit(Bandwidth.builder()
            .capacity(perCallerPerMinute).refillGreedy(perCallerPerMinute, Duration.ofMinutes(1)).build()).build())
        .tryConsumeAndReturnRemaining(1);
    if (probe.isConsumed()) {
      return Optional.empty();
    }
    int seconds = (int) Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1);
    return Optional.of(ApiError.tooManyRequests("too many " + what + "s asked for; wait a little", seconds));
  }

  /** Runs the work if both bounds allow, and frees its turn when it ends, however it ends. */
  public <T> Future<T> run(String caller, Supplier<Future<T>> work) {
    AtomicInteger mine = byCaller.get(caller, k -> new AtomicInteger());
    if (mine.incrementAndGet() > perCaller) {
      mine.decrementAndGet();
      return Future.failedFuture(ApiError.tooManyRequests("a " + what + " of yours is still running; wait for it", 1));
    }
    if (running.incrementAndGet() > max) {
      running.decrementAndGet();
      mine.decrementAndGet();
      return Future.failedFuture(ApiError.unavailable("too many " + what + "s are running; try again shortly", 2));
    }
    Future<T> started;
    try {
      started = work.get();
    } catch (RuntimeException e) {
      started = Future.failedFuture(e);
    }
    return started.andThen(done -> {
      running.decrementAndGet();
      mine.decrementAndGet();
    });
  }

  /** How many are running now, for tests and meters. */
  public int running() {
    return running.get();
  }
}
