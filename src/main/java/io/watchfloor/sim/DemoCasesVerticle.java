package io.watchfloor.sim;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.client.WebClient;
import io.watchfloor.config.DemoConfig;
import io.watchfloor.domain.Catalogue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The sample district's closed loop (docs/cases.md#in-the-demo), through the public HTTP API as people would
 * drive it: the duty officer opens and dispatches cases, the demo units sign, handle and report back with
 * photos, a second officer verifies; some are parked, reworked, handed back or extended, and some are left to
 * run overdue, so the console's case tab, the field page's task tab, the wall's panel and the review show a
 * living loop. One round at a time; no new case while {@code demo.max-open-cases} are open.
 */
public final class DemoCasesVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(DemoCasesVerticle.class);

  private final Clock clock;
  private final Catalogue catalogue;
  private final DemoConfig.Cases config;
  private final String baseUrl;
  private final Random random = new Random();
  private WebClient client;
  private DemoDesk desk;
  private DemoUnits units;
  private long timer = -1;
  private boolean busy;
  private int open;

  public DemoCasesVerticle(Clock clock, Catalogue catalogue, DemoConfig.Cases config, String baseUrl) {
    this.clock = clock;
    this.catalogue = catalogue;
    this.config = config;
    this.baseUrl = baseUrl;
  }

  @Override
  public Future<?> start() {
    client = WebClient.create(vertx);
    DemoHttp http = new DemoHttp(client, baseUrl, Map.of(DemoDesk.DUTY, DemoCredentials.DUTY_PASSWORD,
        DemoDesk.CHECK, DemoCredentials.CHECK_DUTY_PASSWORD));
    DemoPlans plans = new DemoPlans(Math.max(100, config.maxOpen() * 4));
    desk = new DemoDesk(http, plans, catalogue, random, clock.instant());
    return vertx.executeBlocking(() -> DemoPhoto.draw(List.of("petition", "sanitation", "checkpoint", "other"), new Random()))
        .onSuccess(photos -> {
          units = new DemoUnits(http, plans, catalogue, random, photos);
          timer = vertx.setPeriodic(config.tickMs(), id -> round());
          LOG.info("demo: the simulated centre and units run cases, about {} a minute, at most {} open",
              config.perMinute(), config.maxOpen());
        });
  }

  /** The officers, then the units, then perhaps a new case; the next round waits for this one to end. */
  private void round() {
    if (busy) {
      return;
    }
    busy = true;
    Instant now = clock.instant();
    desk.openCases()
        .compose(cases -> officers(cases, now))
        .compose(v -> units.act(now))
        .compose(v -> maybeOpen(now))
        .onFailure(e -> LOG.debug("demo: a round of cases ended early: {}", e.getMessage()))
        .onComplete(r -> busy = false);
  }

  private Future<Void> officers(JsonArray cases, Instant now) {
    if (cases == null) {
      return Future.failedFuture("the case list did not answer");
    }
    open = cases.size();
    return desk.act(cases, now);
  }

  private Future<?> maybeOpen(Instant now) {
    double chance = config.perMinute() * config.tickMs() / 60_000.0;
    if (open >= config.maxOpen() || random.nextDouble() >= chance) {
      return Future.succeededFuture();
    }
    // a third from the field with a photo, the rest at the centre: from an alert or a phone call
    return random.nextInt(3) == 0 ? units.fieldEvent(now) : desk.open(now);
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    if (client != null) {
      client.close();
    }
    return Future.succeededFuture();
  }
}
