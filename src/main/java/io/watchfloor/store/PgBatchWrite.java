package io.watchfloor.store;

import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import io.watchfloor.domain.Outcome;
import io.watchfloor.domain.Report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A batch of reports committed by one statement on the commits' pool: the new rows inserted (the key and the
 * report, both or neither), and for each id already stored its body's hash, which tells a resend from a
 * different report under the same id. The insert is a single statement, so it commits on its own: no BEGIN
 * and COMMIT round trips. The hashes are read after it, when every row it skipped is committed (a row
 * another transaction was inserting, the insert waited for).
 */
final class PgBatchWrite {
  /** SQLSTATE classes that blame the rows sent (data exception, integrity, program limit), not the database. */
  private static final Set<String> DATA_ERROR_CLASSES = Set.of("22", "23", "54");

  private final Pool pool;

  PgBatchWrite(Pool pool) {
    this.pool = pool;
  }

  Future<List<Outcome>> write(List<Report> batch) {
    List<Report> distinct = Batches.firstPerId(batch);
    return insert(distinct)
        .compose(inserted -> storedHashes(distinct, inserted)
            .map(hashes -> Batches.outcomes(batch, inserted, hashes)))
        .recover(PgBatchWrite::notCommitted);
  }

  private static <T> Future<T> notCommitted(Throwable e) {
    if (e instanceof PgException pg && pg.getSqlState() != null && pg.getSqlState().length() == 5
        && DATA_ERROR_CLASSES.contains(pg.getSqlState().substring(0, 2))) {
      return Future.failedFuture(new StoreRefused("the database refused the data: " + pg.getErrorMessage()
          + " (SQLSTATE " + pg.getSqlState() + ")", e));
    }
    return Future.failedFuture(new StoreUnavailable("the database did not commit: " + e.getMessage(), 2, e));
  }

  private Future<Set<UUID>> insert(List<Report> distinct) {
    return pool.preparedQuery(PgQueries.INSERT_BATCH)
        .execute(PgStore.batchTuple(distinct))
        .map(rows -> {
          Set<UUID> inserted = new HashSet<>(rows.rowCount());
          rows.forEach(row -> inserted.add(row.getUUID(0)));
          return inserted;
        });
  }

  private Future<Map<UUID, String>> storedHashes(List<Report> distinct, Set<UUID> inserted) {
    Map<UUID, String> hashes = new HashMap<>();
    List<UUID> others = new ArrayList<>();
    for (Report r : distinct) {
      if (inserted.contains(r.id())) {
        hashes.put(r.id(), r.bodyHash());
      } else {
        others.add(r.id());
      }
    }
    if (others.isEmpty()) {
      return Future.succeededFuture(hashes);
    }
    return pool.preparedQuery(PgQueries.STORED_HASHES)
        .execute(Tuple.of(others.toArray(UUID[]::new)))
        .map(rows -> {
          rows.forEach(row -> hashes.put(row.getUUID("id"), row.getString("body_hash")));
          return hashes;
        });
  }
}
