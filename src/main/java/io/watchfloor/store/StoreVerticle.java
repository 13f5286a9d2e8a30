package io.watchfloor.store;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.watchfloor.Addresses;
import io.watchfloor.domain.Report;
import io.watchfloor.store.StoreMessages.AcceptedReports;
import io.watchfloor.store.StoreMessages.AppendRequest;
import io.watchfloor.store.StoreMessages.AppendResult;
import io.watchfloor.store.StoreMessages.DayReports;
import io.watchfloor.store.StoreMessages.DayRequest;
import io.watchfloor.store.StoreMessages.DayStats;
import io.watchfloor.store.StoreMessages.DayStatsRequest;
import io.watchfloor.store.StoreMessages.MonthSums;
import io.watchfloor.store.StoreMessages.MonthSumsRequest;
import io.watchfloor.store.StoreMessages.SeriesPoints;
import io.watchfloor.store.StoreMessages.SeriesRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/** Owns the report store and its group commit; serves it on the event bus. */
public final class StoreVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(StoreVerticle.class);
  public static final int UNAVAILABLE = 503;

  private ReportStore store;
  private GroupCommitter committer;

  @Override
  public Future<?> start() {
    store = createStore(config());
    JsonObject group = config().getJsonObject("group-commit", new JsonObject());
    committer = new GroupCommitter(store, group.getInteger("max-batch", 500), group.getInteger("max-in-flight", 4),
        group.getInteger("max-queued", 20_000), this::publishAccepted);
    return store.open()
        .onSuccess(v -> announce())
        .compose(v -> Future.join(
            consumer(Addresses.STORE_APPEND, this::append),
            consumer(Addresses.STORE_DAY, this::day),
            consumer(Addresses.STORE_SERIES, this::series),
            consumer(Addresses.STORE_MONTH_SUMS, this::monthSums),
            consumer(Addresses.STORE_DAY_STATS, this::dayStats),
            consumer(Addresses.STORE_PING, this::ping)));
  }

  private ReportStore createStore(JsonObject config) {
    return switch (config.getString("kind", "memory")) {
      case "postgres" -> new PgStore(vertx, config.getJsonObject("pg", new JsonObject()));
      case "memory" -> new MemoryStore(config.getJsonObject("memory", new JsonObject()).getInteger("max-reports", 500_000));
      default -> throw new IllegalArgumentException("store.kind must be memory or postgres");
    };
  }

  private void announce() {
    if (store.durable()) {
      LOG.info("store: {} (durable)", store.kind());
    } else {
      LOG.warn("store: EMBEDDED, IN MEMORY ONLY. Every report is lost when the server stops. "
          + "Set WATCHFLOOR_STORE=postgres for a real deployment.");
    }
  }

  private <T> Future<Void> consumer(String address, io.vertx.core.Handler<Message<T>> handler) {
    MessageConsumer<T> consumer = vertx.eventBus().consumer(address, handler);
    return consumer.completion();
  }

  private void append(Message<AppendRequest> message) {
    committer.submit(message.body().reports())
        .onSuccess(outcomes -> message.reply(new AppendResult(outcomes)))
        .onFailure(e -> message.fail(UNAVAILABLE, e.getMessage()));
  }

  private void publishAccepted(List<Report> accepted) {
    vertx.eventBus().publish(Addresses.REPORTS_ACCEPTED, new AcceptedReports(List.copyOf(accepted)));
  }

  private void day(Message<DayRequest> message) {
    store.reportsOn(message.body().day())
        .onSuccess(reports -> message.reply(new DayReports(reports)))
        .onFailure(e -> message.fail(UNAVAILABLE, e.getMessage()));
  }

  private void series(Message<SeriesRequest> message) {
    store.series(message.body().query())
        .onSuccess(points -> message.reply(new SeriesPoints(points)))
        .onFailure(e -> message.fail(UNAVAILABLE, e.getMessage()));
  }

  private void monthSums(Message<MonthSumsRequest> message) {
    MonthSumsRequest request = message.body();
    store.monthSums(request.metric(), request.month(), request.areaBySite())
        .onSuccess(sums -> message.reply(new MonthSums(sums)))
        .onFailure(e -> message.fail(UNAVAILABLE, e.getMessage()));
  }

  private void dayStats(Message<DayStatsRequest> message) {
    store.dayStats(message.body().day())
        .onSuccess(stats -> message.reply(new DayStats(stats)))
        .onFailure(e -> message.fail(UNAVAILABLE, e.getMessage()));
  }

  private void ping(Message<Object> message) {
    store.ping()
        .onSuccess(v -> message.reply(describe()))
        .onFailure(e -> message.fail(UNAVAILABLE, e.getMessage()));
  }

  private JsonObject describe() {
    JsonObject info = new JsonObject().put("kind", store.kind()).put("durable", store.durable());
    if (!store.durable()) {
      info.put("warning", "embedded store: every report is lost when the server stops");
    }
    return info;
  }

  @Override
  public Future<?> stop() {
    return store == null ? Future.succeededFuture() : store.close();
  }
}
