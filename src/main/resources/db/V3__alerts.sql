-- Alerts and their audit trail (docs/api.md#alerts). Survive restarts; the trail is never rewritten.
CREATE TABLE alert (
  id           uuid        PRIMARY KEY,
  rule         text        NOT NULL,
  kind         text        NOT NULL,
  severity     text        NOT NULL,
  subject_type text        NOT NULL,
  subject      text        NOT NULL,
  area         text,
  title_zh     text        NOT NULL,
  title_en     text        NOT NULL,
  detail       text        NOT NULL,
  first_seen   timestamptz NOT NULL,
  last_seen    timestamptz NOT NULL,
  count        bigint      NOT NULL DEFAULT 1,
  state        text        NOT NULL,
  escalated_at timestamptz,
  ack_by       text,
  ack_at       timestamptz,
  ack_note     text,
  resolved_by  text,
  resolved_at  timestamptz,
  resolve_note text
);

-- At most one unresolved alert per rule and subject: a repeat firing counts on it instead.
CREATE UNIQUE INDEX alert_one_unresolved_idx ON alert (rule, subject) WHERE state <> 'resolved';
CREATE INDEX alert_state_first_seen_idx ON alert (state, first_seen);

CREATE TABLE alert_event (
  id       bigserial   PRIMARY KEY,
  alert_id uuid        NOT NULL REFERENCES alert (id),
  at       timestamptz NOT NULL,
  actor    text        NOT NULL,
  action   text        NOT NULL,
  note     text
);
CREATE INDEX alert_event_alert_idx ON alert_event (alert_id, at);
CREATE INDEX alert_event_at_idx ON alert_event (at);
