package io.watchfloor.cases;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.watchfloor.PgTest;
import io.watchfloor.TestDatabase;
import io.watchfloor.config.StoreConfig;
import io.watchfloor.domain.CaseAction;
import io.watchfloor.domain.CaseCommand;
import io.watchfloor.domain.CaseFile;
import io.watchfloor.storage.PgPools;
import io.watchfloor.store.DataRefused;
import io.watchfloor.store.StoreUnavailable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@PgTest
class PgCaseStoreTest extends CaseStoreContract {
  private static final String DATABASE = "wf_test_cases";
  private static StoreConfig.Pg pg;

  @BeforeAll
  static void database() {
    pg = TestDatabase.migrated(DATABASE);
  }

  @Override
  protected CaseStore create(Vertx vertx) {
    return new PgCaseStore(new PgPools(vertx, pg), MACHINE);
  }

  @Override
  protected void emptied() {
    TestDatabase.execute(DATABASE, "TRUNCATE case_photo, case_event, case_request, case_file");
  }

  /** A case in every state, with photos, a pending request for time and a key, read through a new store. */
  @Test
  void aRestartInTheMiddleOfEveryStateLosesNothing() {
    Map<String, UUID> cases = new LinkedHashMap<>();
    cases.put("new", open("jinpen", T0).id());
    cases.put("dispatched", dispatched("jinpen", T0).id());
    UUID handling = dispatched("jinpen", T0).id();
    step(handling, of(CaseAction.ACCEPT, SANITATION), T0.plusSeconds(60));
    step(handling, CaseCommand.extend(SANITATION, T0.plus(Duration.ofHours(9)), "等材料"), T0.plusSeconds(70));
    cases.put("handling", handling);
    UUID reported = dispatched("xudong", T0).id();
    step(reported, of(CaseAction.ACCEPT, SANITATION), T0.plusSeconds(60));
    store.act(reported, of(CaseAction.REPORT, SANITATION), List.of(photo(50_000, "image/jpeg", 7)), T0.plusSeconds(90),
        request(SANITATION, "report-1", "report"), ANSWER).await();
    cases.put("reported", reported);
    UUID closed = dispatched("xudong", T0).id();
    step(closed, of(CaseAction.ACCEPT, SANITATION), T0.plusSeconds(60));
    step(closed, of(CaseAction.REPORT, SANITATION), T0.plusSeconds(70));
    step(closed, CaseCommand.verify(ALICE, true, null), T0.plusSeconds(80));
    cases.put("closed", closed);
    UUID parked = dispatched("jinpen", T0).id();
    step(parked, CaseCommand.supervise(ALICE, "red", null), T0.plusSeconds(5));
    step(parked, of(CaseAction.PARK, ALICE), T0.plusSeconds(10));
    cases.put("parked", parked);
    UUID cancelled = open("jinpen", T0).id();
    step(cancelled, of(CaseAction.CANCEL, ALICE), T0.plusSeconds(10));
    cases.put("cancelled", cancelled);
    UUID escalated = dispatched("jinpen", T0).id();
    step(escalated, of(CaseAction.OVERDUE, CaseAction.Actor.SYSTEM), T0.plus(Duration.ofMinutes(30)));
    step(escalated, CaseCommand.escalate("xudong"), T0.plus(Duration.ofMinutes(30)));
    cases.put("escalated", escalated);
    Map<UUID, CaseStore.Detail> before = new LinkedHashMap<>();
    cases.values().forEach(id -> before.put(id, store.detail(id).await().orElseThrow()));
    byte[] photoBytes = store.photo(reported, before.get(reported).photos().get(0).id()).await().orElseThrow().bytes();

    store.close().await();
    store = create(vertx);
    store.open().await();

    cases.forEach((state, id) -> {
      CaseStore.Detail after = store.detail(id).await().orElseThrow();
      assertThat(after).as(state).isEqualTo(before.get(id));
      assertThat(after.file().state().key()).isEqualTo(state.equals("escalated") ? "dispatched" : state);
    });
    assertThat(store.photo(reported, before.get(reported).photos().get(0).id()).await().orElseThrow().bytes())
        .isEqualTo(photoBytes);
    CaseStore.Outcome resent = store.act(reported, of(CaseAction.REPORT, SANITATION), List.of(), T0.plusSeconds(300),
        request(SANITATION, "report-1", "report"), ANSWER).await();
    assertThat(resent.replayed()).as("the key survives too").isTrue();
    assertThat(store.due(T0.plus(Duration.ofHours(2)), Duration.ofMinutes(30), 100).await()).extracting(CaseFile::id)
        .contains(escalated).doesNotContain(parked, closed, cancelled, cases.get("new"));
    assertThat(step(handling, CaseCommand.extension(BOB, true, null, null), T0.plusSeconds(400)).clock().dueAt())
        .as("the pending request for time, granted after the restart").isEqualTo(T0.plus(Duration.ofHours(9)));
    cases.values().forEach(this::assertTrailReplaysToTheStoredCase);
  }

