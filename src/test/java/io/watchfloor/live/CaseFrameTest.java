package io.watchfloor.live;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.watchfloor.Api;
import io.watchfloor.MutableClock;
import io.watchfloor.PgTest;
import io.watchfloor.TestDatabase;
import io.watchfloor.TestServer;
import io.watchfloor.ops.HashSecret;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Case frames on a whole server on PostgreSQL (docs/live-protocol.md, the case frame): a case dispatched in
 * 许东镇 reaches 许东镇's console whole and 许东镇's wall cut, each within a second of the officer's click,
 * and never a socket of 石桥镇, console or wall; the state's cases part follows in the next delta.
 */
@PgTest
class CaseFrameTest {
  private static final String SHIQIAO_OFFICER = "shiqiao-duty";
  private static final String SHIQIAO_PASSWORD = "shiqiao-duty-pass";

  private static TestServer server() {
    JsonObject access = TestServer.shipped("access.json");
    access.getJsonArray("operators").add(new JsonObject().put("username", SHIQIAO_OFFICER).put("name", "石桥镇值班员")
        .put("role", "officer").put("scope", "shiqiao").put("passwordHash", HashSecret.password(SHIQIAO_PASSWORD)));
    JsonObject store = new JsonObject().put("store", TestServer.postgresStore(TestDatabase.fresh("wf_test_case_frames")));
    return TestServer.start(store, MutableClock.onDuty(), access);
  }

  private static HttpResponse<Buffer> post(TestServer server, String cookie, String path, JsonObject body) {
    return server.client.post(path).putHeader("Cookie", cookie).putHeader("Origin", new Api(server).origin())
        .sendJsonObject(body).await();
  }

  /** Opens a case at a site and dispatches it to the unit of its kind; returns its id and when the click was sent. */
  private static String dispatch(TestServer server, String cookie, String site, long[] sentNanos) {
    String id = UUID.randomUUID().toString();
    JsonObject body = new JsonObject().put("id", id).put("title", "垃圾满溢").put("category", "sanitation")
        .put("urgency", "normal").put("site", site).put("description", "村口垃圾桶满溢，群众 13800000000 来电");
    assertThat(post(server, cookie, "/api/v1/cases", body).statusCode()).isEqualTo(201);
    sentNanos[0] = System.nanoTime();
    HttpResponse<Buffer> dispatched = post(server, cookie, "/api/v1/cases/" + id + "/dispatch",
        new JsonObject().put("unit", "demo-sanitation").put("note", "请当天清运"));
    assertThat(dispatched.statusCode()).as(dispatched.bodyAsString()).isEqualTo(200);
    return id;
  }

  private static Optional<LiveProbe.Frame> caseFrame(LiveProbe probe, String id, String state) {
    return probe.frames.stream().filter(f -> "case".equals(f.json().getString("type"))
        && id.equals(f.json().getJsonObject("case").getString("id"))
        && state.equals(f.json().getJsonObject("case").getString("state"))).findFirst();
  }

  private static boolean sawCase(LiveProbe probe, String id) {
    return probe.frames.stream().anyMatch(f -> f.json().encode().contains(id));
  }

  private static int open(LiveProbe probe, String area) {
    JsonObject state = probe.state();
    JsonObject byArea = state == null || state.getJsonObject("cases") == null ? null
        : state.getJsonObject("cases").getJsonObject("byArea");
    return byArea == null || byArea.getJsonObject(area) == null ? 0 : byArea.getJsonObject(area).getInteger("open");
  }

  @Test
  void aDispatchedCaseReachesItsScopesConsoleAndWallWithinASecondAndNoOtherTown() {
    try (TestServer server = server();
         LiveProbe console = LiveProbe.connectAs(server, new Api(server).signIn("xudong-duty", "xudong-duty-demo-pass"));
         LiveProbe wall = LiveProbe.connect(server, "/api/v1/live?key=demo-display-key-xudong");
         LiveProbe otherConsole = LiveProbe.connectAs(server, new Api(server).signIn(SHIQIAO_OFFICER, SHIQIAO_PASSWORD));
         LiveProbe otherWall = LiveProbe.connect(server, "/api/v1/live?key=demo-display-key-shiqiao")) {
      for (LiveProbe probe : List.of(console, wall, otherConsole, otherWall)) {
        probe.expect("the first snapshot, with its cases part", p -> p.state() != null && p.state().containsKey("cases"));
      }
      String duty = new Api(server).signIn("duty", "duty-demo-pass");
      long[] sent = new long[1];
      String id = dispatch(server, duty, "sn-jinpen", sent);

      console.expect("the console's case frame", p -> caseFrame(p, id, "dispatched").isPresent());
      wall.expect("the wall's case frame", p -> caseFrame(p, id, "dispatched").isPresent());
      for (LiveProbe probe : List.of(console, wall)) {
        long took = caseFrame(probe, id, "dispatched").orElseThrow().arrivedNanos() - sent[0];
        assertThat(Duration.ofNanos(took)).as("from the dispatch sent to the frame").isLessThan(Duration.ofSeconds(1));
      }
      JsonObject whole = caseFrame(console, id, "dispatched").orElseThrow().json();
      assertThat(whole.getLong("seq")).isPositive();
      assertThat(whole.getString("at")).isNotBlank();
      assertThat(whole.getJsonObject("case").getString("description")).as("operators see it whole").contains("13800000000");
      assertThat(whole.getJsonObject("case").getString("unit")).isEqualTo("demo-sanitation");
      JsonObject cut = caseFrame(wall, id, "dispatched").orElseThrow().json().getJsonObject("case");
      assertThat(cut.getString("title")).isEqualTo("垃圾满溢");
      assertThat(cut.getString("stage")).isEqualTo("sign");
      assertThat(cut.encode()).doesNotContain("13800000000", "demo-sanitation", "operator:", "duty", "请当天清运");

      console.expect("the state's cases part", p -> open(p, "jinpen") == 1);
      wall.expect("the wall's cases part", p -> open(p, "jinpen") == 1);
      assertThat(wall.state().getJsonObject("cases").getJsonObject("total").getInteger("open")).isEqualTo(1);

      // a case of 石桥镇 after it: when its frames have come, 许东镇's would have come before them, if at all
      String theirs = dispatch(server, duty, "sn-qingshiling", sent);
      otherConsole.expect("石桥镇's console gets its own case", p -> caseFrame(p, theirs, "dispatched").isPresent());
      otherWall.expect("石桥镇's wall gets its own case", p -> caseFrame(p, theirs, "dispatched").isPresent());
      otherWall.expect("石桥镇's cases part", p -> open(p, "qingshiling") == 1);
      assertThat(sawCase(otherConsole, id)).as("another town's console never hears of the case").isFalse();
      assertThat(sawCase(otherWall, id)).as("another town's wall never hears of the case").isFalse();
      assertThat(open(otherWall, "jinpen")).isZero();
      assertThat(sawCase(console, theirs)).isFalse();
      assertThat(sawCase(wall, theirs)).isFalse();
    }
  }
}
