package io.watchfloor.delivery;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.watchfloor.UnitTest;
import io.watchfloor.store.StoreUnavailable;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@UnitTest
class MemoryNotifyStoreTest extends NotifyStoreContract {
  private static final int MAX_EVENTS = 3;
  private static final int MAX_MESSAGES = 4;

  @Override
  protected NotifyStore create(Vertx vertx) {
    return new MemoryNotifyStore();
  }

  /** The store of the bound's tests: this test's own, small enough to fill. */
  private MemoryNotifyStore small() {
    store = new MemoryNotifyStore(MAX_EVENTS, MAX_MESSAGES);
    return (MemoryNotifyStore) store;
  }

  @Test
  void aFullOutboxForgetsTheOldestDoneMessagesFirst() {
    MemoryNotifyStore memory = small();
    store.addChannel(robot("ch-a", TOWN, "值班群", 1)).await();
    List<Long> m = ids(stored("ch-a", "k1", "k2", "k3", "k4"));
    store.sent(m.get(2), List.of(m.get(0)), at(10), "ok").await();

    store.routed(List.of(), List.of(message("ch-a", "k5", 5))).await();
    assertThat(memory.sizes()[1]).isEqualTo(MAX_MESSAGES);
    assertThat(memory.mergedInto(m.get(0))).as("k1, the oldest done, went").isZero();
    assertThat(store.status().await().get(0).merged()).isZero();
    assertThat(store.status().await().get(0).sent()).as("k3 stays").isEqualTo(1);
    assertThat(keys(store.pending("ch-a", 10).await())).containsExactly("k2", "k4", "k5");
  }

  @Test
  void aFullOutboxOfPendingMessagesRefusesTheNextAndChangesNothing() {
    small();
    store.addChannel(robot("ch-a", TOWN, "值班群", 1)).await();
    store.heard(event("alert.fired", "a-1", "", 1)).await();
    List<Heard> events = store.unrouted(10).await();
    List<Long> m = ids(stored("ch-a", "k1", "k2", "k3"));
    store.sent(m.get(0), List.of(), at(10), "ok").await();

    assertThatThrownBy(() -> store.routed(events, List.of(message("ch-a", "k4", 4), message("ch-a", "k5", 5),
        message("ch-a", "k6", 6))).await()).isInstanceOf(StoreUnavailable.class).hasMessageContaining("not yet sent");
    assertThat(keys(store.pending("ch-a", 10).await())).containsExactly("k2", "k3");
    assertThat(store.status().await().get(0).sent()).as("nothing forgotten for a refused call").isEqualTo(1);
    assertThat(store.unrouted(10).await()).as("the events stay to route").hasSize(1);

    store.routed(events, List.of(message("ch-a", "k1", 4), message("ch-a", "k4", 4), message("ch-a", "k5", 5)))
        .await();
    assertThat(keys(store.pending("ch-a", 10).await())).as("k1 is there, done; k4 and k5 fit once it goes")
        .containsExactly("k2", "k3", "k4", "k5");
    assertThat(store.unrouted(10).await()).isEmpty();
  }

  @Test
  void fullOfEventsToRouteItRefusesTheNextAndForgetsARoutedOneFirst() {
    MemoryNotifyStore memory = small();
    for (int i = 0; i < MAX_EVENTS; i++) {
      store.heard(event("alert.fired", "a-" + i, "", i)).await();
    }
    assertThatThrownBy(() -> store.heard(event("alert.fired", "a-next", "", 9)).await())
        .isInstanceOf(StoreUnavailable.class).hasMessageContaining("not yet routed");
    store.heard(event("alert.fired", "a-0", "", 0)).await();

    store.routed(store.unrouted(1).await(), List.of()).await();
    store.heard(event("alert.fired", "a-next", "", 9)).await();
    assertThat(store.unrouted(10).await()).extracting(Heard::ref).containsExactly("a-1", "a-2", "a-next");
    assertThat(memory.sizes()[0]).isEqualTo(MAX_EVENTS);
  }

  @Test
  void aMergedMessageNamesItsDigest() {
    MemoryNotifyStore memory = (MemoryNotifyStore) store;
    store.addChannel(robot("ch-a", TOWN, "值班群", 1)).await();
    List<Long> m = ids(stored("ch-a", "k1", "k2"));
    store.sent(m.get(1), List.of(m.get(0)), at(10), "ok").await();
    assertThat(memory.mergedInto(m.get(0))).isEqualTo(m.get(1));
  }

  /** The verticles of a node call the one instance from their own threads: no change is lost between them. */
  @Test
  void callsFromSeveralThreadsAtOnceLoseNothing() throws Exception {
    NotifyStore big = store;
    big.addChannel(robot("ch-a", TOWN, "值班群", 1)).await();
    ExecutorService threads = Executors.newFixedThreadPool(4);
    List<Future<?>> calls = new ArrayList<>();
    try {
      for (int t = 0; t < 4; t++) {
        int thread = t;
        threads.submit(() -> {
          for (int i = 0; i < 500; i++) {
            synchronized (calls) {
              calls.add(big.heard(event("alert.fired", "a-" + (i % 250), String.valueOf(thread % 2), i)));
              calls.add(big.routed(List.of(), List.of(message("ch-a", "k-" + i, i))));
            }
          }
        });
      }
      threads.shutdown();
      assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      threads.shutdownNow();
    }
    Future.all(calls).await();
    assertThat(big.unrouted(10_000).await()).hasSize(500);
    assertThat(big.pending("ch-a", 10_000).await()).hasSize(500);
  }
}
