-- History reads (GET /api/v1/series) take a few sites over a time range: site first, then time.
CREATE INDEX report_site_observed_idx ON report (site, observed_at);
