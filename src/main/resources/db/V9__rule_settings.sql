-- Alert rules' settings at run time: seeded once from config/rules.json, then changed in /admin.
-- Each rule is kept in the file's own shape (body), so the file's parser checks what the store holds.
CREATE TABLE rule_setting (
  id          text PRIMARY KEY,
  position    integer NOT NULL,
  enabled     boolean NOT NULL DEFAULT true,
  body        jsonb NOT NULL,
  updated_at  timestamptz NOT NULL,
  updated_by  text
);

-- One row: the set's version, raised with every change; every node compares it with what it holds.
-- 0 means never seeded: a store whose rules were seeded once is not seeded again.
CREATE TABLE rule_version (
  one      boolean PRIMARY KEY DEFAULT true CHECK (one),
  version  bigint NOT NULL
);
INSERT INTO rule_version (one, version) VALUES (true, 0);
