package io.watchfloor.flag;

import io.vertx.core.Future;
import io.watchfloor.domain.Flag;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The flagged readings (report_flag). Both implementations give the same answers; the flag tests run against PostgreSQL. */
public interface FlagStore {

  Future<Void> open();

  /** Stores new flags; a report and metric already flagged keeps its first flag (and its clearing). */
  Future<Void> save(List<Flag> flags);

  /** Flags of local days [from, to) of these sites, oldest day first. */
  Future<List<Flag>> list(LocalDate from, LocalDate to, List<String> sites);

  Future<Optional<Flag>> find(UUID reportId, String metric);

  /** Clears an uncleared flag; fails 404 when there is none, 409 when it is already cleared. */
  Future<Flag> clear(UUID reportId, String metric, String by, String note, Instant at);

  /** Per site, the uncleared flags of {@code metric} on local days [from, to) of these sites; sites without any are absent. */
  Future<Map<String, Long>> uncleared(String metric, LocalDate from, LocalDate to, List<String> sites);

  /**
   * Each site's newest readings of each metric observed since {@code since}, at most {@code perSeries} per
   * site and metric among the site's newest {@code perSite} reports, oldest first: the history the outlier
   * check starts from after a restart.
   */
  Future<List<Reading>> readings(List<String> sites, Instant since, int perSeries, int perSite);

  Future<Void> close();

  record Reading(UUID reportId, String site, String metric, Instant at, double value) {
  }
}
