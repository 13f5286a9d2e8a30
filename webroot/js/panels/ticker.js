// Ticker of overdue cases (state.cases.overdue, the longest overdue first), then open alerts, newest first. Alerts are shown generically (severity, first seen, site,
// title) so new alert kinds need no change here. A layout may keep only some alerts and tag each
// (the district's: those escalated to it, tagged with the town they came from). A fixed pool of nodes is reused; the track holds
// the list twice so the CSS scroll loops without a seam. Under prefers-reduced-motion it never scrolls: the
// first items stand still and the text alternative (the wall's figures, js/figures.js) carries the rest.
import { t } from '../i18n.js';
import { describe, severity } from '../alert-text.js';
import { formatHm, parseInstant } from '../server-clock.js';

export const MAX_ITEMS = 30;
const PX_PER_SECOND = 90;

let root = null;
let windowEl = null;
let track = null;
let empty = null;
const pool = []; // [copy 0 items..., copy 1 items...]
let shown = null;
let keep = () => true;
let tagOf = () => '';
let last = null;
// matchMedia is absent where the module is loaded outside a browser
const stillQuery = typeof matchMedia === 'function' ? matchMedia('(prefers-reduced-motion: reduce)') : null;

/** @param options optional {filter(alert), tag(alert) → text, empty: i18n key of the empty line} */
export function create(el, options = {}) {
  root = el;
  if (options.filter) keep = options.filter;
  if (options.tag) tagOf = options.tag;
  windowEl = el.querySelector('.ticker-window');
  track = el.querySelector('[data-track]');
  empty = document.createElement('div');
  empty.className = 'ticker-empty';
  empty.textContent = t(options.empty || 'alerts.none');
  track.appendChild(empty);
  for (let i = 0; i < MAX_ITEMS * 2; i++) {
    const item = document.createElement('div');
    item.className = 'ticker-item';
    item.hidden = true;
    item.innerHTML = '<span class="sev"></span><span class="tag"></span><span class="when"></span><span class="what"></span>';
    track.appendChild(item);
    const [sev, tag, when, what] = item.children;
    pool.push({ item, sev, tag, when, what });
  }
  // the setting may change while the wall runs: lay the ticker out again at once
  if (stillQuery) {
    stillQuery.addEventListener('change', () => {
      shown = null;
      if (last) update(last);
    });
  }
}

function seenOf(a) {
  return parseInstant(a.firstSeen || a.lastSeen || a.at);
}

/**
 * The overdue cases as ticker rows: 超期, the supervision level if any, when it was due, where and what.
 * Only what a wall may see of a case is used (its title, area and times), which is all it is sent.
 */
export function overdueRows(state) {
  const list = state && state.cases && Array.isArray(state.cases.overdue) ? state.cases.overdue : [];
  return list.filter((c) => c && typeof c === 'object' && c.overdue !== false).map((c) => {
    const due = parseInstant(c.dueAt);
    return {
      severity: 'overdue',
      tag: c.supervision === 'red' || c.supervision === 'yellow' ? t('tag.supervised.' + c.supervision) : '',
      when: Number.isNaN(due) ? '' : t('tag.due', { t: formatHm(due) }),
      what: describe(c),
    };
  });
}

function alertRows(state) {
  const alerts = Object.values((state && state.alerts) || {}).filter((a) => a && typeof a === 'object' && keep(a));
  return alerts
    .map((a) => ({ a, seen: seenOf(a) }))
    .sort((x, y) => (Number.isNaN(y.seen) ? 0 : y.seen) - (Number.isNaN(x.seen) ? 0 : x.seen))
    .map(({ a, seen }) => ({
      severity: severity(a),
      tag: tagOf(a),
      when: Number.isNaN(seen) ? '' : formatHm(seen),
      what: describe(a),
    }));
}

/** @param data {state} */
export function update(data) {
  last = data;
  const rows = overdueRows(data.state).concat(alertRows(data.state)).slice(0, MAX_ITEMS);
  const key = JSON.stringify(rows);
  if (key === shown) return;
  shown = key;
  root.classList.toggle('quiet', rows.length === 0);
  empty.hidden = rows.length > 0;
  for (let copy = 0; copy < 2; copy++) {
    for (let i = 0; i < MAX_ITEMS; i++) {
      const slot = pool[copy * MAX_ITEMS + i];
      const row = rows[i];
      slot.item.hidden = !row;
      if (!row) continue;
      slot.sev.className = 'sev sev-' + row.severity;
      slot.sev.textContent = t('sev.' + row.severity);
      slot.tag.textContent = row.tag;
      slot.tag.hidden = !row.tag;
      slot.when.textContent = row.when;
      slot.what.textContent = row.what;
    }
  }
  // Scroll only when the list is wider than the window; otherwise show one still copy.
  const half = rows.length > 0 ? track.scrollWidth / 2 : 0;
  const moving = half > windowEl.clientWidth && !(stillQuery && stillQuery.matches);
  for (let i = 0; i < rows.length; i++) pool[MAX_ITEMS + i].item.hidden = !moving;
  track.style.setProperty('--ticker-duration', Math.max(8, half / PX_PER_SECOND) + 's');
  track.classList.toggle('moving', moving);
}
