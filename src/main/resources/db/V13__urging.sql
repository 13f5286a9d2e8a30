-- 催报: an officer urging a late site's unit to report (docs/api.md#催报-urging-late-reporters).
-- One row per site urged; unit is the site's unit when it was urged (none: null), area the site's own area.
CREATE TABLE urging (
  id    uuid PRIMARY KEY,
  site  text NOT NULL,
  unit  text,
  area  text NOT NULL,
  by    text NOT NULL,
  at    timestamptz NOT NULL,
  note  text
);
-- the daily review reads an area's day; the field page a site's day
CREATE INDEX urging_area_at ON urging (area, at);
CREATE INDEX urging_site_at ON urging (site, at);

-- The repeat limit, kept by the insert itself: a site's row moves on only when its last urging is older than
-- the limit, so two officers urging one site at once urge it once (the second waits on the first's row).
CREATE TABLE urge_limit (
  site     text PRIMARY KEY,
  last_at  timestamptz NOT NULL
);

-- An urging is an event the notifications route (docs/notify.md): recorded in the urging's own transaction,
-- with what it says, since no feature is asked about an urging later.
CREATE FUNCTION notify_urging() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO notify_event (kind, ref, step, at, detail)
  VALUES ('compliance.urged', NEW.id::text, '', NEW.at, jsonb_build_object('id', NEW.id, 'site', NEW.site,
    'unit', NEW.unit, 'area', NEW.area, 'note', NEW.note, 'by', NEW.by, 'at', NEW.at))
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER urging_notify AFTER INSERT ON urging FOR EACH ROW EXECUTE FUNCTION notify_urging();
