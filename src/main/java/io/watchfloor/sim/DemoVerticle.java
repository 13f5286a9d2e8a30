package io.watchfloor.sim;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.core.buffer.Buffer;
import io.watchfloor.config.DemoConfig;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.domain.Site;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The sample district's field units, posting for every site of the catalogue through the public HTTP
 * API with the demo tokens, as real units would: a few reports a second, checkpoints that lose signal
 * and send a batch when they get it back, and one petition desk that never reports so the screen has
 * a gap to show.
 */
public final class DemoVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(DemoVerticle.class);
  private static final int MAX_WAITING = 2_000;
  /**
   * The desk left quiet unless the config names one: in 许东镇, so the gap shows on the town's wall as
   * well as the district's, and the wall-screen tests and the README know it by name.
   */
  private static final String SAMPLE_QUIET_SITE = "pd-xujiapai";

  private final Clock clock;
  private final Random random = new Random();
  private final Map<String, List<JsonObject>> deadSpots = new HashMap<>();
  private final Map<String, Integer> deadTicksLeft = new HashMap<>();
  private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
  private final Catalogue catalogue;
  private final DemoConfig config;
  private final String baseUrl;
  private DemoReports reports;
  private WebClient client;
  private String quietSite;
  private long timer;

  private record Pending(String token, JsonObject report) {
  }

  /** @param baseUrl where the simulated units post: this node's own HTTP server */
  public DemoVerticle(Clock clock, Catalogue catalogue, DemoConfig config, String baseUrl) {
    this.clock = clock;
    this.catalogue = catalogue;
    this.config = config;
    this.baseUrl = baseUrl;
  }

  @Override
  public Future<?> start() {
    if (!config.simulate()) {
      // demo credentials for checks and tests that need quiet totals; nothing posts
      LOG.info("demo: simulated field units are off (WATCHFLOOR_DEMO_SIMULATE=false)");
      return Future.succeededFuture();
    }
    reports = new DemoReports(random);
    client = WebClient.create(vertx);
    quietSite = config.quietSite().orElseGet(this::defaultQuietSite);
    timer = vertx.setPeriodic(config.tickMs(), id -> tick());
    LOG.info("demo: simulated field units post to {}; {} stays quiet to show a missed daily report", baseUrl, quietSite);
    return Future.succeededFuture();
  }

  /** A catalogue of its own has no pd-xujiapai; then its last petition desk stays quiet. */
  private String defaultQuietSite() {
    List<String> desks = catalogue.sites().stream().filter(s -> s.kind().equals("community")).map(Site::id).toList();
    if (desks.contains(SAMPLE_QUIET_SITE)) {
      return SAMPLE_QUIET_SITE;
    }
    return desks.isEmpty() ? "" : desks.get(desks.size() - 1);
  }

  private void tick() {
    OffsetDateTime now = OffsetDateTime.now(clock.withZone(catalogue.jurisdiction().timezone()));
    for (Site site : catalogue.sites()) {
      if (!site.id().equals(quietSite) && random.nextDouble() < chancePerTick(site.kind())) {
        JsonObject report = reports.next(site, now);
        if (deadTicksLeft.containsKey(site.id())) {
          deadSpots.computeIfAbsent(site.id(), s -> new ArrayList<>()).add(report);
        } else {
          post(new Pending(DemoCredentials.tokenFor(site.kind()), report));
        }
      }
    }
    moveThroughDeadSpots();
    retryOne();
  }

  /**
   * Per site and tick. For the 48 sites of the sample district (8 checkpoints, 20 desks, 20 sanitation
   * sites) that is about 2.8 reports a tick, what the 20 sites of the single town made at twice the rates.
   */
  private static double chancePerTick(String kind) {
    return switch (kind) {
      case "checkpoint" -> 0.25;
      case "community" -> 0.025;
      case "inspection" -> 0.015;
      default -> 0;
    };
  }

  /** A checkpoint now and then loses signal for up to a minute, then sends what it held as one batch. */
  private void moveThroughDeadSpots() {
    for (Site site : catalogue.sites()) {
      if (!site.kind().equals("checkpoint")) {
        continue;
      }
      Integer left = deadTicksLeft.get(site.id());
      if (left == null && random.nextDouble() < 1.0 / 240) {
        deadTicksLeft.put(site.id(), 20 + random.nextInt(40));
      } else if (left != null && left <= 1) {
        deadTicksLeft.remove(site.id());
        List<JsonObject> held = deadSpots.remove(site.id());
        if (held != null && !held.isEmpty()) {
          postBatch(DemoCredentials.tokenFor(site.kind()), held);
        }
      } else if (left != null) {
        deadTicksLeft.put(site.id(), left - 1);
      }
    }
  }

  private void post(Pending pending) {
    client.postAbs(baseUrl + "/api/v1/reports")
        .putHeader("Authorization", "Bearer " + pending.token())
        .sendJsonObject(pending.report())
        .onSuccess(response -> afterPost(pending, response))
        .onFailure(e -> keepForRetry(pending));
  }

  private void afterPost(Pending pending, HttpResponse<Buffer> response) {
    int status = response.statusCode();
    if (status == 503 || status == 429) {
      keepForRetry(pending);
    } else if (status >= 400) {
      LOG.warn("demo: report {} refused with {}: {}", pending.report().getString("id"), status, response.bodyAsString());
    }
  }

  private void postBatch(String token, List<JsonObject> held) {
    client.postAbs(baseUrl + "/api/v1/reports/batch")
        .putHeader("Authorization", "Bearer " + token)
        .sendJsonObject(new JsonObject().put("reports", new JsonArray(new ArrayList<>(held))))
        .onSuccess(response -> {
          if (response.statusCode() != 200) {
            held.forEach(r -> keepForRetry(new Pending(token, r)));
          }
        })
        .onFailure(e -> held.forEach(r -> keepForRetry(new Pending(token, r))));
  }

  /** Same id on every resend: the server counts it once however often it arrives. */
  private void keepForRetry(Pending pending) {
    if (waiting.size() < MAX_WAITING) {
      waiting.add(pending);
    }
  }

  private void retryOne() {
    Pending next = waiting.poll();
    if (next != null) {
      post(next);
    }
  }

  @Override
  public Future<?> stop() {
    if (client == null) {
      return Future.succeededFuture();
    }
    vertx.cancelTimer(timer);
    client.close();
    return Future.succeededFuture();
  }
}
