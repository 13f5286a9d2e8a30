package io.watchfloor.cluster;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.watchfloor.TestTown;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Field units at a steady rate, as a real unit's store-and-forward behaves (docs/pages.md#field-report-page): each report has
 * an id made here; an answer that says nothing of its outcome (timeout, connection error, 5xx, 429) is
 * answered by sending the SAME id and body again, until a 201 or a 200 (a duplicate: also acknowledged).
 * Only what got one of those counts as acknowledged. Any other answer is a rejection the test reports.
 */
public final class ClusterFaultReporter {
  /** A unit's token and the sites it posts for, with counters that pass the plausibility checks. */
  private static final List<String> CHECKPOINTS = List.of("cp-highway-exit", "cp-xudong-road", "cp-tianjingshan-south",
      "cp-yinjiapu-bridge", "cp-chengguan-toll", "cp-railway-station", "cp-shiqiao-bridge", "cp-qingshiling-pass");
  private static final List<String> DESKS = List.of("pd-liangting", "pd-puzizui", "pd-shishuling", "pd-tianjing",
      "pd-jizhen", "pd-yinjiapu", "pd-xujiapai", "pd-xijie", "pd-beimen", "pd-dongjie", "pd-nanmen", "pd-taoyuan");
  private static final List<String> INSPECTIONS = List.of("sn-liangting", "sn-puzizui", "sn-jizhen", "sn-xijie",
      "sn-binhe", "sn-hekou");
  private static final long RETRY_MS = 250;
  private static final long ANSWER_TIMEOUT_MS = 3000;

  /** A resend: the report, the answer that caused it, and when (System.nanoTime). */
  public record Retry(String id, String why, long atNanos) {
  }

  /** One report as sent, and resent byte for byte. */
  public record Sent(String id, String token, String site, Buffer body) {
  }

  private final Vertx vertx;
  private final HttpClientAgent client;
  private final double perSecond;
  public final Map<String, Sent> sent = new ConcurrentHashMap<>();
  /** id → when its acknowledgement came (System.nanoTime). */
  public final Map<String, Long> ackedAtNanos = new ConcurrentHashMap<>();
  /** The ids acknowledged: a view of {@link #ackedAtNanos}. */
  public final Set<String> acknowledged = ackedAtNanos.keySet();
  /** id → the answer that refused it for good (4xx other than 429). */
  public final Map<String, String> rejected = new ConcurrentHashMap<>();
  public final Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
  public final AtomicLong resends = new AtomicLong();
  /** When each resend was decided and why, in order, for the benchmark's account of a failover (bounded). */
  public final ConcurrentLinkedQueue<Retry> retries = new ConcurrentLinkedQueue<>();
  private final AtomicLong inFlight = new AtomicLong();
  private long timer = -1;
  private long ticks;

