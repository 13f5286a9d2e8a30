package io.watchfloor.flag;

import io.watchfloor.domain.SortedValues;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;

/**
 * One site and metric's newest readings, at most {@code max}, with their values also kept sorted and
 * their report ids counted: the outlier test reads the median and MAD, and a resend is recognised,
 * without walking or sorting the ring on every report.
 */
final class ReadingRing {
  record Reading(UUID reportId, Instant at, double value) {
  }

  private final int max;
  private final ArrayDeque<Reading> readings = new ArrayDeque<>();
  private final SortedValues sorted;
  private final Map<UUID, Integer> ids = new HashMap<>();
  /** No reading is older than this (it may be older than the oldest left); null when empty. */
  private Instant oldest;

  ReadingRing(int max) {
    this.max = max;
    this.sorted = new SortedValues(max + 1);
  }

  SortedValues values() {
    return sorted;
  }

  boolean holds(UUID reportId) {
    return ids.containsKey(reportId);
  }

  /** Forgets the readings observed before {@code since}, wherever they are in the ring. */
  void dropBefore(Instant since) {
    if (oldest == null || !oldest.isBefore(since)) {
      return;
    }
    oldest = null;
    for (Iterator<Reading> it = readings.iterator(); it.hasNext(); ) {
      Reading r = it.next();
      if (r.at().isBefore(since)) {
        it.remove();
        forget(r);
      } else if (oldest == null || r.at().isBefore(oldest)) {
        oldest = r.at();
      }
    }
  }

  void add(Reading reading) {
    readings.addLast(reading);
    sorted.add(reading.value());
    ids.merge(reading.reportId(), 1, Integer::sum);
    if (oldest == null || reading.at().isBefore(oldest)) {
      oldest = reading.at();
    }
    while (readings.size() > max) {
      forget(readings.removeFirst());
    }
  }

  private void forget(Reading r) {
    sorted.remove(r.value());
    ids.computeIfPresent(r.reportId(), (id, n) -> n == 1 ? null : n - 1);
  }
}
