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
 * them to the live picture. One read at a time, and reads start at least {@code spacingMs} apart: a
 * poke during a read, or sooner than that after the last one began, asks for one more read when the
 * spacing allows. Under load every commit of every node pokes, and each read costs PostgreSQL a
 * statement whatever it brings, so the spacing turns one read per commit into a few a second. A full
 * page asks for the next at once. A poll catches what no poke announced: a commit whose node died
 * before its poke, or a row held back by a transaction that was still running at the last read.
 * Runs on the live verticle's event loop.
 */
final class ReportTail {
  private static final Logger LOG = LoggerFactory.getLogger(ReportTail.class);

  /** IDLE: nothing asked. SPACED: a read is asked for and waits for the spacing. */
  private enum Reading { IDLE, SPACED, READING, READING_AGAIN }

  private final Vertx vertx;
  private final int pageSize;
  private final long pollMs;
  private final long spacingNanos;
  private final Consumer<List<Report>> onRows;
  private TailPosition position;
  private Reading reading = Reading.IDLE;
  private long pollTimer = -1;
  private long spacingTimer = -1;
  /** When the last read began (System.nanoTime), or long ago. */
  private long lastReadAt;
  private boolean fullPage;
  private boolean failing;

  ReportTail(Vertx vertx, int pageSize, long pollMs, long spacingMs, Consumer<List<Report>> onRows) {
    this.vertx = vertx;
    this.pageSize = pageSize;
    this.pollMs = pollMs;
    this.spacingNanos = spacingMs * 1_000_000L;
    this.onRows = onRows;
    this.lastReadAt = System.nanoTime() - spacingNanos;
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
      case IDLE -> readWhenSpaced();
      case READING -> reading = Reading.READING_AGAIN;
      case SPACED, READING_AGAIN -> { }
    }
  }

  private void readWhenSpaced() {
    long wait = lastReadAt + spacingNanos - System.nanoTime();
    if (wait <= 0) {
      read();
      return;
    }
    reading = Reading.SPACED;
    // rounded up to whole milliseconds, so never sooner than the spacing
    spacingTimer = vertx.setTimer((wait + 999_999L) / 1_000_000L, id -> {
      spacingTimer = -1;
      read();
    });
  }

  private void read() {
    reading = Reading.READING;
    lastReadAt = System.nanoTime();
    fullPage = false;
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
    fullPage = rows.reports().size() == pageSize;
  }

  /** The store is down: the next poll tries again from the same position, so nothing is skipped. */
  private void failed(Throwable e) {
    if (!failing) {
      LOG.warn("live: the commit tail cannot read ({}); the picture waits for the store", e.getMessage());
      failing = true;
    }
  }

  /** A full page reads on at once (the rows are there); a poke meanwhile waits for the spacing. */
  private void readAgainIfAsked() {
    boolean asked = reading == Reading.READING_AGAIN && !failing;
    reading = Reading.IDLE;
    if (fullPage && !failing) {
      read();
    } else if (asked) {
      readWhenSpaced();
    }
  }

  void stop() {
    if (pollTimer >= 0) {
      vertx.cancelTimer(pollTimer);
    }
    if (spacingTimer >= 0) {
      vertx.cancelTimer(spacingTimer);
    }
  }
}
