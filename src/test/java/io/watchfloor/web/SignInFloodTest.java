package io.watchfloor.web;

import io.watchfloor.PgTest;
import io.watchfloor.http.Problems;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.watchfloor.MutableClock;
import io.watchfloor.TestServer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sign-in flood costs the server bounded work and cannot lock the officer out. Loopback has a whole
 * /8, so each "address" below is a real source address the server sees, not a header it trusts.
 */
@PgTest
class SignInFloodTest {

  private static TestServer server(JsonObject signIn) {
    return TestServer.start(new JsonObject().put("http", new JsonObject().put("sign-in", signIn)), MutableClock.system());
  }

  private static WebClient from(TestServer server, String address) {
    return WebClient.create(server.vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(server.port)
        .setLocalAddress(address), new io.vertx.core.http.PoolOptions().setHttp1MaxSize(64));
  }

  private static Future<HttpResponse<Buffer>> signIn(TestServer server, WebClient client, String username, String password) {
    return client.post("/api/v1/session").putHeader("Origin", "http://127.0.0.1:" + server.port)
        .sendJsonObject(new JsonObject().put("username", username).put("password", password));
  }

  private static List<HttpResponse<Buffer>> all(List<Future<HttpResponse<Buffer>>> calls) {
    Future.join(calls).await();
    return calls.stream().map(Future::result).toList();
  }

  private static long count(List<HttpResponse<Buffer>> responses, int status) {
    return responses.stream().filter(r -> r.statusCode() == status).count();
  }

  @Test
  void inventedUsernamesFromOneAddressAreRefusedWithoutHashing() {
    try (TestServer server = server(new JsonObject().put("per-address-per-minute", 10))) {
      WebClient client = from(server, "127.0.0.1");
      List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        calls.add(signIn(server, client, "invented-" + UUID.randomUUID(), "guess"));
      }
      List<HttpResponse<Buffer>> responses = all(calls);

      // a budget of 10, plus the token or two it may regain while a loaded machine takes the 60 in
      assertThat(count(responses, 401)).as("hashed, so answered 'wrong password'").isLessThanOrEqualTo(12);
      assertThat(count(responses, 429)).as("refused by the address's budget").isGreaterThanOrEqualTo(45);
      assertThat(responses).filteredOn(r -> r.statusCode() != 401)
          .allSatisfy(r -> {
            assertThat(r.statusCode()).isIn(429, 503);
            assertThat(r.getHeader("Retry-After")).isNotNull();
            assertThat(r.getHeader("Content-Type")).isEqualTo(Problems.CONTENT_TYPE);
          });
    }
  }

  @Test
  void hashingWorkIsBoundedWhateverTheAddresses() {
    try (TestServer server = server(new JsonObject().put("max-queued-hashes", 2).put("hash-threads", 1))) {
      List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
      for (int i = 10; i < 40; i++) {
        calls.add(signIn(server, from(server, "127.0.0." + i), "invented-" + i, "guess"));
      }
      List<HttpResponse<Buffer>> responses = all(calls);

      assertThat(count(responses, 503)).as("refused at once when the hashing queue is full").isPositive();
      assertThat(count(responses, 401)).isLessThan(30);
      assertThat(responses).filteredOn(r -> r.statusCode() == 503)
          .allSatisfy(r -> assertThat(r.getHeader("Retry-After")).isEqualTo("1"));
    }
  }

  private static Future<HttpResponse<Buffer>> signInVia(TestServer server, String forwardedFor, String password) {
    return server.client.post("/api/v1/session").putHeader("Origin", "http://127.0.0.1:" + server.port)
        .putHeader("X-Forwarded-For", forwardedFor)
        .sendJsonObject(new JsonObject().put("username", "duty").put("password", password));
  }

  /**
   * Wrong attempts until the first 429, at most 25. The budgets refill while a loaded machine hashes,
   * so the count before the refusal is not exact; that it comes at all, well before the per-address
   * budget of 30 could, is what these tests show.
   */
  private static List<Integer> untilRefused(java.util.function.IntFunction<Future<HttpResponse<Buffer>>> attempt) {
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 25 && !statuses.contains(429); i++) {
      statuses.add(attempt.apply(i).await().statusCode());
    }
    return statuses;
  }

  @Test
  void behindATrustedProxyTheForwardedAddressIsTheOneLimited() {
    JsonObject proxied = new JsonObject().put("trusted-proxies", new io.vertx.core.json.JsonArray().add("127.0.0.1"));
    try (TestServer server = server(proxied)) {
      assertThat(untilRefused(i -> signInVia(server, "203.0.113.9", "wrong-" + i))).endsWith(429);
      assertThat(signInVia(server, "198.51.100.7, 127.0.0.1", "duty-demo-pass").await().statusCode()).isEqualTo(200);
    }
  }

  @Test
  void withoutATrustedProxyAForgedForwardedHeaderBuysNoFreshBudget() {
    try (TestServer server = server(new JsonObject())) {
      assertThat(untilRefused(i -> signInVia(server, "203.0.113." + i, "wrong-" + i)))
          .as("all came from 127.0.0.1, whatever the header says").endsWith(429);
    }
  }

  @Test
  void theOfficerSignsInWhileAStrangerFloodsHerName() {
    try (TestServer server = server(new JsonObject())) {
      WebClient stranger = from(server, "127.0.0.2");
      assertThat(untilRefused(i -> signIn(server, stranger, "duty", "wrong-" + i)))
          .as("the stranger's own budget for the name runs out").endsWith(429);

      AtomicBoolean flooding = new AtomicBoolean(true);
      Thread flood = new Thread(() -> {
        while (flooding.get()) {
          signIn(server, stranger, "duty", "wrong").await();
        }
      });
      flood.start();
      try {
        HttpResponse<Buffer> officer = signIn(server, from(server, "127.0.0.1"), "duty", "duty-demo-pass").await();
        assertThat(officer.statusCode()).as(officer.bodyAsString()).isEqualTo(200);
        assertThat(officer.bodyAsJsonObject().getString("username")).isEqualTo("duty");
      } finally {
        flooding.set(false);
      }
      try {
        flood.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
