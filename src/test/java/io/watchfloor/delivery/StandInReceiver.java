package io.watchfloor.delivery;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.watchfloor.TestServer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;

/**
 * A receiver on loopback that answers each path as told (by default a robot's {@code errcode 0}) and keeps
 * every request it got, whole, for the test to read.
 */
public final class StandInReceiver implements AutoCloseable {
  public record Heard(String method, String uri, MultiMap headers, String body) {
    public JsonObject json() {
      return new JsonObject(body);
    }
  }

  private record Answer(int status, String body) {
  }

  private final HttpServer server;
  private final LinkedBlockingDeque<Heard> heard = new LinkedBlockingDeque<>();
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  final int port = TestServer.freePort();

  public StandInReceiver(Vertx vertx) {
    server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
      heard.add(new Heard(request.method().name(), request.uri(), MultiMap.caseInsensitiveMultiMap().addAll(request.headers()),
          body.toString()));
      Answer answer = answers.getOrDefault(request.path(), new Answer(200, "{\"errcode\":0,\"errmsg\":\"ok\"}"));
      request.response().setStatusCode(answer.status()).putHeader("Content-Type", "application/json").end(answer.body());
    })).listen(port, "127.0.0.1").await();
  }

  public String url(String pathAndQuery) {
    return "http://127.0.0.1:" + port + pathAndQuery;
  }

  public void answer(String path, int status, String body) {
    answers.put(path, new Answer(status, body));
  }

  /** The next request heard, waiting a little for it. */
  public Heard next() {
    try {
      Heard next = heard.poll(10, TimeUnit.SECONDS);
      if (next == null) {
        throw new AssertionError("the stand-in receiver heard nothing");
      }
      return next;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  public void forget() {
    heard.clear();
  }

  @Override
  public void close() {
    server.close().await();
  }
}
