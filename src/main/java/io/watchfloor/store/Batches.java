package io.watchfloor.store;

import io.watchfloor.domain.Outcome;
import io.watchfloor.domain.Report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The outcome rules shared by both stores, so they cannot drift apart. */
final class Batches {
  private Batches() {
  }

  /**
   * The first report for each id, ordered by id: concurrent transactions then take unique-index
   * locks in the same order and cannot deadlock.
   */
  static List<Report> firstPerId(List<Report> batch) {
    Map<UUID, Report> first = new LinkedHashMap<>();
    for (Report report : batch) {
      first.putIfAbsent(report.id(), report);
    }
    List<Report> distinct = new ArrayList<>(first.values());
    distinct.sort(Comparator.comparing(Report::id));
    return distinct;
  }

  /**
   * @param insertedIds the ids this batch committed; the first report with each id is the one stored
   * @param storedHash the body hash now stored for every id of the batch
   */
  static List<Outcome> outcomes(List<Report> batch, Set<UUID> insertedIds, Map<UUID, String> storedHash) {
    List<Outcome> outcomes = new ArrayList<>(batch.size());
    Set<UUID> claimed = new HashSet<>();
    for (Report report : batch) {
      if (insertedIds.contains(report.id()) && claimed.add(report.id())) {
        outcomes.add(Outcome.ACCEPTED);
      } else if (report.bodyHash().equals(storedHash.get(report.id()))) {
        outcomes.add(Outcome.DUPLICATE);
      } else {
        outcomes.add(Outcome.CONFLICT);
      }
    }
    return outcomes;
  }
}
