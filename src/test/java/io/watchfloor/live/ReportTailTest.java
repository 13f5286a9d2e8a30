package io.watchfloor.live;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.watchfloor.UnitTest;
import io.watchfloor.bus.Addresses;
import io.watchfloor.bus.LocalCodec;
import io.watchfloor.domain.Report;
import io.watchfloor.store.StoreMessages;
import io.watchfloor.store.StoreMessages.TailPosition;
import io.watchfloor.store.StoreMessages.TailRequest;
import io.watchfloor.store.StoreMessages.TailRows;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The commit tail against a store of its own: every committed row reaches the picture once and in order,
 * pokes in a burst cost a read per spacing, not one each, and a full page reads on without waiting.
 */
@UnitTest
class ReportTailTest {
  private static final Instant NOW = Instant.parse("2026-12-02T02:00:00Z");

  private Vertx vertx;
  /** The store's committed rows; a row's txid is its index. */
  private final List<Report> committed = new CopyOnWriteArrayList<>();
  private final AtomicInteger reads = new AtomicInteger();
  private final List<Report> brought = Collections.synchronizedList(new ArrayList<>());
  private TailHolder holder;

  /** The tail lives on a context of its own, as on the live verticle's. */
  private final class TailHolder extends VerticleBase {
    final int pageSize;
    final long spacingMs;
    ReportTail tail;

    TailHolder(int pageSize, long spacingMs) {
      this.pageSize = pageSize;
      this.spacingMs = spacingMs;
    }

    @Override
    public Future<?> start() {
      tail = new ReportTail(vertx, pageSize, 60_000, spacingMs, brought::addAll);
      tail.start(0);
      return Future.succeededFuture();
    }

    void poke() {
      context.runOnContext(v -> tail.poke());
    }

    @Override
    public Future<?> stop() {
      tail.stop();
      return Future.succeededFuture();
    }
  }

  @BeforeEach
  void store() {
    vertx = Vertx.vertx();
    LocalCodec.registerAll(vertx, StoreMessages.TYPES);
    vertx.eventBus().<TailRequest>localConsumer(Addresses.STORE_TAIL, m -> {
      reads.incrementAndGet();
      TailRequest request = m.body();
      int from = (int) (request.after().txid() + 1);
      int to = Math.min(committed.size(), from + request.limit());
      List<Report> rows = from >= to ? List.of() : List.copyOf(committed.subList(from, to));
      TailPosition last = rows.isEmpty() ? request.after() : new TailPosition(to - 1, rows.get(rows.size() - 1).id());
      m.reply(new TailRows(rows, last));
    }).completion().await();
  }

  @AfterEach
  void close() {
    vertx.close().await();
  }

  private void deploy(int pageSize, long spacingMs) {
    holder = new TailHolder(pageSize, spacingMs);
    vertx.deployVerticle(holder).await();
  }

  private static Report row(int n) {
    return LiveStateTest.report("demo-checkpoints", "cp-highway-exit", "2026-12-02T10:00:00+08:00",
        new JsonObject().put("vehicles_checked", n), NOW);
  }

  @Test
  void aBurstOfPokesReadsOncePerSpacingAndBringsEveryRowOnceInOrder() throws Exception {
    deploy(5000, 100);
    await().atMost(10, TimeUnit.SECONDS).until(() -> reads.get() >= 1);
    int before = reads.get();
    long began = System.nanoTime();
    // 300 commits, each poking the tail as a node's commit does, about a millisecond apart
    for (int i = 0; i < 300; i++) {
      committed.add(row(i));
      holder.poke();
      Thread.sleep(1);
    }
    await().atMost(30, TimeUnit.SECONDS).until(() -> brought.size() == committed.size());
    long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
    assertThat(brought).extracting(Report::id).containsExactlyElementsOf(committed.stream().map(Report::id).toList());
    // a read per spacing, the first at once and one more after the last poke; one per poke without the spacing
    assertThat(reads.get() - before).as("reads in %d ms", elapsedMs).isLessThanOrEqualTo((int) (elapsedMs / 100) + 2);
  }

  @Test
  void aFullPageReadsOnWithoutWaitingForTheSpacing() {
    for (int i = 0; i < 35; i++) {
      committed.add(row(i));
    }
    // a spacing far longer than the test may wait: only the full pages' reading on can bring all rows
    deploy(10, 600_000);
    await().atMost(20, TimeUnit.SECONDS).until(() -> brought.size() == 35);
    assertThat(reads.get()).as("three full pages and the rest").isEqualTo(4);
    assertThat(brought).extracting(Report::id).containsExactlyElementsOf(committed.stream().map(Report::id).toList());
  }
}
