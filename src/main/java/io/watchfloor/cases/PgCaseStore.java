package io.watchfloor.cases;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.watchfloor.bus.BusFailure;
import io.watchfloor.domain.CaseCommand;
import io.watchfloor.domain.CaseEvent;
import io.watchfloor.domain.CaseFile;
import io.watchfloor.domain.CaseMachine;
import io.watchfloor.domain.CaseRefused;
import io.watchfloor.storage.PgPoolStore;
import io.watchfloor.storage.PgPools;
import io.watchfloor.store.DataRefused;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Cases in PostgreSQL (V10__cases.sql), on the node's case pool ({@link PgPools#CASES}): writes in
 * {@link PgCaseWrites}, reads in {@link PgCaseReads}. A failure of the database is a 503 to be retried, a
 * value it cannot keep a 422; the case's own refusals pass as they are.
 */
public final class PgCaseStore extends PgPoolStore implements CaseStore {
  private static final int RETRY_AFTER_SECONDS = 2;
  private final CaseMachine machine;
  private PgCaseWrites writes;
  private PgCaseReads reads;

  public PgCaseStore(PgPools pools, CaseMachine machine) {
    super(pools::cases);
    this.machine = machine;
  }

  @Override
  public Future<Void> open() {
    return super.open().onSuccess(v -> {
      writes = new PgCaseWrites(pool, machine);
      reads = new PgCaseReads(pool);
    });
  }

  @Override
  public Future<Outcome> open(CaseMachine.Step opening, List<Photo> photos, Request request,
                              Function<CaseFile, JsonObject> answer) {
    return writes.open(CaseRules.micros(opening), photos, request, answer).recover(PgCaseStore::unavailable);
  }

  @Override
  public Future<Outcome> act(UUID id, CaseCommand command, List<Photo> photos, Instant now, Request request,
                             Function<CaseFile, JsonObject> answer) {
    return writes.act(id, CaseRules.micros(command), photos, CaseRules.micros(now), request, answer)
        .recover(PgCaseStore::unavailable);
  }

  @Override
  public Future<Optional<CaseFile>> find(UUID id) {
    return reads.find(id).recover(PgCaseStore::unavailable);
  }

  @Override
  public Future<Optional<Detail>> detail(UUID id) {
    return reads.detail(id).recover(PgCaseStore::unavailable);
  }

  @Override
  public Future<Optional<Photo>> photo(UUID caseId, UUID photoId) {
    return reads.photo(caseId, photoId).recover(PgCaseStore::unavailable);
  }

  @Override
  public Future<List<CaseFile>> list(Filter filter) {
    return reads.list(filter).recover(PgCaseStore::unavailable);
  }

  @Override
  public Future<Optional<CaseFile>> openForAlert(UUID alert) {
    return reads.openForAlert(alert).recover(PgCaseStore::unavailable);
  }

  @Override
  public Future<List<CaseFile>> due(Instant now, Duration escalateAfter, Collection<String> tops, int limit) {
    return reads.due(now, escalateAfter, tops, limit).recover(PgCaseStore::unavailable);
  }

  @Override
  public Future<List<CaseFile>> touching(Instant from, Instant to, List<String> areas, int limit) {
    return reads.touching(from, to, areas, limit).recover(PgCaseStore::unavailable);
  }

  @Override
  public Future<List<CaseEvent>> events(Instant from, Instant to, List<String> areas, int limit) {
    return reads.events(from, to, areas, limit).recover(PgCaseStore::unavailable);
  }

  @Override
  public Future<Integer> forgetRequests(Instant before) {
    return reads.forgetRequests(before).recover(PgCaseStore::unavailable);
  }

  /** The store's own answers (404, 409, 422, a 503 it made) pass; the database's failures are mapped. */
  private static <T> Future<T> unavailable(Throwable e) {
    return e instanceof BusFailure || e instanceof CaseRefused || e instanceof RequestReused ? Future.failedFuture(e)
        : DataRefused.orUnanswered(e, RETRY_AFTER_SECONDS);
  }
}
