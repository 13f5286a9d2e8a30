package io.watchfloor.cases;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.watchfloor.MutableClock;
import io.watchfloor.PgTest;
import io.watchfloor.TestDatabase;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;
import io.watchfloor.bus.Addresses;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static io.watchfloor.cases.CaseDesk.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A restart in the middle of every state loses nothing (issue 25), through the whole server on PostgreSQL: a
 * case in each state and sub-state, the server stopped and started again on the same database at the same
 * instant; every case reads the same, its photos come back byte for byte, its last action's key sent again gets
 * the first answer and changes nothing, and each takes its next step. An action in flight when the server stops
 * is applied once or not at all.
 */
@PgTest
class CaseRestartTest {
  static final Instant T0 = CaseClockServerTest.T0;
  static final Duration PATIENCE = Duration.ofSeconds(30);
  static final JsonObject TO_SANITATION = new JsonObject().put("unit", "demo-sanitation");

  /** An action over HTTP with its Idempotency-Key, on whichever server is up. */
  @FunctionalInterface
  interface Call {
    HttpResponse<Buffer> send(CaseDesk desk, String duty);
  }

  /** A case brought to one state: the last action it took and its answer; its next step and the state it leads to. */
  record Held(String name, String id, Call last, int status, JsonObject answer, Call next, String then) {
  }

  private CaseDesk desk;
  private String duty;
  private final Map<String, List<Buffer>> photos = new HashMap<>();

  @Test
  void everyCaseReadsTheSameAfterARestartAndTakesItsNextStep() {
    String url = TestDatabase.fresh("wf_test_case_restart");
    MutableClock clock = new MutableClock(T0);
    desk = new CaseDesk(CaseClockServerTest.start(url, clock));
    try {
      duty = desk.signIn(CaseDesk.DISTRICT);
      List<Held> held = new ArrayList<>();
      String late = opened();
      held.add(held("near due, overdue, escalated", late, officer("late-dispatch", late, "dispatch", TO_SANITATION),
          unit("late-accept", late, "accept", new JsonObject()), "handling"));
      clock.set(T0.plus(Duration.ofMinutes(24)));
      await("near due").atMost(PATIENCE).until(() -> desk.detail(duty, late).getJsonObject("case").getBoolean("nearDue"));
      clock.set(T0.plus(Duration.ofMinutes(31)));
      await("overdue, and up to the district").atMost(PATIENCE)
          .until(() -> "changling".equals(desk.detail(duty, late).getJsonObject("case").getString("escalatedTo")));
      assertThat(desk.trail(duty, late)).containsExactly("open", "dispatch", "near_due", "overdue", "escalate");
      // from here the clock stands still: nothing else comes near its deadline, before or after the restart
      held.addAll(everyOtherState(clock.instant()));

      Map<String, JsonObject> before = new HashMap<>();
      held.forEach(h -> before.put(h.id(), desk.detail(duty, h.id())));
      List<Object> tasks = desk.tasks(TestTown.SANITATION).getList();
      assertThat(tasks).as("the unit's open tasks").hasSizeGreaterThanOrEqualTo(6);

      desk.server.close();
      desk = new CaseDesk(CaseClockServerTest.start(url, clock));
      AtomicInteger rounds = new AtomicInteger();
      desk.server.vertx.eventBus().addOutboundInterceptor(delivery -> {
        if (Addresses.CASES_DUE.equals(delivery.message().address())) {
          rounds.incrementAndGet();
        }
        delivery.next();
      });
      // a round asks for the due cases only on the node that evaluates, and the next only once the last is done
      await("the restarted deadline clock has looked, at the same instant").atMost(PATIENCE).until(() -> rounds.get() >= 2);
      duty = desk.signIn(CaseDesk.DISTRICT);

      for (Held h : held) {
        assertThat(desk.detail(duty, h.id())).as(h.name() + " reads the same").isEqualTo(before.get(h.id()));
      }
      photosComeBackByteForByte();
      assertThat(desk.tasks(TestTown.SANITATION).getList()).as("the unit's task list").isEqualTo(tasks);

      for (Held h : held) {
        HttpResponse<Buffer> again = h.last().send(desk, duty);
        assertThat(again.statusCode()).as(h.name() + ": the first status again").isEqualTo(h.status());
        assertThat(again.bodyAsJsonObject()).as(h.name() + ": the first answer again").isEqualTo(h.answer());
        assertThat(desk.detail(duty, h.id())).as(h.name() + ": nothing applied").isEqualTo(before.get(h.id()));
      }
      for (Held h : held) {
        HttpResponse<Buffer> next = h.next().send(desk, duty);
        if (h.then() == null) {
          assertThat(next.statusCode()).as(h.name() + " is over: " + next.bodyAsString()).isEqualTo(409);
        } else {
          JsonObject after = ok(next, 200);
          assertThat(after.getString("state")).as(h.name() + " takes its next step").isEqualTo(h.then());
          assertThat(after.getLong("version")).isEqualTo(before.get(h.id()).getJsonObject("case").getLong("version") + 1);
        }
      }
    } finally {
      desk.server.close();
    }
  }