  public ClusterFaultReporter(Vertx vertx, String baseUrl, double perSecond) {
    this.vertx = vertx;
    java.net.URI uri = java.net.URI.create(baseUrl);
    this.client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(uri.getHost()).setDefaultPort(uri.getPort())
        // enough connections for the rate at a loaded node's answer time (200/s at 200 ms is 40 at once): with
        // fewer, reports queue in this client, and a resend after a kill waits behind them
        .setKeepAlive(true), new PoolOptions().setHttp1MaxSize(64).setMaxWaitQueueSize(10_000));
    this.perSecond = perSecond;
  }

  /** Starts the steady stream: one report per tick, rotating over checkpoints, petition desks and inspections. */
  public ClusterFaultReporter start() {
    long every = Math.max(1, Math.round(1000 / perSecond));
    long startedNanos = System.nanoTime();
    // open loop: each tick sends what is due by the clock, so a late timer on a busy machine keeps the rate
    timer = vertx.setPeriodic(every, id -> {
      long due = (long) ((System.nanoTime() - startedNanos) / 1e9 * perSecond);
      while (ticks < due) {
        send(next()); // next() counts the tick
      }
    });
    return this;
  }

  /** Stops making new reports; those not yet acknowledged keep being resent ({@link #awaitDrained}). */
  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  /** Waits until every report sent has been acknowledged or refused; false if some are still being resent. */
  public boolean awaitDrained(java.time.Duration within) {
    try {
      org.awaitility.Awaitility.await().atMost(within).pollInterval(java.time.Duration.ofMillis(50))
          .until(() -> inFlight.get() == 0);
      return true;
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      return false;
    }
  }

  public long inFlight() {
    return inFlight.get();
  }

  /**
   * A report that fires the critical "any" rule {@code escalated-petition} on {@code desk} (config/rules.json),
   * sent in the stream like any other.
   */
  public Sent critical(String desk) {
    JsonObject metrics = new JsonObject().put("petitions_visit", 1).put("escalated_petitions", 1);
    return send(report(TestTown.PETITIONS, desk, metrics));
  }

  /** Reports sent so far for {@code site} whose {@code metric} was above zero. */
  public long sentWith(String site, String metric) {
    return sent.values().stream().filter(s -> s.site().equals(site))
        .filter(s -> new JsonObject(s.body()).getJsonObject("metrics").getDouble(metric, 0.0) > 0).count();
  }

  private Sent next() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long n = ticks++;
    return switch ((int) (n % 3)) {
      case 0 -> report(TestTown.CHECKPOINTS, CHECKPOINTS.get(random.nextInt(CHECKPOINTS.size())),
          new JsonObject().put("persons_checked", 1 + random.nextInt(20)));
      case 1 -> {
        int screened = random.nextInt(4);
        yield report(TestTown.PETITIONS, DESKS.get(random.nextInt(DESKS.size())), new JsonObject()
            .put("petitions_visit", random.nextInt(3)).put("disputes_screened", screened)
            .put("disputes_resolved", random.nextInt(screened + 1)));
      }
      default -> {
        int found = 1 + random.nextInt(3);
        yield report(TestTown.SANITATION, INSPECTIONS.get(random.nextInt(INSPECTIONS.size())), new JsonObject()
            .put("problems_found", found).put("problems_rectified", random.nextInt(found + 1)));
      }
    };
  }

  private static Sent report(String token, String site, JsonObject metrics) {
    UUID id = UUID.randomUUID();
    // a second in the past, so a machine whose clock runs a little ahead of the server's is never "in the future"
    String at = OffsetDateTime.now(ZoneOffset.ofHours(8)).minusSeconds(1).truncatedTo(ChronoUnit.SECONDS).toString();
    Buffer body = TestTown.body(id, site, at, metrics).toBuffer();
    return new Sent(id.toString(), token, site, body);
  }

  private Sent send(Sent report) {
    sent.put(report.id(), report);
    inFlight.incrementAndGet();
    attempt(report);
    return report;
  }

  private void attempt(Sent report) {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setURI("/api/v1/reports")
        .putHeader("Authorization", "Bearer " + report.token()).putHeader("Content-Type", "application/json")
        .setIdleTimeout(ANSWER_TIMEOUT_MS);
    client.request(options)
        .compose(request -> request.send(report.body()))
        .compose(response -> response.body().map(body -> {
          answered(report, response.statusCode(), body.toString());
          return body;
        }))
        .onFailure(e -> retry(report, "error " + e.getClass().getSimpleName()));
  }

  private void answered(Sent report, int status, String body) {
    if (status == 201 || status == 200) {
      count("HTTP " + status);
      if (ackedAtNanos.putIfAbsent(report.id(), System.nanoTime()) == null) {
        inFlight.decrementAndGet();
      }
    } else if (status >= 500 || status == 429) {
      retry(report, "HTTP " + status);
    } else {
      count("HTTP " + status);
      rejected.put(report.id(), status + " " + body);
      inFlight.decrementAndGet();
    }
  }

  /** The outcome is unknown: the same id and body again, after a short pause. */
  private void retry(Sent report, String why) {
    count(why);
    if (resends.incrementAndGet() <= 10_000) {
      retries.add(new Retry(report.id(), why, System.nanoTime()));
    }
    vertx.setTimer(RETRY_MS, id -> attempt(report));
  }

  private void count(String outcome) {
    outcomes.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
  }

  public void close() {
    stop();
    client.close();
  }
}
