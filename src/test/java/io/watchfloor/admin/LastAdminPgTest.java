package io.watchfloor.admin;

import io.watchfloor.PgTest;
import static org.awaitility.Awaitility.await;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.watchfloor.MutableClock;
import io.watchfloor.TestDatabase;
import io.watchfloor.TestServer;
import io.watchfloor.config.Settings;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import static io.watchfloor.admin.AdminApiContract.STRONG;
import static io.watchfloor.admin.AdminApiContract.STRONG_2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The jurisdiction always keeps an enabled admin of its root area, judged in PostgreSQL rather than on a
 * node's picture; and an instance that lost them anyway (an older version, a hand-edited table) is
 * recovered with a link printed by {@code --setup-link}, not with SQL.
 */
@PgTest
class LastAdminPgTest {
  private static final String DB = "wf_test_last_admin";

  private static JsonObject postgres(String url) {
    return new JsonObject().put("store", new JsonObject().put("kind", "postgres")
            .put("pg", new JsonObject().put("url", url).put("connect-timeout-ms", 1000)))
        .put("http", new JsonObject().put("sign-in", new JsonObject().put("per-address-per-minute", 1000)));
  }

  private static JsonObject rootAdmin(String username) {
    return new JsonObject().put("username", username).put("name", "区管理员 " + username).put("role", "admin")
        .put("scope", "changling").put("password", STRONG);
  }

  @Test
  void twoAdminsDisablingEachOtherAtOnceLeaveExactlyOne() {
    try (TestServer server = TestServer.start(postgres(TestDatabase.fresh(DB)), MutableClock.system())) {
      disableEachOther(server, () -> TestDatabase.count(DB, "SELECT count(*) FROM access_operator WHERE role = 'admin'"
          + " AND scope = 'changling' AND NOT disabled"));
    }
  }

  @Test
  void theEmbeddedStoreKeepsTheLastAdminToo() {
    JsonObject memory = new JsonObject().put("http", new JsonObject().put("sign-in",
        new JsonObject().put("per-address-per-minute", 1000)));
    try (TestServer server = TestServer.start(memory, MutableClock.system())) {
      disableEachOther(server, () -> 1L);
    }
  }

  /**
   * The two requests must both pass authentication before either commits; on a busy machine one round may
   * not manage it (the later one is then 401, as its session ended), so a few rounds are played.
   */
  private static void disableEachOther(TestServer server, Supplier<Long> enabledRootAdmins) {
    AdminCalls api = new AdminCalls(server.client, server.port);
    String survivor = "admin";
    String survivorCookie = api.signIn("admin", "admin-demo-pass");
    int refused = 0;
    for (int round = 0; round < 8 && refused == 0; round++) {
      String other = "root-" + round;
      assertThat(api.post("/api/v1/admin/operators", survivorCookie, rootAdmin(other)).statusCode()).isEqualTo(201);
      String otherCookie = api.signInAndChange(other, STRONG, STRONG_2);
      Future<HttpResponse<Buffer>> one = api.client.post("/api/v1/admin/operators/" + other + "/disable")
          .putHeader("Cookie", survivorCookie).putHeader("Origin", api.origin).send();
      Future<HttpResponse<Buffer>> two = api.client.post("/api/v1/admin/operators/" + survivor + "/disable")
          .putHeader("Cookie", otherCookie).putHeader("Origin", api.origin).send();
      Future.join(one, two).await();
      List<Integer> statuses = List.of(one.result().statusCode(), two.result().statusCode());
      assertThat(statuses).as("never both").containsOnlyOnce(200).isSubsetOf(200, 401, 409);
      if (statuses.contains(409)) {
        refused++;
      }
      if (two.result().statusCode() == 200) {
        survivor = other;
        survivorCookie = otherCookie;
      }
      assertThat(enabledRootAdmins.get()).as("in the store").isEqualTo(1L);
      assertThat(rootAdmins(api, survivorCookie)).as("as the survivor sees it").containsExactly(survivor);
    }
    assertThat(refused).as("at least one round raced, and its loser was told 409").isPositive();
    HttpResponse<Buffer> alone = api.post("/api/v1/admin/operators/" + survivor + "/disable", survivorCookie, null);
    assertThat(alone.statusCode()).as("not themself").isEqualTo(422);
  }

  private static List<String> rootAdmins(AdminCalls api, String cookie) {
    return await().atMost(Duration.ofSeconds(5)).until(() -> api.get("/api/v1/admin/operators", cookie).bodyAsJsonArray()
        .stream().map(o -> (JsonObject) o)
        .filter(o -> "admin".equals(o.getString("role")) && "changling".equals(o.getString("scope"))
            && !o.getBoolean("disabled")).map(o -> o.getString("username")).toList(), l -> l.size() == 1);
  }

  @Test
  void anInstanceWithNoEnabledAdminIsRecoveredWithALinkFromTheCommandLine() {
    String url = TestDatabase.fresh(DB);
    JsonObject overrides = postgres(url).put("demo", new JsonObject().put("enabled", false));
    try (SetupLinkLog log = new SetupLinkLog(); TestServer server = TestServer.plain(postgres(url))) {
      AdminCalls api = new AdminCalls(server.client, server.port);
      assertThat(setup(server, log.secrets().get(0), "chief").statusCode()).isEqualTo(201);
      Settings settings = settings(overrides);
      Vertx cli = Vertx.vertx();
      try {
        assertThatThrownBy(() -> SetupLink.recover(cli, settings, Clock.systemUTC()).await())
            .as("an enabled admin can act").hasMessageContaining("enabled");

        // lost the way an older version could lose them: every admin of the root disabled
        TestDatabase.execute(DB, "UPDATE access_operator SET disabled = true, epoch = epoch + 1");
        TestDatabase.execute(DB, "UPDATE access_state SET version = version + 1");
        await().atMost(Duration.ofSeconds(10)).until(() -> api.signInRaw("chief", STRONG).statusCode(), s -> s == 401);

        String link = SetupLink.recover(cli, settings, Clock.systemUTC()).await();
        String secret = link.substring(link.indexOf('#') + 1);
        AdminApiContract.assertNotAvailable(setup(server, secret, "chief"), "username");
        HttpResponse<Buffer> made = setup(server, secret, "chief-2");
        assertThat(made.statusCode()).as(made.bodyAsString()).isEqualTo(201);
        assertThat(setup(server, secret, "chief-3").statusCode()).as("usable once").isEqualTo(410);
        String chief = api.signIn("chief-2", STRONG);
        assertThat(api.post("/api/v1/admin/operators/chief/enable", chief, null).statusCode()).isEqualTo(200);
        assertThat(api.signInRaw("chief", STRONG).statusCode()).isEqualTo(200);
      } finally {
        cli.close().await();
      }
    }
  }

  private static Settings settings(JsonObject overrides) {
    JsonObject app = TestServer.shipped("application.json").mergeIn(overrides, true);
    return Settings.of(app, TestServer.shipped("town.json"), TestServer.shipped("access.json"),
        TestServer.shipped("demo-access.json"), TestServer.shipped("rules.json"));
  }

  private static HttpResponse<Buffer> setup(TestServer server, String secret, String username) {
    return server.client.post("/api/v1/setup").sendJsonObject(new JsonObject().put("secret", secret)
        .put("username", username).put("name", "区指挥中心管理员").put("password", STRONG)).await();
  }
}
