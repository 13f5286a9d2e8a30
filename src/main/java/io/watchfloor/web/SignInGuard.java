package io.watchfloor.web;

import io.watchfloor.config.HttpConfig;
import io.watchfloor.http.ApiError;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.shareddata.Shareable;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps sign-in from being a way to burn the server's CPU or to lock an officer out.
 * <ul>
 *   <li>Each address has a budget of attempts, whatever usernames it tries: inventing a name per
 *   request no longer buys a fresh budget.</li>
 *   <li>Each username has a budget per address, not a global one: a stranger who exhausts it locks
 *   out only himself, and the officer at her own desk still signs in.</li>
 *   <li>Password hashes run on a small pool of their own with a bounded queue; past it a sign-in is
 *   refused at once with 503, so hashing can never take more than that pool's threads.</li>
 * </ul>
 * The budget maps are bounded caches: an entry idle for a window is full again anyway, so dropping
 * it loses nothing; at the size bound the least recently used is dropped, and the hashing bound
 * still holds. Shared by every HTTP verticle instance of the node, so limits do not multiply.
 */
public final class SignInGuard implements Shareable {
  private static final Duration WINDOW = Duration.ofMinutes(1);

  private final Cache<String, Bucket> byAddress;
  private final Cache<String, Bucket> byUserAtAddress;
  private final long perAddress;
  private final long perUser;
  private final int maxQueued;
  private final AtomicInteger queued = new AtomicInteger();

  SignInGuard(long perAddress, long perUser, int maxQueued, long maxTracked) {
    this.perAddress = perAddress;
    this.perUser = perUser;
    this.maxQueued = maxQueued;
    this.byAddress = Caffeine.newBuilder().maximumSize(maxTracked).expireAfterAccess(WINDOW).build();
    this.byUserAtAddress = Caffeine.newBuilder().maximumSize(maxTracked).expireAfterAccess(WINDOW).build();
  }

  public static SignInGuard shared(Vertx vertx, HttpConfig.SignIn config) {
    return vertx.sharedData().<String, SignInGuard>getLocalMap("watchfloor.sign-in").computeIfAbsent("guard",
        k -> new SignInGuard(config.perAddressPerMinute(), config.perUserPerAddressPerMinute(), config.maxQueuedHashes(),
            config.trackedKeys()));
  }

  /** Takes one attempt from both budgets; the refusal, if either is empty. */
  public Optional<ApiError> admit(String address, String username) {
    ConsumptionProbe fromAddress = take(byAddress, address, perAddress);
    if (!fromAddress.isConsumed()) {
      return Optional.of(ApiError.tooManyRequests("too many sign-in attempts from this address", seconds(fromAddress)));
    }
    ConsumptionProbe forUser = take(byUserAtAddress, username.toLowerCase(Locale.ROOT) + "\n" + address, perUser);
    if (!forUser.isConsumed()) {
      return Optional.of(ApiError.tooManyRequests("too many sign-in attempts for this user", seconds(forUser)));
    }
    return Optional.empty();
  }

  /** Runs a password check on the sign-in pool, or fails at once with 503 when its queue is full. */
  public <T> Future<T> hash(WorkerExecutor pool, Callable<T> check) {
    return hash(pool, check, maxQueued);
  }

  /**
   * As {@link #hash}, for a check that must not keep an officer from signing in (a password change's guess
   * at the current password): it may take only half of the queue, so a sign-in always finds room, behind
   * at most that many such checks.
   */
  public <T> Future<T> hashBehindSignIns(WorkerExecutor pool, Callable<T> check) {
    return hash(pool, check, Math.max(1, maxQueued / 2));
  }

  private <T> Future<T> hash(WorkerExecutor pool, Callable<T> check, int limit) {
    if (queued.incrementAndGet() > limit) {
      queued.decrementAndGet();
      return Future.failedFuture(ApiError.unavailable("too many sign-ins are being checked right now; try again in a moment", 1));
    }
    return pool.executeBlocking(check, false).andThen(done -> queued.decrementAndGet());
  }

  /** How many budgets are held in memory, for the bound's test. */
  long tracked() {
    byAddress.cleanUp();
    byUserAtAddress.cleanUp();
    return byAddress.estimatedSize() + byUserAtAddress.estimatedSize();
  }

  private static ConsumptionProbe take(Cache<String, Bucket> buckets, String key, long perMinute) {
    return buckets.get(key, k -> Bucket.builder()
            .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, WINDOW).build()).build())
        .tryConsumeAndReturnRemaining(1);
  }

  private static int seconds(ConsumptionProbe probe) {
    return (int) Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1);
  }
}
