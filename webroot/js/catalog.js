// The catalogue (GET /api/v1/catalog), loaded once at start: the jurisdiction, site kinds with their
// reporting intervals, the areas of the screen's scope (the scope first) with map outlines, sites,
// metrics with zh/en labels.

let catalog = null;
const sitesById = new Map();
const areasById = new Map();
const kindsByKey = new Map();
const metricsByKey = new Map();
const childrenById = new Map();

export function setCatalog(json) {
  catalog = json;
  for (const s of json.sites) sitesById.set(s.id, s);
  for (const a of json.areas) {
    areasById.set(a.id, a);
    if (a.parent) childrenById.set(a.parent, (childrenById.get(a.parent) || []).concat(a));
  }
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

/** The area the screen shows: the catalogue's scope (an older server without one: the root). */
export const scope = () => catalog.scope || catalog.jurisdiction.id;
export const scopeArea = () => areasById.get(scope()) || catalog.jurisdiction;
/** An area's child areas, in catalogue order. */
export const children = (id) => childrenById.get(id) || [];

/**
 * The areas whose outlines make the scope's map: its children (an outline is drawn on its parent's
 * map), or the scope itself when it has none, as a village's sites sit on its parent's map too.
 */
export function mapAreas() {
  const kids = children(scope());
  const own = area(scope());
  return kids.length > 0 ? kids : own && own.outline && own.outline.length > 2 ? [own] : [];
}

/** 'district' when the scope's children have children of their own (towns of villages), else 'town'. */
export function layout() {
  return children(scope()).some((c) => children(c.id).length > 0) ? 'district' : 'town';
}

/** The child of the scope on the way down to an area (the town of a village), or null if outside. */
export function childToward(areaId) {
  const top = scope();
  let a = area(areaId);
  while (a && a.parent !== top) a = a.parent ? area(a.parent) : null;
  return a ? a.id : null;
}

/** ISO-8601 durations as the server writes them (PT1H, PT24H, P1D, PT30M); null stays null. */
export function isoDurationMs(text) {
  if (!text) return null;
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text);
  if (!m) return null;
  return (((+(m[1] || 0) * 24 + +(m[2] || 0)) * 60 + +(m[3] || 0)) * 60 + +(m[4] || 0)) * 1000;
}
