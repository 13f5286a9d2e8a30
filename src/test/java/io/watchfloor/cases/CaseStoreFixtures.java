package io.watchfloor.cases;

import io.vertx.core.json.JsonObject;
import io.watchfloor.StoreContract;
import io.watchfloor.domain.CaseAction;
import io.watchfloor.domain.CaseAction.Actor;
import io.watchfloor.domain.CaseCommand;
import io.watchfloor.domain.CaseEvent;
import io.watchfloor.domain.CaseFile;
import io.watchfloor.domain.CaseMachine;
import io.watchfloor.domain.StageClock;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the case store suites share: a fixed stage clock (sign 30 minutes, handle 2 hours, verify 1 hour, whatever
 * the category; the real time-limit table is the deadline clock's), people, openings, and the trail's replay.
 */
abstract class CaseStoreFixtures extends StoreContract<CaseStore> {
  static final Instant T0 = Instant.parse("2026-12-07T01:00:00Z");
  static final StageClock CLOCK = (category, urgency, stage, start) -> start.plus(switch (stage) {
    case SIGN -> Duration.ofMinutes(30);
    case HANDLE -> Duration.ofHours(2);
    case VERIFY -> Duration.ofHours(1);
  });
  static final CaseMachine MACHINE = new CaseMachine(CLOCK);
  static final Actor ALICE = Actor.operator("alice");
  static final Actor BOB = Actor.operator("bob");
  static final Actor SANITATION = Actor.unit("demo-sanitation");
  static final Actor POLICE = Actor.unit("demo-police");
  /** What the API would answer; the store keeps it for a replay. */
  static final Function<CaseFile, JsonObject> ANSWER = f -> new JsonObject().put("id", f.id().toString())
      .put("state", f.state().key()).put("version", f.version()).put("unit", f.unit());

  CaseStoreFixtures() {
    super(CaseStore::open, CaseStore::close);
  }

  static CaseFile.Subject subject(String title, String category, String area, UUID alert, Instant at) {
    return new CaseFile.Subject(title, category, "normal", "s-" + area, area, alert, "垃圾满溢 " + title,
        alert == null ? "officer" : "alert", ALICE.ref(), at);
  }

  CaseFile open(String area, Instant at) {
    return open(UUID.randomUUID(), subject("case", "sanitation", area, null, at), at);
  }

  CaseFile open(UUID id, CaseFile.Subject subject, Instant at) {
    return store.open(MACHINE.open(id, subject, at), List.of(), null, ANSWER).await().step().after();
  }

  CaseStore.Outcome act(UUID id, CaseCommand command, Instant at) {
    return store.act(id, command, List.of(), at, null, ANSWER).await();
  }

  CaseFile step(UUID id, CaseCommand command, Instant at) {
    return act(id, command, at).step().after();
  }

  CaseFile dispatched(String area, Instant at) {
    CaseFile opened = open(area, at);
    return step(opened.id(), CaseCommand.dispatch(ALICE, SANITATION.id(), null), at);
  }

  static CaseCommand of(CaseAction action, Actor actor) {
    return CaseCommand.of(action, actor, action.key() + " note");
  }

  CaseFile stored(UUID id) {
    return store.find(id).await().orElseThrow();
  }

  List<CaseEvent> trail(UUID id) {
    return store.detail(id).await().orElseThrow().trail();
  }

  static CaseStore.Photo photo(int size, String mediaType, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return new CaseStore.Photo(UUID.randomUUID(), null, 0, mediaType, bytes, null);
  }

  /**
   * The stored trail, run again through the machine from the opening: it must give the stored case, so the
   * trail alone says how the case came to stand where it does.
   */
  void assertTrailReplaysToTheStoredCase(UUID id) {
    CaseStore.Detail detail = store.detail(id).await().orElseThrow();
    List<CaseEvent> trail = detail.trail();
    CaseFile opening = detail.file();
    CaseMachine.Step step = MACHINE.open(id, opening.subject(), trail.get(0).at());
    assertThat(step.event()).isEqualTo(trail.get(0));
    List<CaseEvent> replayed = new ArrayList<>(List.of(step.event()));
    CaseFile file = step.after();
    for (CaseEvent line : trail.subList(1, trail.size())) {
      step = MACHINE.apply(file, command(line), line.at());
      replayed.add(step.event());
      file = step.after();
    }
    assertThat(replayed).as("the trail, replayed").isEqualTo(trail);
    assertThat(file).as("the case the trail replays to").isEqualTo(detail.file());
    assertThat(trail).extracting(CaseEvent::seq).as("one line per version")
        .isEqualTo(java.util.stream.IntStream.rangeClosed(1, file.version()).boxed().toList());
  }

  /** The command a trail line records. */
  static CaseCommand command(CaseEvent line) {
    Map<String, Object> d = line.detail();
    String until = (String) d.get("until");
    String level = (String) (line.action() == CaseAction.ESCALATE ? d.get("to") : d.get("level"));
    return new CaseCommand(line.action(), actor(line.by()), line.note(), (String) d.get("unit"),
        (Boolean) d.get("passed"), until == null ? null : Instant.parse(until), (Boolean) d.get("granted"), level);
  }

  static Actor actor(String ref) {
    if (ref.equals("system")) {
      return Actor.SYSTEM;
    }
    String id = ref.substring(ref.indexOf(':') + 1);
    return ref.startsWith("unit:") ? Actor.unit(id) : Actor.operator(id);
  }

  static CaseStore.Request request(Actor by, String key, String fingerprint) {
    return new CaseStore.Request(by.ref(), key, fingerprint);
  }
}