  @Test
  void aValueTheDatabaseCannotKeepIsA422AndChangesNothing() {
    UUID id = dispatched("jinpen", T0).id();
    assertThatThrownBy(() -> act(id, CaseCommand.of(CaseAction.URGE, ALICE, "nul \u0000 in a note"), T0.plusSeconds(5)))
        .isInstanceOfSatisfying(DataRefused.class, e -> assertThat(e.status()).isEqualTo(422));
    assertThat(stored(id).version()).isEqualTo(2);
    assertThat(trail(id)).hasSize(2);
    UUID other = UUID.randomUUID();
    assertThatThrownBy(() -> open(other, subject("nul \u0000", "sanitation", "jinpen", null, T0), T0))
        .isInstanceOf(DataRefused.class);
    assertThat(store.find(other).await()).isEmpty();
    assertThat(TestDatabase.count(DATABASE, "SELECT count(*) FROM case_request")).isZero();
  }

  @Test
  void aResendGetsTheFirstAnswersVeryText() {
    UUID id = dispatched("jinpen", T0).id();
    JsonObject ordered = new JsonObject().put("zeta", 1).put("alpha", "a").put("id", id.toString());
    CaseStore.Request key = request(ALICE, "text", "urge");
    CaseStore.Outcome first = store.act(id, of(CaseAction.URGE, ALICE), List.of(), T0.plusSeconds(5), key, f -> ordered).await();
    CaseStore.Outcome again = store.act(id, of(CaseAction.URGE, ALICE), List.of(), T0.plusSeconds(6), key, f -> ordered).await();
    assertThat(again.replayed()).isTrue();
    assertThat(again.answer().encode()).isEqualTo(first.answer().encode());
  }

  @Test
  void aDatabaseThatDoesNotAnswerIsA503() {
    StoreConfig.Pg down = StoreConfig.Pg.of(new JsonObject().put("url", "postgresql://postgres@127.0.0.1:1/nowhere")
        .put("connect-timeout-ms", 200));
    // a Vert.x of its own: pools are shared by name within one, and this test's would reach the test database
    Vertx elsewhere = Vertx.vertx();
    CaseStore nowhere = new PgCaseStore(new PgPools(elsewhere, down), MACHINE);
    nowhere.open().await();
    try {
      assertThatThrownBy(() -> nowhere.find(UUID.randomUUID()).await())
          .isInstanceOfSatisfying(StoreUnavailable.class, e -> assertThat(e.status()).isEqualTo(503));
      assertThatThrownBy(() -> nowhere.act(UUID.randomUUID(), of(CaseAction.URGE, ALICE), List.of(), T0, null, ANSWER).await())
          .isInstanceOf(StoreUnavailable.class);
    } finally {
      nowhere.close().await();
      elsewhere.close().await();
    }
  }
}
