package io.watchfloor.web;

import io.watchfloor.PgTest;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.watchfloor.MutableClock;
import io.watchfloor.TestDatabase;
import io.watchfloor.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The password change with a stolen session, on PostgreSQL: its guesses spend the sign-in budgets and queue
 * for the sign-in hashing pool, and a change ends the operator's other sessions and sockets. Loopback has a
 * whole /8, so each address below is one the server really sees.
 */
@PgTest
class PasswordChangePgTest {
  private static final String DB = "wf_test_password_change";
  private static final String FIRST = "v7#Qm2!pLx9&Tz4w";
  private static final String SECOND = "Gr8%kW3z@Yq6!nB1";
  private static final String THIRD = "Zt5&pQ9!mW2#vK7r";
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(new JsonObject()
        .put("store", TestServer.postgresStore(TestDatabase.fresh(DB)))
        .put("http", new JsonObject().put("sign-in", new JsonObject().put("max-queued-hashes", 4))), MutableClock.system());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static WebClient from(String address) {
    return WebClient.create(server.vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(server.port)
        .setLocalAddress(address), new io.vertx.core.http.PoolOptions().setHttp1MaxSize(32));
  }

  private static String origin() {
    return "http://127.0.0.1:" + server.port;
  }

  private static HttpResponse<Buffer> signIn(WebClient client, String username, String password) {
    return client.post("/api/v1/session").putHeader("Origin", origin())
        .sendJsonObject(new JsonObject().put("username", username).put("password", password)).await();
  }

  private static String cookie(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    String cookie = response.cookies().stream().filter(c -> c.startsWith("wf_session=")).findFirst().orElseThrow();
    return cookie.substring(0, cookie.indexOf(';'));
  }

  private static Future<HttpResponse<Buffer>> change(WebClient client, String cookie, String current, String next) {
    return client.post("/api/v1/session/password").putHeader("Cookie", cookie).putHeader("Origin", origin())
        .sendJsonObject(new JsonObject().put("currentPassword", current).put("password", next));
  }

  private static int get(String path, String cookie) {
    return server.client.get(path).putHeader("Cookie", cookie).send().await().statusCode();
  }

  /** An officer of the whole district, made by the admin, who has chosen {@link #SECOND} as their own. */
  private static void officer(String username) {
    WebClient local = from("127.0.0.1");
    String admin = cookie(signIn(local, "admin", "admin-demo-pass"));
    HttpResponse<Buffer> created = local.post("/api/v1/admin/operators").putHeader("Cookie", admin).putHeader("Origin", origin())
        .sendJsonObject(new JsonObject().put("username", username).put("name", "值班员 " + username).put("role", "officer")
            .put("scope", "changling").put("password", FIRST)).await();
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    assertThat(change(local, cookie(signIn(local, username, FIRST)), FIRST, SECOND).await().statusCode()).isEqualTo(200);
  }

