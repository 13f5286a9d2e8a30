package io.watchfloor.cases;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.watchfloor.MutableClock;
import io.watchfloor.TestServer;
import io.watchfloor.Watchfloor;
import io.watchfloor.bus.Addresses;
import io.watchfloor.bus.Local;
import io.watchfloor.config.CasesConfig;
import io.watchfloor.domain.CaseAction;
import io.watchfloor.domain.CaseCommand;
import io.watchfloor.domain.CaseFile;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.domain.CatalogueReader;
import io.watchfloor.domain.ConfigNode;
import io.watchfloor.storage.Storage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deadline clock against the real case verticle, on a clock the test moves: near due at 80 % of a stage,
 * overdue only after its deadline, one escalation per level up the tree every {@code escalate-after}, to the
 * top; only on the node that evaluates; and a clock restarted, or running twice, applies nothing twice. Each
 * store runs it through its own subclass.
 */
abstract class DeadlineClockContract {
  /** Monday 2026-12-07, 09:00 in Shanghai. */
  static final Instant T0 = Instant.parse("2026-12-07T01:00:00Z");
  static final Duration ESCALATE_AFTER = Duration.ofMinutes(30);
  /** The sample district with a duty desk in every village too: a village's case climbs two levels, town then district. */
  static final Catalogue DEEP = deep();
  static final String UNIT = "demo-sanitation";

  Vertx vertx;
  MutableClock clock;
  DeadlineClock deadlines;
  String clockDeployment;
  final AtomicBoolean evaluates = new AtomicBoolean(true);

  protected abstract Storage storage(Vertx vertx);

  /** Called before each test, so a store that keeps data between tests can start empty. */
  protected void emptied() {
  }

