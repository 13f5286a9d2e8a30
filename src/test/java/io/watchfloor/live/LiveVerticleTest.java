package io.watchfloor.live;

import io.watchfloor.storage.Storage;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.watchfloor.MutableClock;
import io.watchfloor.ShippedSettings;
import io.watchfloor.TestTown;
import io.watchfloor.UnitTest;
import io.watchfloor.Watchfloor;
import io.watchfloor.alert.AlertVerticle;
import io.watchfloor.domain.Outliers;
import io.watchfloor.flag.FlagVerticle;
import io.watchfloor.bus.Addresses;
import io.watchfloor.bus.Local;
import io.watchfloor.config.AppConfig;
import io.watchfloor.config.Settings;
import io.watchfloor.domain.Outcome;
import io.watchfloor.domain.Report;
import io.watchfloor.live.LiveMessages.AlertFrame;
import io.watchfloor.live.LiveMessages.Delta;
import io.watchfloor.live.LiveMessages.SnapshotRequest;
import io.watchfloor.store.StoreMessages.AppendRequest;
import io.watchfloor.store.StoreMessages.AppendResult;
import io.watchfloor.store.StoreVerticle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Predicate;

import static io.watchfloor.TestFutures.refusal;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live verticle on a Vertx of its own with the two it asks at start, the store and the alert
 * verticles, on the memory store: no HTTP side. What a screen would show is read from
 * {@code live.snapshot}, the state behind GET /api/v1/snapshot.
 */
@UnitTest
@ExtendWith(VertxExtension.class)
class LiveVerticleTest {
  private static final String ROOT = TestTown.CATALOGUE.root().id();
  private static final String CHECKPOINT = "cp-highway-exit";

  /** Before the day's reporting deadlines, so no missing-report alert stands beside the one a test looks for. */
  private final MutableClock clock = MutableClock.onDuty();
  private final Settings settings = ShippedSettings.with(new JsonObject());

  private Future<Void> deployStore(Vertx vertx) {
    Watchfloor.registerMessages(vertx);
    return openStore(vertx);
  }

  private Future<Void> openStore(Vertx vertx) {
    AppConfig app = settings.app();
    return vertx.deployVerticle(new StoreVerticle(app.store(), Storage.memory(), app.ingest().policy().lateWindow(), clock)).mapEmpty();
  }

  /** As Watchfloor.deploy orders them: alerts, then the live picture, which rebuilds and then opens the store. */
  private Future<Void> deployAlertsAndLive(Vertx vertx) {
    AppConfig app = settings.app();
    LiveVerticle live = new LiveVerticle(clock, settings.catalogue(), settings.rules(), app.live(),
        app.ranking(), app.alerts().missingCheckSeconds(), Storage.memory());
    // as Watchfloor.deploy does: the rebuild runs after the deployment and is waited for
    return vertx.deployVerticle(new FlagVerticle(clock, settings.catalogue(), Storage.memory(), Outliers.DEFAULT_K))
        .compose(id -> vertx.deployVerticle(new AlertVerticle(clock, settings.catalogue(), app.alerts(), Storage.memory())))
        .compose(id -> vertx.deployVerticle(live))
        .compose(id -> live.firstAttempt());
  }

  /** The store, then alerts and the live picture, on an empty store. */
  private Future<Void> deployAll(Vertx vertx) {
    return deployStore(vertx).compose(v -> deployAlertsAndLive(vertx));
  }

  /** The next message on {@code address} that {@code which} accepts, after {@code reports} went in. */
  private static <T> Future<T> afterAppending(Vertx vertx, String address, Predicate<T> which, Report... reports) {
    Future<T> seen = next(vertx, address, which);
    return append(vertx, reports).compose(outcomes -> seen);
  }

  private Report reading(String site, JsonObject metrics) {
    return TestTown.reading(site, clock.instant().atOffset(ZoneOffset.ofHours(8)).toString(), metrics);
  }

  private Report vehicles(int checked) {
    return reading(CHECKPOINT, new JsonObject().put("vehicles_checked", checked).put("vehicles_turned_back", 0));
  }

  private static Future<List<Outcome>> append(Vertx vertx, Report... reports) {
    return vertx.eventBus().<AppendResult>request(Addresses.STORE_APPEND, new AppendRequest(List.of(reports)), Local.only())
        .map(reply -> reply.body().outcomes());
  }