  @Test
  void wrongCurrentPasswordsRunOutOfBudgetLikeSignIns() {
    officer("pw-guessed");
    String stolen = cookie(signIn(from("127.0.0.1"), "pw-guessed", SECOND));
    WebClient thief = from("127.0.0.2");
    List<HttpResponse<Buffer>> answers = new ArrayList<>();
    for (int batch = 0; batch < 4; batch++) {
      List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        calls.add(change(thief, stolen, "guess-" + batch + "-" + i, THIRD));
      }
      Future.join(calls).await();
      calls.forEach(c -> answers.add(c.result()));
    }
    long guessed = answers.stream().filter(r -> r.statusCode() == 422).count();
    // a budget of 10 for the name at this address, plus the token or two it regains on a loaded machine
    assertThat(guessed).as("checked against the hash").isLessThanOrEqualTo(12);
    assertThat(answers).filteredOn(r -> r.statusCode() != 422).isNotEmpty().allSatisfy(r -> {
      assertThat(r.statusCode()).isIn(429, 503);
      assertThat(r.getHeader("Retry-After")).isNotNull();
    });
    assertThat(answers.stream().filter(r -> r.statusCode() == 429).count()).isGreaterThanOrEqualTo(50);
    assertThat(signIn(from("127.0.0.3"), "pw-guessed", SECOND).statusCode()).as("the officer, from her own desk").isEqualTo(200);
  }

  /**
   * With a queue of 4, guesses may hold 2 places: the officer's two sign-ins, sent in the middle of a burst of
   * guesses from 30 addresses, always find room.
   */
  @Test
  void guessesFromManyAddressesTakeOnlyHalfTheSignInQueue() {
    officer("pw-flooded");
    String stolen = cookie(signIn(from("127.0.0.1"), "pw-flooded", SECOND));
    List<Future<HttpResponse<Buffer>>> guesses = new ArrayList<>();
    List<Future<HttpResponse<Buffer>>> officer = new ArrayList<>();
    WebClient desk = from("127.0.0.4");
    for (int i = 10; i < 40; i++) {
      guesses.add(change(from("127.0.0." + i), stolen, "guess-" + i, THIRD));
      if (i == 20 || i == 30) {
        officer.add(desk.post("/api/v1/session").putHeader("Origin", origin())
            .sendJsonObject(new JsonObject().put("username", "pw-flooded").put("password", SECOND)));
      }
    }
    Future.join(guesses).await();
    Future.join(officer).await();
    assertThat(guesses.stream().filter(c -> c.result().statusCode() == 503).count())
        .as("refused at once past their half of the sign-in pool's queue").isPositive();
    assertThat(guesses).allSatisfy(c -> assertThat(c.result().statusCode()).isIn(422, 503));
    assertThat(officer).allSatisfy(c -> assertThat(c.result().statusCode()).as(c.result().bodyAsString()).isEqualTo(200));
  }

  @Test
  void aChangeEndsTheOperatorsOtherSessionsAndSocketsAndReissuesItsOwn() throws Exception {
    officer("pw-two-desks");
    WebClient local = from("127.0.0.1");
    String desk = cookie(signIn(local, "pw-two-desks", SECOND));
    String other = cookie(signIn(local, "pw-two-desks", SECOND));
    CompletableFuture<Short> otherSocket = new CompletableFuture<>();
    // held, and closed at the end: a client nothing refers to is closed with its sockets by Vert.x's cleaner at a GC
    WebSocketClient sockets = server.vertx.createWebSocketClient();
    WebSocket ws = sockets.connect(new WebSocketConnectOptions().setHost("127.0.0.1")
        .setPort(server.port).setURI("/api/v1/live").addHeader("Cookie", other).addHeader("Origin", origin())).await();
    ws.closeHandler(v -> otherSocket.complete(ws.closeStatusCode()));
    assertThat(get("/api/v1/alerts", other)).isEqualTo(200);

    HttpResponse<Buffer> changed = change(local, desk, SECOND, THIRD).await();
    assertThat(changed.statusCode()).as(changed.bodyAsString()).isEqualTo(200);

    assertThat(get("/api/v1/alerts", other)).as("the other desk's session ended").isEqualTo(401);
    assertThat(otherSocket.get(10, TimeUnit.SECONDS)).isEqualTo(LiveHub.SESSION_OVER);
    assertThat(get("/api/v1/alerts", desk)).as("the id the change was made under is retired").isEqualTo(401);
    assertThat(get("/api/v1/alerts", cookie(changed))).as("re-issued under a new id").isEqualTo(200);
    assertThat(signIn(local, "pw-two-desks", THIRD).statusCode()).isEqualTo(200);
    assertThat(TestDatabase.count(DB, "SELECT count(*) FROM access_audit WHERE action = 'operator.password'"
        + " AND target = 'pw-two-desks'")).isEqualTo(2);
    sockets.close().await();
  }
}
