package io.watchfloor.delivery;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.watchfloor.PgTest;
import io.watchfloor.TestDatabase;
import io.watchfloor.config.StoreConfig;
import io.watchfloor.storage.Storage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

@PgTest
class PgNotifyStoreTest extends NotifyStoreContract {
  private static final String DATABASE = "wf_test_notify_store";
  private static final String ALERT = "00000000-0000-4000-8000-0000000000a1";
  private static final String CASE = "00000000-0000-4000-8000-0000000000c1";
  private static StoreConfig.Pg pg;

  @BeforeAll
  static void database() {
    pg = TestDatabase.migrated(DATABASE);
  }

  @Override
  protected NotifyStore create(Vertx vertx) {
    return new PgNotifyStore(Storage.postgres(vertx, pg).pg().orElseThrow());
  }

  @Override
  protected void emptied() {
    TestDatabase.execute(DATABASE, "TRUNCATE notify_channel, notify_route, notify_event, notify_outbox, alert_event, "
        + "alert, case_event, case_file RESTART IDENTITY CASCADE");
  }

  private static String ts(int second) {
    return "'" + at(second) + "'";
  }

  private static void alertEvent(String action, int second) {
    TestDatabase.execute(DATABASE, "INSERT INTO alert_event (alert_id, at, actor, action) VALUES ('" + ALERT + "', "
        + ts(second) + ", 'system', '" + action + "')");
  }

  private static void caseEvent(int seq, String action, String from, String to) {
    TestDatabase.execute(DATABASE, "INSERT INTO case_event (case_id, seq, action, by, at, from_state, to_state) VALUES ('"
        + CASE + "', " + seq + ", '" + action + "', 'operator:duty', " + ts(seq) + ", "
        + (from == null ? "NULL" : "'" + from + "'") + ", '" + to + "')");
  }

  /** V12's trigger on alert_event: fired, each step up the ladder (by the area it reached) and resolved. */
  @Test
  void anAlertsTrailRecordsTheEventsARouteMaySend() {
    TestDatabase.execute(DATABASE, "INSERT INTO alert (id, rule, kind, severity, subject_type, subject, area, title_zh, "
        + "title_en, detail, first_seen, last_seen, state) VALUES ('" + ALERT + "', 'escalated-petition', 'threshold', "
        + "'critical', 'site', 'pd-jinpen', 'xudong', '越级上访', 'Escalated petition', '1', " + ts(0) + ", " + ts(0)
        + ", 'firing')");
    alertEvent("fired", 0);
    alertEvent("fired", 1);
    TestDatabase.execute(DATABASE, "UPDATE alert SET escalated_to = 'county', escalated_at = " + ts(2)
        + " WHERE id = '" + ALERT + "'");
    alertEvent("escalated", 2);
    TestDatabase.execute(DATABASE, "UPDATE alert SET escalated_to = 'city' WHERE id = '" + ALERT + "'");
    alertEvent("escalated", 3);
    alertEvent("acknowledged", 4);
    alertEvent("resolved", 5);

    assertThat(store.unrouted(10).await()).extracting(Heard::kind, Heard::ref, Heard::step, Heard::at).containsExactly(
        tuple("alert.fired", ALERT, "", at(0)),
        tuple("alert.escalated", ALERT, "county", at(2)),
        tuple("alert.escalated", ALERT, "city", at(3)),
        tuple("alert.resolved", ALERT, "", at(5)));
    store.heard(new Heard(0, "alert.resolved", ALERT, "", at(6))).await();
    assertThat(store.unrouted(10).await()).as("heard on the bus after the trigger: nothing more").hasSize(4);
  }

  /** V12's trigger on case_event: dispatch, near due, overdue, urge, and a verification that sends it back. */
  @Test
  void aCasesTrailRecordsTheEventsARouteMaySend() {
    TestDatabase.execute(DATABASE, "INSERT INTO case_file (id, category, urgency, source, opened_by, opened_at, state, "
        + "version, updated_at) VALUES ('" + CASE + "', 'petition', 'urgent', 'console', 'operator:duty', " + ts(1)
        + ", 'closed', 8, " + ts(8) + ")");
    caseEvent(1, "open", null, "new");
    caseEvent(2, "dispatch", "new", "dispatched");
    caseEvent(3, "near_due", "dispatched", "dispatched");
    caseEvent(4, "overdue", "dispatched", "dispatched");
    caseEvent(5, "urge", "dispatched", "dispatched");
    caseEvent(6, "verify", "reported", "handling");
    caseEvent(7, "report", "handling", "reported");
    caseEvent(8, "verify", "reported", "closed");

    assertThat(store.unrouted(10).await()).extracting(Heard::kind, Heard::ref, Heard::step, Heard::at).containsExactly(
        tuple("case.dispatched", CASE, "2", at(2)),
        tuple("case.near-due", CASE, "3", at(3)),
        tuple("case.overdue", CASE, "4", at(4)),
        tuple("case.urged", CASE, "5", at(5)),
        tuple("case.reworked", CASE, "6", at(6)));
  }

  /** A sender that took over while the old one still routed: the same messages at once, each stored once. */
  @Test
  void twoRoutingsOfTheSameMessagesAtOnceStoreEachOnceWithoutAnError() {
    store.addChannel(robot("ch-a", TOWN, "值班群", 1)).await();
    store.addChannel(robot("ch-b", TOWN, "领导群", 2)).await();
    for (int i = 0; i < 20; i++) {
      store.heard(event("alert.fired", "a-" + i, "", i)).await();
    }
    List<Heard> events = store.unrouted(100).await();
    for (int round = 0; round < 5; round++) {
      List<Outgoing> messages = new ArrayList<>();
      for (Heard e : events) {
        messages.add(message("ch-a", e.key() + "/" + round, 0));
        messages.add(message("ch-b", e.key() + "/" + round, 0));
      }
      List<Future<Void>> both = List.of(store.routed(events, messages), store.routed(events, messages),
          store.routed(events, messages.subList(messages.size() - 10, messages.size())));
      Future.all(both).await();
    }
    assertThat(store.pending("ch-a", 1000).await()).hasSize(100);
    assertThat(store.pending("ch-b", 1000).await()).hasSize(100);
    assertThat(store.unrouted(100).await()).isEmpty();
    assertThat(TestDatabase.count(DATABASE, "SELECT count(*) FROM notify_outbox")).isEqualTo(200);
  }

  /** merged_into is not in the interface, as no caller reads it back: the row keeps its digest for the record. */
  @Test
  void aMergedMessageNamesItsDigest() {
    store.addChannel(robot("ch-a", TOWN, "值班群", 1)).await();
    List<Long> m = ids(stored("ch-a", "k1", "k2", "k3"));
    store.sent(m.get(2), List.of(m.get(0), m.get(1)), at(10), "errcode 0: ok").await();
    assertThat(TestDatabase.count(DATABASE, "SELECT count(*) FROM notify_outbox WHERE state = 'merged' AND merged_into = "
        + m.get(2) + " AND answer = 'errcode 0: ok' AND done_at = " + ts(10))).isEqualTo(2);
    assertThat(TestDatabase.count(DATABASE, "SELECT attempts FROM notify_outbox WHERE id = " + m.get(2))).isEqualTo(1);
  }
}
