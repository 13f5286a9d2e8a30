package io.watchfloor.admin;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.watchfloor.PgTest;
import io.watchfloor.TestDatabase;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;
import io.watchfloor.sim.DemoCredentials;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server started without the demo on an empty store has no operator and prints a one-time setup link;
 * the link works once, for a password the policy accepts, and the demo credentials do not exist.
 */
@PgTest
class FirstStartTest {
  private static final String DB = "wf_test_first_start";

  private static JsonObject postgres(String url) {
    return new JsonObject().put("store", new JsonObject().put("kind", "postgres")
        .put("pg", new JsonObject().put("url", url).put("connect-timeout-ms", 1000)));
  }

  @Test
  void theSetupLinkMakesTheFirstAdminOnceAndTheDemoCredentialsDoNotExist() {
    String url = TestDatabase.fresh(DB);
    try (SetupLinkLog log = new SetupLinkLog(); TestServer server = TestServer.plain(postgres(url))) {
      AdminCalls api = new AdminCalls(server.client, server.port);
      List<String> secrets = log.secrets();
      assertThat(secrets).as("one link printed").hasSize(1);
      String secret = secrets.get(0);
      assertThat(secret).as("256 random bits").hasSizeGreaterThanOrEqualTo(43);
      assertThat(TestDatabase.count(DB, "SELECT count(*) FROM access_operator")).isZero();
      assertThat(TestDatabase.count(DB, "SELECT count(*) FROM access_setup WHERE secret_sha256 = '"
          + io.watchfloor.ops.HashSecret.sha256(secret) + "'")).as("kept only as a hash").isEqualTo(1);

      assertThat(api.signInRaw("admin", DemoCredentials.ADMIN_PASSWORD).statusCode()).isEqualTo(401);
      assertThat(api.signInRaw("duty", DemoCredentials.DUTY_PASSWORD).statusCode()).isEqualTo(401);
      assertThat(api.report(TestTown.CHECKPOINTS, AdminApiContract.now8("cp-highway-exit")).statusCode()).isEqualTo(401);
      assertThat(api.withKey("/api/v1/catalog", TestTown.DISPLAY_KEY).statusCode()).isEqualTo(401);

      HttpResponse<Buffer> page = server.client.get("/setup").send().await();
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.bodyAsString()).contains("js/setup.js");

      AdminApiContract.assertField(setup(server, secret, "password1234"), "password");
      assertThat(setup(server, "not-the-secret", AdminApiContract.STRONG).statusCode()).isEqualTo(410);
      HttpResponse<Buffer> made = setup(server, secret, AdminApiContract.STRONG);
      assertThat(made.statusCode()).as(made.bodyAsString()).isEqualTo(201);
      assertThat(made.bodyAsJsonObject().getString("role")).isEqualTo("admin");
      assertThat(made.bodyAsJsonObject().getString("scope")).isEqualTo("changling");
      assertThat(setup(server, secret, AdminApiContract.STRONG_2).statusCode()).as("usable once").isEqualTo(410);

      String chief = api.signIn("chief", AdminApiContract.STRONG);
      assertThat(api.get("/api/v1/session", chief).bodyAsJsonObject().getBoolean("mustChangePassword")).isFalse();
      assertThat(api.get("/api/v1/admin/units", chief).bodyAsJsonArray()).as("no demo unit").isEmpty();
      assertThat(api.get("/api/v1/admin/operators", chief).bodyAsJsonArray()).hasSize(1);
      assertThat(api.get("/api/v1/admin/audit", chief).bodyAsJsonObject().getJsonArray("entries").stream()
          .map(o -> ((JsonObject) o).getString("action"))).contains("operator.setup");
    }
  }

  @Test
  void aDemoServerOnTheSameStoreLaterAddsTheDemoEntriesWhichAPlainServerThenIgnores() {
    String url = TestDatabase.fresh(DB);
    try (TestServer demo = TestServer.start(postgres(url), io.watchfloor.MutableClock.system())) {
      assertThat(new AdminCalls(demo.client, demo.port).signInRaw("duty", DemoCredentials.DUTY_PASSWORD).statusCode())
          .isEqualTo(200);
    }
    try (SetupLinkLog log = new SetupLinkLog(); TestServer plain = TestServer.plain(postgres(url))) {
      AdminCalls api = new AdminCalls(plain.client, plain.port);
      assertThat(api.signInRaw("duty", DemoCredentials.DUTY_PASSWORD).statusCode()).isEqualTo(401);
      assertThat(api.report(TestTown.CHECKPOINTS, AdminApiContract.now8("cp-highway-exit")).statusCode()).isEqualTo(401);
      assertThat(log.secrets()).as("no operator of its own yet: a link, usable despite the demo's").hasSize(1);
      assertThat(setup(plain, log.secrets().get(0), AdminApiContract.STRONG).statusCode()).isEqualTo(201);
    }
  }

  @Test
  void aLinkPrintedAtALaterStartRetiresTheLinksOfEarlierStarts() {
    String url = TestDatabase.fresh(DB);
    String earlier;
    try (SetupLinkLog log = new SetupLinkLog(); TestServer first = TestServer.plain(postgres(url))) {
      earlier = log.secrets().get(0);
    }
    try (SetupLinkLog log = new SetupLinkLog(); TestServer again = TestServer.plain(postgres(url))) {
      String newest = log.secrets().get(0);
      assertThat(newest).isNotEqualTo(earlier);
      assertThat(setup(again, earlier, AdminApiContract.STRONG).statusCode()).as("retired by the newer link").isEqualTo(410);
      assertThat(TestDatabase.count(DB, "SELECT count(*) FROM access_operator")).isZero();
      assertThat(setup(again, newest, AdminApiContract.STRONG).statusCode()).isEqualTo(201);
    }
  }

  private static HttpResponse<Buffer> setup(TestServer server, String secret, String password) {
    return server.client.post("/api/v1/setup").sendJsonObject(new JsonObject().put("secret", secret)
        .put("username", "chief").put("name", "区指挥中心管理员").put("password", password)).await();
  }
}
