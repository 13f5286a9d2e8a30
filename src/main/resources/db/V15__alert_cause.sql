-- A counted cause is kept as one 16-byte key instead of three text columns: the claim is a row per report
-- and rule in an alert storm, and a primary key of three texts made it PostgreSQL's costliest statement after
-- the reports' own insert. The key is the MD5 of the rule, the subject and the cause, each of the first two
-- prefixed by its length in bytes so that no two triples meet (alert/CauseKeys computes the same); the
-- causes counted before this version keep counting once.
CREATE TABLE alert_cause (
  key uuid        PRIMARY KEY,
  at  timestamptz NOT NULL
);
INSERT INTO alert_cause (key, at)
  SELECT md5(octet_length(rule) || ':' || rule || octet_length(subject) || ':' || subject || cause)::uuid, max(at)
  FROM alert_firing GROUP BY 1;
DROP TABLE alert_firing;
CREATE INDEX alert_cause_at_idx ON alert_cause (at);
