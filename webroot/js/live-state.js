// The screen's copy of the live state (docs/live-protocol.md): replaced by each snapshot, patched by each delta,
// and told of alerts as they fire. Remembers which top-level parts changed since the last render.

export const MAX_ALERTS = 200;
/** As many overdue cases as the server lists per scope (docs/live-protocol.md, cases). */
export const MAX_OVERDUE = 20;

let state = null;
const changed = new Set();

export function current() {
  return state;
}

/** The open alerts are kept by id, as the server sends them, so a delta carries only the alert that changed. */
function isMap(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function replace(next) {
  state = next || {};
  if (!isMap(state.alerts)) state.alerts = {};
  changed.add('*');
}

/** Deltas hold only changed leaves with absolute values; null removes; arrays replace whole. */
export function merge(target, changes) {
  for (const key in changes) {
    const value = changes[key];
    if (value === null) {
      delete target[key];
    } else if (typeof value === 'object' && !Array.isArray(value)) {
      const into = target[key];
      if (into && typeof into === 'object' && !Array.isArray(into)) {
        merge(into, value);
      } else {
        target[key] = merge({}, value);
      }
    } else {
      target[key] = value;
    }
  }
  return target;
}

export function applyDelta(changes) {
  if (!state || !changes) return;
  merge(state, changes);
  if (!isMap(state.alerts)) state.alerts = {};
  for (const key in changes) changed.add(key);
  trimAlerts();
}

/** An alert frame: inserted or updated by id; a resolved one leaves the open list. */
export function applyAlert(alert) {
  if (!state || !alert || typeof alert !== 'object' || alert.id === undefined) return;
  if (alert.state === 'resolved' || alert.state === 'closed') {
    delete state.alerts[alert.id];
  } else {
    state.alerts[alert.id] = alert;
  }
  trimAlerts();
  changed.add('alerts');
}

function dueOf(c) {
  const ms = Date.parse(c && c.dueAt);
  return Number.isNaN(ms) ? Infinity : ms;
}

/**
 * A case frame: the ticker's overdue list follows at once, the longest overdue first; the counts come
 * with the next delta, which also replaces the list with the server's.
 */
export function applyCase(kase) {
  if (!state || !kase || typeof kase !== 'object' || typeof kase.id !== 'string') return;
  if (!isMap(state.cases)) state.cases = {};
  const listed = Array.isArray(state.cases.overdue) ? state.cases.overdue : [];
  const list = listed.filter((c) => c && c.id !== kase.id);
  const open = kase.state !== 'closed' && kase.state !== 'cancelled' && kase.state !== 'parked';
  if (kase.overdue === true && open) list.push(kase);
  list.sort((a, b) => dueOf(a) - dueOf(b) || String(a.id).localeCompare(String(b.id)));
  state.cases.overdue = list.slice(0, MAX_OVERDUE);
  changed.add('cases');
}

/** Keeps the newest MAX_ALERTS, so a storm of alerts cannot grow the page without bound. */
function trimAlerts() {
  const ids = Object.keys(state.alerts);
  if (ids.length <= MAX_ALERTS) return;
  ids.sort((a, b) => String(state.alerts[a].firstSeen || '').localeCompare(String(state.alerts[b].firstSeen || '')));
  for (const id of ids.slice(0, ids.length - MAX_ALERTS)) delete state.alerts[id];
}

export function markChanged(key) {
  changed.add(key);
}

/** Whether `key` (or everything) changed since clearChanged(). */
export function hasChanged(key) {
  return changed.has('*') || changed.has(key);
}

export function anyChanged() {
  return changed.size > 0;
}

export function clearChanged() {
  changed.clear();
}
