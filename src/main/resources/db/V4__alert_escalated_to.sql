-- Escalation up the tree of areas (docs/api.md#the-tree-of-areas-and-scopes): the command centre an alert was last escalated to.
-- escalated_at becomes the time of that last step, from which the next delay is counted.
ALTER TABLE alert ADD COLUMN escalated_to text;

-- Every alert read is cut to a scope's subtree by area.
CREATE INDEX alert_area_state_idx ON alert (area, state, first_seen);
