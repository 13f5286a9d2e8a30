package io.watchfloor.cases;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import io.watchfloor.domain.CaseEvent;
import io.watchfloor.domain.CaseFile;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The case store's reads: one statement each, but a case's detail, which reads its trail up to the case's version. */
final class PgCaseReads {
  private final Pool pool;

  PgCaseReads(Pool pool) {
    this.pool = pool;
  }

  Future<Optional<CaseFile>> find(UUID id) {
    return pool.preparedQuery(CaseQueries.FIND).execute(Tuple.of(id)).map(rows -> CaseRows.files(rows).stream().findFirst());
  }

  Future<Optional<CaseStore.Detail>> detail(UUID id) {
    return find(id).compose(file -> file.isEmpty() ? Future.succeededFuture(Optional.empty())
        : detailOf(file.get()).map(Optional::of));
  }

  private Future<CaseStore.Detail> detailOf(CaseFile file) {
    Tuple upToVersion = Tuple.of(file.id(), file.version());
    return pool.preparedQuery(CaseQueries.TRAIL).execute(upToVersion).map(CaseRows::events)
        .compose(trail -> pool.preparedQuery(CaseQueries.PHOTOS).execute(upToVersion)
            .map(rows -> new CaseStore.Detail(file, trail, CaseRows.photoInfos(rows))));
  }

  Future<Optional<CaseStore.Photo>> photo(UUID caseId, UUID photoId) {
    return pool.preparedQuery(CaseQueries.PHOTO).execute(Tuple.of(caseId, photoId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(CaseRows.photo(rows.iterator().next())));
  }

  Future<List<CaseFile>> list(CaseStore.Filter f) {
    Tuple params = Tuple.wrap(java.util.Arrays.asList(CaseRows.texts(f.areas()), f.state() == null ? null : f.state().key(),
        f.open(), f.overdue(), f.nearDue(), f.supervised(), f.unit(), f.category(), f.limit()));
    return pool.preparedQuery(CaseQueries.LIST).execute(params).map(CaseRows::files);
  }

  Future<Optional<CaseFile>> openForAlert(UUID alert) {
    return pool.preparedQuery(CaseQueries.OPEN_FOR_ALERT).execute(Tuple.of(alert))
        .map(rows -> CaseRows.files(rows).stream().findFirst());
  }

  Future<List<CaseFile>> due(Instant now, Duration escalateAfter, Collection<String> tops, int limit) {
    return pool.preparedQuery(CaseQueries.DUE)
        .execute(Tuple.of(CaseRows.utc(now), CaseRows.utc(now.minus(escalateAfter)), CaseRows.texts(tops), limit))
        .map(CaseRows::files);
  }

  Future<List<CaseFile>> touching(Instant from, Instant to, List<String> areas, int limit) {
    if (!from.isBefore(to)) {
      return Future.succeededFuture(List.of());
    }
    return pool.preparedQuery(CaseQueries.TOUCHING)
        .execute(Tuple.of(CaseRows.utc(from), CaseRows.utc(to), CaseRows.texts(areas), limit)).map(CaseRows::files);
  }

  Future<List<CaseEvent>> events(Instant from, Instant to, List<String> areas, int limit) {
    return pool.preparedQuery(CaseQueries.EVENTS)
        .execute(Tuple.of(CaseRows.utc(from), CaseRows.utc(to), CaseRows.texts(areas), limit)).map(CaseRows::events);
  }

  Future<Integer> forgetRequests(Instant before) {
    return pool.preparedQuery(CaseQueries.FORGET_REQUESTS).execute(Tuple.of(CaseRows.utc(before))).map(rows -> rows.rowCount());
  }
}
