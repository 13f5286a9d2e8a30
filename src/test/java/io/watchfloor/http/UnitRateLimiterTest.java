package io.watchfloor.http;

import io.watchfloor.UnitTest;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-unit budget counts reports: a batch of N takes N, and one unit's spending is its own. */
@UnitTest
class UnitRateLimiterTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void aBatchTakesOneTokenPerReport() {
    UnitRateLimiter limiter = UnitRateLimiter.shared(vertx, 1, 500);
    assertThat(limiter.take("a", 300)).isEmpty();
    assertThat(limiter.take("a", 200)).isEmpty();
    OptionalInt wait = limiter.take("a", 1);
    assertThat(wait).isPresent();
    assertThat(wait.getAsInt()).isBetween(1, 2);
  }

  @Test
  void theWaitGrowsWithTheReportsAsked() {
    UnitRateLimiter limiter = UnitRateLimiter.shared(vertx, 10, 100);
    assertThat(limiter.take("a", 100)).isEmpty();
    assertThat(limiter.take("a", 50).getAsInt()).isBetween(5, 6);
  }

  @Test
  void aBatchLargerThanTheBurstPassesAFullBucketAndEmptiesIt() {
    UnitRateLimiter limiter = UnitRateLimiter.shared(vertx, 1, 200);
    assertThat(limiter.take("a", 500)).isEmpty();
    assertThat(limiter.take("a", 1)).isPresent();
  }

  @Test
  void unitsHaveSeparateBudgets() {
    UnitRateLimiter limiter = UnitRateLimiter.shared(vertx, 1, 10);
    assertThat(limiter.take("flood", 10)).isEmpty();
    assertThat(limiter.take("flood", 1)).isPresent();
    assertThat(limiter.take("quiet", 10)).isEmpty();
  }

  @Test
  void everyVerticleInstanceOfTheNodeSharesOneLimiter() {
    assertThat(UnitRateLimiter.shared(vertx, 1, 10)).isSameAs(UnitRateLimiter.shared(vertx, 1, 10));
  }

  @Test
  void theTasksBudgetIsApartFromTheReports() {
    UnitRateLimiter reports = UnitRateLimiter.shared(vertx, 1, 10);
    UnitRateLimiter tasks = UnitRateLimiter.shared(vertx, UnitRateLimiter.TASKS, 1, java.time.Duration.ofMinutes(1), 2);
    assertThat(reports.take("a", 10)).isEmpty();
    assertThat(tasks.take("a", 1)).as("reports spent nothing of the tasks' budget").isEmpty();
    assertThat(tasks.take("a", 1)).isEmpty();
    assertThat(tasks.take("a", 1)).isPresent();
  }
}
