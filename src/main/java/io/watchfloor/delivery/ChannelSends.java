package io.watchfloor.delivery;

import io.vertx.core.Future;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One channel's turn of the sender: its due messages in order, as many alone as its budget allows and the rest
 * in one digest, each answer recorded in the outbox (sent, retried after a backoff, failed, or the channel
 * stopped). The sender gives a channel one turn at a time, so a channel has at most one request in flight.
 */
final class ChannelSends {
  private static final Logger LOG = LoggerFactory.getLogger(ChannelSends.class);
  private static final int PENDING_PER_CHANNEL = 500;

  private final NotifyStore store;
  private final Sender.Transport transport;
  private final Clock clock;
  private final NotifyMeters meters;
  private final Backoff backoff;
  private final Duration giveUpAfter;
  private final String linkBase;
  private final ZoneId zone;
  /** One per channel that sent since the hold began; as many as there are channels. */
  private final Map<String, ChannelBudget> budgets = new HashMap<>();
  /**
   * A channel whose last turn could send nothing, and until when another turn could send nothing either: its
   * budget's next slot, or its first message's retry time (the others wait behind it, in order). Messages
   * routed to it meanwhile queue behind the same slot or the same message, so they change nothing; a channel
   * stopped or resumed since is looked at again. As many as there are channels.
   */
  private final Map<String, Idle> idle = new HashMap<>();

  private record Idle(Instant until, boolean stopped) {
  }

  ChannelSends(NotifyStore store, Sender.Transport transport, Clock clock, NotifyMeters meters, Backoff backoff,
               Duration giveUpAfter, String linkBase, ZoneId zone) {
    this.store = store;
    this.transport = transport;
    this.clock = clock;
    this.meters = meters;
    this.backoff = backoff;
    this.giveUpAfter = giveUpAfter;
    this.linkBase = linkBase;
    this.zone = zone;
  }

  /** A send made before this node took over, counted against the channel's budget. */
  void spent(Channel channel, Instant at) {
    budget(channel).spent(at);
  }

  /** The hold is lost: the next holder reads the budgets from the outbox again. */
  void forget() {
    budgets.clear();
    idle.clear();
  }

  /**
   * Whether the channel's turn could send something at {@code now}. Without this, a channel whose budget is
   * spent would read its pending messages again at every wake of the sender (every event heard, every turn
   * that sent), for nothing, all through the rest of the robot's minute.
   */
  boolean due(Channel channel, Instant now) {
    Idle until = idle.get(channel.id());
    return until == null || until.stopped() != channel.stopped() || !now.isBefore(until.until());
  }

  /**
   * The channel's turn; true if it sent anything, so more may be due. The plan decides what goes alone and
   * what in the digest; each request is counted against the budget when its answer (or its failure) comes,
   * never before: the receiver counts a request when it arrives, which is no later than that, so our window
   * never reopens before the receiver's.
   */
  Future<Boolean> send(Channel channel) {
    return store.pending(channel.id(), PENDING_PER_CHANNEL).compose(pending -> {
      Instant now = clock.instant();
      idle.remove(channel.id());
      if (channel.stopped()) {
        pending.stream().map(m -> m.createdAt().plus(giveUpAfter)).min(Instant::compareTo)
            .ifPresent(giveUp -> idle.put(channel.id(), new Idle(giveUp, true)));
        return giveUpStopped(channel, pending, now).map(false);
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
      budget.refund(plan.messages());
      if (plan.messages() == 0) {
        idleUntil(channel, pending, plan.nextSlot());
        return Future.succeededFuture(false);
      }
      return sendAlone(channel, budget, plan.alone(), 0)
          .compose(goOn -> !goOn || plan.merged().isEmpty() ? Future.succeededFuture(goOn)
              : deliver(channel, budget, plan.merged(),
                  Render.digest(channel, plan.merged().stream().map(Outgoing::notice).toList(), linkBase, zone)))
          .map(true);
    });
  }

  /** Nothing sent: the later of the budget's next slot and the first message's own time, if either is known. */
  private void idleUntil(Channel channel, List<Outgoing> pending, Optional<Instant> nextSlot) {
    Optional<Instant> first = pending.isEmpty() ? Optional.empty() : Optional.of(pending.get(0).nextAt());
    Optional<Instant> until = nextSlot.isEmpty() ? first
        : first.filter(at -> at.isAfter(nextSlot.get())).or(() -> nextSlot);
    until.ifPresent(at -> idle.put(channel.id(), new Idle(at, false)));
  }

  private Future<Boolean> sendAlone(Channel channel, ChannelBudget budget, List<Outgoing> alone, int i) {
    if (i == alone.size()) {
      return Future.succeededFuture(true);
    }
    Outgoing message = alone.get(i);
    return deliver(channel, budget, List.of(message), Render.single(channel, message.notice(), linkBase))
        .compose(goOn -> goOn ? sendAlone(channel, budget, alone, i + 1) : Future.succeededFuture(false));
  }

  /** Sends one message (a single or a digest) and records what became of it; true if the channel may go on. */
  private Future<Boolean> deliver(Channel channel, ChannelBudget budget, List<Outgoing> messages, Render.Outbound outbound) {
    return transport.send(channel, outbound)
        .recover(e -> Future.succeededFuture(ReceiverAnswer.unreachable(String.valueOf(e.getMessage()))))
        .onComplete(answered -> budget.spent(clock.instant()))
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
    List<Long> late = pending.stream().filter(m -> m.createdAt().plus(giveUpAfter).isBefore(now))
        .map(Outgoing::id).toList();
    return late.isEmpty() ? Future.succeededFuture()
        : store.failed(late, now, "channel stopped: " + channel.stoppedWhy()).onSuccess(v -> meters.failed(late.size()));
  }

  private ChannelBudget budget(Channel channel) {
    return budgets.computeIfAbsent(channel.id(), id -> new ChannelBudget(channel.perMinute()));
  }
}
