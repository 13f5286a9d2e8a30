package io.watchfloor.store;

import io.vertx.core.Future;
import io.watchfloor.domain.Ranking;
import io.watchfloor.domain.Report;
import io.watchfloor.store.StoreMessages.TailPosition;
import io.watchfloor.store.StoreMessages.TailRows;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

/**
 * A store whose committed rows can be followed in order, exactly once, by any number of nodes: the
 * PostgreSQL store. Each row carries its transaction's id; a reader takes rows only below the horizon,
 * the oldest transaction still running, so a transaction that commits late can never be skipped.
 * A node rebuilds from the rows below one horizon, then tails from that horizon on.
 */
public interface CommitLog {

  /** The oldest transaction still running (or the next to start): every one below it has ended. */
  Future<Long> horizon();

  /** Up to {@code limit} rows after {@code after}, below the horizon, in (txid, id) order. */
  Future<TailRows> tail(TailPosition after, int limit);

  /** {@link ReportStore#reportsOn} of the rows of transactions below {@code below} only. */
  Future<List<Report>> reportsOn(LocalDate day, long below);

  /** A live day summed, of the rows of transactions below the request's horizon only. */
  Future<StoreMessages.DaySums> daySums(StoreMessages.DaySumsRequest request);

  /** {@link ReportStore#monthSums} of the rows of transactions below {@code below} only. */
  Future<Map<String, Ranking.Sum>> monthSums(String metric, YearMonth month, Map<String, String> areaBySite, long below);
}
