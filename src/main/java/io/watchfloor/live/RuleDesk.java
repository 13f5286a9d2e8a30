package io.watchfloor.live;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.watchfloor.alert.AlertMessages.Firings;
import io.watchfloor.alert.AlertMessages.SeenRequest;
import io.watchfloor.alert.EvaluatorLock;
import io.watchfloor.bus.Addresses;
import io.watchfloor.bus.Local;
import io.watchfloor.domain.AlertRule;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.domain.Firing;
import io.watchfloor.domain.LiveView;
import io.watchfloor.domain.Report;
import io.watchfloor.domain.RuleEngine;
import io.watchfloor.domain.SiteDayStats;
import io.watchfloor.storage.Storage;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert rules on this node. Every node evaluates every committed report, so a node that takes over
 * has the same windows as the one it replaces; only the cluster's one evaluator sends what fires to the
 * alert store. The firings of the last minute are kept: a new evaluator sends them again, because the
 * old one may have died between a report and storing its firing. The store counts each cause once, so
 * what was stored already changes nothing.
 */
final class RuleDesk {
  private static final int RECENT_MAX = 10_000;
  private static final Duration RECENT_KEPT = Duration.ofSeconds(60);
  /** How often the evaluator checks its hold and the others try to take it: the takeover time. */
  private static final long LOCK_INTERVAL_MS = 1000;
  private static final Logger LOG = LoggerFactory.getLogger(RuleDesk.class);

  private record Recent(Instant at, Firing firing) {
  }

  private final Vertx vertx;
  private final Catalogue catalogue;
  private final RuleEngine rules;
  private final ArrayDeque<Recent> recent = new ArrayDeque<>();
  private final Storage storage;
  private EvaluatorLock lock;
  private boolean evaluating;

  RuleDesk(Vertx vertx, Catalogue catalogue, RuleEngine rules, Storage storage) {
    this.vertx = vertx;
    this.catalogue = catalogue;
    this.rules = rules;
    this.storage = storage;
    this.lock = EvaluatorLock.of(vertx, storage, LOCK_INTERVAL_MS);
  }

  /**
   * Contends for the evaluator's lock from now on. On gaining it, takes over for {@code today()}'s day
   * and then calls {@code onTaken}; if it cannot, gives the lock back for another node to take.
   */
  void start(Supplier<LocalDate> today, Runnable onTaken) {
    lock.start(held -> {
      if (!held) {
        evaluating = false;
        return;
      }
      take(today.get()).onSuccess(v -> onTaken.run()).onFailure(e -> {
        LOG.warn("live: cannot take over the rules ({}); letting another node evaluate", e.getMessage());
        lock.stop();
        lock = EvaluatorLock.of(vertx, storage, LOCK_INTERVAL_MS);
        vertx.setTimer(LOCK_INTERVAL_MS, id -> start(today, onTaken));
      });
    });
  }

  void stop() {
    lock.stop();
  }

  /** The next report and deadline check meet these rules; see {@link RuleEngine#replace}. */
  void replace(List<AlertRule> next) {
    rules.replace(next);
  }

  boolean evaluating() {
    return evaluating;
  }

  void onReport(Report report, LiveView view, Instant now) {
    List<Firing> firings = rules.onReport(report, view, now);
    firings.forEach(f -> recent.addLast(new Recent(now, f)));
    while (recent.size() > RECENT_MAX || (!recent.isEmpty() && recent.peekFirst().at().isBefore(now.minus(RECENT_KEPT)))) {
      recent.pollFirst();
    }
    if (evaluating) {
      send(firings);
    }
  }

  /** Deadlines are the evaluator's alone: the others keep no memory of what fired on the clock. */
  void onClock(LocalDate day, Map<String, SiteDayStats> today, Instant now) {
    if (evaluating) {
      send(rules.onClock(day, today, now));
    }
  }

  /**
   * Becomes the evaluator: learns from the store which missing-report alerts today already raised
   * (so neither a restart nor a handover raises them again), then sends the last minute's firings.
   */
  private Future<Void> take(LocalDate day) {
    return seedMissingFired(day).onSuccess(v -> {
      // the lock may have been lost while the store was asked (its connection closed in a failover): then another
      // node takes over, and this one must not evaluate beside it
      evaluating = lock.held();
      if (evaluating) {
        send(recent.stream().map(Recent::firing).toList());
      }
    });
  }

  private Future<Void> seedMissingFired(LocalDate day) {
    Instant dayStart = day.atStartOfDay(catalogue.jurisdiction().timezone()).toInstant();
    int bound = catalogue.sites().size() * Math.max(1, rules.rules().size());
    return vertx.eventBus().<JsonArray>request(Addresses.ALERTS_SEEN,
            new SeenRequest(AlertRule.Kind.MISSING.name().toLowerCase(Locale.ROOT), dayStart, bound), Local.only())
        .map(reply -> {
          reply.body().forEach(item -> {
            JsonObject alert = (JsonObject) item;
            rules.missingFiredAlready(day, alert.getString("rule"), alert.getString("subject"));
          });
          return null;
        });
  }

  private void send(List<Firing> firings) {
    if (!firings.isEmpty()) {
      vertx.eventBus().send(Addresses.ALERTS_FIRE, new Firings(new ArrayList<>(firings)), Local.only());
    }
  }
}
