package io.watchfloor.alert;

/** Every statement the PostgreSQL alert store runs. */
final class AlertQueries {
  private AlertQueries() {
  }

  static final String COLUMNS = "id, rule, kind, severity, subject_type, subject, area, title_zh, title_en, detail, "
      + "first_seen, last_seen, count, state, escalated_at, escalated_to, ack_by, ack_at, ack_note, resolved_by, resolved_at, resolve_note";

  /** One statement decides between a new alert and a repeat, so two firings at once cannot open two. */
  static final String FIRE = """
      INSERT INTO alert (id, rule, kind, severity, subject_type, subject, area, title_zh, title_en, detail,
                         first_seen, last_seen, count, state)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, 1, 'open')
      ON CONFLICT (rule, subject) WHERE state <> 'resolved'
      DO UPDATE SET count = alert.count + 1, last_seen = EXCLUDED.last_seen, detail = EXCLUDED.detail
      RETURNING""" + " " + COLUMNS + ", (xmax = 0) AS created";

  /** {@link #FIRE} for several firings of one rule and subject at once: $12 of them. */
  static final String FIRE_COUNTED = """
      INSERT INTO alert (id, rule, kind, severity, subject_type, subject, area, title_zh, title_en, detail,
                         first_seen, last_seen, count, state)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $12, 'open')
      ON CONFLICT (rule, subject) WHERE state <> 'resolved'
      DO UPDATE SET count = alert.count + EXCLUDED.count, last_seen = EXCLUDED.last_seen, detail = EXCLUDED.detail
      RETURNING""" + " " + COLUMNS + ", (xmax = 0) AS created";

  /** The causes of many firings claimed at once; returns those that were new. */
  static final String CLAIM_CAUSES = """
      INSERT INTO alert_cause (key, at) SELECT k, $2 FROM unnest($1::uuid[]) AS t(k)
      ON CONFLICT DO NOTHING RETURNING key""";

  static final String ACKNOWLEDGE = "UPDATE alert SET state = 'acknowledged', ack_by = $2, ack_at = $3, ack_note = $4"
      + " WHERE id = $1 AND state = 'open' RETURNING " + COLUMNS;

  static final String RESOLVE = "UPDATE alert SET state = 'resolved', resolved_by = $2, resolved_at = $3, resolve_note = $4"
      + " WHERE id = $1 AND state <> 'resolved' RETURNING " + COLUMNS;

  /**
   * The critical alerts due a step up: open, waited the delay where they are, not at the top ($2). Locked
   * for the step; one an officer is acting on just now is skipped, and the act decides.
   */
  static final String DUE_ESCALATION = "SELECT " + COLUMNS + " FROM alert WHERE severity = 'critical' AND state = 'open'"
      + " AND COALESCE(escalated_at, first_seen) <= $1 AND (escalated_to IS NULL OR escalated_to <> ALL($2))"
      + " ORDER BY first_seen, id LIMIT $3 FOR UPDATE SKIP LOCKED";

  /** One statement for every step of a check: ids and where each goes, side by side. */
  static final String ESCALATE = "UPDATE alert SET escalated_at = $1, escalated_to = step.target"
      + " FROM unnest($2::uuid[], $3::text[]) AS step(alert_id, target) WHERE alert.id = step.alert_id RETURNING "
      + COLUMNS;

  static final String RECORD_EVENT = "INSERT INTO alert_event (alert_id, at, actor, action, note) VALUES ($1, $2, $3, $4, $5)";

  static final String FIND = "SELECT " + COLUMNS + " FROM alert WHERE id = $1";

  /** $2 the scope's subtree of area ids, or null for every area (the live picture's own list). */
  static final String LIST_UNRESOLVED = "SELECT " + COLUMNS + " FROM alert WHERE state <> 'resolved'"
      + " AND ($2::text[] IS NULL OR area = ANY($2)) ORDER BY first_seen DESC, id LIMIT $1";

  static final String LIST_IN_STATE = "SELECT " + COLUMNS + " FROM alert WHERE state = $1"
      + " AND ($3::text[] IS NULL OR area = ANY($3)) ORDER BY first_seen DESC, id LIMIT $2";

  static final String SEEN_SINCE = "SELECT " + COLUMNS + " FROM alert WHERE kind = $1 AND last_seen >= $2"
      + " ORDER BY last_seen DESC, id LIMIT $3";

  /** The daily review's alerts: those live in [$1, $2) in the areas $3. */
  static final String LIVE_IN = "SELECT " + COLUMNS + " FROM alert WHERE first_seen < $2"
      + " AND (resolved_at IS NULL OR resolved_at >= $1) AND area = ANY($3) ORDER BY first_seen, id LIMIT $4";

  static final String HISTORY = "SELECT alert_id, at, actor, action, note FROM alert_event WHERE alert_id = $1 ORDER BY at, id";

  static final String EVENTS = "SELECT e.alert_id, e.at, e.actor, e.action, e.note FROM alert_event e"
      + " JOIN alert a ON a.id = e.alert_id WHERE e.at >= $1 AND e.at < $2 AND ($3::text[] IS NULL OR a.area = ANY($3))"
      + " ORDER BY e.at, e.id";

  /** A cause counts once, whichever node or retry sends it: no row back means it was counted before. */
  static final String CLAIM_CAUSE = "INSERT INTO alert_cause (key, at) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING key";

  /** The alert a repeated cause was counted on: the unresolved one, else the newest. */
  static final String LATEST_OF = "SELECT " + COLUMNS + " FROM alert WHERE rule = $1 AND subject = $2"
      + " ORDER BY (state <> 'resolved') DESC, first_seen DESC, id LIMIT 1";

  static final String FORGET_CAUSES = "DELETE FROM alert_cause WHERE at < $1";
}
