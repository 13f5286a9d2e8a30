// Ticker of open alerts, newest first. Alerts are shown generically (severity, first seen, site,
// title) so new alert kinds need no change here. A fixed pool of nodes is reused; the track holds
// the list twice so the CSS scroll loops without a seam.
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

export function create(el) {
  root = el;
  windowEl = el.querySelector('.ticker-window');
  track = el.querySelector('[data-track]');
  empty = document.createElement('div');
  empty.className = 'ticker-empty';
  empty.textContent = t('alerts.none');
  track.appendChild(empty);
  for (let i = 0; i < MAX_ITEMS * 2; i++) {
    const item = document.createElement('div');
    item.className = 'ticker-item';
    item.hidden = true;
    item.innerHTML = '<span class="sev"></span><span class="when"></span><span class="what"></span>';
    track.appendChild(item);
    pool.push({ item, sev: item.firstChild, when: item.children[1], what: item.children[2] });
  }
}

function seenOf(a) {
  return parseInstant(a.firstSeen || a.lastSeen || a.at);
}

/** @param data {state} */
export function update(data) {
  const alerts = Object.values((data.state && data.state.alerts) || {}).filter((a) => a && typeof a === 'object');
  const list = alerts
    .map((a) => ({ a, seen: seenOf(a) }))
    .sort((x, y) => (Number.isNaN(y.seen) ? 0 : y.seen) - (Number.isNaN(x.seen) ? 0 : x.seen))
    .slice(0, MAX_ITEMS);
  const rows = list.map(({ a, seen }) => ({
    severity: severity(a),
    when: Number.isNaN(seen) ? '' : formatHm(seen),
    what: describe(a),
  }));
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
      slot.when.textContent = row.when;
      slot.what.textContent = row.what;
    }
  }
  // Scroll only when the list is wider than the window; otherwise show one still copy.
  const half = rows.length > 0 ? track.scrollWidth / 2 : 0;
  const moving = half > windowEl.clientWidth;
  for (let i = 0; i < rows.length; i++) pool[MAX_ITEMS + i].item.hidden = !moving;
  track.style.setProperty('--ticker-duration', Math.max(8, half / PX_PER_SECOND) + 's');
  track.classList.toggle('moving', moving);
}
