package io.watchfloor.delivery;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
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
  private static final int PENDING_PER_CHANNEL = 500;
  private static final Duration PRUNE_EVERY = Duration.ofHours(1);

  /** How a message reaches a channel's receiver; the answer says what became of it. */
  interface Transport {
    Future<ReceiverAnswer> send(Channel channel, Render.Outbound message);
  }

  private final Vertx vertx;
  private final NotifyStore store;
  private final Notices notices;
  private final Router router;
  private final Transport transport;
  private final NotifyConfig config;
  private final Clock clock;
  private final NotifyMeters meters;
  private final String linkBase;
  private final ZoneId zone;
  private final Backoff backoff;
  /** One per channel that sent since the hold began; as many as there are channels. */
  private final Map<String, ChannelBudget> budgets = new HashMap<>();
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
    this.transport = transport;
    this.config = config;
    this.clock = clock;
    this.meters = meters;
    this.linkBase = linkBase;
    this.zone = zone;
    this.backoff = new Backoff(config.firstRetry(), config.maxRetry(), config.giveUpAfter(), RandomGenerator.getDefault());
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
      budgets.clear();
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
          budget(channel).spent(s.at());
        }
      });
      holding = true;
      LOG.info("this node sends the notifications now");
      return null;
    }));
  }

  private Future<Void> route() {
    return store.unrouted(EVENTS_PER_ROUND).compose(events -> events.isEmpty() ? Future.succeededFuture()
        : store.channels().compose(channels -> store.routes().compose(routes -> messagesOf(events, 0, channels, routes,
            new ArrayList<>(), new ArrayList<>())))
        .onSuccess(v -> again |= events.size() == EVENTS_PER_ROUND));
  }

  /** One event after the other, so a channel's messages keep the events' order; stops at one not yet readable. */
  private Future<Void> messagesOf(List<Heard> events, int i, List<Channel> channels, List<Route> routes,
                                  List<Heard> done, List<Outgoing> messages) {
    if (i == events.size()) {
      return store.routed(done, messages);
    }
    Heard event = events.get(i);
    return notices.of(event)
        .compose(notice -> {
          done.add(event);
          notice.ifPresent(n -> messages.addAll(router.messages(event, n, channels, routes, clock.instant())));
          return messagesOf(events, i + 1, channels, routes, done, messages);
        }, e -> {
          LOG.debug("event {} not routed yet: {}", event.key(), e.getMessage());
          return done.isEmpty() ? Future.succeededFuture() : store.routed(done, messages);
        });
  }

  private Future<Void> send() {
    return store.channelsWithPending().compose(ids -> ids.isEmpty() ? Future.succeededFuture()
        : store.channels().map(channels -> {
          Map<String, Channel> byId = byId(channels);
          for (String id : ids) {
            Channel channel = byId.get(id);
            if (channel != null && inFlight.add(id)) {
              sendChannel(channel).onComplete(done -> inFlight.remove(id));
            }
          }
          return null;
        }));
  }

  private Future<Void> sendChannel(Channel channel) {
    return store.pending(channel.id(), PENDING_PER_CHANNEL).compose(pending -> {
      Instant now = clock.instant();
      if (channel.stopped()) {
        return giveUpStopped(channel, pending, now);
      }
      List<Outgoing> due = new ArrayList<>();
      for (Outgoing message : pending) {
        if (message.nextAt().isAfter(now)) {
          break;
        }
        due.add(message);
      }
      ChannelBudget budget = budget(channel);
      ChannelBudget.Plan<Outgoing> plan = budget.plan(due, now);
      int[] requests = {0};
      return sendAlone(channel, plan.alone(), 0, requests)
          .compose(goOn -> {
            if (!goOn || plan.merged().isEmpty()) {
              return Future.succeededFuture(goOn);
            }
            requests[0]++;
            return deliver(channel, plan.merged(),
                Render.digest(channel, plan.merged().stream().map(Outgoing::notice).toList(), linkBase, zone));
          })
          // what a refusal left unsent was never a request, so the receiver did not count it
          .onComplete(done -> budget.refund(plan.messages() - requests[0]))
          .mapEmpty();
    });
  }

  private Future<Boolean> sendAlone(Channel channel, List<Outgoing> alone, int i, int[] requests) {
    if (i == alone.size()) {
      return Future.succeededFuture(true);
    }
    Outgoing message = alone.get(i);
    requests[0]++;
    return deliver(channel, List.of(message), Render.single(channel, message.notice(), linkBase))
        .compose(goOn -> goOn ? sendAlone(channel, alone, i + 1, requests) : Future.succeededFuture(false));
  }

  /** Sends one message (a single or a digest) and records what became of it; true if the channel may go on. */
  private Future<Boolean> deliver(Channel channel, List<Outgoing> messages, Render.Outbound outbound) {
    return transport.send(channel, outbound)
        .recover(e -> Future.succeededFuture(ReceiverAnswer.unreachable(String.valueOf(e.getMessage()))))
        .compose(answer -> record(channel, messages, answer));
  }

  private Future<Boolean> record(Channel channel, List<Outgoing> messages, ReceiverAnswer answer) {
    Instant now = clock.instant();
    Outgoing lead = messages.get(0);
    List<Long> ids = messages.stream().map(Outgoing::id).toList();
    return switch (answer.verdict()) {
      case SENT -> store.sent(lead.id(), ids.subList(1, ids.size()), now, answer.detail())
          .onSuccess(v -> meters.sent(1, ids.size() - 1)).map(true);
      case RETRY -> backoff.next(lead.attempts() + 1, Duration.between(lead.createdAt(), now))
          .map(wait -> store.retry(ids, now.plus(wait), answer.detail()).onSuccess(v -> meters.retried(ids.size())))
          .orElseGet(() -> store.failed(ids, now, answer.detail()).onSuccess(v -> meters.failed(ids.size())))
          .map(false);
      case STOP_CHANNEL -> store.stopChannel(channel.id(), now, answer.detail())
          .onSuccess(v -> LOG.warn("notification channel {} ({}) stopped: {}", channel.id(), channel.name(), answer.detail()))
          .map(false);
      case FAILED -> store.failed(ids, now, answer.detail()).onSuccess(v -> meters.failed(ids.size())).map(true);
    };
  }

  /** A stopped channel sends nothing; what waited past the give-up time in it is failed, as if it had been tried. */
  private Future<Void> giveUpStopped(Channel channel, List<Outgoing> pending, Instant now) {
    List<Long> late = pending.stream().filter(m -> m.createdAt().plus(config.giveUpAfter()).isBefore(now))
        .map(Outgoing::id).toList();
    return late.isEmpty() ? Future.succeededFuture()
        : store.failed(late, now, "channel stopped: " + channel.stoppedWhy()).onSuccess(v -> meters.failed(late.size()));
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

  private ChannelBudget budget(Channel channel) {
    return budgets.computeIfAbsent(channel.id(), id -> new ChannelBudget(channel.perMinute()));
  }

  private static Map<String, Channel> byId(List<Channel> channels) {
    Map<String, Channel> byId = new HashMap<>();
    channels.forEach(c -> byId.put(c.id(), c));
    return byId;
  }

}
