package io.watchfloor.store;

import io.watchfloor.storage.Storage;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.watchfloor.MutableClock;
import io.watchfloor.ShippedSettings;
import io.watchfloor.TestTown;
import io.watchfloor.UnitTest;
import io.watchfloor.Watchfloor;
import io.watchfloor.bus.Addresses;
import io.watchfloor.bus.Local;
import io.watchfloor.config.AppConfig;
import io.watchfloor.domain.Outcome;
import io.watchfloor.domain.Report;
import io.watchfloor.store.StoreMessages.AcceptedReports;
import io.watchfloor.store.StoreMessages.AppendRequest;
import io.watchfloor.store.StoreMessages.AppendResult;
import io.watchfloor.store.StoreMessages.DayReports;
import io.watchfloor.store.StoreMessages.DayRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.watchfloor.TestFutures.refusal;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store verticle alone on a Vertx of its own, with the memory store, spoken to over the event bus
 * as the HTTP side and the live picture speak to it.
 */
@UnitTest
@ExtendWith(VertxExtension.class)
class StoreVerticleTest {
  private final MutableClock clock = MutableClock.onDuty();

  private Future<String> deploy(Vertx vertx, JsonObject overrides) {
    Watchfloor.registerMessages(vertx);
    AppConfig app = ShippedSettings.with(overrides).app();
    return vertx.deployVerticle(new StoreVerticle(app.store(), Storage.memory(), app.ingest().policy().lateWindow(), clock));
  }

  private Report report(UUID id, int vehicles) {
    return TestTown.report(TestTown.checkpointReport(id, clock.instant().atOffset(ZoneOffset.ofHours(8)), vehicles, 0),
        clock.instant());
  }

  private static Future<List<Outcome>> append(Vertx vertx, Report... reports) {
    return vertx.eventBus().<AppendResult>request(Addresses.STORE_APPEND, new AppendRequest(List.of(reports)), Local.only())
        .map(reply -> reply.body().outcomes());
  }

  private static Future<JsonObject> accepting(Vertx vertx) {
    return vertx.eventBus().<JsonObject>request(Addresses.STORE_ACCEPTING, "test", Local.only()).map(Message::body);
  }

  private Future<List<Report>> today(Vertx vertx) {
    return vertx.eventBus().<DayReports>request(Addresses.STORE_DAY,
            new DayRequest(clock.instant().atZone(MutableClock.TOWN_ZONE).toLocalDate()), Local.only())
        .map(reply -> reply.body().reports());
  }

  @Test
  void reportsWaitForTheRebuiltPictureWhileReadsAndReadinessAreServedAsTheySay(Vertx vertx, VertxTestContext test) {
    deploy(vertx, new JsonObject())
        .compose(id -> refusal(append(vertx, report(UUID.randomUUID(), 5))))
        .map(refused -> {
          assertThat(refused).isInstanceOf(StoreUnavailable.class).hasMessageContaining("live picture is being rebuilt");
          assertThat(((StoreUnavailable) refused).status()).isEqualTo(503);
          assertThat(((StoreUnavailable) refused).retryAfterSeconds()).isEqualTo(1);
          return refused;
        })
        .compose(v -> refusal(vertx.eventBus().request(Addresses.STORE_PING, "ready?", Local.only())))
        .map(notReady -> {
          assertThat(notReady).as("not ready while rebuilding").isInstanceOf(StoreUnavailable.class);
          return notReady;
        })
        .compose(v -> today(vertx))
        .map(reports -> {
          assertThat(reports).as("reads are served while rebuilding").isEmpty();
          return reports;
        })
        .compose(v -> accepting(vertx))
        .map(store -> assertThat(store).isEqualTo(new JsonObject().put("kind", "memory").put("durable", false)
            .put("warning", "embedded store: every report is lost when the server stops")))
        .compose(v -> vertx.eventBus().<JsonObject>request(Addresses.STORE_PING, "ready?", Local.only()))
        .map(ready -> assertThat(ready.body().getString("kind")).as("ready once reports are taken").isEqualTo("memory"))
        .onComplete(test.succeedingThenComplete());
  }

  @Test
  void aCommittedReportIsPublishedForThePictureAndAResendIsADuplicateMarkedResent(Vertx vertx, VertxTestContext test) {
    List<AcceptedReports> published = new ArrayList<>();
    Promise<Void> twoPublished = Promise.promise();
    Report report = report(UUID.randomUUID(), 5);
    deploy(vertx, new JsonObject())
        .compose(id -> vertx.eventBus().<AcceptedReports>localConsumer(Addresses.REPORTS_ACCEPTED, m -> {
          published.add(m.body());
          if (published.size() == 2) {
            twoPublished.complete();
          }
        }).completion())
        .compose(v -> accepting(vertx))
        .compose(v -> append(vertx, report))
        .map(outcomes -> assertThat(outcomes).containsExactly(Outcome.ACCEPTED))
        .compose(v -> append(vertx, report))
        .map(outcomes -> assertThat(outcomes).as("the same id and body again").containsExactly(Outcome.DUPLICATE))
        .compose(v -> twoPublished.future())
        .map(v -> {
          assertThat(published.get(0).reports()).containsExactly(report);
          assertThat(published.get(0).resent()).isFalse();
          assertThat(published.get(1).reports()).as("a resend, for a picture that may have missed the commit")
              .containsExactly(report);
          assertThat(published.get(1).resent()).isTrue();
          return v;
        })
        .compose(v -> today(vertx))
        .map(reports -> assertThat(reports).as("stored once").containsExactly(report))
        .onComplete(test.succeedingThenComplete());
  }

  @Test
  void anotherBodyUnderAStoredIdIsAConflictAndTheFirstStays(Vertx vertx, VertxTestContext test) {
    UUID id = UUID.randomUUID();
    Report first = report(id, 5);
    deploy(vertx, new JsonObject())
        .compose(v -> accepting(vertx))
        .compose(v -> append(vertx, first))
        .compose(v -> append(vertx, report(id, 7), report(UUID.randomUUID(), 2)))
        .map(outcomes -> assertThat(outcomes).as("each report of a batch has its own outcome")
            .containsExactly(Outcome.CONFLICT, Outcome.ACCEPTED))
        .compose(v -> today(vertx))
        .map(reports -> assertThat(reports.stream().filter(r -> r.id().equals(id)).map(r -> r.metrics().get("vehicles_checked")))
            .as("the first body stays").containsExactly(5.0))
        .onComplete(test.succeedingThenComplete());
  }

  @Test
  void aFullMemoryStoreRefusesTheBatchWholeAndKeepsWhatItHas(Vertx vertx, VertxTestContext test) {
    Report kept = report(UUID.randomUUID(), 1);
    deploy(vertx, new JsonObject().put("store", new JsonObject().put("memory", new JsonObject().put("max-reports", 2))))
        .compose(v -> accepting(vertx))
        .compose(v -> append(vertx, kept))
        .compose(v -> refusal(append(vertx, report(UUID.randomUUID(), 2), report(UUID.randomUUID(), 3))))
        .map(refused -> assertThat(refused).isInstanceOf(StoreUnavailable.class).hasMessageContaining("embedded store is full"))
        .compose(v -> today(vertx))
        .map(reports -> assertThat(reports).containsExactly(kept))
        .onComplete(test.succeedingThenComplete());
  }
}