  private static Future<JsonObject> snapshot(Vertx vertx, String scope) {
    return vertx.eventBus().<JsonObject>request(Addresses.LIVE_SNAPSHOT, new SnapshotRequest(scope, true), Local.only())
        .map(Message::body);
  }

  /** The next message on {@code address} that {@code which} accepts; listen before acting. */
  private static <T> Future<T> next(Vertx vertx, String address, Predicate<T> which) {
    Promise<T> seen = Promise.promise();
    MessageConsumer<T> consumer = vertx.eventBus().localConsumer(address);
    consumer.handler(message -> {
      if (which.test(message.body())) {
        consumer.unregister();
        seen.tryComplete(message.body());
      }
    });
    return consumer.completion().compose(v -> seen.future());
  }

  private static long checked(JsonObject snapshot) {
    return snapshot.getJsonObject("totals").getLong("vehicles_checked", 0L);
  }

  @Test
  void aCommittedReportCountsInTheSnapshotAtOnceAndItsResendDoesNot(Vertx vertx, VertxTestContext test) {
    Report report = vehicles(5);
    deployAll(vertx)
        .compose(v -> snapshot(vertx, ROOT))
        .map(before -> assertThat(checked(before)).as("a fresh picture").isZero())
        .compose(v -> append(vertx, report, vehicles(3)))
        .map(outcomes -> assertThat(outcomes).containsExactly(Outcome.ACCEPTED, Outcome.ACCEPTED))
        .compose(v -> snapshot(vertx, ROOT))
        .map(after -> {
          assertThat(checked(after)).as("counted the moment the store answered").isEqualTo(8);
          assertThat(after.getJsonObject("sites").getJsonObject(CHECKPOINT).getJsonObject("today").getLong("vehicles_checked"))
              .as("and on its site").isEqualTo(8);
          assertThat(after.getJsonObject("store").getString("kind")).isEqualTo("memory");
          return after;
        })
        .compose(v -> append(vertx, report))
        .map(outcomes -> assertThat(outcomes).containsExactly(Outcome.DUPLICATE))
        .compose(v -> snapshot(vertx, ROOT))
        .map(again -> assertThat(checked(again)).as("a resend counts nothing").isEqualTo(8))
        .onComplete(test.succeedingThenComplete());
  }

  @Test
  void aStartingPictureShowsWhatTheStoreAlreadyHeld(Vertx vertx, VertxTestContext test) {
    deployStore(vertx)
        // as before a restart: the store took reports for a picture that is gone now
        .compose(v -> vertx.eventBus().request(Addresses.STORE_ACCEPTING, "a picture before this one", Local.only()))
        .compose(v -> append(vertx, vehicles(4), vehicles(6)))
        .compose(v -> deployAlertsAndLive(vertx))
        .compose(v -> snapshot(vertx, ROOT))
        .map(rebuilt -> assertThat(checked(rebuilt)).as("rebuilt from the store").isEqualTo(10))
        .compose(v -> append(vertx, vehicles(1)))
        .compose(v -> snapshot(vertx, ROOT))
        .map(after -> assertThat(checked(after)).as("and counting on, nothing twice").isEqualTo(11))
        .onComplete(test.succeedingThenComplete());
  }

  @Test
  void aChangeGoesOutAsADeltaOfTheWatchedScope(Vertx vertx, VertxTestContext test) {
    deployAll(vertx)
        .compose(v -> afterAppending(vertx, Addresses.LIVE_DELTA,
            (Delta d) -> d.scope().equals(ROOT) && d.changes(true).encode().contains("vehicles_checked"), vehicles(7)))
        .map(delta -> {
          assertThat(delta.version()).isPositive();
          assertThat(delta.changes(true).getJsonObject("totals").getLong("vehicles_checked")).isEqualTo(7);
          return delta;
        })
        .onComplete(test.succeedingThenComplete());
  }

