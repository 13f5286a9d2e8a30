package io.watchfloor.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * One channel's sends within its receiver's limit: at most {@code perMinute} in any 60 seconds (robots take 20
 * a minute, and DingTalk mutes a robot for ten minutes that sends more). What does not fit is merged into one
 * digest in the last free slot, so nothing is dropped and nothing waits behind a burst.
 *
 * <p>A log of the last sends, not a token bucket (bucket4j): a bucket refilling 20 a minute lets up to 39 through
 * in some 60 s, and a fixed window up to 40 across its edge, while the robots count any 60 s. One sender per
 * cluster holds it, on one thread: it is not safe for several.
 */
public final class ChannelBudget {
  public static final int DEFAULT_PER_MINUTE = 20;
  public static final Duration WINDOW = Duration.ofSeconds(60);

  private final int perMinute;
  /** The times of the sends still inside the window, oldest first. */
  private final Deque<Instant> sends = new ArrayDeque<>();

  public ChannelBudget(int perMinute) {
    if (perMinute < 1) {
      throw new IllegalArgumentException("a channel sends at least 1 message a minute, not " + perMinute);
    }
    this.perMinute = perMinute;
  }

  /**
   * Counts a send made before this budget was made: a sender taking over reads the last minute's sends from
   * the outbox, so the receiver's window is the same whichever node sends.
   */
  public void spent(Instant at) {
    sends.addLast(at);
  }

  /**
   * Gives back the last {@code unsent} slots a plan handed out that were never used: the channel stopped at a
   * refusal before sending them, so the receiver never counted them.
   */
  public void refund(int unsent) {
    for (int i = 0; i < unsent && !sends.isEmpty(); i++) {
      sends.removeLast();
    }
  }

  /**
   * What to send now: {@code alone} each in a message of its own, then {@code merged} (oldest first) in one
   * digest. Empty when the budget is spent, with {@code nextSlot} the time a slot opens.
   */
  public record Plan<T>(List<T> alone, List<T> merged, Optional<Instant> nextSlot) {
    /** How many messages the plan sends: the singles and the digest. */
    public int messages() {
      return alone.size() + (merged.isEmpty() ? 0 : 1);
    }
  }

  /**
   * The plan for a channel's {@code pending} messages (oldest first) at {@code now}: as many singles as the
   * budget allows and, when more are pending than fit, the rest merged into the last slot. The slots it hands
   * out are spent, whatever the receiver then answers, since a robot counts the requests it is sent.
   */
  public <T> Plan<T> plan(List<T> pending, Instant now) {
    Instant windowStart = now.minus(WINDOW);
    while (!sends.isEmpty() && !sends.peekFirst().isAfter(windowStart)) {
      sends.removeFirst();
    }
    int free = perMinute - sends.size();
    if (pending.isEmpty()) {
      return new Plan<>(List.of(), List.of(), Optional.empty());
    }
    if (free <= 0) {
      return new Plan<>(List.of(), List.of(), Optional.of(sends.peekFirst().plus(WINDOW)));
    }
    boolean allFit = pending.size() <= free;
    int alone = allFit ? pending.size() : free - 1;
    Plan<T> plan = new Plan<>(List.copyOf(pending.subList(0, alone)),
        allFit ? List.of() : List.copyOf(pending.subList(alone, pending.size())), Optional.empty());
    for (int i = 0; i < plan.messages(); i++) {
      sends.addLast(now);
    }
    return plan;
  }
}
