package io.watchfloor.alert;

import io.watchfloor.storage.Storage;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.watchfloor.MutableClock;
import io.watchfloor.ShippedSettings;
import io.watchfloor.TestTown;
import io.watchfloor.UnitTest;
import io.watchfloor.Watchfloor;
import io.watchfloor.alert.AlertMessages.Act;
import io.watchfloor.alert.AlertMessages.Firings;
import io.watchfloor.alert.AlertMessages.Get;
import io.watchfloor.alert.AlertMessages.ListRequest;
import io.watchfloor.bus.Addresses;
import io.watchfloor.bus.Local;
import io.watchfloor.config.Settings;
import io.watchfloor.domain.Firing;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import static io.watchfloor.TestFutures.refusal;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alert verticle alone on a Vertx of its own, with the memory store: firings sent as the rules send
 * them, and officers' reads and acts as the HTTP side sends them, each with the caller's scope.
 */
@UnitTest
@ExtendWith(VertxExtension.class)
class AlertVerticleTest {
  private static final String SITE = "pd-jinpen";
  /** 金盆村 has no desk of its own: 许东镇's owns its alerts, and 长岭区 is the next one up. */
  private static final String DESK = "xudong";
  private static final String DISTRICT = "changling";
  private static final String OTHER_TOWN = "chengguan";
  private static final Duration ESCALATE_AFTER = Duration.ofMinutes(5);

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T04:00:00Z"));
  /** Escalation checked every second, so a test sees a climb within a second of the clock passing the delay. */
  private final Settings settings = ShippedSettings.with(new JsonObject().put("alerts", new JsonObject()
      .put("escalate-critical-after", ESCALATE_AFTER.toString()).put("escalation-check-seconds", 1)));

  @BeforeEach
  void deploy(Vertx vertx, VertxTestContext test) {
    Watchfloor.registerMessages(vertx);
    vertx.deployVerticle(new AlertVerticle(clock, settings.catalogue(), settings.app().alerts(), Storage.memory()))
        .onComplete(test.succeedingThenComplete());
  }

  private Firing petition(String cause) {
    String area = TestTown.CATALOGUE.sites().stream().filter(s -> s.id().equals(SITE)).findFirst().orElseThrow().area();
    return new Firing(settings.rules().stream().filter(r -> r.id().equals("escalated-petition")).findFirst().orElseThrow(),
        "site", SITE, area, "越级访 1", cause);
  }

  private static void fire(Vertx vertx, Firing... firings) {
    vertx.eventBus().send(Addresses.ALERTS_FIRE, new Firings(List.of(firings)), Local.only());
  }

  /** The next alert published on {@code alerts.changed} that {@code which} accepts; listen before acting. */
  private static Future<JsonObject> published(Vertx vertx, Predicate<JsonObject> which) {
    Promise<JsonObject> seen = Promise.promise();
    MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(Addresses.ALERTS_CHANGED);
    consumer.handler(message -> {
      if (which.test(message.body())) {
        consumer.unregister();
        seen.tryComplete(message.body());
      }
    });
    return consumer.completion().compose(v -> seen.future());
  }

  private static Future<JsonArray> list(Vertx vertx, String scope) {
    return vertx.eventBus().<JsonArray>request(Addresses.ALERTS_LIST, new ListRequest(null, 100, scope), Local.only())
        .map(Message::body);
  }

  private static Future<JsonObject> act(Vertx vertx, String id, String action, String scope) {
    return vertx.eventBus().<JsonObject>request(Addresses.ALERTS_ACT,
        new Act(UUID.fromString(id), action, "operator:duty", "已派员核实", scope), Local.only()).map(Message::body);
  }

  private static Future<JsonObject> get(Vertx vertx, String id, String scope) {
    return vertx.eventBus().<JsonObject>request(Addresses.ALERTS_GET, new Get(UUID.fromString(id), scope), Local.only())
        .map(Message::body);
  }

  /** The alert that {@code firings} open, as the verticle publishes it. */
  private static Future<JsonObject> opening(Vertx vertx, Firing... firings) {
    Future<JsonObject> opened = published(vertx, a -> "open".equals(a.getString("state")));
    fire(vertx, firings);
    return opened;
  }

