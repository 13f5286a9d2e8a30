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
import static io.watchfloor.cases.KeyedCall.officer;
import static io.watchfloor.cases.KeyedCall.opening;
import static io.watchfloor.cases.KeyedCall.report;
import static io.watchfloor.cases.KeyedCall.unit;
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

  /** A case brought to one state: the last action it took and its answer; its next step and the state it leads to. */
  record Held(String name, String id, KeyedCall last, int status, JsonObject answer, KeyedCall next, String then) {
  }

  private CaseDesk desk;
  private String duty;
  private final Map<String, List<Buffer>> photos = new HashMap<>();
  /** The case that asked for more time, and the time it asked for. */
  private String asked;
  private Instant askedUntil;

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
      assertThat(tasks).as("the unit's open tasks, the parked one too").hasSize(7);

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
      assertThat(Instant.parse(desk.detail(duty, asked).getJsonObject("case").getString("dueAt")))
          .as("granted to the time asked before the restart").isEqualTo(askedUntil);
    } finally {
      desk.server.close();
    }
  }

  @Test
  void anActionInFlightWhenTheServerStopsIsAppliedOnceOrNotAtAll() {
    String url = TestDatabase.fresh("wf_test_case_inflight");
    MutableClock clock = new MutableClock(T0);
    desk = new CaseDesk(CaseClockServerTest.start(url, clock));
    // the phone is a machine of its own: the server going down does not take its connection's end with it
    Vertx phone = Vertx.vertx();
    try {
      duty = desk.signIn(CaseDesk.DISTRICT);
      String reported = handling();
      String urged = dispatched();
      Buffer photo = CaseDesk.jpeg(1_500_000, 21);
      HttpClient client = phone.createHttpClient();
      // the urge is applied, its answer never read: the answer lost on the way back
      written(client.request(HttpMethod.POST, desk.server.port, "127.0.0.1", "/api/v1/cases/" + urged + "/urge").await()
          .putHeader("Cookie", duty).putHeader("Origin", "http://127.0.0.1:" + desk.server.port)
          .putHeader("Content-Type", "application/json").putHeader(IdempotencyKey.HEADER, "inflight-urge"),
          new JsonObject().put("note", "请尽快签收").toBuffer()).await();
      String database = "wf_test_case_inflight" + System.getenv().getOrDefault("WATCHFLOOR_TEST_DB_SUFFIX", "");
      await("the urge applied").atMost(PATIENCE).until(() -> TestDatabase.count(database,
          "SELECT count(*) FROM case_event WHERE action = 'urge' AND case_id = '" + urged + "'") == 1);
      // the report is on its way when the server stops: applied whole or not at all, whichever it was
      String boundary = "----watchfloor-inflight";
      written(client.request(HttpMethod.POST, desk.server.port, "127.0.0.1", "/api/v1/tasks/" + reported + "/report").await()
          .putHeader("Authorization", "Bearer " + TestTown.SANITATION).putHeader(IdempotencyKey.HEADER, "inflight-report")
          .putHeader("Content-Type", "multipart/form-data; boundary=" + boundary),
          CaseDesk.form(boundary, CaseDesk.form("已清运", List.of(photo)))).await();
      desk.server.close();

      desk = new CaseDesk(CaseClockServerTest.start(url, clock));
      duty = desk.signIn(CaseDesk.DISTRICT);
      JsonObject report = ok(report("inflight-report", reported, photo).send(desk, duty), 200);
      assertThat(report.getString("state")).isEqualTo("reported");
      assertThat(desk.trail(duty, reported)).as("the report in flight, once").containsExactly("open", "dispatch", "accept", "report");
      kept(reported, photo);
      photosComeBackByteForByte();
      JsonObject urge = ok(officer("inflight-urge", urged, "urge", new JsonObject().put("note", "请尽快签收")).send(desk, duty), 200);
      assertThat(urge.getInteger("urges")).isEqualTo(1);
      assertThat(desk.trail(duty, urged)).as("the urge in flight, once").containsExactly("open", "dispatch", "urge");
    } finally {
      desk.server.close();
      phone.close().await();
    }
  }

  /** Writes the request whole and does not wait for its answer: done once the last byte has left the phone. */
  private static Future<Void> written(HttpClientRequest request, Buffer body) {
    return request.putHeader("Content-Length", Integer.toString(body.length())).end(body);
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
    asked = dispatched();
    askedUntil = now.plus(Duration.ofHours(2));
    String until = OffsetDateTime.ofInstant(askedUntil, ZoneOffset.ofHours(8)).toString();
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

  private Held held(String name, String id, KeyedCall last, KeyedCall next, String then) {
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
}