  /** Every state and sub-state but the clock's, each case's last action sent with a key. */
  private List<Held> everyOtherState(Instant now) {
    List<Held> held = new ArrayList<>();
    JsonObject fresh = CaseDesk.bin().put("id", UUID.randomUUID().toString());
    String created = fresh.getString("id");
    held.add(held("new", created, opening("new-open", fresh), officer("new-dispatch", created, "dispatch", TO_SANITATION),
        "dispatched"));
    String sent = opened();
    held.add(held("dispatched", sent, officer("sent-dispatch", sent, "dispatch", TO_SANITATION),
        unit("sent-accept", sent, "accept", new JsonObject()), "handling"));
    String asked = dispatched();
    String until = OffsetDateTime.ofInstant(now.plus(Duration.ofHours(2)), ZoneOffset.ofHours(8)).toString();
    held.add(held("dispatched, more time asked", asked,
        unit("asked-extend", asked, "extend", new JsonObject().put("until", until).put("reason", "清运车检修")),
        officer("asked-grant", asked, "extension", new JsonObject().put("granted", true)), "dispatched"));
    String signed = dispatched();
    held.add(held("handling", signed, unit("signed-accept", signed, "accept", new JsonObject().put("note", "已签收")),
        report("signed-report", signed, CaseDesk.png(80_000, 11)), "reported"));
    String rework = reported(CaseDesk.jpeg(150_000, 12));
    held.add(held("handling after a rework", rework,
        officer("rework-verify", rework, "verify", new JsonObject().put("passed", false).put("note", "仍有散落垃圾")),
        report("rework-report", rework, CaseDesk.webp(60_000, 13)), "reported"));
    String back = handling();
    Buffer photo = CaseDesk.jpeg(400_000, 14);
    held.add(held("reported with a photo", kept(back, photo), report("back-report", back, photo),
        officer("back-verify", back, "verify", new JsonObject().put("passed", true).put("note", "核查通过")), "closed"));
    String parked = handling();
    held.add(held("parked from handling", parked, officer("parked-park", parked, "park", new JsonObject().put("note", "等待环卫所")),
        officer("parked-resume", parked, "resume", new JsonObject()), "handling"));
    String closed = reported(CaseDesk.png(90_000, 15));
    held.add(held("closed", closed, officer("closed-verify", closed, "verify", new JsonObject().put("passed", true).put("note", "已结案")),
        officer("closed-urge", closed, "urge", new JsonObject()), null));
    String cancelled = opened();
    held.add(held("cancelled", cancelled, officer("cancelled-cancel", cancelled, "cancel", new JsonObject().put("note", "重复来电")),
        officer("cancelled-dispatch", cancelled, "dispatch", TO_SANITATION), null));
    return held;
  }

  private Held held(String name, String id, Call last, Call next, String then) {
    HttpResponse<Buffer> answer = last.send(desk, duty);
    assertThat(answer.statusCode()).as(name + ": " + answer.bodyAsString()).isIn(200, 201);
    return new Held(name, id, last, answer.statusCode(), answer.bodyAsJsonObject(), next, then);
  }

  private void photosComeBackByteForByte() {
    for (Map.Entry<String, List<Buffer>> sent : photos.entrySet()) {
      List<Object> stored = desk.detail(duty, sent.getKey()).getJsonArray("photos").getList();
      assertThat(stored).as("the photos of " + sent.getKey()).hasSize(sent.getValue().size());
      for (int i = 0; i < stored.size(); i++) {
        String url = ((Map<?, ?>) stored.get(i)).get("url").toString();
        assertThat(ok200(desk.get(duty, url)).body()).as("photo " + url).isEqualTo(sent.getValue().get(i));
      }
    }
  }

  private static HttpResponse<Buffer> ok200(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response;
  }

  private String opened() {
    return desk.opened(duty, CaseDesk.bin()).getString("id");
  }

  private String dispatched() {
    String id = opened();
    ok(desk.act(duty, id, "dispatch", TO_SANITATION), 200);
    return id;
  }

  private String handling() {
    String id = dispatched();
    ok(desk.task(TestTown.SANITATION, id, "accept", new JsonObject()), 200);
    return id;
  }

  private String reported(Buffer photo) {
    String id = handling();
    ok(desk.report(TestTown.SANITATION, id, "已清运", List.of(photo)), 200);
    return kept(id, photo);
  }

  /** The photo sent on the case, to be read back after the restart. */
  private String kept(String id, Buffer photo) {
    photos.computeIfAbsent(id, k -> new ArrayList<>()).add(photo);
    return id;
  }

  static Call opening(String key, JsonObject body) {
    return (desk, duty) -> desk.officer(desk.server.client.post("/api/v1/cases"), duty).putHeader(IdempotencyKey.HEADER, key)
        .sendJsonObject(body).await();
  }

  static Call officer(String key, String id, String action, JsonObject body) {
    return (desk, duty) -> desk.officer(desk.server.client.post("/api/v1/cases/" + id + "/" + action), duty)
        .putHeader(IdempotencyKey.HEADER, key).sendJsonObject(body).await();
  }

  static Call unit(String key, String id, String action, JsonObject body) {
    return (desk, duty) -> desk.unit(desk.server.client.post("/api/v1/tasks/" + id + "/" + action), TestTown.SANITATION)
        .putHeader(IdempotencyKey.HEADER, key).sendJsonObject(body).await();
  }

  /** A report back with one photo, as the field page sends it. */
  static Call report(String key, String id, Buffer photo) {
    return (desk, duty) -> CaseDesk.multipart(desk.unit(desk.server.client.post("/api/v1/tasks/" + id + "/report"),
        TestTown.SANITATION).putHeader(IdempotencyKey.HEADER, key), CaseDesk.form("已清运", List.of(photo))).await();
  }
}
