// The catalogue (GET /api/v1/catalog), loaded once at start: the jurisdiction, site kinds with their
// reporting intervals, areas with map outlines, sites, metrics with zh/en labels.

let catalog = null;
const sitesById = new Map();
const areasById = new Map();
const kindsByKey = new Map();
const metricsByKey = new Map();

export function setCatalog(json) {
  catalog = json;
  for (const s of json.sites) sitesById.set(s.id, s);
  for (const a of json.areas) areasById.set(a.id, a);
  for (const k of json.siteKinds) kindsByKey.set(k.key, Object.assign({ everyMs: isoDurationMs(k.expectedEvery) }, k));
  for (const m of json.metrics) metricsByKey.set(m.key, m);
}

export const jurisdiction = () => catalog.jurisdiction;
export const timezone = () => catalog.jurisdiction.timezone || 'Asia/Shanghai';
export const sites = () => catalog.sites;
export const areas = () => catalog.areas;
export const kinds = () => catalog.siteKinds;
export const site = (id) => sitesById.get(id);
export const area = (id) => areasById.get(id);
export const kind = (key) => kindsByKey.get(key);
export const metric = (key) => metricsByKey.get(key);
export const sitesOfKind = (key) => catalog.sites.filter((s) => s.kind === key);
/** The metrics a site of this kind reports, in catalogue order. */
export const metricsOfKind = (key) => catalog.metrics.filter((m) => m.siteKind === key);
/** Plausibility rules across a report's fields: {metric, atMost}, "metric ≤ atMost". */
export const checks = () => catalog.checks || [];

/** ISO-8601 durations as the server writes them (PT1H, PT24H, P1D, PT30M); null stays null. */
export function isoDurationMs(text) {
  if (!text) return null;
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text);
  if (!m) return null;
  return (((+(m[1] || 0) * 24 + +(m[2] || 0)) * 60 + +(m[3] || 0)) * 60 + +(m[4] || 0)) * 1000;
}
