package io.watchfloor.cases;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.watchfloor.domain.CaseCommand;
import io.watchfloor.domain.CaseEvent;
import io.watchfloor.domain.CaseFile;
import io.watchfloor.domain.CaseMachine;
import io.watchfloor.domain.CaseState;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Cases, their trails and their photos. Both implementations give the same answers; the case store suite
 * runs against each. Every write runs {@link CaseMachine} on the case as stored, inside one transaction
 * with the row locked, and stores the case, its trail line and its photos together: two officers acting at
 * once are two steps in order, or one step and a {@code CaseRefused}.
 *
 * <p>Idempotency is a unique key, {@code (principal, key)}: a request carrying one is stored with its answer
 * in the same transaction as its step. The same request again gets {@link Outcome#replayed} with the first
 * answer and changes nothing; the same key with another request fails with {@link RequestReused}.
 */
public interface CaseStore {

  Future<Void> open();

  /** A request's idempotency key: who sent it, the key, and a fingerprint of what it asked. */
  record Request(String principal, String key, String fingerprint) {
  }

  /** A photo as stored: the trail line it came with, its media type and bytes (checked before). */
  record Photo(UUID id, UUID caseId, int seq, String mediaType, byte[] bytes, Instant at) {
  }

  /** A photo without its bytes: what a case's detail lists. */
  record PhotoInfo(UUID id, int seq, String mediaType, int size, Instant at) {
  }

  /**
   * What a write did. {@code status}: 201 created, 200 changed (or the same opening sent again);
   * {@code answer}: the JSON body answered, kept for a replay; {@code replayed}: the same request was
   * answered before and nothing changed now; {@code step}: what changed, null when nothing did.
   */
  record Outcome(int status, JsonObject answer, boolean replayed, CaseMachine.Step step) {
  }

  /**
   * Opens a case under its client-made id. The same id with the same subject again (its opening time aside) is
   * answered 200 with the stored case, {@code replayed} and no step; the same id with another subject fails
   * with {@link CaseConflict} (409), and so does an alert that already has an open case (naming that case).
   * The photos are kept with the opening line, whatever case and line they name.
   */
  Future<Outcome> open(CaseMachine.Step opening, List<Photo> photos, Request request,
                       Function<CaseFile, JsonObject> answer);

  /**
   * One action on a case: the machine runs on the stored case at {@code now}. Fails with
   * {@code CaseNotFound} (404), {@code CaseRefused} (409), {@link RequestReused} (422) or
   * {@code StoreUnavailable} (503). {@code request} may be null (no Idempotency-Key). The photos are kept with
   * the step's trail line, whatever case and line they name. Times are kept to the microsecond (as PostgreSQL
   * keeps them), so the answer equals what a later read gives.
   */
  Future<Outcome> act(UUID id, CaseCommand command, List<Photo> photos, Instant now, Request request,
                      Function<CaseFile, JsonObject> answer);

  Future<Optional<CaseFile>> find(UUID id);

  /** The case, its trail oldest first, and its photos' descriptions. */
  record Detail(CaseFile file, List<CaseEvent> trail, List<PhotoInfo> photos) {
  }

  Future<Optional<Detail>> detail(UUID id);

  Future<Optional<Photo>> photo(UUID caseId, UUID photoId);

  /**
   * Cases of these areas (null: every area) matching the filter, newest first, at most {@code limit}.
   * Filter fields that are null do not filter.
   */
  record Filter(List<String> areas, CaseState state, Boolean open, Boolean overdue, Boolean nearDue,
                Boolean supervised, String unit, String category, int limit) {
  }

  Future<List<CaseFile>> list(Filter filter);

  /** The open case linked to an alert, if any: an alert becomes at most one open case. */
  Future<Optional<CaseFile>> openForAlert(UUID alert);

  /**
   * Open cases whose running deadline has reached 80 % or 100 % by {@code now} and is not yet marked so, or
   * that are overdue and have waited {@code escalateAfter} at their level (not at all before the first step
   * up): what the deadline clock works on, earliest due first, at most {@code limit}. A case already taken to
   * one of {@code tops} (a command centre with none above) has nowhere higher to go and is left out, so such
   * cases cannot fill every answer and starve the rest.
   */
  Future<List<CaseFile>> due(Instant now, Duration escalateAfter, Collection<String> tops, int limit);

  /** {@link #due(Instant, Duration, Collection, int)} with no top named. */
  default Future<List<CaseFile>> due(Instant now, Duration escalateAfter, int limit) {
    return due(now, escalateAfter, List.of(), limit);
  }

  /**
   * Every case of these areas (null: every area) opened before {@code to} and not closed or cancelled before
   * {@code from}: what the figures of [from, to) are counted from, oldest first. Their trails' lines in the
   * range are {@link #events}.
   */
  Future<List<CaseFile>> touching(Instant from, Instant to, List<String> areas, int limit);

  /** The trail lines dated in [from, to) of the cases of these areas (null: every area), in time order. */
  Future<List<CaseEvent>> events(Instant from, Instant to, List<String> areas, int limit);

  /** Forgets idempotency keys older than {@code before}. */
  Future<Integer> forgetRequests(Instant before);

  Future<Void> close();
}
