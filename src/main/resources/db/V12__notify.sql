-- Notifications (docs/notify.md): channels and routes kept in /admin, the events to route and
-- the outbox, in the store of record so that a restart or the death of the sending node loses nothing.

-- Where messages go. url and secret are stored as given and never shown back (the API shows their last
-- 4 characters). unit: the field unit whose own contact channel this is (its cases and 催报 go here).
CREATE TABLE notify_channel (
  id          text        PRIMARY KEY,
  name        text        NOT NULL,
  type        text        NOT NULL CHECK (type IN ('wecom', 'dingtalk', 'webhook', 'sms')),
  url         text        NOT NULL,
  secret      text,
  -- webhook: none, bearer (the secret as a bearer token) or hmac (a signature header keyed with it)
  auth        text        NOT NULL DEFAULT 'none' CHECK (auth IN ('none', 'bearer', 'hmac')),
  -- sms: {method, contentType, headers, body, phones}
  sms         jsonb,
  scope       text        NOT NULL,
  unit        text,
  per_minute  integer     NOT NULL DEFAULT 20 CHECK (per_minute BETWEEN 1 AND 600),
  -- a receiver that refused the key or the secret: nothing is sent until an admin saves the channel again
  stopped_at  timestamptz,
  stopped_why text,
  created_at  timestamptz NOT NULL,
  created_by  text        NOT NULL
);
CREATE UNIQUE INDEX notify_channel_name_idx ON notify_channel (scope, name);

-- Which events of which scope, from which severity up, go to which channel.
CREATE TABLE notify_route (
  id           text        PRIMARY KEY,
  channel      text        NOT NULL REFERENCES notify_channel (id) ON DELETE CASCADE,
  scope        text        NOT NULL,
  events       text[]      NOT NULL,
  min_severity text,
  created_at   timestamptz NOT NULL,
  created_by   text        NOT NULL
);
CREATE INDEX notify_route_channel_idx ON notify_route (channel);

-- What happened that a route may send: written in the same transaction as the alert's or the case's own
-- trail line (by the triggers below), so an event is never lost between its commit and its routing.
-- (kind, ref, step) is the event's identity: the node that heard it on the bus records the same key, and
-- a second record changes nothing.
CREATE TABLE notify_event (
  id     bigserial   PRIMARY KEY,
  kind   text        NOT NULL,
  ref    text        NOT NULL,
  step   text        NOT NULL,
  at     timestamptz NOT NULL,
  -- what the event says when no feature can be asked later (an urging); null for alerts and cases
  detail jsonb,
  routed boolean     NOT NULL DEFAULT false,
  UNIQUE (kind, ref, step)
);
CREATE INDEX notify_event_unrouted_idx ON notify_event (id) WHERE NOT routed;

-- One message per channel and event. key is the message's stable id (the webhook's fingerprint source),
-- so an event routed twice, or a message sent twice after a crash, is the same message.
-- state: pending, sent, merged (carried in the digest message merged_into), failed.
CREATE TABLE notify_outbox (
  id          bigserial   PRIMARY KEY,
  channel     text        NOT NULL REFERENCES notify_channel (id) ON DELETE CASCADE,
  key         text        NOT NULL,
  kind        text        NOT NULL,
  notice      jsonb       NOT NULL,
  created_at  timestamptz NOT NULL,
  state       text        NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'merged', 'failed')),
  attempts    integer     NOT NULL DEFAULT 0,
  next_at     timestamptz NOT NULL,
  done_at     timestamptz,
  merged_into bigint,
  answer      text,
  UNIQUE (channel, key)
);
CREATE INDEX notify_outbox_pending_idx ON notify_outbox (channel, id) WHERE state = 'pending';
CREATE INDEX notify_outbox_failed_idx ON notify_outbox (done_at) WHERE state = 'failed';
-- when each channel last sent, for its per-minute budget after a restart or a takeover
CREATE INDEX notify_outbox_sent_idx ON notify_outbox (channel, done_at) WHERE state = 'sent';

CREATE FUNCTION notify_alert_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.action IN ('fired', 'resolved') THEN
    INSERT INTO notify_event (kind, ref, step, at) VALUES ('alert.' || NEW.action, NEW.alert_id::text, '', NEW.at)
    ON CONFLICT DO NOTHING;
  ELSIF NEW.action = 'escalated' THEN
    -- each step up the ladder is its own event: the area it reached
    INSERT INTO notify_event (kind, ref, step, at)
    SELECT 'alert.escalated', NEW.alert_id::text, coalesce(a.escalated_to, ''), NEW.at FROM alert a WHERE a.id = NEW.alert_id
    ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER alert_event_notify AFTER INSERT ON alert_event FOR EACH ROW EXECUTE FUNCTION notify_alert_event();

CREATE FUNCTION notify_case_event() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  kind text := CASE
    WHEN NEW.action = 'dispatch' THEN 'case.dispatched'
    WHEN NEW.action = 'near_due' THEN 'case.near-due'
    WHEN NEW.action = 'overdue' THEN 'case.overdue'
    WHEN NEW.action = 'urge' THEN 'case.urged'
    WHEN NEW.action = 'verify' AND NEW.to_state <> 'closed' THEN 'case.reworked'
  END;
BEGIN
  IF kind IS NOT NULL THEN
    INSERT INTO notify_event (kind, ref, step, at) VALUES (kind, NEW.case_id::text, NEW.seq::text, NEW.at)
    ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER case_event_notify AFTER INSERT ON case_event FOR EACH ROW EXECUTE FUNCTION notify_case_event();
