package io.watchfloor.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

import java.net.URI;

/**
 * An open-loop load generator on one event loop. Requests are due on a fixed timetable whatever the
 * server does; when all connections are busy a due request waits in the client's queue and that wait
 * counts in its latency (no coordinated omission). One request in flight per connection: no pipelining.
 */
final class Shooter extends VerticleBase {
  private static final String TOKEN = "Bearer demo-checkpoints-token";

  private final String host;
  private final int port;
  private final int connections;
  private final ReportBodies bodies = new ReportBodies();
  private HttpClientAgent client;

  Shooter(String baseUrl, int connections) {
    URI uri = URI.create(baseUrl);
    this.host = uri.getHost();
    this.port = uri.getPort() < 0 ? 80 : uri.getPort();
    this.connections = connections;
  }

  @Override
  public Future<?> start() {
    client = newClient();
    return Future.succeededFuture();
  }

  private HttpClientAgent newClient() {
    return vertx.httpClientBuilder()
        .with(new HttpClientOptions()
            .setProtocolVersion(HttpVersion.HTTP_1_1)
            .setKeepAlive(true)
            .setPipelining(false)
            .setTcpNoDelay(true)
            .setDefaultHost(host)
            .setDefaultPort(port))
        .with(new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1))
        .build();
  }

  /** Offers {@code rate} reports/s for {@code seconds}, then waits up to {@code drainMs} for the answers. */
  Future<StepResult> run(double rate, double seconds, long drainMs) {
    Promise<StepResult> done = Promise.promise();
    context.runOnContext(v -> new Run(rate, seconds, drainMs, done).begin());
    return done.future();
  }

  @Override
  public Future<?> stop() {
    return client.close();
  }

  private final class Run {
    private final StepResult result;
    private final double rate;
    private final long total;
    private final long drainMs;
    private final Promise<StepResult> done;
    private long start;
    private long windowEnd;
    private long timer;
    private long outstanding;
    private boolean finished;

    Run(double rate, double seconds, long drainMs, Promise<StepResult> done) {
      this.result = new StepResult(rate, seconds);
      this.rate = rate;
      this.total = Math.round(rate * seconds);
      this.drainMs = drainMs;
      this.done = done;
    }

    void begin() {
      start = System.nanoTime();
      result.startedAtMillis = System.currentTimeMillis();
      windowEnd = start + (long) (result.seconds * 1e9);
      // A 1 ms tick sends everything that fell due since the last one, each stamped with its own due time.
      timer = vertx.setPeriodic(1, id -> tick());
      tick();
    }

    private void tick() {
      long due = Math.min(total, (long) ((System.nanoTime() - start) * rate / 1e9) + 1);
      while (result.sent < due) {
        fire(start + (long) (result.sent * 1e9 / rate));
        result.sent++;
      }
      if (result.sent == total) {
        vertx.cancelTimer(timer);
        vertx.setTimer(Math.max(1, (windowEnd - System.nanoTime()) / 1_000_000 + drainMs), id -> giveUp());
        finishIfDrained();
      }
    }

    private void fire(long scheduled) {
      outstanding++;
      RequestOptions options = new RequestOptions()
          .setMethod(HttpMethod.POST)
          .setURI("/api/v1/reports")
          .putHeader("Authorization", TOKEN)
          .putHeader("Content-Type", "application/json");
      client.request(options)
          .compose(request -> request.send(bodies.next()))
          .compose(response -> response.end().map(v -> response.statusCode()))
          .onComplete(answer -> {
            if (finished) {
              return;
            }
            long now = System.nanoTime();
            outstanding--;
            long latencyUs = Math.min(StepResult.MAX_LATENCY_US, Math.max(1, (now - scheduled) / 1000));
            result.latency.recordValue(latencyUs);
            result.slot(scheduled - start, latencyUs);
            if (answer.failed()) {
              result.count("error " + answer.cause().getClass().getSimpleName());
            } else if (answer.result() == 201) {
              result.accepted++;
              if (now <= windowEnd) {
                result.acceptedInWindow++;
              }
            } else {
              result.count("HTTP " + answer.result());
            }
            finishIfDrained();
          });
    }

    private void finishIfDrained() {
      if (!finished && result.sent == total && outstanding == 0) {
        finish();
      }
    }

    /**
     * The server fell behind: what is still queued is abandoned by closing the client, so it cannot
     * leak into the next step. Each abandoned request waited at least since the end of the window.
     */
    private void giveUp() {
      if (finished) {
        return;
      }
      long waited = Math.max(1, (System.nanoTime() - windowEnd) / 1000);
      result.unfinished = outstanding;
      result.latency.recordValueWithCount(Math.min(StepResult.MAX_LATENCY_US, waited), outstanding);
      HttpClientAgent abandoned = client;
      client = newClient();
      finish();
      abandoned.close();
    }

    private void finish() {
      finished = true;
      done.complete(result);
    }
  }
}
