// The screen's copy of the live state (DESIGN §5): replaced by each snapshot, patched by each delta,
// and told of alerts as they fire. Remembers which top-level parts changed since the last render.

export const MAX_ALERTS = 200;

let state = null;
const changed = new Set();

export function current() {
  return state;
}

export function replace(next) {
  state = next || {};
  if (!Array.isArray(state.alerts)) state.alerts = [];
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
  if (!Array.isArray(state.alerts)) state.alerts = [];
  for (const key in changes) changed.add(key);
  trimAlerts();
}

/** An alert frame: inserted or updated by id; a resolved one leaves the open list. */
export function applyAlert(alert) {
  if (!state || !alert || typeof alert !== 'object') return;
  const list = state.alerts;
  const index = alert.id === undefined ? -1 : list.findIndex((a) => a && a.id === alert.id);
  const closed = alert.state === 'resolved' || alert.state === 'closed';
  if (index >= 0) {
    if (closed) list.splice(index, 1);
    else list[index] = alert;
  } else if (!closed) {
    list.push(alert);
  }
  trimAlerts();
  changed.add('alerts');
}

function trimAlerts() {
  const list = state.alerts;
  if (list.length > MAX_ALERTS) {
    list.sort((a, b) => String(b.firstSeen || '').localeCompare(String(a.firstSeen || '')));
    list.length = MAX_ALERTS;
  }
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
