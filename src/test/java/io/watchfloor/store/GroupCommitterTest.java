package io.watchfloor.store;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.watchfloor.TestTown;
import io.watchfloor.UnitTest;
import io.watchfloor.domain.Outcome;
import io.watchfloor.domain.Ranking;
import io.watchfloor.domain.Report;
import io.watchfloor.domain.Series;
import io.watchfloor.domain.SiteDayStats;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** The group committer alone, against a store whose every transaction the test ends by hand. */
@UnitTest
class GroupCommitterTest {
  private static final String OBSERVED = "2026-11-21T08:15:00+08:00";

  /** Holds each transaction open until the test commits, fails or refuses it. */
  private static final class HeldStore implements ReportStore {
    final List<List<Report>> batches = new ArrayList<>();
    final List<Promise<List<Outcome>>> open = new ArrayList<>();
    Predicate<Report> refuses = r -> false;
    boolean autoCommit;

    @Override
    public Future<List<Outcome>> write(List<Report> batch) {
      batches.add(List.copyOf(batch));
      if (batch.stream().anyMatch(refuses)) {
        return Future.failedFuture(new StoreRefused("invalid byte sequence for encoding \"UTF8\": 0x00", null));
      }
      if (autoCommit) {
        return Future.succeededFuture(batch.stream().map(r -> Outcome.ACCEPTED).toList());
      }
      Promise<List<Outcome>> promise = Promise.promise();
      open.add(promise);
      return promise.future();
    }

    void commitOldest() {
      Promise<List<Outcome>> promise = open.remove(0);
      List<Report> batch = batches.get(batches.size() - open.size() - 1);
      promise.complete(batch.stream().map(r -> Outcome.ACCEPTED).toList());
    }

    @Override public String kind() { return "held"; }
    @Override public boolean durable() { return true; }
    @Override public Future<Void> open() { return Future.succeededFuture(); }
    @Override public Future<Optional<Report>> find(UUID id) { return Future.succeededFuture(Optional.empty()); }
    @Override public Future<List<Report>> reportsOn(LocalDate day) { return Future.succeededFuture(List.of()); }
    @Override public Future<List<Report>> recent(String site, int limit) { return Future.succeededFuture(List.of()); }
    @Override public Future<List<Series.Point>> series(Series.Query query) { return Future.succeededFuture(List.of()); }
    @Override public Future<Map<String, Ranking.Sum>> monthSums(String metric, YearMonth month, Map<String, String> areaBySite) {
      return Future.succeededFuture(Map.of());
    }
    @Override public Future<Map<String, SiteDayStats>> dayStats(LocalDate day) { return Future.succeededFuture(Map.of()); }
    @Override public Future<Void> ping() { return Future.succeededFuture(); }
    @Override public Future<Void> close() { return Future.succeededFuture(); }
  }

  private final HeldStore store = new HeldStore();
  private final List<List<Report>> published = new ArrayList<>();

  private GroupCommitter committer(int maxBatch, int maxInFlight, int maxQueued, int maxPerUnit) {
    return new GroupCommitter(store, new GroupCommitter.Limits(maxBatch, maxInFlight, maxQueued, maxPerUnit),
        new SimpleMeterRegistry(), published::add);
  }

  private static Report checkpoint() {
    return TestTown.reading("cp-highway-exit", OBSERVED, new io.vertx.core.json.JsonObject().put("vehicles_checked", 1));
  }

  private static Report petition() {
    return TestTown.reading("pd-jinpen", OBSERVED, new io.vertx.core.json.JsonObject().put("petitions_visit", 1));
  }

