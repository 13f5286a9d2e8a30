// The case queue: the cases the console knows, narrowed by the filters (filters.js) and in its order
// (overdue, near due, newest). A row is rebuilt only when what it shows changed, so a click is never
// lost to a row replaced under the pointer; the countdown's words change once a minute at most.
import { t, label } from '../../i18n.js';
import * as catalog from '../../catalog.js';
import { el, option, dayTime } from '../dom.js';
import { STATES, CATEGORIES } from './model.js';
import { NONE, shown as narrow, flags } from './filters.js';
import { countdown } from './countdown.js';
import * as units from './units.js';
import { stateTag, supervisionBadge, dueMark, dueText, areaName } from './look.js';

const filters = { ...NONE };
let els = null;
let onSelect = null;
let onFilter = null;
let cases = [];
let selectedId = null;
let rowsById = new Map();
let now = () => Date.now();

/** @param cb {onSelect(id), onFilter(filters), now()} */
export function create(cb) {
  ({ onSelect, onFilter } = cb);
  now = cb.now;
  const byId = (id) => document.getElementById(id);
  els = { body: byId('case-body'), empty: byId('case-empty'), count: byId('case-count'), unit: byId('cf-unit') };
  const choices = {
    state: [['open', 'all', ...STATES], (v) => t('cstate.' + v), false],
    category: [CATEGORIES, (v) => t('cat.' + v), true],
    area: [catalog.areas().map((a) => a.id), (v) => label(catalog.area(v)), true],
    supervised: [['any', 'yellow', 'red'], (v) => (v === 'any' ? t('filter.all') + t('cfilter.supervised') : t('sup.' + v)), true],
  };
  for (const name in choices) {
    const [values, text, any] = choices[name];
    const select = byId('cf-' + name);
    select.replaceChildren(...(any ? [option('', t('filter.all'))] : []), ...values.map((v) => option(v, text(v))));
    select.value = filters[name];
    select.addEventListener('change', () => set(name, select.value));
  }
  fillUnits();
  els.unit.addEventListener('change', () => set('unit', els.unit.value));
  for (const name of ['overdue', 'nearDue']) {
    const box = byId('cf-' + name);
    box.addEventListener('change', () => set(name, box.checked));
  }
  byId('cf-reset').addEventListener('click', () => {
    Object.assign(filters, NONE);
    for (const name in NONE) {
      const input = byId('cf-' + name);
      if (input.type === 'checkbox') input.checked = NONE[name];
      else input.value = NONE[name];
    }
    changed();
  });
  els.body.addEventListener('click', (event) => {
    const row = event.target.closest('tr[data-id]');
    if (row) onSelect(row.dataset.id);
  });
}

function set(name, value) {
  filters[name] = value;
  changed();
}

function changed() {
  render();
  onFilter({ ...filters });
}

export const current = () => ({ ...filters });

/** The unit filter's choices: every unit the page knows, the chosen one kept. */
function fillUnits() {
  const keep = els.unit.value || filters.unit;
  const list = units.all();
  const shows = list.map((u) => u.id + '=' + u.name).join('\n');
  if (els.unit.dataset.shows === shows) return;
  els.unit.dataset.shows = shows;
  els.unit.replaceChildren(option('', t('filter.all')), ...list.map((u) => option(u.id, u.name)));
  els.unit.value = keep;
}

/** @param next every case the console holds */
export function update(next) {
  cases = next;
  fillUnits();
  render();
}

export function select(id) {
  selectedId = id;
  for (const row of els.body.rows) row.classList.toggle('selected', row.dataset.id === id);
}

/** Redraws what the clock changed (a countdown's words, a case that turned overdue). */
export function tick() {
  render();
}

function render() {
  if (!els) return;
  const at = now();
  const list = narrow(cases, filters, at, units.within);
  const next = new Map();
  for (const c of list) {
    const f = flags(c, at);
    const shows = JSON.stringify([c.version, countdown(c, at).text, f.overdue, f.nearDue, units.name(c.unit)]);
    const old = rowsById.get(c.id);
    next.set(c.id, old && old.shows === shows ? old : { tr: row(c, at, f), shows });
  }
  rowsById = next;
  const trs = [...next.values()].map((r) => r.tr);
  if (trs.length !== els.body.rows.length || trs.some((tr, i) => els.body.rows[i] !== tr)) els.body.replaceChildren(...trs);
  els.count.textContent = t('cqueue.count', { shown: list.length, total: cases.length });
  els.empty.hidden = list.length > 0;
  els.empty.textContent = cases.length ? t('cqueue.filteredEmpty') : t('cqueue.empty');
}

function row(c, at, f) {
  const tr = el('tr', [c.id === selectedId && 'selected', f.overdue && 'overdue', f.nearDue && 'near-due',
    c.supervision && 'supervised-' + c.supervision].filter(Boolean).join(' '),
    el('td', null, stateTag(c)),
    el('td', 'title', opener(c), supervisionBadge(c),
      el('span', 'cmeta', t('cat.' + c.category) + ' · ' + t('urg.' + c.urgency))),
    el('td', 'where', areaName(c.area)),
    el('td', 'unit', c.unit ? units.name(c.unit) : '—'),
    el('td', 'due-cell', dueText(c, at), dueMark(c, at)),
    el('td', 'when', dayTime(c.openedAt)));
  Object.assign(tr.dataset, { id: c.id, state: c.state, area: c.area || '', unit: c.unit || '', category: c.category,
    supervision: c.supervision || '', overdue: String(f.overdue), nearDue: String(f.nearDue), version: String(c.version) });
  return tr;
}

/** The title as a button, so the keyboard reaches a case and opens it (Tab, Enter), as in the alert queue. */
function opener(c) {
  const node = el('button', 'ctitle row-open', c.title);
  node.type = 'button';
  node.setAttribute('aria-controls', 'case-detail');
  return node;
}
