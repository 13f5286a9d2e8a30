// The review's closed loop (review.cases, docs/pages.md): the cases opened this day per child area and per
// unit as they stand now, the scope's cases overdue now, and the month's 综合评价 of areas and units with
// their red and black lists. Text only; the shaping is plain functions the node tests call.
import { t, label, num } from '../i18n.js';
import * as catalog from '../catalog.js';
import { table, rate } from './dom.js';

/** Units listed per table: the printed page stays one sheet; the JSON holds them all. */
export const MAX_UNITS = 6;

const areaName = (id) => label(catalog.area(id)) || id || '';
const COUNTS = ['opened', 'closed', 'closedOnTime', 'reworked', 'overdueNow'];

/** One day's row: its name, the counts (a missing count reads —), the two rates. */
export function dayRow(name, f) {
  const row = [name];
  for (const key of COUNTS) {
    const v = f && f[key];
    row.push(typeof v === 'number' ? { text: num(v), cls: key === 'overdueNow' && v > 0 ? 'bad' : '' } : '—');
  }
  row.push(rate(f && f.signedOnTimeRate), rate(f && f.closedOnTimeRate));
  return row;
}

/** The summary line of the day. */
export function summary(day) {
  const total = (day && day.total) || {};
  const vars = {
    opened: total.opened ?? 0,
    closed: total.closed ?? 0,
    onTime: total.closedOnTime ?? 0,
    reworked: total.reworked ?? 0,
    overdue: total.overdueNow ?? 0,
    signed: rate(total.signedOnTimeRate),
    closedRate: rate(total.closedOnTimeRate),
  };
  return vars.opened > 0 ? t('rvk.summary', vars) : t('rvk.none', vars);
}

/** A ranking's rows: rank, name with its red or black tag, score, cases opened. */
export function rankRows(board, key, nameOf) {
  const red = (board && board.red) || [];
  const black = (board && board.black) || [];
  return ((board && board.ranked) || []).map((r) => {
    const id = r[key];
    const tag = red.includes(id) ? ' ●' + t('rank.red') : black.includes(id) ? ' ●' + t('rank.black') : '';
    return [r.rank ?? '—', nameOf(id) + tag, typeof r.score === 'number' ? num(r.score, 1) : '—', num(r.opened ?? 0)];
  });
}

function more(rows, columns) {
  if (rows.length <= MAX_UNITS) return rows;
  const cut = rows.slice(0, MAX_UNITS);
  cut.push([{ text: t('rva.more', { n: rows.length - MAX_UNITS }), cls: 'rv-more' }].concat(Array(columns - 1).fill('')));
  return cut;
}

const HEAD = ['c.opened', 'c.closed', 'c.closedOnTime', 'c.reworked', 'c.overdueNow', 'cases.signedOnTime', 'cases.closedOnTime'];

/** @param cases review.cases: {day: {total, areas[], units[]}, month: {areas, units}}, or null without figures */
export function render(section, rankSection, cases) {
  const sheetHidden = !cases;
  section.querySelector('[data-summary]').textContent = sheetHidden ? t('rvk.noFigures') : summary(cases.day);
  for (const el of section.querySelectorAll('table, h3')) el.hidden = sheetHidden;
  rankSection.hidden = sheetHidden;
  if (sheetHidden) return;
  const day = cases.day || {};
  const month = cases.month || {};
  const head = HEAD.map((h) => t(h));
  table(section.querySelector('[data-areas]'), ['c.area'].concat(head),
    (day.areas || []).map((a) => dayRow(areaName(a.area), a)));
  table(section.querySelector('[data-units]'), ['c.unit'].concat(head),
    more((day.units || []).map((u) => dayRow(u.unit, u)), head.length + 1), t('rvk.noUnits'));
  table(section.querySelector('[data-unit-rank]'), ['c.rank', 'c.unit', 'c.score', 'c.opened'],
    more(rankRows(month.units, 'unit', (id) => id), 4), t('rvk.noRank'));
  table(rankSection.querySelector('[data-rows]'), ['c.rank', 'c.area', 'c.score', 'c.opened'],
    rankRows(month.areas, 'area', areaName), t('rvk.noRank'));
}
