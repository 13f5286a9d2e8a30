package io.watchfloor.cases;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Every statement the PostgreSQL case store runs (tables: V10__cases.sql). */
final class CaseQueries {
  private CaseQueries() {
  }

  /** What a case is about; written once, at its opening. */
  static final String SUBJECT = "id, title, category, urgency, site, area, alert, description, source, opened_by, opened_at";
  /** Where it stands; rewritten by every step. */
  static final String STANDING = "state, unit, stage, stage_started_at, due_at, near_due_at, near_due, overdue, "
      + "escalated_to, escalated_at, supervision, ext_until, ext_reason, ext_by, ext_at, parked_from, reported_by, "
      + "closed_at, urges, reworks, extensions, returns, signed_on_time, handled_on_time, ever_overdue, version, updated_at";
  static final int SUBJECT_COUNT = SUBJECT.split(",").length;
  static final int STANDING_COUNT = STANDING.split(",").length;
  static final String COLUMNS = SUBJECT + ", " + STANDING;
  private static final String OPEN = "state NOT IN ('closed', 'cancelled')";

  /**
   * An opening: nothing when its id, or its alert's open case, is taken. A concurrent opening of the same id
   * or alert waits here for the first to commit, then sees it.
   */
  static final String INSERT = "INSERT INTO case_file (" + COLUMNS + ") VALUES (" + params(1, SUBJECT_COUNT + STANDING_COUNT)
      + ") ON CONFLICT DO NOTHING RETURNING id";

  /** A step, over the version it was computed from ($29) and with the row locked: one row, or none. */
  static final String UPDATE = "UPDATE case_file SET (" + STANDING + ") = (" + params(2, STANDING_COUNT) + ")"
      + " WHERE id = $1 AND version = $" + (STANDING_COUNT + 2);

  static final String FIND = "SELECT " + COLUMNS + " FROM case_file WHERE id = $1";

  /** The case a step runs on: a second officer's step waits here for the first, then runs on its result. */
  static final String LOCK = FIND + " FOR UPDATE";

  static final String OPEN_FOR_ALERT = "SELECT " + COLUMNS + " FROM case_file WHERE alert = $1 AND " + OPEN;

  /** Filters that are null do not filter; $1 the scope's areas or null for every area. */
  static final String LIST = "SELECT " + COLUMNS + " FROM case_file"
      + " WHERE ($1::text[] IS NULL OR area = ANY($1)) AND ($2::text IS NULL OR state = $2)"
      + " AND ($3::boolean IS NULL OR (" + OPEN + ") = $3) AND ($4::boolean IS NULL OR overdue = $4)"
      + " AND ($5::boolean IS NULL OR near_due = $5) AND ($6::boolean IS NULL OR (supervision IS NOT NULL) = $6)"
      + " AND ($7::text IS NULL OR unit = $7) AND ($8::text IS NULL OR category = $8)"
      + " ORDER BY opened_at DESC, id LIMIT $9";

  /**
   * The deadline clock's question at $1: near due, overdue, or overdue and waited at its level until $2 (not
   * at all before the first step up), unless already at one of the tops $3. Only running clocks count: a
   * stage runs only while the case is open and not parked.
   */
  static final String DUE = "SELECT " + COLUMNS + " FROM case_file WHERE stage IS NOT NULL"
      + " AND ((NOT near_due AND near_due_at <= $1) OR (NOT overdue AND due_at <= $1)"
      + " OR (overdue AND (escalated_at IS NULL OR escalated_at <= $2)"
      + " AND (escalated_to IS NULL OR escalated_to <> ALL($3::text[]))))"
      + " ORDER BY due_at, id LIMIT $4";

  /** The cases whose open span meets [$1, $2): the figures' cases, by the span's index. */
  static final String TOUCHING = "SELECT " + COLUMNS + " FROM case_file"
      + " WHERE tstzrange(opened_at, ended_at, '[]') && tstzrange($1, $2, '[)')"
      + " AND ($3::text[] IS NULL OR area = ANY($3)) ORDER BY opened_at, id LIMIT $4";

  static final String EVENT_COLUMNS = "case_id, seq, action, by, at, from_state, to_state, note, detail";

  static final String INSERT_EVENT = "INSERT INTO case_event (" + EVENT_COLUMNS + ") VALUES (" + params(1, 9) + ")";

  /** A case's trail up to the version read with it, so a step in between cannot show a line ahead of the case. */
  static final String TRAIL = "SELECT " + EVENT_COLUMNS + " FROM case_event WHERE case_id = $1 AND seq <= $2 ORDER BY seq";

  static final String EVENTS = "SELECT e.case_id, e.seq, e.action, e.by, e.at, e.from_state, e.to_state, e.note, e.detail"
      + " FROM case_event e JOIN case_file f ON f.id = e.case_id WHERE e.at >= $1 AND e.at < $2"
      + " AND ($3::text[] IS NULL OR f.area = ANY($3)) ORDER BY e.at, e.case_id, e.seq LIMIT $4";

  static final String INSERT_PHOTO = "INSERT INTO case_photo (id, case_id, seq, n, media_type, size, sha256, bytes, at)"
      + " VALUES (" + params(1, 9) + ")";

  static final String PHOTOS = "SELECT id, seq, media_type, size, at FROM case_photo WHERE case_id = $1 AND seq <= $2"
      + " ORDER BY seq, n";

  static final String PHOTO = "SELECT id, case_id, seq, media_type, bytes, at FROM case_photo WHERE case_id = $1 AND id = $2";

  /**
   * Claims an idempotency key: one row back, the request is new. None: the key was answered before, or is
   * being answered by a transaction this one waited for until it committed; either way {@link #REQUEST} now
   * reads its answer.
   */
  static final String CLAIM_REQUEST = "INSERT INTO case_request (principal, key, fingerprint, case_id, at)"
      + " VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING key";

  static final String REQUEST = "SELECT fingerprint, status, answer FROM case_request WHERE principal = $1 AND key = $2";

  static final String ANSWER_REQUEST = "UPDATE case_request SET status = $3, answer = $4 WHERE principal = $1 AND key = $2";

  static final String FORGET_REQUESTS = "DELETE FROM case_request WHERE at < $1";

  /** "$from, …, $(from + count - 1)". */
  private static String params(int from, int count) {
    return IntStream.range(from, from + count).mapToObj(i -> "$" + i).collect(Collectors.joining(", "));
  }
}
