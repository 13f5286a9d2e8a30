package io.watchfloor.urge;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.watchfloor.bus.Addresses;
import io.watchfloor.config.ComplianceConfig;
import io.watchfloor.domain.Area;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.domain.Site;
import io.watchfloor.storage.Storage;
import io.watchfloor.store.DataRefused;
import io.watchfloor.urge.UrgeMessages.Day;
import io.watchfloor.urge.UrgeMessages.Run;
import io.watchfloor.urge.UrgeMessages.Since;
import io.watchfloor.urge.UrgeMessages.Urgings;
import io.watchfloor.urge.UrgeStore.Outcome;
import io.watchfloor.urge.UrgeStore.Urging;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Owns 催报 in the store: urges the sites the HTTP side checked, in one transaction, and only once it has
 * committed tells every node ({@link Addresses#COMPLIANCE_URGED}), whose held field pages then answer. Reads
 * the urgings for the field pages and the daily review.
 */
public final class UrgeVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(UrgeVerticle.class);
  /** The most urgings a review reads of one area's day: far above a day's button presses. */
  static final int DAY_MAX = 5_000;
  private static final int RETRY_AFTER_SECONDS = 2;

  private final Clock clock;
  private final Catalogue catalogue;
  private final ComplianceConfig config;
  private final Storage storage;
  private UrgeStore store;

  public UrgeVerticle(Clock clock, Catalogue catalogue, ComplianceConfig config, Storage storage) {
    this.clock = clock;
    this.catalogue = catalogue;
    this.config = config;
    this.storage = storage;
  }

  @Override
  public Future<?> start() {
    store = storage.choose(MemoryUrgeStore::new, PgUrgeStore::new);
    return store.open().compose(v -> Future.join(List.of(
        vertx.eventBus().<Run>localConsumer(Addresses.URGE_RUN, this::onRun).completion(),
        vertx.eventBus().<Since>localConsumer(Addresses.URGE_SINCE, this::onSince).completion(),
        vertx.eventBus().<Day>localConsumer(Addresses.URGE_DAY, this::onDay).completion())));
  }

  private void onRun(Message<Run> message) {
    Run run = message.body();
    // to the microsecond, as PostgreSQL keeps it: the field page's next "after" is this very instant
    store.urge(run.targets(), run.by(), run.note(), clock.instant().truncatedTo(ChronoUnit.MICROS), config.urgeLimit())
        .onSuccess(outcome -> {
          message.reply(outcome);
          publish(outcome);
        })
        .onFailure(e -> fail(message, e));
  }

  /** After the commit, to every node: one message per site, each whole, as the notification sender routes them. */
  private void publish(Outcome outcome) {
    for (Urging u : outcome.urged()) {
      vertx.eventBus().publish(Addresses.COMPLIANCE_URGED, event(u));
    }
    if (!outcome.urged().isEmpty()) {
      LOG.info("urge: {} urged {} site(s), {} limited", outcome.urged().get(0).by(), outcome.urged().size(),
          outcome.limited().size());
    }
  }

  JsonObject event(Urging u) {
    return new JsonObject().put("id", u.id().toString()).put("site", u.site())
        .put("siteName", catalogue.site(u.site()).map(Site::name).orElse(u.site()))
        .put("unit", u.unit()).put("area", u.area())
        .put("areaName", catalogue.area(u.area()).map(Area::name).orElse(u.area()))
        .put("note", u.note()).put("by", u.by()).put("at", u.at().toString());
  }

  private void onSince(Message<Since> message) {
    Since since = message.body();
    store.since(since.sites(), since.after(), since.max())
        .onSuccess(found -> message.reply(new Urgings(found)))
        .onFailure(e -> fail(message, e));
  }

  private void onDay(Message<Day> message) {
    Day day = message.body();
    store.between(day.areas(), day.from(), day.to(), DAY_MAX)
        .onSuccess(found -> message.reply(new Urgings(found)))
        .onFailure(e -> fail(message, e));
  }

  private static void fail(Message<?> message, Throwable e) {
    message.reply(DataRefused.or503(e, RETRY_AFTER_SECONDS));
  }

  @Override
  public Future<?> stop() {
    return store == null ? Future.succeededFuture() : store.close();
  }
}
