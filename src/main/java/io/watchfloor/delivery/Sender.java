package io.watchfloor.delivery;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.watchfloor.bus.Addresses;
import io.watchfloor.config.NotifyConfig;
import io.watchfloor.notify.Backoff;
import io.watchfloor.notify.ChannelBudget;
import io.watchfloor.notify.ReceiverAnswer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The cluster's one sender: on the node that evaluates the rules (the PostgreSQL advisory lock, so a node's
 * death hands it over), it routes the recorded events into the outbox and sends each channel's messages in
 * order, within the channel's budget, merging what does not fit into a digest. A round is started by the
 * timer or by an event heard; rounds never overlap. Each channel has at most one request in flight, so a slow
 * receiver holds up only its own channel. What was sent is marked after the receiver took it: a crash between
 * the two sends it again, with the same id (at least once).
 */
final class Sender {
  private static final Logger LOG = LoggerFactory.getLogger(Sender.class);
  private static final DeliveryOptions LOCAL = new DeliveryOptions().setLocalOnly(true).setSendTimeout(5_000);
  private static final int EVENTS_PER_ROUND = 200;
  private static final Duration PRUNE_EVERY = Duration.ofHours(1);

  /** How a message reaches a channel's receiver; the answer says what became of it. */
  interface Transport {
    Future<ReceiverAnswer> send(Channel channel, Render.Outbound message);
  }

  private final Vertx vertx;
  private final NotifyStore store;
  private final Notices notices;
  private final Router router;
  private final NotifyConfig config;
  private final Clock clock;
  private final ChannelSends channels;
  /** The channels whose turn is running: one turn at a time per channel keeps its messages in order. */
  private final Set<String> inFlight = new HashSet<>();
  private boolean holding;
  private boolean running;
  private boolean again;
  private Instant lastPrune = Instant.EPOCH;
  private long timer = -1;

  Sender(Vertx vertx, NotifyStore store, Notices notices, Router router, Transport transport, NotifyConfig config,
         Clock clock, NotifyMeters meters, String linkBase, ZoneId zone) {
    this.vertx = vertx;
    this.store = store;
    this.notices = notices;
    this.router = router;
    this.config = config;
    this.clock = clock;
    this.channels = new ChannelSends(store, transport, clock, meters, new Backoff(config.firstRetry(), config.maxRetry(),
        config.giveUpAfter(), RandomGenerator.getDefault()), config.giveUpAfter(), linkBase, zone);
  }

  void start() {
    timer = vertx.setPeriodic(config.checkMs(), id -> wake());
  }

  void stop() {
    vertx.cancelTimer(timer);
  }

  boolean holding() {
    return holding;
  }

  /** An event was heard: recorded here if this node sends, then routed at once. */
  void heard(Heard event) {
    if (holding) {
      store.heard(event).onComplete(done -> wake());
    }
  }

  void wake() {
    if (running) {
      again = true;
      return;
    }
    running = true;
    again = false;
    held().compose(this::round)
        .onFailure(e -> LOG.debug("notification round failed: {}", e.getMessage()))
        .onComplete(done -> {
          running = false;
          if (again) {
            wake();
          }
        });
  }

  private Future<Boolean> held() {
    return vertx.eventBus().<Boolean>request(Addresses.EVALUATOR_HELD, "notify", LOCAL)
        .map(reply -> Boolean.TRUE.equals(reply.body()))
        .otherwise(false);
  }

  private Future<Void> round(boolean heldNow) {
    if (!heldNow) {
      holding = false;
      channels.forget();
      return Future.succeededFuture();
    }
    Future<Void> ready = holding ? Future.succeededFuture() : takeOver();
    return ready.compose(v -> route()).compose(v -> send()).compose(v -> pruneNowAndThen());
  }

  /** The last minute's sends, whichever node made them, count against each channel's budget. */
  private Future<Void> takeOver() {
    Instant now = clock.instant();
    return store.channels().compose(channels -> store.sentSince(now.minus(ChannelBudget.WINDOW)).map(sent -> {
      Map<String, Channel> byId = byId(channels);
      sent.forEach(s -> {
        Channel channel = byId.get(s.channel());
        if (channel != null) {
          this.channels.spent(channel, s.at());
        }
      });
      holding = true;
      LOG.info("this node sends the notifications now");
      return null;
    }));
  }

  private Future<Void> route() {
    return store.unrouted(EVENTS_PER_ROUND).compose(events -> events.isEmpty() ? Future.succeededFuture()
        : store.channels().compose(channels -> store.routes().compose(routes -> messagesOf(events, channels, routes)))
        .onSuccess(v -> again |= events.size() == EVENTS_PER_ROUND));
  }

  /**
   * The round's events read at once (each from the feature that owns it), then turned into messages in the
   * events' order, so a channel's messages keep it; the events after one not readable yet wait for the next round.
   */
  private Future<Void> messagesOf(List<Heard> events, List<Channel> channels, List<Route> routes) {
    List<Future<Optional<JsonObject>>> read = events.stream().map(notices::of).toList();
    return Future.join(read).transform(joined -> {
      List<Heard> done = new ArrayList<>();
      List<Outgoing> messages = new ArrayList<>();
      Instant now = clock.instant();
      for (int i = 0; i < events.size(); i++) {
        Future<Optional<JsonObject>> notice = read.get(i);
        if (notice.failed()) {
          LOG.debug("event {} not routed yet: {}", events.get(i).key(), notice.cause().getMessage());
          break;
        }
        Heard event = events.get(i);
        done.add(event);
        notice.result().ifPresent(n -> messages.addAll(router.messages(event, n, channels, routes, now)));
      }
      return done.isEmpty() ? Future.succeededFuture() : store.routed(done, messages);
    });
  }

  private Future<Void> send() {
    return store.channelsWithPending().compose(ids -> ids.isEmpty() ? Future.succeededFuture()
        : store.channels().map(all -> {
          Map<String, Channel> byId = byId(all);
          Instant now = clock.instant();
          for (String id : ids) {
            Channel channel = byId.get(id);
            if (channel != null && channels.due(channel, now) && inFlight.add(id)) {
              // a turn that sent may have left more due (the budget's next slot, the rest of a burst)
              channels.send(channel).onComplete(done -> {
                inFlight.remove(id);
                if (done.succeeded() && done.result()) {
                  wake();
                }
              });
            }
          }
          return null;
        }));
  }

  private Future<Void> pruneNowAndThen() {
    Instant now = clock.instant();
    if (lastPrune.plus(PRUNE_EVERY).isAfter(now)) {
      return Future.succeededFuture();
    }
    lastPrune = now;
    return store.prune(now.minus(Duration.ofDays(config.keepDays())))
        .onSuccess(n -> LOG.debug("notification outbox pruned: {} rows", n)).mapEmpty();
  }


  private static Map<String, Channel> byId(List<Channel> channels) {
    Map<String, Channel> byId = new HashMap<>();
    channels.forEach(c -> byId.put(c.id(), c));
    return byId;
  }

}
