package io.watchfloor.live;

import io.vertx.core.Vertx;
import io.watchfloor.bus.Addresses;
import io.watchfloor.bus.Local;
import io.watchfloor.domain.Report;
import io.watchfloor.store.StoreMessages.TailPosition;
import io.watchfloor.store.StoreMessages.TailRequest;
import io.watchfloor.store.StoreMessages.TailRows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.function.Consumer;

/**
 * Follows the store's committed rows from a position, each row once, in (txid, id) order, and hands
 * them to the live picture. One read at a time: a poke during a read asks for one more after it, and
 * a full page asks for the next at once. A poll catches what no poke announced: a commit whose node
 * died before its poke, or a row held back by a transaction that was still running at the last read.
 * Runs on the live verticle's event loop.
 */
final class ReportTail {
  private static final Logger LOG = LoggerFactory.getLogger(ReportTail.class);

  private enum Reading { IDLE, READING, READING_AGAIN }

  private final Vertx vertx;
  private final int pageSize;
  private final long pollMs;
  private final Consumer<List<Report>> onRows;
  private TailPosition position;
  private Reading reading = Reading.IDLE;
  private long pollTimer = -1;
  private boolean failing;

  ReportTail(Vertx vertx, int pageSize, long pollMs, Consumer<List<Report>> onRows) {
    this.vertx = vertx;
    this.pageSize = pageSize;
    this.pollMs = pollMs;
    this.onRows = onRows;
  }

  /** Starts after the rebuild, whose reads stopped below {@code horizon}. */
  void start(long horizon) {
    position = TailPosition.before(horizon);
    pollTimer = vertx.setPeriodic(pollMs, id -> poke());
    poke();
  }

  void poke() {
    if (position == null) {
      return;
    }
    switch (reading) {
      case IDLE -> read();
      case READING -> reading = Reading.READING_AGAIN;
      case READING_AGAIN -> { }
    }
  }

  private void read() {
    reading = Reading.READING;
    vertx.eventBus().<TailRows>request(Addresses.STORE_TAIL, new TailRequest(position, pageSize), Local.only())
        .onSuccess(reply -> took(reply.body()))
        .onFailure(this::failed)
        .onComplete(r -> readAgainIfAsked());
  }

  private void took(TailRows rows) {
    if (failing) {
      LOG.info("live: the commit tail reads again");
      failing = false;
    }
    position = rows.last();
    if (!rows.reports().isEmpty()) {
      onRows.accept(rows.reports());
    }
    if (rows.reports().size() == pageSize) {
      reading = Reading.READING_AGAIN;
    }
  }

  /** The store is down: the next poll tries again from the same position, so nothing is skipped. */
  private void failed(Throwable e) {
    if (!failing) {
      LOG.warn("live: the commit tail cannot read ({}); the picture waits for the store", e.getMessage());
      failing = true;
    }
  }

  private void readAgainIfAsked() {
    boolean again = reading == Reading.READING_AGAIN && !failing;
    reading = Reading.IDLE;
    if (again) {
      read();
    }
  }

  void stop() {
    if (pollTimer >= 0) {
      vertx.cancelTimer(pollTimer);
    }
  }
}
