package io.watchfloor.delivery;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.watchfloor.TestServer;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A receiver on loopback that stands in for a WeCom or DingTalk robot, an Alertmanager webhook receiver or an
 * SMS gateway: it keeps every request it is sent and answers as the test says (by default HTTP 200 with
 * errcode 0, as the robots say "taken").
 */
final class RecordingReceiver implements AutoCloseable {
  record Received(String method, String path, MultiMap query, MultiMap headers, String body) {
    JsonObject json() {
      return new JsonObject(body);
    }
  }

  /** What the receiver says, and whether that means it took the message. */
  record Answer(int status, String body, boolean taken) {
    static final Answer TAKEN = new Answer(200, "{\"errcode\":0,\"errmsg\":\"ok\"}", true);
    static final Answer TOO_FAST_DINGTALK = new Answer(200, "{\"errcode\":130101,\"errmsg\":\"send too fast\"}", false);
    static final Answer BAD_SECRET_DINGTALK = new Answer(200, "{\"errcode\":310000,\"errmsg\":\"sign not match\"}", false);
  }

  final int port;
  /** Every request, taken or not. */
  final List<Received> received = new CopyOnWriteArrayList<>();
  /** Requests cut off while it was down. */
  final java.util.concurrent.atomic.AtomicInteger cutOff = new java.util.concurrent.atomic.AtomicInteger();
  /** The requests it answered as taken. */
  final List<Received> taken = new CopyOnWriteArrayList<>();
  private final HttpServer server;
  private final Vertx vertx;
  private volatile Function<Received, Answer> answer = r -> Answer.TAKEN;
  private volatile boolean down;
  private volatile long delayMs;

  private RecordingReceiver(Vertx vertx, HttpServer server, int port) {
    this.vertx = vertx;
    this.server = server;
    this.port = port;
  }

  static RecordingReceiver start(Vertx vertx) {
    int port = TestServer.freePort();
    RecordingReceiver[] self = new RecordingReceiver[1];
    HttpServer server = vertx.createHttpServer().requestHandler(request -> self[0].onRequest(request));
    self[0] = new RecordingReceiver(vertx, server, port);
    server.listen(port, "127.0.0.1").await();
    return self[0];
  }

  String url(String pathAndQuery) {
    return "http://127.0.0.1:" + port + pathAndQuery;
  }

  void answer(Function<Received, Answer> how) {
    this.answer = how;
  }

  /** A slow receiver: each answer comes this long after the request (recorded as it arrives). */
  void delay(long ms) {
    this.delayMs = ms;
  }

  /** A receiver that is down closes every connection without an answer, as a dead host's proxy would. */
  void down(boolean isDown) {
    this.down = isDown;
  }

  List<Received> at(String path) {
    return taken.stream().filter(r -> r.path().equals(path)).toList();
  }

  private void onRequest(HttpServerRequest request) {
    if (down) {
      cutOff.incrementAndGet();
      request.connection().close();
      return;
    }
    request.body().onSuccess(body -> {
      Received got = new Received(request.method().name(), request.path(), MultiMap.caseInsensitiveMultiMap().addAll(request.params()),
          MultiMap.caseInsensitiveMultiMap().addAll(request.headers()), body.toString());
      Answer said = answer.apply(got);
      received.add(got);
      if (said.taken()) {
        taken.add(got);
      }
      Runnable respond = () -> request.response().setStatusCode(said.status()).putHeader("Content-Type", "application/json")
          .end(said.body());
      if (delayMs > 0) {
        vertx.setTimer(delayMs, id -> respond.run());
      } else {
        respond.run();
      }
    });
  }

  @Override
  public void close() {
    server.close().await();
  }
}
