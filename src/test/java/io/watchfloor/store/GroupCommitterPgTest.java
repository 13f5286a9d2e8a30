package io.watchfloor.store;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.watchfloor.PgTest;
import io.watchfloor.TestDatabase;
import io.watchfloor.TestTown;
import io.watchfloor.domain.Outcome;
import io.watchfloor.domain.Report;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Defence in depth on the real database: a report that PostgreSQL refuses for its content, which the
 * validator did not catch, fails alone; the reports that shared its transaction still commit.
 */
@PgTest
class GroupCommitterPgTest {
  private static final String DATABASE = "wf_test_group_refusal";
  private static final String OBSERVED = "2026-11-21T08:15:00+08:00";
  private static String url;

  private Vertx vertx;
  private Context context;
  private PgStore store;
  private GroupCommitter committer;
  private final List<Report> published = new ArrayList<>();

  @BeforeAll
  static void database() {
    url = TestDatabase.fresh(DATABASE);
  }

  @BeforeEach
  void open() {
    vertx = Vertx.vertx();
    context = vertx.getOrCreateContext();
    store = new PgStore(vertx, ReportStoreContract.pgConfig(url));
    onContext(() -> store.open()).await();
    // One transaction in flight, so what arrives meanwhile shares the next one: the commit window.
    committer = new GroupCommitter(store, new GroupCommitter.Limits(500, 1, 10_000, 1000), new SimpleMeterRegistry(),
        published::addAll);
  }

  @AfterEach
  void close() {
    onContext(() -> store.close()).await();
    vertx.close().await();
  }

  private <T> Future<T> onContext(java.util.function.Supplier<Future<T>> call) {
    Promise<T> promise = Promise.promise();
    context.runOnContext(v -> call.get().onComplete(promise));
    return promise.future();
  }

  private static Report withNote(Report r, String note) {
    return new Report(r.id(), r.unit(), r.site(), r.observedAt(), r.localDay(), r.receivedAt(), r.metrics(), note, r.bodyHash());
  }

  private static Report petition() {
    return TestTown.reading("pd-jinpen", OBSERVED, new JsonObject().put("petitions_visit", 1));
  }

  @Test
  void aNulNoteIsRefusedAloneAndTheReportsOfAnotherUnitInTheSameCommitAreStored() {
    Report bad = withNote(TestTown.reading("cp-highway-exit", OBSERVED, new JsonObject().put("vehicles_checked", 5)), "a\u0000b");
    List<Report> good = List.of(petition(), petition(), petition(), petition(), petition());
    List<Future<List<Outcome>>> answers = onContext(() -> {
      List<Future<List<Outcome>>> all = new ArrayList<>();
      all.add(committer.submit(List.of(petition())));
      all.add(committer.submit(good.subList(0, 2)));
      all.add(committer.submit(List.of(bad)));
      all.add(committer.submit(good.subList(2, 5)));
      return Future.join(all).map(v -> all);
    }).otherwise(e -> null).await();
    assertThat(answers).isNotNull();
    assertThat(answers.get(2).result()).containsExactly(Outcome.REFUSED);
    assertThat(answers.get(1).result()).containsExactly(Outcome.ACCEPTED, Outcome.ACCEPTED);
    assertThat(answers.get(3).result()).containsExactly(Outcome.ACCEPTED, Outcome.ACCEPTED, Outcome.ACCEPTED);
    for (Report r : good) {
      assertThat(onContext(() -> store.find(r.id())).await()).as("stored %s", r.id()).isPresent();
    }
    assertThat(onContext(() -> store.find(bad.id())).await()).isEmpty();
    assertThat(published).hasSize(6).doesNotContain(bad);
  }

  @Test
  void aDatabaseThatCannotAnswerIsStillUnavailableNotARefusal() {
    onContext(() -> store.close()).await();
    Future<List<Outcome>> answer = onContext(() -> committer.submit(List.of(petition()))).otherwise(e -> {
      assertThat(e).isInstanceOf(StoreUnavailable.class).isNotInstanceOf(StoreRefused.class);
      return List.of();
    });
    assertThat(answer.await()).isEmpty();
    store = new PgStore(vertx, ReportStoreContract.pgConfig(url));
    onContext(() -> store.open()).await();
  }
}
