-- The closed loop (docs/cases.md): cases, their trails and photos, the idempotency keys of their requests,
-- the time-limit table and the working-day calendar. Cases are kept; the trail is never rewritten.

-- One row per case, where it stands now. The case record's nested parts are columns of their own (the
-- subject, the stage clock, the pending extension request, the tally), so the figures can be counted in SQL.
-- version counts the trail's lines: a step is written only over the version it was computed from.
CREATE TABLE case_file (
  id               uuid        PRIMARY KEY,
  title            text,
  category         text        NOT NULL,
  urgency          text        NOT NULL,
  site             text,
  area             text,
  alert            uuid,
  description      text,
  source           text        NOT NULL,
  opened_by        text        NOT NULL,
  opened_at        timestamptz NOT NULL,
  state            text        NOT NULL
    CHECK (state IN ('new', 'dispatched', 'handling', 'reported', 'closed', 'parked', 'cancelled')),
  unit             text,
  stage            text        CHECK (stage IN ('sign', 'handle', 'verify')),
  stage_started_at timestamptz,
  due_at           timestamptz,
  -- 80 % of [stage_started_at, due_at], kept so the deadline clock's question is an index range
  near_due_at      timestamptz,
  near_due         boolean     NOT NULL DEFAULT false,
  overdue          boolean     NOT NULL DEFAULT false,
  escalated_to     text,
  escalated_at     timestamptz,
  supervision      text        CHECK (supervision IN ('yellow', 'red')),
  ext_until        timestamptz,
  ext_reason       text,
  ext_by           text,
  ext_at           timestamptz,
  parked_from      text,
  reported_by      text,
  closed_at        timestamptz,
  urges            integer     NOT NULL DEFAULT 0,
  reworks          integer     NOT NULL DEFAULT 0,
  extensions       integer     NOT NULL DEFAULT 0,
  returns          integer     NOT NULL DEFAULT 0,
  signed_on_time   boolean,
  handled_on_time  boolean,
  ever_overdue     boolean     NOT NULL DEFAULT false,
  version          integer     NOT NULL,
  updated_at       timestamptz NOT NULL,
  -- when the case stopped counting as open: closed, or cancelled (no action follows either, so the last
  -- update is the ending one); never before the opening, whatever the clocks of the nodes that acted said
  ended_at         timestamptz GENERATED ALWAYS AS (
    CASE WHEN state = 'closed' THEN GREATEST(closed_at, opened_at)
         WHEN state = 'cancelled' THEN GREATEST(updated_at, opened_at) END) STORED
);

-- Lists: a scope's cases newest first, by area, optionally in one state.
CREATE INDEX case_file_area_opened_idx ON case_file (area, opened_at DESC, id);
CREATE INDEX case_file_state_opened_idx ON case_file (state, opened_at DESC, id);
CREATE INDEX case_file_opened_idx ON case_file (opened_at DESC, id);
-- An alert becomes at most one open case: a second opening for it is refused, naming the first.
CREATE UNIQUE INDEX case_file_open_alert_idx ON case_file (alert)
  WHERE alert IS NOT NULL AND state NOT IN ('closed', 'cancelled');
-- A unit's open tasks, newest first.
CREATE INDEX case_file_unit_open_idx ON case_file (unit, opened_at DESC, id)
  WHERE unit IS NOT NULL AND state NOT IN ('closed', 'cancelled');
-- The deadline clock's three questions, each over the running clocks only (a stage runs only while open).
CREATE INDEX case_file_near_due_idx ON case_file (near_due_at) WHERE stage IS NOT NULL AND NOT near_due;
CREATE INDEX case_file_due_idx ON case_file (due_at) WHERE stage IS NOT NULL AND NOT overdue;
CREATE INDEX case_file_escalation_idx ON case_file (escalated_at) WHERE stage IS NOT NULL AND overdue;
-- The figures of a period: the cases whose open span [opened_at, ended_at] meets it.
CREATE INDEX case_file_span_idx ON case_file USING gist (tstzrange(opened_at, ended_at, '[]'));

-- The trail: one line per step, seq = the case's version after it (1: the opening).
CREATE TABLE case_event (
  case_id    uuid        NOT NULL REFERENCES case_file (id),
  seq        integer     NOT NULL,
  action     text        NOT NULL,
  by         text        NOT NULL,
  at         timestamptz NOT NULL,
  from_state text,
  to_state   text        NOT NULL,
  note       text,
  detail     jsonb       NOT NULL DEFAULT '{}',
  PRIMARY KEY (case_id, seq)
);
CREATE INDEX case_event_at_idx ON case_event (at);

-- Photos come with a trail line (a report, a field event's opening); n keeps their order within it.
CREATE TABLE case_photo (
  id         uuid        PRIMARY KEY,
  case_id    uuid        NOT NULL,
  seq        integer     NOT NULL,
  n          smallint    NOT NULL,
  media_type text        NOT NULL,
  size       integer     NOT NULL,
  sha256     text        NOT NULL,
  bytes      bytea       NOT NULL,
  at         timestamptz NOT NULL,
  FOREIGN KEY (case_id, seq) REFERENCES case_event (case_id, seq)
);
CREATE INDEX case_photo_case_idx ON case_photo (case_id, seq, n);

-- Idempotency: (principal, key) is unique, stored with its answer in the step's own transaction. No
-- reference to case_file: the row is claimed before the case it opens exists. Forgotten after 7 days.
-- The answer is json, not jsonb: a resend gets the first answer's very text, its keys in their order.
CREATE TABLE case_request (
  principal   text        NOT NULL,
  key         text        NOT NULL,
  fingerprint text        NOT NULL,
  case_id     uuid        NOT NULL,
  status      integer,
  answer      json,
  at          timestamptz NOT NULL,
  PRIMARY KEY (principal, key)
);
CREATE INDEX case_request_at_idx ON case_request (at);

-- The time-limit table: category x urgency -> each stage's limit as text, such as '30 minutes' or '2 workdays'.
CREATE TABLE case_limit (
  category text NOT NULL,
  urgency  text NOT NULL,
  sign     text NOT NULL,
  handle   text NOT NULL,
  verify   text NOT NULL,
  PRIMARY KEY (category, urgency)
);

-- The working-day calendar's exceptions to Monday-Friday: holidays and make-up working days.
CREATE TABLE work_day (
  day     date    PRIMARY KEY,
  working boolean NOT NULL,
  note    text
);
