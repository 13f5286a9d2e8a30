-- What an event says when no feature can be asked for it later (an urging, 催报: its sites and note), carried
-- from the bus to the router through the store. Alert and case events are read when routed: null for them,
-- so V12's triggers are unchanged.
ALTER TABLE notify_event ADD COLUMN IF NOT EXISTS detail jsonb;
