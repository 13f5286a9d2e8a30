package io.watchfloor.pgha;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.watchfloor.TestTown;
import io.watchfloor.domain.Site;
import io.watchfloor.ops.HashSecret;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Twenty field units posting at a steady total rate, open loop, each report with an id made here. An answer
 * that says nothing of the outcome (503, 429, a timeout, a cut connection) is answered as the field page
 * answers it: the same id and body again, no sooner than Retry-After. Only a 201 or 200 counts as
 * acknowledged. Every acknowledgement's time is kept, so a failover's gap can be read off afterwards.
 */
public final class PgHaLoad implements AutoCloseable {
  /** Petition desks none of the twenty units posts for: each critical alert on one is a test's own. */
  public static final List<String> ALERT_DESKS = List.of("pd-jinpen", "pd-jiefanglu", "pd-binhe", "pd-qingshiling",
      "pd-majiawan", "pd-yangliu", "pd-xindian", "pd-hekou", "pd-nanmen", "pd-taoyuan");
  public static final int UNITS = 20;
  private static final List<String> KINDS = List.of("checkpoint", "community", "inspection");
  private static final long ANSWER_TIMEOUT_MS = 3000;

  /** A unit: its token and the sites it posts for. */
  public record Unit(String id, String token, String kind, List<String> sites) {
  }

  /** One report as sent, and resent byte for byte; {@code firstNanos} is when it was first sent. */
  public record Sent(String id, String token, String site, Buffer body, long firstNanos) {
  }

  private final Vertx vertx;
  private final HttpClientAgent client;
  private final double perSecond;
  private final List<Unit> units = units();
  public final Map<String, Sent> sent = new ConcurrentHashMap<>();
  /** id → when its acknowledgement came (System.nanoTime). */
  public final Map<String, Long> ackedAtNanos = new ConcurrentHashMap<>();
  /** Every acknowledgement's time, resends' included: the gaps in it are the failovers. */
  private final Queue<Long> ackTimes = new ConcurrentLinkedQueue<>();
  public final Map<String, String> rejected = new ConcurrentHashMap<>();
  /** "HTTP 201", "HTTP 503", "error TimeoutException"… → how many. */
  public final Map<String, AtomicLong> answers = new ConcurrentHashMap<>();
  public final AtomicLong resends = new AtomicLong();
  /** 503 and 429 answers without Retry-After, and the first few of them as "status body". */
  public final AtomicLong withoutRetryAfter = new AtomicLong();
  public final Queue<String> withoutRetryAfterSamples = new ConcurrentLinkedQueue<>();
  private final AtomicLong inFlight = new AtomicLong();
  private volatile long freshFrom = Long.MAX_VALUE;
  private final AtomicLong firstFreshAck = new AtomicLong();
  private long timer = -1;
  private long ticks;

