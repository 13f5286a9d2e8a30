package io.watchfloor.cases;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.watchfloor.bus.Addresses;
import io.watchfloor.bus.Local;
import io.watchfloor.domain.Area;
import io.watchfloor.domain.CaseAction;
import io.watchfloor.domain.CaseCommand;
import io.watchfloor.domain.CaseFile;
import io.watchfloor.domain.Catalogue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The closed loop's deadline clock (docs/api.md, time limits): every few seconds, on the node that holds the
 * rule evaluator only, marks the cases whose stage passed 80 % of its time near due (临期), those past their
 * deadline overdue (超期), and takes an overdue case one command centre up the tree, then one more per
 * {@code escalate-after} while it stays overdue, to the top, each level once. Each step goes through the case
 * verticle as the deadline clock's own action, keyed {@code system:<case>:<version>:<action>}: a clock that
 * runs twice (two nodes for a moment, or one restarted mid-way) applies it once, as the store keeps the key.
 */
public final class DeadlineClock extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(DeadlineClock.class);
  /** Cases looked at per round; the earliest due first, the rest in the next rounds. */
  static final int BATCH = 200;
  private static final DeliveryOptions LOCAL = Local.only(10_000);

  private final Clock clock;
  private final Catalogue catalogue;
  private final long everyMs;
  private final Duration escalateAfter;
  /** Command centres with none above: a case taken there has climbed as far as it can. */
  private final List<String> tops;
  private boolean checking;
  private long timer = -1;

  public DeadlineClock(Clock clock, Catalogue catalogue, int checkSeconds, Duration escalateAfter) {
    this.clock = clock;
    this.catalogue = catalogue;
    this.everyMs = checkSeconds * 1000L;
    this.escalateAfter = escalateAfter;
    this.tops = catalogue.areas().stream()
        .filter(a -> catalogue.desk(a.id()).map(d -> d.id().equals(a.id())).orElse(false))
        .filter(a -> catalogue.escalationTarget(a.id()).isEmpty())
        .map(Area::id).toList();
  }

  @Override
  public Future<?> start() {
    timer = vertx.setPeriodic(everyMs, id -> check());
    return Future.succeededFuture();
  }

  /** One round now, on this verticle's context: how many steps were answered as done. For tests that move the clock. */
  Future<Integer> checkNow() {
    Promise<Integer> done = Promise.promise();
    context.runOnContext(v -> round().onComplete(done));
    return done.future();
  }

  private void check() {
    if (!checking) {
      round();
    }
  }

  /** Nothing unless this node evaluates; then each due case's next step, one case after another. */
  private Future<Integer> round() {
    checking = true;
    return vertx.eventBus().<Boolean>request(Addresses.EVALUATOR_HELD, "deadline-clock", LOCAL)
        .compose(held -> Boolean.TRUE.equals(held.body()) ? dueNow() : Future.succeededFuture(0))
        .onFailure(e -> LOG.debug("cases: the deadline clock skips a round: {}", e.getMessage()))
        .recover(e -> Future.succeededFuture(0))
        .onComplete(r -> checking = false);
  }

  private Future<Integer> dueNow() {
    Instant now = clock.instant();
    return vertx.eventBus().<DeadlineMessages.DueCases>request(Addresses.CASES_DUE,
            new DeadlineMessages.Due(now, escalateAfter, tops, BATCH), LOCAL)
        .compose(reply -> {
          Future<Integer> chain = Future.succeededFuture(0);
          for (CaseFile file : reply.body().cases()) {
            CaseCommand command = next(file, now);
            if (command != null) {
              chain = chain.compose(n -> apply(file, command).map(applied -> applied ? n + 1 : n));
            }
          }
          return chain;
        });
  }

  /**
   * The case's next step at {@code now}, or null: overdue only after the deadline (at it, a stage ends on
   * time), near due from 80 %, and a step up once the last one has waited {@code escalate-after}.
   */
  CaseCommand next(CaseFile file, Instant now) {
    CaseFile.Clock c = file.clock();
    if (!c.running() || c.dueAt() == null) {
      return null;
    }
    if (!c.overdue()) {
      if (now.isAfter(c.dueAt())) {
        return CaseCommand.of(CaseAction.OVERDUE, CaseAction.Actor.SYSTEM, null);
      }
      return !c.nearDue() && !now.isBefore(c.nearDueAt()) ? CaseCommand.of(CaseAction.NEAR_DUE, CaseAction.Actor.SYSTEM, null)
          : null;
    }
    if (c.escalatedAt() != null && c.escalatedAt().plus(escalateAfter).isAfter(now)) {
      return null;
    }
    String to = escalationTarget(file);
    return to == null ? null : CaseCommand.escalate(to);
  }

  /**
   * One command centre above where the case stands (its last level, or its own area's desk). A desk with
   * nothing above answers itself, once: marked escalated there, the case is at the top and is asked no more.
   */
  String escalationTarget(CaseFile file) {
    String at = file.clock().escalatedTo();
    String from = at != null ? at : catalogue.desk(file.subject().area()).map(Area::id).orElse(catalogue.root().id());
    String to = catalogue.escalationTarget(from).map(Area::id).orElse(from);
    return to.equals(at) ? null : to;
  }

  /** Whether the step was answered as done (stored now, or by a twin clock first); a refusal is not. */
  private Future<Boolean> apply(CaseFile file, CaseCommand command) {
    String action = command.action().key();
    CaseStore.Request request = new CaseStore.Request("system",
        "system:" + file.id() + ":" + file.version() + ":" + action, action + ":" + (command.level() == null ? "" : command.level()));
    return vertx.eventBus().<CaseMessages.Answer>request(Addresses.CASES_ACT,
            new CaseMessages.Act(file.id(), command, List.of(), request, null, null), LOCAL)
        .map(reply -> reply.body().status() < 300)
        .recover(e -> {
          LOG.debug("cases: the deadline clock's {} of {} was not applied: {}", action, file.id(), e.getMessage());
          return Future.succeededFuture(false);
        });
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return Future.succeededFuture();
  }
}