  private static List<Report> checkpoints(int n) {
    List<Report> reports = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      reports.add(checkpoint());
    }
    return reports;
  }

  @Test
  void reportsArrivingWhileTransactionsAreInFlightShareTheNextOneAndInFlightStaysCapped() {
    GroupCommitter committer = committer(100, 2, 10_000, 10_000);
    List<Future<List<Outcome>>> answers = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      answers.add(committer.submit(List.of(checkpoint())));
    }
    assertThat(store.open).as("in flight").hasSize(2);
    assertThat(store.batches).extracting(List::size).containsExactly(1, 1);
    store.commitOldest();
    assertThat(store.open).hasSize(2);
    assertThat(store.batches).extracting(List::size).as("the eight that waited share one commit").containsExactly(1, 1, 8);
    store.commitOldest();
    store.commitOldest();
    assertThat(answers).allSatisfy(a -> assertThat(a.result()).containsExactly(Outcome.ACCEPTED));
  }

  /** Under the overlap bound, reports wait out the commit in flight and share the next, however many slots are free. */
  @Test
  void aSecondTransactionStartsBesideTheFirstOnlyOnceEnoughReportsWait() {
    GroupCommitter committer = new GroupCommitter(store, new GroupCommitter.Limits(100, 2, 10_000, 10_000, 5, GroupCommitter.Linger.NEVER),
        new SimpleMeterRegistry(), published::add);
    List<Future<List<Outcome>>> answers = new ArrayList<>();
    answers.add(committer.submit(List.of(checkpoint())));
    assertThat(store.batches).extracting(List::size).as("a lone report commits at once").containsExactly(1);
    for (int i = 0; i < 4; i++) {
      answers.add(committer.submit(List.of(checkpoint())));
    }
    assertThat(store.open).as("four waiting: not worth a second commit").hasSize(1);
    answers.add(committer.submit(List.of(checkpoint())));
    assertThat(store.batches).extracting(List::size).as("the fifth opens the second slot").containsExactly(1, 5);
    committer.submit(List.of(checkpoint()));
    store.commitOldest();
    assertThat(store.batches).extracting(List::size).as("one still in flight: a lone report waits for it")
        .containsExactly(1, 5);
    store.commitOldest();
    assertThat(store.batches).extracting(List::size).as("nothing in flight: it goes").containsExactly(1, 5, 1);
    store.commitOldest();
    assertThat(answers).allSatisfy(a -> assertThat(a.result()).containsExactly(Outcome.ACCEPTED));
  }

  @Test
  void aBatchNeverExceedsMaxBatch() {
    GroupCommitter committer = committer(3, 1, 10_000, 10_000);
    committer.submit(checkpoints(1));
    committer.submit(checkpoints(7));
    store.commitOldest();
    store.commitOldest();
    store.commitOldest();
    store.commitOldest();
    assertThat(store.batches).extracting(List::size).containsExactly(1, 3, 3, 1);
  }

  @Test
  void pastItsBoundTheQueueRefusesWithStoreUnavailableAndTakesNothing() {
    GroupCommitter committer = committer(10, 1, 5, 10_000);
    committer.submit(checkpoints(1));
    assertThat(committer.submit(checkpoints(5)).failed()).isFalse();
    Future<List<Outcome>> over = committer.submit(List.of(petition()));
    assertThat(over.cause()).isInstanceOf(StoreUnavailable.class).isNotInstanceOf(UnitQueueFull.class);
    store.commitOldest();
    store.commitOldest();
    assertThat(store.batches.stream().mapToInt(List::size).sum()).isEqualTo(6);
  }

  @Test
  void aUnitPastItsShareIsToldToWaitWhileAnotherUnitStillGetsIn() {
    GroupCommitter committer = committer(10, 1, 10_000, 4);
    assertThat(committer.submit(checkpoints(3)).failed()).isFalse();
    Future<List<Outcome>> flood = committer.submit(checkpoints(2));
    assertThat(flood.cause()).isInstanceOf(UnitQueueFull.class);
    Future<List<Outcome>> quiet = committer.submit(List.of(petition(), petition(), petition(), petition()));
    assertThat(quiet.failed()).isFalse();
    store.commitOldest();
    store.commitOldest();
    assertThat(quiet.result()).hasSize(4);
    assertThat(committer.submit(checkpoints(4)).failed()).as("its share is free again once answered").isFalse();
  }

  @Test
  void aFailedTransactionFailsEveryReportInItWithTheCause() {
    GroupCommitter committer = committer(10, 1, 10_000, 10_000);
    Future<List<Outcome>> first = committer.submit(checkpoints(1));
    Future<List<Outcome>> second = committer.submit(checkpoints(2));
    Future<List<Outcome>> third = committer.submit(List.of(petition()));
    StoreUnavailable down = new StoreUnavailable("connection reset", 2, null);
    store.open.remove(0).fail(down);
    store.open.remove(0).fail(down);
    assertThat(List.of(first, second, third)).allSatisfy(f -> assertThat(f.cause()).isSameAs(down));
    assertThat(published).isEmpty();
    assertThat(committer.submit(checkpoints(1)).failed()).as("nothing stays held after a failure").isFalse();
  }

  @Test
  void acceptedReportsArePublishedBeforeAnyoneIsAnswered() {
    GroupCommitter committer = committer(10, 1, 10_000, 10_000);
    List<Report> reports = checkpoints(2);
    Future<List<Outcome>> answer = committer.submit(reports);
    List<Boolean> publishedWhenAnswered = new ArrayList<>();
    answer.onComplete(r -> publishedWhenAnswered.add(published.size() == 1 && published.get(0).equals(reports)));
    assertThat(answer.isComplete()).isFalse();
    store.commitOldest();
    assertThat(publishedWhenAnswered).containsExactly(true);
  }

  @Test
  void aRefusedTransactionIsSplitUntilOnlyTheBadReportIsRefused() {
    store.autoCommit = true;
    Report bad = checkpoint();
    store.refuses = r -> r.id().equals(bad.id());
    GroupCommitter committer = committer(100, 1, 10_000, 10_000);
    List<Report> mixed = new ArrayList<>(checkpoints(4));
    mixed.add(2, bad);
    mixed.add(petition());
    List<Outcome> outcomes = committer.submit(mixed).result();
    assertThat(outcomes).containsExactly(Outcome.ACCEPTED, Outcome.ACCEPTED, Outcome.REFUSED, Outcome.ACCEPTED,
        Outcome.ACCEPTED, Outcome.ACCEPTED);
    assertThat(published.stream().flatMap(List::stream)).hasSize(5).doesNotContain(bad);
    assertThat(committer.submit(checkpoints(1)).result()).containsExactly(Outcome.ACCEPTED);
  }

  /** The test's clock: a timer fires only when the test says the time has come. */
  private static final class HandTimers implements GroupCommitter.Timers {
    final java.util.Map<Long, Runnable> pending = new java.util.LinkedHashMap<>();
    final List<Long> delays = new ArrayList<>();
    long next;

    @Override
    public long schedule(long ms, Runnable action) {
      delays.add(ms);
      pending.put(next, action);
      return next++;
    }

    @Override
    public void cancel(long id) {
      pending.remove(id);
    }

    void fireAll() {
      List<Runnable> due = new ArrayList<>(pending.values());
      pending.clear();
      due.forEach(Runnable::run);
    }
  }

  private GroupCommitter lingering(HandTimers timers, int until, int busyFrom) {
    return new GroupCommitter(store, new GroupCommitter.Limits(500, 1, 10_000, 10_000, 100,
        new GroupCommitter.Linger(3, until, busyFrom)), new SimpleMeterRegistry(), published::add, timers);
  }

  @Test
  void aLoneReportNeverLingers() {
    HandTimers timers = new HandTimers();
    GroupCommitter committer = lingering(timers, 10, 3);
    Future<List<Outcome>> first = committer.submit(checkpoints(1));
    assertThat(store.batches).extracting(List::size).as("committed at once").containsExactly(1);
    Future<List<Outcome>> second = committer.submit(checkpoints(1));
    store.commitOldest();
    assertThat(store.batches).extracting(List::size).as("one arrived meanwhile: no load, no wait").containsExactly(1, 1);
    assertThat(timers.delays).isEmpty();
    store.commitOldest();
    assertThat(first.result()).containsExactly(Outcome.ACCEPTED);
    assertThat(second.result()).containsExactly(Outcome.ACCEPTED);
  }

  @Test
  void underLoadTheNextTransactionWaitsForItsBatchToFillOrForTheLinger() {
    HandTimers timers = new HandTimers();
    GroupCommitter committer = lingering(timers, 10, 3);
    List<Future<List<Outcome>>> answers = new ArrayList<>();
    answers.add(committer.submit(checkpoints(1)));
    for (int i = 0; i < 3; i++) {
      answers.add(committer.submit(checkpoints(1)));
    }
    store.commitOldest();
    assertThat(store.batches).extracting(List::size).as("three arrived during the first: they wait for more")
        .containsExactly(1);
    assertThat(timers.delays).containsExactly(3L);
    for (int i = 0; i < 6; i++) {
      answers.add(committer.submit(checkpoints(1)));
    }
    assertThat(store.batches).extracting(List::size).as("nine waiting, still under ten").containsExactly(1);
    answers.add(committer.submit(checkpoints(1)));
    assertThat(store.batches).extracting(List::size).as("the tenth fills the batch: it goes without the timer")
        .containsExactly(1, 10);
    assertThat(timers.pending).as("the linger's timer cancelled").isEmpty();
    for (int i = 0; i < 4; i++) {
      answers.add(committer.submit(checkpoints(1)));
    }
    store.commitOldest();
    assertThat(store.batches).extracting(List::size).containsExactly(1, 10);
    timers.fireAll();
    assertThat(store.batches).extracting(List::size).as("the linger over: the four go as they are")
        .containsExactly(1, 10, 4);
    store.commitOldest();
    assertThat(answers).allSatisfy(a -> assertThat(a.result()).containsExactly(Outcome.ACCEPTED));
    answers.add(committer.submit(checkpoints(1)));
    assertThat(store.batches).extracting(List::size).as("the load gone, a report commits at once again")
        .containsExactly(1, 10, 4, 1);
  }
}
