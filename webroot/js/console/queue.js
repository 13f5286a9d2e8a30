// The alert queue: the unresolved alerts of the live state, most severe first and newest first within
// a severity, narrowed by severity, rule kind, village and state. A row is rebuilt only when what it
// shows changed, so a click is never lost to a row replaced under the pointer by an unrelated update.
// Each row's title is a button, so the keyboard reaches and opens the detail (Tab, Enter); when a row the
// focus was in is redrawn or leaves (acknowledged, resolved), the focus goes to the same row's next action or
// to the row now in its place, never to the page's body.
import { t, label } from '../i18n.js';
import * as catalog from '../catalog.js';
import { SEVERITIES, severity, place, title, describe } from '../alert-text.js';
import { parseInstant } from '../server-clock.js';
import { el, option, button, dayTime } from './dom.js';
import * as escalation from './escalation.js';

export const KINDS = ['any', 'threshold', 'missing', 'spike'];
const STATES = ['open', 'acknowledged'];
const RANK = { critical: 0, warning: 1, info: 2 };

const filters = { severity: '', kind: '', area: '', state: '' };
let els = null;
let callbacks = null;
let alerts = {};
let selectedId = null;
let rowsById = new Map(); // id → {tr, shows}: the rows on screen and what each shows

/** @param cb {onSelect(id), onAct(id, 'ack'|'resolve')} */
export function create(cb) {
  callbacks = cb;
  const byId = (id) => document.getElementById(id);
  els = { body: byId('queue-body'), empty: byId('queue-empty'), count: byId('queue-count') };
  const choices = {
    severity: [SEVERITIES, (v) => t('sev.' + v)],
    kind: [KINDS, (v) => t('kind.' + v)],
    area: [catalog.areas().map((a) => a.id), (v) => label(catalog.area(v))],
    state: [STATES, (v) => t('state.' + v)],
  };
  for (const name in choices) {
    const [values, text] = choices[name];
    const select = byId('f-' + name);
    select.replaceChildren(option('', t('filter.all')), ...values.map((v) => option(v, text(v))));
    select.addEventListener('change', () => {
      filters[name] = select.value;
      render();
    });
  }
  byId('f-reset').addEventListener('click', () => {
    for (const name in filters) byId('f-' + name).value = filters[name] = '';
    render();
  });
  els.body.addEventListener('click', (event) => {
    const row = event.target.closest('tr[data-id]');
    if (!row) return;
    const act = event.target.closest('button[data-act]');
    if (act) callbacks.onAct(row.dataset.id, act.dataset.act);
    else callbacks.onSelect(row.dataset.id);
  });
}

function matches(a) {
  return (!filters.severity || severity(a) === filters.severity)
    && (!filters.kind || a.kind === filters.kind)
    && (!filters.area || a.area === filters.area)
    && (!filters.state || a.state === filters.state);
}

function seen(a) {
  const ms = parseInstant(a.firstSeen);
  return Number.isNaN(ms) ? 0 : ms;
}

/** Most severe first; within a severity the newest first; the id keeps the order stable. */
export function compare(x, y) {
  return RANK[severity(x)] - RANK[severity(y)] || seen(y) - seen(x) || String(x.id).localeCompare(String(y.id));
}

/** @param next the live state's alerts, keyed by id */
export function update(next) {
  alerts = next || {};
  render();
}

export function select(id) {
  selectedId = id;
  for (const row of els.body.rows) row.classList.toggle('selected', row.dataset.id === id);
}

function render() {
  const all = Object.values(alerts).filter((a) => a && typeof a === 'object');
  const shown = all.filter(matches).sort(compare);
  const next = new Map();
  for (const a of shown) {
    const shows = JSON.stringify([a.severity, a.state, a.title, a.escalated, a.escalatedTo, a.count, a.site, a.area, a.firstSeen,
      a.lastSeen, a.kind]);
    const old = rowsById.get(a.id);
    next.set(a.id, old && old.shows === shows ? old : { tr: row(a), shows });
  }
  rowsById = next;
  const trs = [...next.values()].map((r) => r.tr);
  const focus = focusedIn(els.body);
  if (trs.length !== els.body.rows.length || trs.some((tr, i) => els.body.rows[i] !== tr)) els.body.replaceChildren(...trs);
  els.count.textContent = t('queue.count', { shown: shown.length, total: all.length });
  els.empty.hidden = shown.length > 0;
  els.empty.textContent = all.length ? t('queue.filteredEmpty') : t('alerts.none');
  if (focus && !els.body.contains(document.activeElement)) refocus(focus);
}

/** Where the focus is in the queue: the row's alert and index, and which of its buttons. */
function focusedIn(body) {
  const active = document.activeElement;
  const tr = active && body.contains(active) && active.closest('tr[data-id]');
  if (!tr) return null;
  return { id: tr.dataset.id, index: tr.sectionRowIndex, act: active.dataset.act || 'open' };
}

/** The same button of the same row, else the row's next action, else the row now at its place (or the last). */
function refocus({ id, index, act }) {
  const same = [...els.body.rows].find((r) => r.dataset.id === id);
  const order = ['open', 'ack', 'resolve'];
  const target = same
    ? order.slice(order.indexOf(act)).map((a) => same.querySelector(a === 'open' ? 'button.row-open' : 'button[data-act="' + a + '"]')).find(Boolean)
      || same.querySelector('button.row-open')
    : (els.body.rows[index] || els.body.rows[els.body.rows.length - 1] || {}).querySelector?.('button.row-open');
  if (target) target.focus();
  else els.empty.focus(); // the queue emptied: the line saying so
}

function row(a) {
  const sev = severity(a);
  const here = escalation.cameHere(a);
  const tr = el('tr', [a.id === selectedId && 'selected', a.escalated && 'escalated', here && 'escalated-here'].filter(Boolean).join(' '),
    el('td', null, el('span', 'sev sev-' + sev, t('sev.' + sev))),
    el('td', null, el('span', 'state state-' + a.state, t('state.' + a.state))),
    el('td', 'title', opener(a), escalation.tag(a),
      a.count > 1 && el('span', 'count', t('times', { n: a.count }))),
    el('td', 'where', place(a)),
    el('td', 'when', dayTime(a.firstSeen)),
    el('td', 'when', dayTime(a.lastSeen)),
    el('td', 'actions', a.state === 'open' && button('ack', 'act.ack', describe(a)), button('resolve', 'act.resolve', describe(a))));
  Object.assign(tr.dataset, { id: a.id, severity: sev, state: a.state, kind: a.kind || '', area: a.area || '',
    desk: a.desk || '', escalatedTo: a.escalatedTo || '', up: here ? 'yes' : 'no' });
  return tr;
}

/** The title as a button that opens the detail; its name says where, as the title alone may repeat. */
function opener(a) {
  const node = el('button', 'row-open', title(a));
  node.type = 'button';
  node.setAttribute('aria-label', t('row.open', { what: describe(a) }));
  node.setAttribute('aria-controls', 'detail');
  return node;
}
