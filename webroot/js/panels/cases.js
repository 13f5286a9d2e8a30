// The closed loop on the wall (事件闭环, state.cases): per child area its open, overdue and near-due
// cases and today's on-time rates (按时签收率, 按期结案率), the scope's own figures on top. Plain DOM
// rows, redrawn only where a figure changed; the stage scales them with the rest of the wall.
import { t, label, num } from '../i18n.js';
import * as catalog from '../catalog.js';

let rowsEl = null;
let totalEls = null;
const rowEls = new Map(); // area id -> {row, cells, shown}
let shownTotal = '';

/** A rate of 0..1 as the wall writes it (87.5%), or a dash while nothing was signed for or closed today. */
export function percent(rate) {
  if (typeof rate !== 'number' || !Number.isFinite(rate)) return '—';
  return (Math.round(rate * 1000) / 10) + '%';
}

/** Green at 90 % and up, amber from 70 %, red below; none without a rate. */
export function rateLevel(rate) {
  if (typeof rate !== 'number' || !Number.isFinite(rate)) return 'none';
  return rate >= 0.9 ? 'good' : rate >= 0.7 ? 'warn' : 'bad';
}

function count(value, known) {
  if (!known) return null;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.round(value) : 0;
}

/** A state without a cases part (an older server, a replay of a day) shows dashes, not zeros. */
function figures(f, known = true) {
  const v = f && typeof f === 'object' ? f : {};
  return {
    open: count(v.open, known),
    overdue: count(v.overdue, known),
    nearDue: count(v.nearDue, known),
    signedOnTime: percent(v.signedOnTime),
    signedLevel: rateLevel(v.signedOnTime),
    closedOnTime: percent(v.closedOnTime),
    closedLevel: rateLevel(v.closedOnTime),
  };
}

/**
 * What the panel shows, from the state's cases part: the scope's figures, and one row per child area
 * in the catalogue's order (a child the state does not name yet shows zeros). Without a total (an
 * older server) the total is the sum of the rows.
 * @param cases    state.cases: {byArea: {id: {open, overdue, nearDue, signedOnTime, closedOnTime}}, total, overdue}
 * @param children [{id, label}] the scope's child areas
 */
export function shape(cases, children) {
  const known = !!cases && typeof cases === 'object';
  const byArea = (known && typeof cases.byArea === 'object' && cases.byArea) || {};
  const rows = children.map((child) => Object.assign({ id: child.id, name: label(child) }, figures(byArea[child.id], known)));
  let total = known && cases.total ? figures(cases.total) : null;
  if (!total) {
    total = figures({}, known);
    for (const r of known ? rows : []) {
      total.open += r.open;
      total.overdue += r.overdue;
      total.nearDue += r.nearDue;
    }
  }
  return { total, rows };
}

const COLUMNS = ['open', 'overdue', 'nearDue', 'signedOnTime', 'closedOnTime'];

export function create(el) {
  const body = el.querySelector('[data-body]');
  body.innerHTML = '<div class="cs-total">'
    + COLUMNS.map((c) => '<div class="cs-tile" data-tile="' + c + '"><b></b><small></small></div>').join('')
    + '</div><div class="cs-table"><div class="cs-row cs-head"><span></span>'
    + COLUMNS.map((c) => '<span data-head="' + c + '"></span>').join('') + '</div><div data-rows></div></div>';
  totalEls = {};
  for (const c of COLUMNS) {
    const tile = body.querySelector('[data-tile="' + c + '"]');
    tile.querySelector('small').textContent = t('cases.' + c);
    totalEls[c] = tile;
  }
  for (const c of COLUMNS) body.querySelector('[data-head="' + c + '"]').textContent = t('cases.short.' + c);
  rowsEl = body.querySelector('[data-rows]');
  for (const child of catalog.children(catalog.scope())) {
    const row = document.createElement('div');
    row.className = 'cs-row';
    row.dataset.area = child.id;
    row.innerHTML = '<span class="cs-name"></span>' + COLUMNS.map((c) => '<span data-col="' + c + '"></span>').join('');
    row.querySelector('.cs-name').textContent = label(child);
    const cells = {};
    for (const c of COLUMNS) cells[c] = row.querySelector('[data-col="' + c + '"]');
    rowsEl.appendChild(row);
    rowEls.set(child.id, { row, cells, shown: '' });
  }
}

function fill(cells, f) {
  cells.open.textContent = num(f.open);
  cells.overdue.textContent = num(f.overdue);
  cells.overdue.dataset.alarm = f.overdue > 0 ? 'bad' : '';
  cells.nearDue.textContent = num(f.nearDue);
  cells.nearDue.dataset.alarm = f.nearDue > 0 ? 'warn' : '';
  cells.signedOnTime.textContent = f.signedOnTime;
  cells.signedOnTime.dataset.level = f.signedLevel;
  cells.closedOnTime.textContent = f.closedOnTime;
  cells.closedOnTime.dataset.level = f.closedLevel;
}

/** @param data {state} */
export function update(data) {
  const shaped = shape(data.state && data.state.cases, catalog.children(catalog.scope()));
  const total = JSON.stringify(shaped.total);
  if (total !== shownTotal) {
    shownTotal = total;
    const cells = {};
    for (const c of COLUMNS) cells[c] = totalEls[c].querySelector('b');
    fill(cells, shaped.total);
    for (const c of COLUMNS) totalEls[c].dataset.level = cells[c].dataset.level || cells[c].dataset.alarm || '';
  }
  for (const r of shaped.rows) {
    const el = rowEls.get(r.id);
    if (!el) continue;
    const key = JSON.stringify(r);
    if (key === el.shown) continue;
    el.shown = key;
    fill(el.cells, r);
    el.row.classList.toggle('cs-late', r.overdue > 0);
  }
}

/** For the tests' hooks: what each row reads, as text. */
export function shown() {
  const rows = {};
  for (const [id, el] of rowEls) {
    rows[id] = {};
    for (const c of COLUMNS) rows[id][c] = el.cells[c].textContent;
  }
  const total = {};
  if (totalEls) for (const c of COLUMNS) total[c] = totalEls[c].querySelector('b').textContent;
  return { total, rows };
}
