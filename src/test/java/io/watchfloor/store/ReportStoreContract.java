package io.watchfloor.store;

import io.watchfloor.config.StoreConfig;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.watchfloor.TestTown;
import io.watchfloor.domain.Outcome;
import io.watchfloor.domain.Report;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What every report store must do, history reads included; each store runs this suite through its own subclass. */
abstract class ReportStoreContract implements StoreHistoryContract {
  static final Instant NOW = Instant.parse("2026-11-21T04:00:00Z");
  static final OffsetDateTime MORNING = OffsetDateTime.parse("2026-11-21T08:15:00+08:00");

  Vertx vertx;
  ReportStore store;

  abstract ReportStore create(Vertx vertx);

  @Override
  public ReportStore store() {
    return store;
  }

  @BeforeEach
  void open() {
    vertx = Vertx.vertx();
    store = create(vertx);
    store.open().await();
    emptied();
  }

  /** Called after each open, so a store that keeps data between tests can start empty. */
  void emptied() {
  }

  @AfterEach
  void close() {
    store.close().await();
    vertx.close().await();
  }

  static Report report(UUID id, OffsetDateTime at, int vehicles) {
    return TestTown.report(TestTown.checkpointReport(id, at, vehicles, 0), NOW);
  }

  List<Outcome> write(Report... reports) {
    return store.write(List.of(reports)).await();
  }

  @Test
  void newReportIsAcceptedAndResendIsDuplicate() {
    Report report = report(UUID.randomUUID(), MORNING, 42);
    assertThat(write(report)).containsExactly(Outcome.ACCEPTED);
    assertThat(write(report)).containsExactly(Outcome.DUPLICATE);
    assertThat(store.reportsOn(LocalDate.parse("2026-11-21")).await()).hasSize(1);
  }

  @Test
  void sameIdWithOtherContentIsConflictAndKeepsTheFirst() {
    UUID id = UUID.randomUUID();
    write(report(id, MORNING, 42));
    assertThat(write(report(id, MORNING, 43))).containsExactly(Outcome.CONFLICT);
    assertThat(store.find(id).await()).get().extracting(r -> r.metrics().get("vehicles_checked")).isEqualTo(42.0);
  }

  @Test
  void sameInstantWithAnotherOffsetIsTheSameReport() {
    UUID id = UUID.randomUUID();
    write(report(id, MORNING, 42));
    assertThat(write(report(id, MORNING.withOffsetSameInstant(ZoneOffset.UTC), 42))).containsExactly(Outcome.DUPLICATE);
  }

  @Test
  void repeatsInsideOneBatchCountOnce() {
    UUID id = UUID.randomUUID();
    Report first = report(id, MORNING, 5);
    Report other = report(UUID.randomUUID(), MORNING, 6);
    assertThat(write(first, other, first, report(id, MORNING, 7)))
        .containsExactly(Outcome.ACCEPTED, Outcome.ACCEPTED, Outcome.DUPLICATE, Outcome.CONFLICT);
  }

  @Test
  void concurrentBatchesWithTheSameIdStoreItOnce() {
    Report report = report(UUID.randomUUID(), MORNING, 9);
    List<Future<List<Outcome>>> writes = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      writes.add(store.write(List.of(report, report(UUID.randomUUID(), MORNING, i))));
    }
    Future.all(writes).await();
    long accepted = writes.stream().map(f -> f.result().get(0)).filter(o -> o == Outcome.ACCEPTED).count();
    assertThat(accepted).isEqualTo(1);
    assertThat(store.reportsOn(LocalDate.parse("2026-11-21")).await()).hasSize(9);
  }

  @Test
  void findReturnsWhatWasStored() {
    UUID id = UUID.randomUUID();
    Report report = report(id, MORNING, 12);
    write(report);
    Report found = store.find(id).await().orElseThrow();
    assertThat(found.site()).isEqualTo("cp-highway-exit");
    assertThat(found.unit()).isEqualTo("demo-checkpoints");
    assertThat(found.observedAt().toInstant()).isEqualTo(MORNING.toInstant());
    assertThat(found.localDay()).isEqualTo(LocalDate.parse("2026-11-21"));
    assertThat(found.metrics()).containsEntry("vehicles_checked", 12.0).containsEntry("vehicles_turned_back", 0.0);
    assertThat(found.bodyHash()).isEqualTo(report.bodyHash());
    assertThat(store.find(UUID.randomUUID()).await()).isEmpty();
  }

  @Test
  void reportsOnADayAreThatLocalDaysInOrder() {
    OffsetDateTime lateEvening = OffsetDateTime.parse("2026-11-20T23:30:00+08:00");
    OffsetDateTime earlyMorning = OffsetDateTime.parse("2026-11-20T16:30:00Z"); // 00:30 on the 21st in Shanghai
    write(report(UUID.randomUUID(), MORNING, 3), report(UUID.randomUUID(), lateEvening, 1),
        report(UUID.randomUUID(), earlyMorning, 2));
    List<Report> day = store.reportsOn(LocalDate.parse("2026-11-21")).await();
    assertThat(day).extracting(r -> r.metrics().get("vehicles_checked")).containsExactly(2.0, 3.0);
    assertThat(store.reportsOn(LocalDate.parse("2026-11-20")).await()).hasSize(1);
  }

  @Test
  void recentReportsOfASiteAreItsNewestFirstAcrossDays() {
    OffsetDateTime yesterday = MORNING.minusDays(1);
    UUID tieLow = UUID.fromString("00000000-0000-4000-8000-000000000001");
    UUID tieHigh = UUID.fromString("ffffffff-0000-4000-8000-000000000001");
    write(report(UUID.randomUUID(), yesterday, 1), report(UUID.randomUUID(), MORNING.minusHours(1), 2),
        report(tieLow, MORNING, 3), report(tieHigh, MORNING, 4), report(UUID.randomUUID(), yesterday.minusHours(2), 5));
    write(TestTown.reading("pd-jinpen", MORNING.plusHours(1).toString(), new JsonObject().put("petitions_visit", 1)));

    List<Report> newest = store.recent("cp-highway-exit", 4).await();
    assertThat(newest).extracting(r -> r.metrics().get("vehicles_checked")).as("newest first, a tie to the greater id")
        .containsExactly(4.0, 3.0, 2.0, 1.0);
    assertThat(store.recent("cp-highway-exit", 10).await()).hasSize(5).allMatch(r -> r.site().equals("cp-highway-exit"));
    assertThat(store.recent("pd-jinpen", 10).await()).singleElement()
        .satisfies(r -> assertThat(r.metrics()).containsEntry("petitions_visit", 1.0));
    assertThat(store.recent("cp-xudong-road", 10).await()).isEmpty();
  }

  @Test
  void pingAnswersWhenOpen() {
    assertThat(store.ping().await()).isNull();
  }

  static StoreConfig.Pg pgConfig(String url) {
    return StoreConfig.Pg.of(new JsonObject().put("url", url).put("connect-timeout-ms", 1000));
  }
}
