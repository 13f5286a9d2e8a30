package io.watchfloor;

import io.vertx.core.Future;

/** Small turns on futures that several tests take. */
public final class TestFutures {
  private TestFutures() {
  }

  /** The failure the future ended with; fails the test if it succeeded. */
  public static Future<Throwable> refusal(Future<?> answer) {
    return answer.transform(done -> done.succeeded()
        ? Future.failedFuture(new AssertionError("refused expected, answered " + done.result()))
        : Future.succeededFuture(done.cause()));
  }
}