  @Test
  void aFiringOpensAnAlertAtItsDeskWhichAnOfficerAcknowledgesOnce(Vertx vertx, VertxTestContext test) {
    opening(vertx, petition("report-1"))
        .map(alert -> {
          assertThat(alert.getString("rule")).isEqualTo("escalated-petition");
          assertThat(alert.getString("subject")).isEqualTo(SITE);
          assertThat(alert.getString("severity")).isEqualTo("critical");
          assertThat(alert.getString("desk")).isEqualTo(DESK);
          assertThat(alert.getLong("count")).isEqualTo(1);
          assertThat(alert.getString("firstSeen")).as("dated by the verticle's clock").isEqualTo(clock.instant().toString());
          return alert.getString("id");
        })
        .compose(id -> list(vertx, DESK).map(open -> {
              assertThat(open.stream().map(JsonObject.class::cast).map(a -> a.getString("id"))).containsExactly(id);
              return id;
            })
            .compose(v -> list(vertx, OTHER_TOWN))
            .map(other -> {
              assertThat(other).as("another town's desk does not see it").isEmpty();
              return id;
            })
            .compose(v -> {
              Future<JsonObject> acknowledged = published(vertx, a -> "acknowledged".equals(a.getString("state")));
              return act(vertx, id, Act.ACKNOWLEDGE, DESK).compose(reply -> acknowledged.map(change -> {
                assertThat(reply.getString("state")).isEqualTo("acknowledged");
                assertThat(reply.getJsonObject("acknowledged").getString("by")).isEqualTo("operator:duty");
                assertThat(reply.getJsonObject("acknowledged").getString("note")).isEqualTo("已派员核实");
                assertThat(change).as("the screens hear the change as it was answered").isEqualTo(reply);
                return id;
              }));
            })
            .compose(v -> refusal(act(vertx, id, Act.ACKNOWLEDGE, DESK)))
            .map(twice -> {
              assertThat(twice).as("acknowledged already").isInstanceOf(AlertConflict.class);
              return id;
            })
            .compose(v -> get(vertx, id, DISTRICT)))
        .map(trail -> {
          assertThat(trail.getJsonObject("alert").getString("state")).isEqualTo("acknowledged");
          assertThat(trail.getJsonArray("history").stream().map(JsonObject.class::cast).map(e -> e.getString("action")))
              .as("the district sees the trail of its town's alert").startsWith("fired").contains("acknowledged");
          return trail;
        })
        .onComplete(test.succeedingThenComplete());
  }

  @Test
  void aCauseSentAgainCountsOnceAndANewCauseCountsAgain(Vertx vertx, VertxTestContext test) {
    // a new evaluator resends the last minute's firings: the store counts each cause once
    opening(vertx, petition("report-1"), petition("report-1"))
        .compose(first -> {
          Future<JsonObject> counted = published(vertx, a -> a.getLong("count") >= 2);
          fire(vertx, petition("report-1"));
          fire(vertx, petition("report-2"));
          return counted;
        })
        .compose(v -> list(vertx, null))
        .map(open -> {
          assertThat(open).as("one alert for the site and rule").hasSize(1);
          assertThat(open.getJsonObject(0).getLong("count")).as("two reports fired it, one of them three times").isEqualTo(2);
          assertThat(open.getJsonObject(0).getString("lastSeen")).isEqualTo(clock.instant().toString());
          return open;
        })
        .onComplete(test.succeedingThenComplete());
  }

  @Test
  void anActOutsideTheCallersScopeOrOnNoAlertIsRefusedAndChangesNothing(Vertx vertx, VertxTestContext test) {
    opening(vertx, petition("report-1"))
        .compose(alert -> refusal(act(vertx, alert.getString("id"), Act.RESOLVE, OTHER_TOWN))
            .map(refused -> {
              assertThat(refused).isInstanceOf(AlertOutsideScope.class);
              assertThat(((AlertOutsideScope) refused).status()).isEqualTo(403);
              return refused;
            })
            .compose(v -> refusal(get(vertx, alert.getString("id"), OTHER_TOWN)))
            .map(refused -> assertThat(refused).as("nor read").isInstanceOf(AlertOutsideScope.class))
            .compose(v -> refusal(act(vertx, UUID.randomUUID().toString(), Act.ACKNOWLEDGE, null)))
            .map(refused -> assertThat(refused).isInstanceOf(AlertNotFound.class))
            .compose(v -> get(vertx, alert.getString("id"), DESK)))
        .map(trail -> {
          assertThat(trail.getJsonObject("alert").getString("state")).as("left as it was").isEqualTo("open");
          assertThat(trail.getJsonArray("history")).hasSize(1);
          return trail;
        })
        .onComplete(test.succeedingThenComplete());
  }

  @Test
  void anUnacknowledgedCriticalAlertClimbsToTheDistrictOnceTheDelayHasPassed(Vertx vertx, VertxTestContext test) {
    opening(vertx, petition("report-1"))
        .compose(alert -> {
          Future<JsonObject> climbed = published(vertx, a -> a.getString("escalatedTo") != null);
          clock.advance(ESCALATE_AFTER.plusSeconds(1));
          return climbed;
        })
        .map(alert -> {
          assertThat(alert.getString("escalatedTo")).isEqualTo(DISTRICT);
          assertThat(alert.getString("desk")).as("still its own desk's").isEqualTo(DESK);
          assertThat(alert.getString("state")).isEqualTo("open");
          return alert;
        })
        .onComplete(test.succeedingThenComplete());
  }
}
