// What the case tab knows of cases without a page: the API's fixed names (docs/api.md), which of a
// case's `allowed` actions an officer may take (the server answers for the state; the role is the
// page's to filter), and how an alert reads as a case. No DOM here: src/test/js tests it under Node.

export const STATES = ['new', 'dispatched', 'handling', 'reported', 'parked', 'closed', 'cancelled'];
export const OPEN_STATES = ['new', 'dispatched', 'handling', 'reported', 'parked'];
export const CATEGORIES = ['petition', 'sanitation', 'checkpoint', 'other'];
export const URGENCIES = ['normal', 'urgent', 'emergency'];
export const LEVELS = ['yellow', 'red'];
/** The server's bounds on a case's texts (docs/api.md, cases). */
export const TITLE_MAX = 100;
export const DESCRIPTION_MAX = 2000;

/** The officer's actions in the order their buttons stand: the loop's next step first. */
export const OFFICER_ACTIONS = ['dispatch', 'verify', 'extension', 'resume', 'urge', 'supervise', 'park', 'cancel'];

export const isOpen = (c) => Boolean(c) && OPEN_STATES.includes(c.state);

/** The buttons an officer gets for a case: its allowed actions that are an officer's, in button order. */
export function officerActions(c) {
  const allowed = new Set(Array.isArray(c && c.allowed) ? c.allowed : []);
  // granting needs something to grant: the server allows `extension` on any open case that asked
  if (!(c && c.extensionAsked)) allowed.delete('extension');
  // 督办 only rises: red is as high as it goes
  if (c && c.supervision === 'red') allowed.delete('supervise');
  return OFFICER_ACTIONS.filter((a) => allowed.has(a));
}

/** The supervision levels an officer may still choose: the same or higher than the case's. */
export function levelsFrom(current) {
  const from = LEVELS.indexOf(current);
  return from < 0 ? LEVELS.slice() : LEVELS.slice(from);
}

// The sample district's site kinds; a kind named as a category is that category.
const CATEGORY_OF_KIND = { community: 'petition', petition: 'petition', inspection: 'sanitation', sanitation: 'sanitation',
  checkpoint: 'checkpoint' };
const URGENCY_OF_SEVERITY = { critical: 'emergency', warning: 'urgent', info: 'normal' };

/** The category a case about a site of this kind most likely has; `other` when nothing says. */
export function categoryOfKind(kind) {
  return CATEGORY_OF_KIND[kind] || 'other';
}

export function urgencyOfSeverity(severity) {
  return URGENCY_OF_SEVERITY[severity] || 'normal';
}

/**
 * The case form filled in from an alert: its place and title as the title, the category from its
 * site's kind, the urgency from its severity, the alert linked.
 * @param alert     the alert as the API sends it
 * @param text      {describe(alert), kindOfSite(siteId)}: how the page names an alert and knows a site
 */
export function fromAlert(alert, text) {
  const kind = alert.site ? text.kindOfSite(alert.site) : null;
  const description = [alert.detail, alert.note].filter((s) => typeof s === 'string' && s.trim()).join('\n');
  return {
    title: text.describe(alert).slice(0, TITLE_MAX),
    category: categoryOfKind(kind),
    urgency: urgencyOfSeverity(alert.severity),
    site: alert.site || '',
    area: alert.site ? '' : (alert.area || ''),
    alert: alert.id,
    description: (description || text.describe(alert)).slice(0, DESCRIPTION_MAX),
  };
}

/**
 * The newest open case linked to an alert, else the newest linked one; null when the alert has none.
 * One open case per alert is the server's rule; a closed one may stand beside a newer open one.
 */
export function caseOfAlert(cases, alertId) {
  let best = null;
  for (const c of cases) {
    if (!c || c.alert !== alertId) continue;
    if (!best || (isOpen(c) && !isOpen(best)) || (isOpen(c) === isOpen(best) && String(c.openedAt) > String(best.openedAt))) best = c;
  }
  return best;
}

/**
 * Units that can take a case in `areaId`: those with a site in that area or below it (the server
 * refuses the others with a 422 on `unit`). A unit whose sites the page cannot see is left out.
 * @param units   [{id, name, sites: [siteId]}]
 * @param siteArea siteId → areaId, or undefined when the site is not in the officer's catalogue
 * @param within  (areaId, ancestorId) → whether areaId lies in ancestorId's subtree
 */
export function unitsForArea(units, areaId, siteArea, within) {
  return units.filter((u) => !u.disabled && Array.isArray(u.sites)
    && u.sites.some((s) => { const a = siteArea(s); return a !== undefined && within(a, areaId); }));
}

/**
 * The dispatch list as GET /api/v1/cases/{id}/units answers it, kept in the server's order (best match
 * first): [{id, name, match}], a unit without a name shown by its id; null when the answer is no list.
 */
export function dispatchChoices(answer) {
  if (!answer || !Array.isArray(answer.units)) return null;
  return answer.units.filter((u) => u && typeof u.id === 'string' && u.id)
    .map((u) => ({ id: u.id, name: typeof u.name === 'string' && u.name ? u.name : u.id, match: u.match === true }));
}

/**
 * Where a photo was taken, as the detail shows it under the thumbnail: latitude, longitude in degrees to
 * four places (about 10 m), or null when the unit sent no location with it.
 */
export function photoPlace(p) {
  if (!p || !Number.isFinite(p.lat) || !Number.isFinite(p.lon)) return null;
  return { lat: p.lat.toFixed(4), lon: p.lon.toFixed(4) };
}
