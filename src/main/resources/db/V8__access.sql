-- Administration: who may do what lives in the store, not in config/access.json, so an
-- admin changes it in the browser and every node sees it at once. Secrets only as hashes: SHA-256 of
-- unit tokens, display keys and setup secrets (long random strings), PBKDF2 of passwords.
-- `demo` marks the public demo credentials: a server started without the demo never accepts them.

-- Bumped in the transaction of every change: a node whose cluster publish was lost sees it moved.
CREATE TABLE access_state (
  one     boolean PRIMARY KEY DEFAULT true CHECK (one),
  version bigint  NOT NULL DEFAULT 0,
  seeded  boolean NOT NULL DEFAULT false
);
INSERT INTO access_state (one) VALUES (true);

CREATE TABLE access_unit (
  id                    text        PRIMARY KEY,
  name                  text        NOT NULL,
  scope                 text        NOT NULL,
  sites                 text[]      NOT NULL,
  site_kinds            text[]      NOT NULL,
  token_sha256          text        NOT NULL UNIQUE,
  previous_token_sha256 text,
  previous_until        timestamptz,
  disabled              boolean     NOT NULL DEFAULT false,
  demo                  boolean     NOT NULL DEFAULT false
);

CREATE TABLE access_operator (
  username      text    PRIMARY KEY,
  name          text    NOT NULL,
  role          text    NOT NULL CHECK (role IN ('viewer', 'officer', 'admin')),
  scope         text    NOT NULL,
  password_hash text    NOT NULL,
  must_change   boolean NOT NULL DEFAULT false,
  disabled      boolean NOT NULL DEFAULT false,
  -- moved on disable and reset: a session remembers the epoch it was made in and ends with it
  epoch         integer NOT NULL DEFAULT 0,
  demo          boolean NOT NULL DEFAULT false
);

CREATE TABLE access_display_key (
  id         text    PRIMARY KEY,
  label      text    NOT NULL,
  scope      text    NOT NULL,
  key_sha256 text    NOT NULL UNIQUE,
  revoked    boolean NOT NULL DEFAULT false,
  demo       boolean NOT NULL DEFAULT false
);

-- Every change, and every failed sign-in: who, when, what, before and after. `scope` is the area the
-- change concerns, so a town's admin lists only its town's entries.
CREATE TABLE access_audit (
  id     bigserial   PRIMARY KEY,
  at     timestamptz NOT NULL,
  actor  text        NOT NULL,
  action text        NOT NULL,
  target text        NOT NULL,
  scope  text        NOT NULL,
  before jsonb,
  after  jsonb
);
CREATE INDEX access_audit_at_idx ON access_audit (at DESC);

-- The one-time links of a first start: valid until expires_at, used once.
CREATE TABLE access_setup (
  secret_sha256 text        PRIMARY KEY,
  expires_at    timestamptz NOT NULL,
  used_at       timestamptz
);
