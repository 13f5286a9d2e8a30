package io.watchfloor.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cases' side of the load, through the public API as the console and the field page drive it: seeds open
 * cases spread over the loop's states, then moves them on at a fixed rate (open, dispatch, accept, report,
 * verify in turn, so a case is closed for each one opened and the open count stays where it was seeded).
 * Every transition notes when it was sent under its case's id and the state it leads to, for the sockets.
 */
final class CaseDriver {
  /** The steps in the order a case takes them; each pool holds the cases waiting for that step. */
  enum Step { OPEN, DISPATCH, ACCEPT, REPORT, VERIFY }

  final Map<String, Long> sent = new ConcurrentHashMap<>();
  final Histogram answers = new ConcurrentHistogram(60_000_000L, 3);
  final AtomicLong refused = new AtomicLong();
  private final Vertx vertx;
  private final WebClient http;
  private final String origin;
  private final String officerCookie;
  private final String unitToken;
  private final String unit;
  private final List<JsonObject> sites;
  private final Map<Step, Queue<String>> waiting = new EnumMap<>(Step.class);
  private long timer = -1;

  CaseDriver(Vertx vertx, int port, String officerCookie, String unit, String unitToken, List<JsonObject> sites) {
    this.vertx = vertx;
    this.http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port)
        .setTcpNoDelay(true), new PoolOptions().setHttp1MaxSize(16).setMaxWaitQueueSize(-1));
    this.origin = "http://127.0.0.1:" + port;
    this.officerCookie = officerCookie;
    this.unit = unit;
    this.unitToken = "Bearer " + unitToken;
    this.sites = sites;
    for (Step step : Step.values()) {
      waiting.put(step, new ConcurrentLinkedQueue<>());
    }
  }

  /**
   * {@code open} cases, a quarter left new, a quarter each taken to dispatched, handling and reported, with
   * {@code parallel} requests at a time. Answers the seconds it took.
   */
  double seed(int open, int parallel) {
    long started = System.nanoTime();
    List<Step> targets = new ArrayList<>();
    for (int i = 0; i < open; i++) {
      targets.add(Step.values()[1 + i % 4]);
    }
    Queue<Step> queue = new ConcurrentLinkedQueue<>(targets);
    Promise<Void> done = Promise.promise();
    AtomicLong left = new AtomicLong(open);
    vertx.runOnContext(v -> {
      for (int i = 0; i < parallel; i++) {
        seedNext(queue, left, done);
      }
    });
    done.future().await();
    return (System.nanoTime() - started) / 1e9;
  }

  private void seedNext(Queue<Step> queue, AtomicLong left, Promise<Void> done) {
    Step target = queue.poll();
    if (target == null) {
      return;
    }
    String id = UUID.randomUUID().toString();
    Future<Void> chain = act(Step.OPEN, id, false);
    for (Step step : Step.values()) {
      if (step != Step.OPEN && step.ordinal() < target.ordinal()) {
        chain = chain.compose(v -> act(step, id, false));
      }
    }
    chain.onComplete(r -> {
      if (r.succeeded()) {
        waiting.get(target).add(id);
      }
      if (left.decrementAndGet() == 0) {
        done.complete();
      } else {
        seedNext(queue, left, done);
      }
    });
  }

  String officerCookie() {
    return officerCookie;
  }

  int waiting(Step step) {
    return waiting.get(step).size();
  }

  /** Starts the transitions at {@code perSecond}, each step in turn. */
  void drive(double perSecond) {
    double[] owed = {0};
    int[] turn = {0};
    timer = vertx.setPeriodic(10, id -> {
      owed[0] += perSecond / 100;
      for (; owed[0] >= 1; owed[0]--) {
        Step step = Step.values()[turn[0]++ % Step.values().length];
        String caseId = step == Step.OPEN ? UUID.randomUUID().toString() : waiting.get(step).poll();
        if (caseId != null) {
          Step next = step == Step.VERIFY ? null : Step.values()[step.ordinal() + 1];
          act(step, caseId, true).onSuccess(v -> {
            if (next != null) {
              waiting.get(next).add(caseId);
            }
          });
        }
      }
    });
  }

  void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  void close() {
    stop();
    http.close();
  }

  private Future<Void> act(Step step, String id, boolean timed) {
    HttpRequest<Buffer> request = switch (step) {
      case OPEN -> officer("/api/v1/cases");
      case DISPATCH -> officer("/api/v1/cases/" + id + "/dispatch");
      case ACCEPT -> unit("/api/v1/tasks/" + id + "/accept");
      case REPORT -> unit("/api/v1/tasks/" + id + "/report");
      case VERIFY -> officer("/api/v1/cases/" + id + "/verify");
    };
    long at = System.nanoTime();
    if (timed) {
      sent.put(id + "|" + stateAfter(step), at);
    }
    return request.sendJsonObject(body(step, id)).compose(answer -> answered(step, answer, at));
  }

  private Future<Void> answered(Step step, HttpResponse<Buffer> answer, long at) {
    answers.recordValue(Math.max(1, (System.nanoTime() - at) / 1000));
    int ok = step == Step.OPEN ? 201 : 200;
    if (answer.statusCode() != ok) {
      refused.incrementAndGet();
      return Future.failedFuture(step + " answered " + answer.statusCode() + ": " + answer.bodyAsString());
    }
    return Future.succeededFuture();
  }

  static String stateAfter(Step step) {
    return switch (step) {
      case OPEN -> "new";
      case DISPATCH -> "dispatched";
      case ACCEPT -> "handling";
      case REPORT -> "reported";
      case VERIFY -> "closed";
    };
  }

  private JsonObject body(Step step, String id) {
    return switch (step) {
      case OPEN -> {
        JsonObject site = sites.get(ThreadLocalRandom.current().nextInt(sites.size()));
        yield new JsonObject().put("id", id).put("title", "bench " + site.getString("id"))
            .put("category", category(site.getString("kind"))).put("urgency", "normal")
            .put("site", site.getString("id")).put("description", "a case of the benchmark");
      }
      case DISPATCH -> new JsonObject().put("unit", unit);
      case ACCEPT -> new JsonObject();
      case REPORT -> new JsonObject().put("note", "done");
      case VERIFY -> new JsonObject().put("passed", true).put("note", "checked");
    };
  }

  private static String category(String siteKind) {
    return switch (siteKind) {
      case "community" -> "petition";
      case "inspection" -> "sanitation";
      default -> "checkpoint";
    };
  }

  private HttpRequest<Buffer> officer(String path) {
    return http.post(path).putHeader("Cookie", officerCookie).putHeader("Origin", origin);
  }

  private HttpRequest<Buffer> unit(String path) {
    return http.post(path).putHeader("Authorization", unitToken);
  }
}
