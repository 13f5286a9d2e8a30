package io.watchfloor.cases;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.watchfloor.MutableClock;
import io.watchfloor.PgTest;
import io.watchfloor.TestTown;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import static io.watchfloor.cases.CaseDesk.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * None applied twice (docs/api.md, cases): the same action with the same Idempotency-Key, twenty times at once,
 * is one trail line and twenty identical answers; the same key with another request is a 422 that changes
 * nothing; a case opened again under its client-made id is the first case.
 */
@PgTest
class CaseIdempotencyTest {
  private static final int TIMES = 20;
  private static CaseDesk desk;
  private static String duty;

  @BeforeAll
  static void start() {
    desk = CaseDesk.postgres("wf_test_case_idempotency", new MutableClock(CaseApiTest.NOON));
    duty = desk.signIn(CaseDesk.DISTRICT);
  }

  @AfterAll
  static void stop() {
    desk.server.close();
  }

  private static String dispatched() {
    String id = desk.opened(duty, CaseDesk.bin()).getString("id");
    ok(desk.act(duty, id, "dispatch", new JsonObject().put("unit", "demo-sanitation")), 200);
    return id;
  }

  /** The same request {@link #TIMES} times at once; their answers in the order sent. */
  private static List<HttpResponse<Buffer>> atOnce(Supplier<Future<HttpResponse<Buffer>>> send) {
    List<Future<HttpResponse<Buffer>>> all = new ArrayList<>();
    for (int i = 0; i < TIMES; i++) {
      all.add(send.get());
    }
    Future.all(all).await();
    return all.stream().map(Future::result).toList();
  }

  private static void identical(List<HttpResponse<Buffer>> answers, int status) {
    assertThat(answers.stream().map(HttpResponse::statusCode)).containsOnly(status);
    assertThat(answers.stream().map(HttpResponse::bodyAsJsonObject).distinct()).hasSize(1);
  }

  @Test
  void anActionSentTwentyTimesAtOnceWithOneKeyIsDoneOnce() {
    String id = dispatched();
    JsonObject urge = new JsonObject().put("note", "请尽快签收");
    List<HttpResponse<Buffer>> answers = atOnce(() -> desk.officer(desk.server.client.post("/api/v1/cases/" + id + "/urge"), duty)
        .putHeader("Idempotency-Key", "urge-1").sendJsonObject(urge));
    identical(answers, 200);
    assertThat(answers.get(0).bodyAsJsonObject().getInteger("urges")).isEqualTo(1);
    assertThat(desk.trail(duty, id)).containsExactly("open", "dispatch", "urge");

    JsonObject before = desk.detail(duty, id);
    HttpResponse<Buffer> other = desk.officer(desk.server.client.post("/api/v1/cases/" + id + "/urge"), duty)
        .putHeader("Idempotency-Key", "urge-1").sendJsonObject(new JsonObject().put("note", "再催一次")).await();
    CaseBadInputTest.refused(other, 422, "Idempotency-Key");
    assertThat(desk.detail(duty, id)).as("nothing changed").isEqualTo(before);

    String xudong = desk.signIn(CaseDesk.XUDONG);
    HttpResponse<Buffer> someoneElse = desk.officer(desk.server.client.post("/api/v1/cases/" + id + "/urge"), xudong)
        .putHeader("Idempotency-Key", "urge-1").sendJsonObject(urge).await();
    assertThat(ok(someoneElse, 200).getInteger("urges")).as("a key is the sender's own").isEqualTo(2);
  }

  @Test
  void aReportWithPhotosSentTwentyTimesAtOnceIsOneReportWithItsPhotosOnce() {
    String id = dispatched();
    ok(desk.task(TestTown.SANITATION, id, "accept", new JsonObject()), 200);
    List<Buffer> photos = List.of(CaseDesk.jpeg(200_000, 5), CaseDesk.png(100_000, 6));
    // each sent with a boundary of its own: the fingerprint is of the fields and the photos' bytes
    List<HttpResponse<Buffer>> answers = atOnce(() -> CaseDesk.multipart(desk.unit(desk.server.client.post(
        "/api/v1/tasks/" + id + "/report"), TestTown.SANITATION).putHeader("Idempotency-Key", "report-" + id),
        CaseDesk.form("已清运", photos)));
    identical(answers, 200);
    JsonObject detail = desk.detail(duty, id);
    assertThat(desk.trail(duty, id)).containsExactly("open", "dispatch", "accept", "report");
    assertThat(detail.getJsonArray("photos")).hasSize(2);

    HttpResponse<Buffer> otherPhotos = CaseDesk.multipart(desk.unit(desk.server.client.post("/api/v1/tasks/" + id + "/report"),
        TestTown.SANITATION).putHeader("Idempotency-Key", "report-" + id),
        CaseDesk.form("已清运", List.of(CaseDesk.jpeg(200_000, 7)))).await();
    CaseBadInputTest.refused(otherPhotos, 422, "Idempotency-Key");
    assertThat(desk.detail(duty, id)).isEqualTo(detail);
  }

  @Test
  void anOpeningSentTwentyTimesAtOnceWithOneKeyOpensOneCase() {
    int before = desk.list(duty, "").size();
    JsonObject bin = CaseDesk.bin().put("title", "一次开案");
    List<HttpResponse<Buffer>> answers = atOnce(() -> desk.officer(desk.server.client.post("/api/v1/cases"), duty)
        .putHeader("Idempotency-Key", "open-1").sendJsonObject(bin));
    identical(answers, 201);
    assertThat(desk.list(duty, "")).hasSize(before + 1);
  }

  @Test
  void aCaseOpenedTwiceUnderItsIdIsTheFirstCase() {
    JsonObject bin = CaseDesk.bin().put("id", UUID.randomUUID().toString());
    JsonObject first = desk.opened(duty, bin);
    JsonObject second = ok(desk.open(duty, bin), 200);
    assertThat(second).isEqualTo(first);
    List<HttpResponse<Buffer>> answers = atOnce(() -> desk.officer(desk.server.client.post("/api/v1/cases"), duty)
        .sendJsonObject(bin));
    identical(answers, 200);
    assertThat(answers.get(0).bodyAsJsonObject()).isEqualTo(first);
    assertThat(desk.trail(duty, first.getString("id"))).containsExactly("open");
  }
}
