package io.watchfloor.store;

import java.util.Objects;

/**
 * What the store's probes say about the database's primary, without Vert.x: how often the server that takes
 * the writes changed (a failover, a switchover, or a restart: each is a moment when the store changed hands),
 * and for how long no server took writes. A gap runs from the first probe that failed or met a read-only server
 * (a standby, a primary being demoted) to the next one that met a writable server. Only a writable server's
 * identity counts as the primary's, so a standby answering for a while between two primaries is part of the gap,
 * not a failover of its own. Times are monotonic nanoseconds ({@link System#nanoTime()}), given by the caller.
 */
public final class PrimaryWatch {
  /**
   * The server that answered a probe: its address and port as it sees them, and when its postmaster started, so
   * a server restarted in place on the same address is a new one too.
   */
  public record Server(String address, int port, String startedAt) {
    @Override
    public String toString() {
      return address + ":" + port + " (up since " + startedAt + ")";
    }
  }

  /** What a probe that was answered saw: who answered and whether it takes writes. */
  public record Answer(Server server, boolean writable) {
  }

  /** What one probe changed, so the caller can log each change once. */
  public enum Change {
    /** Nothing new: the same primary as before, or still no primary. */
    NONE,
    /** The first writable server seen: the store's primary is known from now on. */
    FOUND,
    /** No server takes writes now, after one did (or before any did). */
    LOST,
    /** A writable server again, the same one as before the gap. */
    BACK,
    /** A writable server other than the last primary: one failover. */
    FAILOVER
  }

  private Server primary;
  private long gapFrom = -1;
  private long closedGapsNanos;
  private long failovers;
  private Server previous;

  /** A probe that was answered at {@code nanos}. */
  public synchronized Change answered(long nanos, Answer answer) {
    if (!answer.writable()) {
      return startGap(nanos);
    }
    boolean wasInGap = gapFrom >= 0;
    if (wasInGap) {
      closedGapsNanos += Math.max(0, nanos - gapFrom);
      gapFrom = -1;
    }
    Server before = primary;
    primary = answer.server();
    if (before == null) {
      return Change.FOUND;
    }
    if (!Objects.equals(before, answer.server())) {
      failovers++;
      previous = before;
      return Change.FAILOVER;
    }
    return wasInGap ? Change.BACK : Change.NONE;
  }

  /** A probe that failed at {@code nanos}: no answer, or an error, or no answer in time. */
  public synchronized Change failed(long nanos) {
    return startGap(nanos);
  }

  private Change startGap(long nanos) {
    if (gapFrom >= 0) {
      return Change.NONE;
    }
    gapFrom = nanos;
    return Change.LOST;
  }

  /** Failovers seen: a writable server different from the last one that was. */
  public synchronized long failovers() {
    return failovers;
  }

  /**
   * Seconds without a writable server until {@code nanos}, the gap still open included: it only grows, as a
   * Prometheus counter must, since a gap closes at a later probe than any {@code nanos} asked before it.
   */
  public synchronized double unavailableSeconds(long nanos) {
    long open = gapFrom >= 0 ? Math.max(0, nanos - gapFrom) : 0;
    return (closedGapsNanos + open) / 1e9;
  }

  /** The primary as last seen writable, or null before any was. */
  public synchronized Server primary() {
    return primary;
  }

  /** The primary before the last failover, or null before any. */
  public synchronized Server previous() {
    return previous;
  }

  /** Whether the last probe found no writable server. */
  public synchronized boolean inGap() {
    return gapFrom >= 0;
  }
}
