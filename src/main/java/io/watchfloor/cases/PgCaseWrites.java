package io.watchfloor.cases;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import io.watchfloor.cases.CaseStore.Outcome;
import io.watchfloor.cases.CaseStore.Photo;
import io.watchfloor.cases.CaseStore.Request;
import io.watchfloor.domain.CaseCommand;
import io.watchfloor.domain.CaseFile;
import io.watchfloor.domain.CaseMachine;
import io.watchfloor.store.StoreUnavailable;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The case store's writes, each one transaction: the idempotency key claimed first, then the case (locked for
 * a step), the machine's step on it, the case, its trail line and photos, and the answer kept under the key.
 * A failure anywhere rolls all of it back, the key's claim too.
 */
final class PgCaseWrites {
  private final Pool pool;
  private final CaseMachine machine;

  PgCaseWrites(Pool pool, CaseMachine machine) {
    this.pool = pool;
    this.machine = machine;
  }

  Future<Outcome> open(CaseMachine.Step opening, List<Photo> photos, Request request,
                       Function<CaseFile, JsonObject> answer) {
    CaseFile file = opening.after();
    return pool.withTransaction(conn -> claim(conn, request, file.id(), opening.event().at())
        .compose(replay -> replay.isPresent() ? Future.succeededFuture(replay.get())
            : conn.preparedQuery(CaseQueries.INSERT).execute(CaseRows.insert(file))
                .compose(rows -> rows.size() == 1
                    ? written(conn, opening, photos).map(v -> new Outcome(201, answer.apply(file), false, opening))
                    : taken(conn, file, answer))
                .compose(outcome -> answered(conn, request, outcome))));
  }

  /** The opening's id or alert is taken: the same opening again, or a conflict naming the case in the way. */
  private static Future<Outcome> taken(SqlConnection conn, CaseFile file, Function<CaseFile, JsonObject> answer) {
    return conn.preparedQuery(CaseQueries.FIND).execute(Tuple.of(file.id())).compose(rows -> {
      if (rows.size() == 1) {
        CaseFile stored = CaseRows.file(rows.iterator().next());
        return CaseRules.sameSubject(stored.subject(), file.subject())
            ? Future.succeededFuture(new Outcome(200, answer.apply(stored), true, null))
            : Future.failedFuture(new CaseConflict("case " + file.id() + " exists and is about something else", stored.id()));
      }
      UUID alert = file.subject().alert();
      return conn.preparedQuery(CaseQueries.OPEN_FOR_ALERT).execute(Tuple.of(alert)).compose(open -> {
        UUID existing = open.size() == 1 ? open.iterator().next().getUUID("id") : null;
        return Future.failedFuture(new CaseConflict(existing == null
            ? "alert " + alert + "'s open case changed meanwhile; send again"
            : "alert " + alert + " already has an open case, " + existing, existing));
      });
    });
  }

  Future<Outcome> act(UUID id, CaseCommand command, List<Photo> photos, Instant now, Request request,
                      Function<CaseFile, JsonObject> answer) {
    return pool.withTransaction(conn -> claim(conn, request, id, now)
        .compose(replay -> replay.isPresent() ? Future.succeededFuture(replay.get())
            : conn.preparedQuery(CaseQueries.LOCK).execute(Tuple.of(id))
                .compose(rows -> rows.size() == 0 ? Future.failedFuture(new CaseNotFound(id))
                    : step(conn, CaseRows.file(rows.iterator().next()), command, photos, now, answer))
                .compose(outcome -> answered(conn, request, outcome))));
  }

  private Future<Outcome> step(SqlConnection conn, CaseFile file, CaseCommand command, List<Photo> photos, Instant now,
                               Function<CaseFile, JsonObject> answer) {
    CaseMachine.Step step = machine.apply(file, command, now);
    Outcome outcome = new Outcome(200, answer.apply(step.after()), false, step);
    return conn.preparedQuery(CaseQueries.UPDATE).execute(CaseRows.update(step.after(), file.version()))
        .compose(updated -> updated.rowCount() == 1 ? written(conn, step, photos)
            // the row is locked: only a write outside this store could have moved it
            : Future.failedFuture(new StoreUnavailable("case " + file.id() + " changed under its lock", 1, null)))
        .map(outcome);
  }

  private static Future<Void> written(SqlConnection conn, CaseMachine.Step step, List<Photo> photos) {
    Future<?> line = conn.preparedQuery(CaseQueries.INSERT_EVENT).execute(CaseRows.event(step.event()));
    return (photos.isEmpty() ? line
        : line.compose(v -> conn.preparedQuery(CaseQueries.INSERT_PHOTO).executeBatch(CaseRows.photos(step.event(), photos))))
        .mapEmpty();
  }

  /**
   * The key claimed for this request (empty), or the answer it got before (the same request sent again). A
   * claim of a key another transaction holds waits for it to commit, so a resend never runs twice.
   */
  private static Future<Optional<Outcome>> claim(SqlConnection conn, Request request, UUID caseId, Instant at) {
    if (request == null) {
      return Future.succeededFuture(Optional.empty());
    }
    Tuple key = Tuple.of(request.principal(), request.key());
    return conn.preparedQuery(CaseQueries.CLAIM_REQUEST)
        .execute(Tuple.of(request.principal(), request.key(), request.fingerprint(), caseId, CaseRows.utc(at)))
        .compose(claimed -> claimed.size() == 1 ? Future.succeededFuture(Optional.empty())
            : conn.preparedQuery(CaseQueries.REQUEST).execute(key).map(rows -> Optional.of(replay(request, rows.iterator().next()))));
  }

  private static Outcome replay(Request request, Row row) {
    if (!request.fingerprint().equals(row.getString("fingerprint"))) {
      throw new RequestReused();
    }
    if (row.getInteger("status") == null) {
      // every claim is answered in its own transaction; a row without an answer was written by something else
      throw new StoreUnavailable("the request's stored answer is missing", 1, null);
    }
    return new Outcome(row.getInteger("status"), row.getJsonObject("answer"), true, null);
  }

  private static Future<Outcome> answered(SqlConnection conn, Request request, Outcome outcome) {
    return request == null ? Future.succeededFuture(outcome)
        : conn.preparedQuery(CaseQueries.ANSWER_REQUEST)
            .execute(Tuple.of(request.principal(), request.key(), outcome.status(), outcome.answer()))
            .map(outcome);
  }
}
