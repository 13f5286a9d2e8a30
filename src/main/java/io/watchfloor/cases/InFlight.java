package io.watchfloor.cases;

import io.vertx.core.Future;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Requests with an Idempotency-Key still being worked on this node. The same request sent again meanwhile
 * (a client that resends at once, a double tap) waits for the first and gets its answer, rather than racing
 * it to the store; the same key with another request is refused at once. Across nodes the store's unique
 * key decides. Bounded: past {@link #MAX} keys in flight a request simply goes to the store.
 * Used on the verticle's event loop only.
 */
final class InFlight {
  static final int MAX = 10_000;

  private record Running(String fingerprint, Future<CaseMessages.Answer> answer) {
  }

  private final Map<String, Running> running = new HashMap<>();

  Future<CaseMessages.Answer> run(CaseStore.Request request, Supplier<Future<CaseMessages.Answer>> work) {
    if (request == null) {
      return work.get();
    }
    String key = request.principal() + "\n" + request.key();
    Running first = running.get(key);
    if (first != null) {
      return first.fingerprint().equals(request.fingerprint()) ? first.answer()
          : Future.failedFuture(CaseFailure.reused());
    }
    if (running.size() >= MAX) {
      return work.get();
    }
    Future<CaseMessages.Answer> answer = work.get();
    if (!answer.isComplete()) {
      running.put(key, new Running(request.fingerprint(), answer));
      answer.onComplete(done -> running.remove(key));
    }
    return answer;
  }

  int size() {
    return running.size();
  }
}
