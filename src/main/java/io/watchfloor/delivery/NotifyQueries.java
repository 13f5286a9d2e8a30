package io.watchfloor.delivery;

/** The delivery store's SQL, on V12__notify.sql's tables. */
final class NotifyQueries {
  private NotifyQueries() {
  }

  static final String CHANNEL_COLUMNS = "id, name, type, url, secret, auth, sms, scope, unit, per_minute, stopped_at, "
      + "stopped_why, created_at, created_by";
  static final String INSERT_CHANNEL = "INSERT INTO notify_channel (" + CHANNEL_COLUMNS + ") "
      + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)";
  /** The unique index a second channel of the same name and scope breaks (23505). */
  static final String CHANNEL_NAME_INDEX = "notify_channel_name_idx";
  static final String CHANNELS = "SELECT " + CHANNEL_COLUMNS + " FROM notify_channel ORDER BY created_at, id";
  static final String CHANNEL = "SELECT " + CHANNEL_COLUMNS + " FROM notify_channel WHERE id = $1";
  /** Its routes and messages go by the foreign keys' ON DELETE CASCADE, in the same statement. */
  static final String DELETE_CHANNEL = "DELETE FROM notify_channel WHERE id = $1";
  static final String STOP_CHANNEL = "UPDATE notify_channel SET stopped_at = $2, stopped_why = $3 WHERE id = $1";
  static final String RESUME_CHANNEL = "UPDATE notify_channel SET stopped_at = NULL, stopped_why = NULL WHERE id = $1";

  static final String ROUTE_COLUMNS = "id, channel, scope, events, min_severity, created_at, created_by";
  static final String INSERT_ROUTE = "INSERT INTO notify_route (" + ROUTE_COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, $7)";
  static final String ROUTES = "SELECT " + ROUTE_COLUMNS + " FROM notify_route ORDER BY created_at, id";
  static final String DELETE_ROUTE = "DELETE FROM notify_route WHERE id = $1";
  /**
   * An admin's change of channels and routes is audited in its own transaction (V8's access_audit, as the rule
   * store does), so a failover between the two cannot keep the change without its line, nor answer 503 for a
   * channel that was kept.
   */
  static final String INSERT_AUDIT = "INSERT INTO access_audit (at, actor, action, target, scope, before, after)"
      + " VALUES ($1, $2, $3, $4, $5, $6, $7)";

  /** The triggers have usually recorded the event already, in its own transaction: then this changes nothing. */
  static final String HEARD = "INSERT INTO notify_event (kind, ref, step, at, detail) VALUES ($1, $2, $3, $4, $5) "
      + "ON CONFLICT DO NOTHING";
  static final String UNROUTED = "SELECT id, kind, ref, step, at, detail FROM notify_event WHERE NOT routed "
      + "ORDER BY id LIMIT $1";
  static final String MARK_ROUTED = "UPDATE notify_event SET routed = true WHERE id = ANY($1) AND NOT routed";

  /**
   * Every message of a routing in one statement, in the order given (which is the events' order, and so each
   * channel's sending order). A message already stored for its channel and key is left as it is, whoever stored
   * it: a second router's insert waits for the first's commit on the unique index, then does nothing. A message
   * for a channel deleted since it was routed is left out: the join locks the channel's row (FOR KEY SHARE, as
   * the foreign key's own check would), so a delete in flight either waits for this commit or has removed the
   * row this join would have found, and the insert never fails on the foreign key.
   */
  static final String INSERT_MESSAGES = "INSERT INTO notify_outbox (channel, key, kind, notice, created_at, attempts, next_at) "
      + "SELECT m.channel, m.key, m.kind, m.notice::jsonb, m.created_at, m.attempts, m.next_at "
      + "FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::int[], $7::timestamptz[]) "
      + "WITH ORDINALITY AS m(channel, key, kind, notice, created_at, attempts, next_at, n) "
      + "JOIN notify_channel c ON c.id = m.channel ORDER BY m.n FOR KEY SHARE OF c "
      + "ON CONFLICT (channel, key) DO NOTHING";

  static final String MESSAGE_COLUMNS = "id, channel, key, kind, notice, created_at, attempts, next_at";
  static final String PENDING = "SELECT " + MESSAGE_COLUMNS + " FROM notify_outbox "
      + "WHERE channel = $1 AND state = 'pending' ORDER BY id LIMIT $2";
  static final String CHANNELS_WITH_PENDING = "SELECT DISTINCT channel FROM notify_outbox WHERE state = 'pending' "
      + "ORDER BY channel";
  static final String SENT_SINCE = "SELECT channel, done_at FROM notify_outbox WHERE state = 'sent' AND done_at >= $1 "
      + "ORDER BY done_at, id";

  // Each transition moves pending messages only, so a sending reported twice (a sender that took over) or a
  // retry reported after a failure changes nothing.
  static final String SENT_LEAD = "UPDATE notify_outbox SET state = 'sent', done_at = $2, answer = $3, "
      + "attempts = attempts + 1 WHERE id = $1 AND state = 'pending'";
  /** The messages a digest carried: done with it, and with its answer, which is theirs too. */
  static final String SENT_MERGED = "UPDATE notify_outbox SET state = 'merged', merged_into = $2, done_at = $3, "
      + "answer = $4 WHERE id = ANY($1) AND state = 'pending'";
  static final String RETRY = "UPDATE notify_outbox SET attempts = attempts + 1, next_at = $2, answer = $3 "
      + "WHERE id = ANY($1) AND state = 'pending'";
  static final String FAILED = "UPDATE notify_outbox SET state = 'failed', done_at = $2, answer = $3 "
      + "WHERE id = ANY($1) AND state = 'pending'";

  /**
   * Every channel with its counts and its latest done message's answer (of two at one instant, the later
   * message's): one pass over the outbox, grouped, however many channels.
   */
  static final String STATUS = "SELECT c.id, "
      + "count(*) FILTER (WHERE o.state = 'pending') AS pending, count(*) FILTER (WHERE o.state = 'sent') AS sent, "
      + "count(*) FILTER (WHERE o.state = 'merged') AS merged, count(*) FILTER (WHERE o.state = 'failed') AS failed, "
      + "max(o.done_at) AS last_done, "
      + "(array_agg(o.answer ORDER BY o.done_at DESC, o.id DESC) FILTER (WHERE o.done_at IS NOT NULL))[1] AS last_answer "
      + "FROM notify_channel c LEFT JOIN notify_outbox o ON o.channel = c.id GROUP BY c.id ORDER BY c.id";

  static final String FAILURES = "SELECT id, key, kind, created_at, done_at, attempts, answer FROM notify_outbox "
      + "WHERE channel = $1 AND state = 'failed' ORDER BY done_at DESC, id DESC LIMIT $2";

  /** Both deletes in one statement, so one snapshot and one commit; a pending message stays however old. */
  static final String PRUNE = "WITH events AS (DELETE FROM notify_event WHERE routed AND at < $1 RETURNING 1), "
      + "messages AS (DELETE FROM notify_outbox WHERE state <> 'pending' AND done_at < $1 RETURNING 1) "
      + "SELECT (SELECT count(*) FROM events) + (SELECT count(*) FROM messages) AS gone";
}