  private static Catalogue deep() {
    JsonObject town = TestServer.shipped("town.json");
    town.getJsonArray("levels").getJsonObject(2).put("commandCentre", true);
    try {
      return CatalogueReader.read(ConfigNode.root("town.json", new ObjectMapper().readTree(town.encode())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @BeforeEach
  void deploy() {
    emptied();
    vertx = Vertx.vertx();
    Watchfloor.registerMessages(vertx);
    clock = new MutableClock(T0);
    vertx.eventBus().localConsumer(Addresses.EVALUATOR_HELD, m -> m.reply(evaluates.get())).completion().await();
    CaseTime time = new CaseTime(DeadlineStoreContract.SHIPPED.deadlines(MutableClock.TOWN_ZONE));
    vertx.deployVerticle(new CaseVerticle(clock, DEEP, CasesConfig.defaults(), time, storage(vertx))).await();
    deadlines = newClock();
  }

  /** A clock of its own (its timer an hour: the test runs its rounds), the last one deployed kept by id. */
  DeadlineClock newClock() {
    DeadlineClock fresh = new DeadlineClock(clock, DEEP, 3600, ESCALATE_AFTER);
    clockDeployment = vertx.deployVerticle(fresh).await();
    return fresh;
  }

  @AfterEach
  void close() {
    vertx.close().await();
  }

  /** A sanitation emergency in 西街 (a village), dispatched at T0: signed for within 5 minutes. */
  UUID dispatched(String urgency) {
    UUID id = UUID.randomUUID();
    CaseFile.Subject subject = new CaseFile.Subject("垃圾满溢", "sanitation", urgency, null, "xijie", null, "路口垃圾桶满溢",
        "officer", "operator:duty", T0);
    CaseMessages.Answer opened = vertx.eventBus().<CaseMessages.Answer>request(Addresses.CASES_OPEN,
        new CaseMessages.Open(subject, id, List.of(), null, "changling", null), Local.only()).await().body();
    assertThat(opened.status()).as(opened.body().encode()).isEqualTo(201);
    act(id, CaseCommand.dispatch(CaseAction.Actor.operator("duty"), UNIT, null));
    return id;
  }

  JsonObject act(UUID id, CaseCommand command) {
    CaseMessages.Answer answer = vertx.eventBus().<CaseMessages.Answer>request(Addresses.CASES_ACT,
        new CaseMessages.Act(id, command, List.of(), null, null, null), Local.only()).await().body();
    assertThat(answer.status()).as(answer.body().encode()).isEqualTo(200);
    return answer.body();
  }

  JsonObject detail(UUID id) {
    return vertx.eventBus().<JsonObject>request(Addresses.CASES_GET, new CaseMessages.Get(id, null, null), Local.only())
        .await().body();
  }

  JsonObject theCase(UUID id) {
    return detail(id).getJsonObject("case");
  }

  /** The deadline clock's trail lines: "near_due", "overdue", "escalate:chengguan", each by system. */
  List<String> systemTrail(UUID id) {
    JsonArray trail = detail(id).getJsonArray("trail");
    return trail.stream().map(JsonObject.class::cast).filter(l -> "system".equals(l.getString("by")))
        .map(l -> l.getString("action") + (l.getJsonObject("detail").containsKey("to") ? ":" + l.getJsonObject("detail").getString("to") : ""))
        .toList();
  }

  int round(Instant at) {
    clock.set(at);
    return deadlines.checkNow().await();
  }

  @Test
  void nearDueAt80PercentOverdueAfterTheDeadlineThenOneLevelUpPerWait() {
    UUID id = dispatched("emergency");
    Instant due = T0.plus(Duration.ofMinutes(5));
    assertThat(Instant.parse(theCase(id).getString("dueAt"))).isEqualTo(due);

    assertThat(round(T0.plus(Duration.ofSeconds(239)))).as("3:59 of 5 minutes").isZero();
    assertThat(theCase(id).getBoolean("nearDue")).isFalse();
    assertThat(round(T0.plus(Duration.ofMinutes(4)))).as("80 %").isEqualTo(1);
    assertThat(theCase(id).getBoolean("nearDue")).isTrue();
    assertThat(round(T0.plus(Duration.ofMinutes(4).plusSeconds(30)))).as("once").isZero();
    assertThat(round(due)).as("at the deadline it is still on time").isZero();
    assertThat(theCase(id).getBoolean("overdue")).isFalse();

    Instant late = due.plusSeconds(1);
    assertThat(round(late)).isEqualTo(1);
    assertThat(theCase(id).getBoolean("overdue")).isTrue();
    assertThat(round(late)).as("overdue: one level up at once").isEqualTo(1);
    assertThat(theCase(id).getString("escalatedTo")).as("西街's desk → 城关镇").isEqualTo("chengguan");
    assertThat(round(late.plus(ESCALATE_AFTER).minusSeconds(1))).as("waits at its level").isZero();
    assertThat(round(late.plus(ESCALATE_AFTER))).isEqualTo(1);
    assertThat(theCase(id).getString("escalatedTo")).isEqualTo("changling");
    assertThat(round(late.plus(Duration.ofHours(5)))).as("the top: nowhere higher").isZero();

    assertThat(systemTrail(id)).containsExactly("near_due", "overdue", "escalate:chengguan", "escalate:changling");
  }

  @Test
  void aStageEndedInTimeIsNeverMarkedAndTheNextStageRunsItsOwnClock() {
    UUID id = dispatched("emergency");
    clock.set(T0.plus(Duration.ofMinutes(3)));
    act(id, CaseCommand.of(CaseAction.ACCEPT, CaseAction.Actor.unit(UNIT), null));
    JsonObject handling = theCase(id);
    assertThat(handling.getString("stage")).isEqualTo("handle");
    Instant handleDue = Instant.parse(handling.getString("dueAt"));
    assertThat(handleDue).as("2 hours to handle an emergency").isEqualTo(T0.plus(Duration.ofMinutes(123)));
    assertThat(round(T0.plus(Duration.ofMinutes(30)))).as("the sign deadline passed, but the stage ended in time").isZero();
    assertThat(round(T0.plus(Duration.ofMinutes(3 + 96)))).as("80 % of the handle stage").isEqualTo(1);
    assertThat(systemTrail(id)).containsExactly("near_due");

    clock.set(T0.plus(Duration.ofMinutes(100)));
    act(id, CaseCommand.of(CaseAction.PARK, CaseAction.Actor.operator("duty"), "等待配合"));
    assertThat(round(T0.plus(Duration.ofDays(2)))).as("a parked case has no running deadline").isZero();
    assertThat(theCase(id).getBoolean("overdue")).isFalse();
  }

  @Test
  void onlyTheNodeThatEvaluatesTheRulesRunsTheClock() {
    UUID id = dispatched("emergency");
    evaluates.set(false);
    assertThat(round(T0.plus(Duration.ofMinutes(10)))).isZero();
    assertThat(theCase(id).getBoolean("overdue")).isFalse();
    evaluates.set(true);
    assertThat(round(T0.plus(Duration.ofMinutes(10)))).isEqualTo(1);
    assertThat(theCase(id).getBoolean("overdue")).isTrue();
  }

  @Test
  void aClockRestartedMidWayOrRunningTwiceAppliesNothingTwice() {
    UUID id = dispatched("emergency");
    Instant late = T0.plus(Duration.ofMinutes(6));
    round(late);
    round(late);
    assertThat(theCase(id).getString("escalatedTo")).isEqualTo("chengguan");

    vertx.undeploy(clockDeployment).await();
    deadlines = newClock();
    assertThat(round(late.plusSeconds(5))).as("the new clock finds nothing left at this level").isZero();

    DeadlineClock twin = newClock();
    clock.set(late.plus(ESCALATE_AFTER));
    List<Integer> both = io.vertx.core.Future.all(deadlines.checkNow(), twin.checkNow()).await().list();
    assertThat(both.stream().mapToInt(Integer::intValue).sum()).as("sent by both, answered as done").isBetween(1, 2);
    assertThat(round(late.plus(Duration.ofHours(3)))).isZero();
    assertThat(systemTrail(id)).as("past the deadline at once: overdue without near due; each level once")
        .containsExactly("overdue", "escalate:chengguan", "escalate:changling");
    assertThat(theCase(id).getInteger("version")).isEqualTo(2 + systemTrail(id).size());
  }
}