  @Test
  void anEscalatedPetitionFiresAnAlertThatTheScreensAndTheSnapshotShow(Vertx vertx, VertxTestContext test) {
    deployAll(vertx)
        .compose(v -> afterAppending(vertx, Addresses.LIVE_ALERT, (AlertFrame f) -> true,
            reading("pd-jinpen", new JsonObject().put("escalated_petitions", 1))))
        .map(frame -> {
          assertThat(frame.area()).as("sent to the screens whose scope holds its area").isEqualTo("jinpen");
          assertThat(frame.suffix(false).toString()).contains("escalated-petition");
          return frame;
        })
        .compose(v -> snapshot(vertx, "xudong"))
        .map(town -> {
          assertThat(town.getJsonObject("alerts").stream().map(e -> ((JsonObject) e.getValue()).getString("rule")))
              .as("open alerts of the town's picture").containsExactly("escalated-petition");
          return town;
        })
        .compose(v -> snapshot(vertx, "chengguan"))
        .map(other -> {
          assertThat(other.getJsonObject("alerts")).as("not another town's").isEmpty();
          return other;
        })
        .onComplete(test.succeedingThenComplete());
  }

  @Test
  void aSnapshotOfNoSuchAreaIsRefusedAsNotFound(Vertx vertx, VertxTestContext test) {
    deployAll(vertx)
        .compose(v -> refusal(snapshot(vertx, "atlantis")))
        .map(refused -> {
          assertThat(refused).isInstanceOf(ReplyException.class);
          assertThat(((ReplyException) refused).failureCode()).isEqualTo(404);
          return refused;
        })
        .onComplete(test.succeedingThenComplete());
  }

  @Test
  void aPictureNotYetRebuiltIsRefusedAsNotNowUntilTheStoreOpens(Vertx vertx, VertxTestContext test) {
    Watchfloor.registerMessages(vertx);
    // no store yet: the rebuild at start cannot run, and an empty picture would show zeros as if counted
    deployAlertsAndLive(vertx)
        .compose(v -> refusal(snapshot(vertx, ROOT)))
        .map(refused -> {
          assertThat(refused).isInstanceOf(ReplyException.class);
          assertThat(((ReplyException) refused).failureCode()).as("not now, as GET /api/v1/snapshot says 503").isEqualTo(503);
          return refused;
        })
        .compose(v -> refusal(vertx.eventBus().request(Addresses.LIVE_SNAPSHOT_FRAME,
            new LiveMessages.SnapshotFrameRequest(ROOT), Local.only())))
        .map(refused -> assertThat(((ReplyException) refused).failureCode()).as("nor to a socket").isEqualTo(503))
        .compose(v -> openStore(vertx))
        .compose(v -> shownOnceRebuilt(vertx, 200))
        .map(shown -> assertThat(checked(shown)).as("the store opened: rebuilt, and shown").isZero())
        .onComplete(test.succeedingThenComplete());
  }

  /** The root's snapshot once the rebuild the store's opening starts is done: asked every 50 ms, so many times. */
  private static Future<JsonObject> shownOnceRebuilt(Vertx vertx, int tries) {
    return snapshot(vertx, ROOT).recover(e -> tries <= 1 ? Future.failedFuture(e)
        : Future.<Void>future(p -> vertx.setTimer(50, id -> p.complete())).compose(v -> shownOnceRebuilt(vertx, tries - 1)));
  }

  /** Until the outlier check has read its history no report is taken, so none is checked against too little. */
  @Test
  void noReportIsTakenBeforeTheOutlierCheckHasReadItsHistory(Vertx vertx, VertxTestContext test) {
    AppConfig app = settings.app();
    LiveVerticle live = new LiveVerticle(clock, settings.catalogue(), settings.rules(), app.live(),
        app.ranking(), app.alerts().missingCheckSeconds(), Storage.memory());
    deployStore(vertx)
        .compose(v -> vertx.deployVerticle(new AlertVerticle(clock, settings.catalogue(), app.alerts(), Storage.memory())))
        .compose(v -> vertx.deployVerticle(live))
        .compose(v -> live.firstAttempt())
        .compose(v -> refusal(append(vertx, vehicles(2))))
        .map(refused -> assertThat(((ReplyException) refused).failureCode()).as("the store refuses: not now").isEqualTo(503))
        .compose(v -> vertx.deployVerticle(new FlagVerticle(clock, settings.catalogue(), Storage.memory(), Outliers.DEFAULT_K)))
        .compose(v -> shownOnceRebuilt(vertx, 200))
        .compose(v -> append(vertx, vehicles(2)))
        .map(outcomes -> assertThat(outcomes).as("taken once the history is read").containsExactly(Outcome.ACCEPTED))
        .onComplete(test.succeedingThenComplete());
  }
}
