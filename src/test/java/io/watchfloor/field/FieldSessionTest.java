package io.watchfloor.field;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.watchfloor.MutableClock;
import io.watchfloor.PgTest;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /api/v1/session tells a field unit its own sites, so the field page offers only those. */
@PgTest
class FieldSessionTest {

  static HttpResponse<Buffer> whoAmI(TestServer server, String token) {
    return server.client.get("/api/v1/session").putHeader("Authorization", "Bearer " + token).send().await();
  }

  @Test
  void aUnitLearnsItsSitesInCatalogueOrder() {
    try (TestServer server = TestServer.memory()) {
      JsonObject me = whoAmI(server, TestTown.CHECKPOINTS).bodyAsJsonObject();
      assertThat(me.getString("kind")).isEqualTo("unit");
      assertThat(me.getString("id")).isEqualTo("demo-checkpoints");
      assertThat(me.getJsonArray("sites").getList())
          .containsExactly("cp-highway-exit", "cp-xudong-road", "cp-tianjingshan-south", "cp-yinjiapu-bridge",
              "cp-chengguan-toll", "cp-railway-station", "cp-shiqiao-bridge", "cp-qingshiling-pass");

      List<?> desks = whoAmI(server, TestTown.PETITIONS).bodyAsJsonObject().getJsonArray("sites").getList();
      assertThat(desks).as("every petition desk of the district").hasSize(20).allMatch(s -> ((String) s).startsWith("pd-"));
    }
  }

  @Test
  void aUnitWithNamedSitesLearnsExactlyThoseAndADisplayKeyLearnsNone() {
    try (TestServer server = TestServer.start(new JsonObject(), MutableClock.system(), accessWithNamedSites())) {
      JsonObject me = whoAmI(server, "field-test-token").bodyAsJsonObject();
      assertThat(me.getString("id")).isEqualTo("field-test");
      assertThat(me.getJsonArray("sites").getList()).containsExactly("pd-jinpen", "cp-highway-exit");

      JsonObject display = server.client.get("/api/v1/session").addQueryParam("key", TestTown.DISPLAY_KEY)
          .send().await().bodyAsJsonObject();
      assertThat(display.getString("kind")).isEqualTo("display");
      assertThat(display.containsKey("sites")).isFalse();
      assertThat(whoAmI(server, "not-a-token").statusCode()).isEqualTo(401);
    }
  }

  /** The shipped access file plus a unit that may post for two named sites of different kinds. */
  static JsonObject accessWithNamedSites() {
    JsonObject access = TestServer.shipped("access.json");
    access.getJsonArray("units").add(new JsonObject().put("id", "field-test").put("name", "联合值守组（测试）")
        .put("sites", new JsonArray().add("pd-jinpen").add("cp-highway-exit"))
        .put("tokenSha256", io.watchfloor.ops.HashSecret.sha256("field-test-token")));
    return access;
  }
}