  public PgHaLoad(Vertx vertx, String baseUrl, double perSecond) {
    this.vertx = vertx;
    java.net.URI uri = java.net.URI.create(baseUrl);
    // enough connections for a backlog of resends after a failover to go out together, as twenty phones would
    this.client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(uri.getHost())
        .setDefaultPort(uri.getPort()).setKeepAlive(true), new PoolOptions().setHttp1MaxSize(64).setMaxWaitQueueSize(50_000));
    this.perSecond = perSecond;
  }

  /** The twenty units, spread over the three site kinds, each with the sites of its kind but the alert desks. */
  public static List<Unit> units() {
    List<Unit> units = new ArrayList<>();
    for (int i = 0; i < UNITS; i++) {
      String kind = KINDS.get(i % KINDS.size());
      List<String> sites = TestTown.CATALOGUE.sites().stream().filter(s -> s.kind().equals(kind)).map(Site::id)
          .filter(id -> !ALERT_DESKS.contains(id)).sorted().toList();
      String id = String.format("ha-unit-%02d", i + 1);
      units.add(new Unit(id, id + "-token", kind, sites));
    }
    return units;
  }

  /** config/access.json for the server: the twenty units (the demo's units and officers come on top with --demo). */
  public static JsonObject accessFile() {
    JsonArray list = new JsonArray();
    units().forEach(u -> list.add(new JsonObject().put("id", u.id()).put("name", "HA test unit " + u.id())
        .put("siteKinds", new JsonArray().add(u.kind())).put("tokenSha256", HashSecret.sha256(u.token()))));
    return new JsonObject().put("units", list).put("operators", new JsonArray()).put("displayKeys", new JsonArray());
  }

  /** Starts the steady stream, round robin over the units. */
  public PgHaLoad start() {
    long startedNanos = System.nanoTime();
    // open loop: each tick sends what is due by the clock, so a late timer on a busy machine keeps the rate
    timer = vertx.setPeriodic(5, id -> {
      long due = (long) ((System.nanoTime() - startedNanos) / 1e9 * perSecond);
      while (ticks < due) {
        send(next());
      }
    });
    return this;
  }

  /** Stops making new reports; the unacknowledged ones keep being resent ({@link #awaitDrained}). */
  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  /** Whether every report sent was acknowledged or refused within {@code within}. */
  public boolean awaitDrained(Duration within) {
    try {
      org.awaitility.Awaitility.await().atMost(within).pollInterval(Duration.ofMillis(50)).until(() -> inFlight.get() == 0);
      return true;
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      return false;
    }
  }

  public long inFlight() {
    return inFlight.get();
  }

  /** From now on, {@link #firstFreshAck} is the first acknowledgement of a report first sent at or after {@code nanos}. */
  public void freshFrom(long nanos) {
    firstFreshAck.set(0);
    freshFrom = nanos;
  }

  /** When the first report sent since {@link #freshFrom} was acknowledged (System.nanoTime), 0 before that. */
  public long firstFreshAck() {
    return firstFreshAck.get();
  }

  /** The acknowledgements' times from {@code from} on, sorted. */
  public List<Long> ackTimesFrom(long from) {
    return ackTimes.stream().filter(t -> t >= from).sorted().toList();
  }

  /** A report that fires the critical rule escalated-petition on {@code desk}, sent and resent like the others. */
  public Sent critical(String desk) {
    String at = OffsetDateTime.now(ZoneOffset.ofHours(8)).minusSeconds(1).truncatedTo(ChronoUnit.SECONDS).toString();
    UUID id = UUID.randomUUID();
    Buffer body = TestTown.body(id, desk, at, new JsonObject().put("petitions_visit", 1).put("escalated_petitions", 1))
        .toBuffer();
    return send(new Sent(id.toString(), TestTown.PETITIONS, desk, body, System.nanoTime()));
  }

  private Sent next() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    Unit unit = units.get((int) (ticks++ % units.size()));
    String site = unit.sites().get(random.nextInt(unit.sites().size()));
    // counters only, none that a shipped rule alerts on, so the alerts in the store are the tests' own
    JsonObject metrics = switch (unit.kind()) {
      case "checkpoint" -> new JsonObject().put("persons_checked", 1 + random.nextInt(20));
      case "community" -> {
        int screened = random.nextInt(4);
        yield new JsonObject().put("petitions_visit", random.nextInt(3)).put("disputes_screened", screened)
            .put("disputes_resolved", random.nextInt(screened + 1));
      }
      default -> {
        int found = 1 + random.nextInt(3);
        yield new JsonObject().put("problems_found", found).put("problems_rectified", random.nextInt(found + 1));
      }
    };
    UUID id = UUID.randomUUID();
    // a second in the past, so a clock a little ahead of the server's is never "in the future"
    String at = OffsetDateTime.now(ZoneOffset.ofHours(8)).minusSeconds(1).truncatedTo(ChronoUnit.SECONDS).toString();
    return new Sent(id.toString(), unit.token(), site, TestTown.body(id, site, at, metrics).toBuffer(), System.nanoTime());
  }

  private Sent send(Sent report) {
    sent.put(report.id(), report);
    inFlight.incrementAndGet();
    attempt(report);
    return report;
  }

  private void attempt(Sent report) {
    long started = System.nanoTime();
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setURI("/api/v1/reports")
        .putHeader("Authorization", "Bearer " + report.token()).putHeader("Content-Type", "application/json")
        .setIdleTimeout(ANSWER_TIMEOUT_MS);
    client.request(options)
        .compose(request -> request.send(report.body()))
        .compose(response -> response.body().map(body -> {
          answered(report, started, response, body.toString());
          return body;
        }))
        .onFailure(e -> retry(report, "error " + e.getClass().getSimpleName(), null));
  }

  private void answered(Sent report, long started, HttpClientResponse response, String body) {
    int status = response.statusCode();
    String retryAfter = response.getHeader("Retry-After");
    if (status == 201 || status == 200) {
      count("HTTP " + status);
      long now = System.nanoTime();
      ackTimes.add(now);
      // a report first sent after the mark: no answer to an earlier attempt can stand in for its commit
      if (report.firstNanos() >= freshFrom) {
        firstFreshAck.compareAndSet(0, now);
      }
      if (ackedAtNanos.putIfAbsent(report.id(), now) == null) {
        inFlight.decrementAndGet();
      }
    } else if (status >= 500 || status == 429) {
      if ((status == 503 || status == 429) && retryAfter == null && withoutRetryAfter.incrementAndGet() <= 5) {
        withoutRetryAfterSamples.add(status + " " + body);
      }
      retry(report, "HTTP " + status, retryAfter);
    } else {
      count("HTTP " + status);
      rejected.put(report.id(), status + " " + body);
      inFlight.decrementAndGet();
    }
  }

  /** The outcome is unknown: the same id and body again, after Retry-After (or a quarter second) and some jitter. */
  private void retry(Sent report, String why, String retryAfter) {
    count(why);
    resends.incrementAndGet();
    long delay = 250;
    if (retryAfter != null && retryAfter.matches("\\d{1,3}")) {
      delay = Math.max(delay, Long.parseLong(retryAfter) * 1000);
    }
    vertx.setTimer(delay + ThreadLocalRandom.current().nextLong(250), id -> attempt(report));
  }

  private void count(String outcome) {
    answers.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
  }

  /** 503 answers so far: the store could not take the report. */
  public long refused() {
    AtomicLong n = answers.get("HTTP 503");
    return n == null ? 0 : n.get();
  }

  /** The answers so far, sorted, for a test's or benchmark's account. */
  public Map<String, Long> answerCounts() {
    Map<String, Long> counts = new java.util.TreeMap<>();
    answers.forEach((k, v) -> counts.put(k, v.get()));
    return counts;
  }

  @Override
  public void close() {
    stop();
    client.close();
  }
}
