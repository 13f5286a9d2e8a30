// The field units a case can be dispatched to. The dispatch dialog asks the server which units may take
// the case (GET /api/v1/cases/{id}/units, best match first, the same rule the dispatch checks); if that
// fails, it offers the admin's list (GET /api/v1/admin/units) when the signed-in operator may read it,
// else takes the unit's id as typed, with the units seen on cases offered, and the server's 422 on
// `unit` says when one cannot take the case.
import * as api from '../api.js';
import * as catalog from '../../catalog.js';
import { unitsForArea, dispatchChoices } from './model.js';

let units = null; // [{id, name, sites, disabled}] or null when the list cannot be read
let loading = null;
const seen = new Map(); // unit id → name, from cases; bounded by the case store's own bound
const named = new Map(); // unit id → name, from the dispatch lists read; bounded alike

/** Reads the list once (again after a failure); resolves to the list or null. */
export function load(canRead) {
  if (units || !canRead) return Promise.resolve(units);
  if (!loading) {
    loading = api.get('/api/v1/admin/units')
      .then((r) => {
        units = Array.isArray(r) ? r : (r && (r.units || r.items)) || null;
        return units;
      })
      .catch(() => null)
      .finally(() => {
        loading = null;
      });
  }
  return loading;
}

/** Notes the units named on cases, so the dispatch dialog can offer them. */
export function note(cases) {
  for (const c of cases) if (c && typeof c.unit === 'string' && c.unit && !seen.has(c.unit) && seen.size < 1000) seen.set(c.unit, c.unit);
}

/**
 * What the dispatch dialog offers for this case: the server's list ({known: true, units: [{id, name,
 * match}]}), or, when it cannot be read, {@link choices}.
 */
export function forCase(c) {
  return api.get('/api/v1/cases/' + encodeURIComponent(c.id) + '/units')
    .then((answer) => {
      const list = dispatchChoices(answer);
      if (!list) return choices(c);
      for (const u of list) if (named.has(u.id) || named.size < 1000) named.set(u.id, u.name);
      return { known: true, units: list };
    })
    .catch(() => choices(c));
}

/** A unit's name, or its id when the page does not know it. */
export function name(id) {
  const u = units && units.find((x) => x.id === id);
  return (u && u.name) || named.get(id) || id;
}

/** Whether `area` lies in `ancestor`'s subtree, by the catalogue's parents. */
export function within(area, ancestor) {
  for (let a = catalog.area(area); a; a = a.parent ? catalog.area(a.parent) : null) if (a.id === ancestor) return true;
  return area === ancestor;
}

const siteArea = (id) => {
  const s = catalog.site(id);
  return s ? s.area : undefined;
};

/**
 * What the dispatch dialog offers for a case: {known: true, units} when the list was read (those with a
 * site in the case's area), else {known: false, units} with the units seen on cases.
 */
export function choices(c) {
  if (units) return { known: true, units: unitsForArea(units, c.area, siteArea, within) };
  return { known: false, units: [...seen.keys()].sort().map((id) => ({ id, name: id })) };
}

/** Every unit the page knows, for the queue's filter. */
export function all() {
  const known = units ? units.map((u) => ({ id: u.id, name: u.name || u.id })) : [];
  for (const id of new Set([...named.keys(), ...seen.keys()])) {
    if (!known.some((u) => u.id === id)) known.push({ id, name: named.get(id) || id });
  }
  return known.sort((x, y) => x.id.localeCompare(y.id));
}
