package io.watchfloor.screen;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import io.watchfloor.TestTown;
import io.watchfloor.web.CatalogJson;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Serves the real page and catalogue but a scripted live feed, so a test can send what a real
 * server never would: seq gaps, silence, a slow-client close, a clock far from the kiosk's.
 * Every connection gets a snapshot of {@link #state} stamped {@link #at} first, as the server does.
 */
final class FakeLiveServer implements AutoCloseable {
  final Vertx vertx = Vertx.vertx();
  final HttpServer server;
  final List<String> received = new CopyOnWriteArrayList<>();
  final List<ServerWebSocket> sockets = new CopyOnWriteArrayList<>();
  volatile JsonObject state;
  volatile String at;
  private volatile long seq;

  FakeLiveServer(JsonObject state, String at) {
    this.state = state;
    this.at = at;
    Router router = Router.router(vertx);
    router.get("/api/v1/catalog").handler(ctx -> ctx.json(CatalogJson.of(TestTown.CATALOGUE,
        ctx.request().params().get("scope") == null ? TestTown.CATALOGUE.root().id() : ctx.request().getParam("scope"))));
    router.get("/api/v1/live").handler(ctx -> ctx.request().toWebSocket().onSuccess(this::accept));
    router.get("/vendor/echarts/*").handler(StaticHandler.create("META-INF/resources/webjars/echarts/5.5.0"));
    router.get("/*").handler(StaticHandler.create("webroot").setCachingEnabled(false));
    server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
  }

  String origin() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  private void accept(ServerWebSocket socket) {
    sockets.add(socket);
    socket.textMessageHandler(received::add);
    seq = 0;
    socket.writeTextMessage(frame("snapshot", ++seq, "state", state).encode());
  }

  JsonObject frame(String type, long n, String field, JsonObject body) {
    return new JsonObject().put("type", type).put("seq", n).put("at", at).put(field, body);
  }

  ServerWebSocket current() {
    return sockets.get(sockets.size() - 1);
  }

  /** The next frame in sequence on the newest connection. */
  void send(String type, String field, JsonObject body) {
    current().writeTextMessage(frame(type, ++seq, field, body).encode()).await();
  }

  /** A frame that skips {@code skipped} seq numbers. */
  void sendWithGap(int skipped, String type, String field, JsonObject body) {
    seq += skipped;
    send(type, field, body);
  }

  void ping() {
    current().writeTextMessage(new JsonObject().put("type", "ping").put("at", at).encode()).await();
  }

  @Override
  public void close() {
    vertx.close().await();
  }
}
