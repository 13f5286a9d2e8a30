package io.watchfloor.field;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The phone's network, as a test controls it: an HTTP proxy in front of the server, serving the page
 * and the API under its own origin. {@link Mode#DOWN} drops every connection unanswered (a dead
 * spot); {@link Mode#LOSE_RESPONSE} forwards a report post, lets the server commit it, and then drops
 * the connection before the answer reaches the browser (a task action too); {@link Mode#BUSY} answers
 * report posts 503 with Retry-After itself, and {@link Mode#UNAUTHORIZED} 401 as for a revoked token.
 * Every report post and every task post (an action, a new event) that reaches the proxy is recorded.
 */
public final class FlakyProxy implements AutoCloseable {
  public enum Mode { UP, DOWN, LOSE_RESPONSE, BUSY, UNAUTHORIZED }

  /**
   * A report post as it reached the proxy, the mode it met, the server's status (0: not forwarded, or
   * its answer lost) and when it arrived (System.nanoTime()).
   */
  record Post(String path, JsonObject body, Mode mode, int status, long atNanos) {
    /** The report ids it carried. */
    List<String> ids() {
      if (body.containsKey("reports")) {
        return body.getJsonArray("reports").stream().map(r -> ((JsonObject) r).getString("id")).toList();
      }
      return List.of(body.getString("id"));
    }
  }

  /**
   * A task post (POST /api/v1/tasks…) as it reached the proxy: its Idempotency-Key, content type and
   * size, the mode it met and the server's status (0: not forwarded, or its answer lost).
   */
  public record TaskPost(String path, String key, String contentType, int bytes, Mode mode, int status) {
  }

  static final int BUSY_RETRY_AFTER_SECONDS = 2;
  private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "transfer-encoding", "content-length",
      "host", "upgrade", "proxy-connection", "te", "trailer");

  final int port;
  private final Vertx vertx = Vertx.vertx();
  private final HttpClientAgent client;
  private final HttpServer server;
  private final List<Post> posts = new CopyOnWriteArrayList<>();
  private final List<TaskPost> taskPosts = new CopyOnWriteArrayList<>();
  private volatile Mode mode = Mode.UP;

  public FlakyProxy(int upstreamPort) {
    client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(upstreamPort),
        new PoolOptions().setHttp1MaxSize(16));
    server = vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1").await();
    port = server.actualPort();
  }

  public String origin() {
    return "http://127.0.0.1:" + port;
  }

  public void mode(Mode next) {
    mode = next;
  }

  /** Every report post so far, in arrival order. */
  List<Post> posts() {
    return List.copyOf(posts);
  }

  /** Every task post so far, in arrival order. */
  public List<TaskPost> taskPosts() {
    return List.copyOf(taskPosts);
  }

  private void handle(HttpServerRequest request) {
    Mode now = mode;
    long at = System.nanoTime();
    boolean report = request.path().startsWith("/api/v1/reports");
    boolean task = request.path().startsWith("/api/v1/tasks") && request.method().name().equals("POST");
    request.body().onSuccess(body -> {
      if (now == Mode.DOWN) {
        record(request, body, now, 0, report, at);
        recordTask(request, body, now, 0, task);
        request.connection().close();
      } else if (now == Mode.BUSY && report) {
        record(request, body, now, 503, true, at);
        problem(request, 503, "Service unavailable").putHeader("Retry-After", String.valueOf(BUSY_RETRY_AFTER_SECONDS))
            .end(problemBody(503, "Service unavailable"));
      } else if (now == Mode.UNAUTHORIZED && report) {
        record(request, body, now, 401, true, at);
        problem(request, 401, "Unauthorized").end(problemBody(401, "Unauthorized"));
      } else {
        forward(request, body, now, report, task, at);
      }
    });
  }

  private static io.vertx.core.http.HttpServerResponse problem(HttpServerRequest request, int status, String title) {
    return request.response().setStatusCode(status).putHeader("Content-Type", "application/problem+json");
  }

  private static String problemBody(int status, String title) {
    return new JsonObject().put("type", "urn:watchfloor:problem:" + status).put("title", title).put("status", status)
        .put("detail", title + " (test proxy)").encode();
  }

  private void forward(HttpServerRequest request, Buffer body, Mode now, boolean report, boolean task, long at) {
    RequestOptions options = new RequestOptions().setMethod(request.method()).setURI(request.uri());
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    request.headers().forEach((name, value) -> {
      if (!HOP_BY_HOP.contains(name.toLowerCase())) {
        headers.add(name, value);
      }
    });
    options.setHeaders(headers);
    client.request(options)
        .compose(upstream -> upstream.send(body))
        .compose(response -> response.body().map(answer -> {
          if (now == Mode.LOSE_RESPONSE && (report || task)) {
            record(request, body, now, 0, report, at); // committed upstream; the browser never hears of it
            recordTask(request, body, now, 0, task);
            request.connection().close();
            return null;
          }
          record(request, body, now, response.statusCode(), report, at);
          recordTask(request, body, now, response.statusCode(), task);
          request.response().setStatusCode(response.statusCode());
          response.headers().forEach((name, value) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase())) {
              request.response().headers().add(name, value);
            }
          });
          request.response().end(answer);
          return null;
        }))
        .onFailure(e -> request.connection().close());
  }

  private void record(HttpServerRequest request, Buffer body, Mode now, int status, boolean report, long atNanos) {
    if (report && request.method().name().equals("POST")) {
      posts.add(new Post(request.path(), body.length() == 0 ? new JsonObject() : body.toJsonObject(), now, status, atNanos));
    }
  }

  private void recordTask(HttpServerRequest request, Buffer body, Mode now, int status, boolean task) {
    if (task) {
      taskPosts.add(new TaskPost(request.path(), request.getHeader("Idempotency-Key"), request.getHeader("Content-Type"),
          body.length(), now, status));
    }
  }

  @Override
  public void close() {
    vertx.close().await();
  }
}
