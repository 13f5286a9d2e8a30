package io.watchfloor.web;

import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.watchfloor.PgTest;
import io.watchfloor.bus.Addresses;
import io.watchfloor.Api;
import io.watchfloor.MutableClock;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Only a sign-in makes a server session; their number is capped; signing out tells the live hubs. */
@PgTest
class SessionBoundsTest {
  private static TestServer server;
  private static Api api;

  @BeforeAll
  static void start() {
    server = TestServer.start(new JsonObject().put("http", new JsonObject().put("max-sessions", 2)), MutableClock.system());
    api = new Api(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static void assertNoCookie(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isLessThan(300);
    assertThat(response.headers().getAll("Set-Cookie")).as("Set-Cookie").isEmpty();
  }

  @Test
  void displayKeyAndBearerCallsMakeNoSession() {
    for (int i = 0; i < 3; i++) {
      assertNoCookie(server.client.get("/api/v1/catalog").addQueryParam("key", TestTown.DISPLAY_KEY).send().await());
      assertNoCookie(server.client.get("/api/v1/snapshot").addQueryParam("key", TestTown.DISPLAY_KEY).send().await());
    }
    assertNoCookie(server.client.get("/api/v1/session").putHeader("Authorization", "Bearer " + TestTown.CHECKPOINTS)
        .send().await());
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0);
    assertNoCookie(api.postReport(TestTown.CHECKPOINTS, TestTown.checkpointReport(UUID.randomUUID(), now, 1, 0)));
    HttpResponse<Buffer> anonymous = server.client.get("/api/v1/catalog").send().await();
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().getAll("Set-Cookie")).isEmpty();
  }

  @Test
  void signInsPastTheCapAreRefusedClearlyAndSigningOutFreesAPlace() throws Exception {
    String first = api.signIn("duty", "duty-demo-pass");
    String second = api.signIn("admin", "admin-demo-pass");
    HttpResponse<Buffer> third = server.client.post("/api/v1/session").putHeader("Origin", api.origin())
        .sendJsonObject(new JsonObject().put("username", "duty").put("password", "duty-demo-pass")).await();
    assertThat(third.statusCode()).isEqualTo(503);
    assertThat(third.getHeader("Retry-After")).isNotNull();
    assertThat(third.bodyAsJsonObject().getString("detail")).contains("sessions");
    assertThat(third.headers().getAll("Set-Cookie")).isEmpty();

    Promise<String> ended = Promise.promise();
    var consumer = server.vertx.eventBus().<String>consumer(Addresses.SESSION_ENDED, m -> ended.tryComplete(m.body()));
    consumer.completion().await();
    try {
      assertThat(server.client.delete("/api/v1/session").putHeader("Cookie", first).putHeader("Origin", api.origin())
          .send().await().statusCode()).isEqualTo(204);
      assertThat(ended.future().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS))
          .as("the ended session's id, which the live hubs know the sockets by")
          .isEqualTo(first.substring(first.indexOf('=') + 1));
    } finally {
      consumer.unregister().await();
    }
    api.signIn("duty", "duty-demo-pass");
    server.client.delete("/api/v1/session").putHeader("Cookie", second).putHeader("Origin", api.origin()).send().await();
  }
}
