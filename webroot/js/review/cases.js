// The review's closed loop (review.cases, docs/pages.md): the cases opened this day per child area and per
// unit as they stand now, the overdue open cases, and the month's 综合评价 of areas and units with their red
// and black lists. Short on purpose, so the whole review still prints on one A4 sheet: the areas and the
// units each in two short tables side by side, the rankings as their red and black lists on two lines. Text
// only; the shaping is plain functions the node tests call.
import { t, label, num, lang } from '../i18n.js';
import * as catalog from '../catalog.js';
import { table, rate } from './dom.js';

/** Units listed: the printed page stays one sheet; the JSON holds them all. */
export const MAX_UNITS = 8;

const areaName = (id) => label(catalog.area(id)) || id || '';
const sep = () => (lang === 'en' ? ', ' : '、');

function count(v) {
  return typeof v === 'number' ? num(v) : '—';
}

export const HEAD = ['rvk.h.opened', 'rvk.closedOnTime', 'rvk.h.reworked', 'rvk.overdue'];

/** One row: the name, opened, closed (in brackets: of them on time), reworked, overdue now (standing out when any). */
export function row(name, f) {
  const v = f || {};
  return [name, count(v.opened), count(v.closed) + ' (' + count(v.closedOnTime) + ')', count(v.reworked),
    { text: count(v.overdueNow), cls: v.overdueNow > 0 ? 'bad' : '' }];
}

/**
 * The rows of the day in two halves each: the child areas, then the units (the first MAX_UNITS, then how many
 * more). The scope's total is the title's line.
 * @returns [[rows], [rows], [rows], [rows]]
 */
export function dayTables(day) {
  const areas = ((day && day.areas) || []).map((a) => row(areaName(a.area), a));
  const all = (day && day.units) || [];
  const units = all.slice(0, MAX_UNITS).map((u) => row(u.name || u.unit, u));
  if (all.length > MAX_UNITS) units.push([{ text: t('rvk.more', { n: all.length - MAX_UNITS }), cls: 'rv-more' }, '', '', '', '']);
  const half = (rows) => [rows.slice(0, Math.ceil(rows.length / 2)), rows.slice(Math.ceil(rows.length / 2))];
  return half(areas).concat(half(units));
}

/** Beside the section's title: the day's totals and its two rates. */
export function summary(day) {
  const f = (day && day.total) || {};
  return t('rvk.total', {
    opened: count(f.opened), closed: count(f.closed), onTime: count(f.closedOnTime), reworked: count(f.reworked),
    overdue: count(f.overdueNow), signed: rate(f.signedOnTimeRate), closedRate: rate(f.closedOnTimeRate),
  });
}

/** A month's 红黑榜 on one line: the red list and the black list, each name with its score. */
export function rankLine(board, key, nameOf) {
  const all = (board && board.ranked) || [];
  const byId = new Map(all.map((r) => [r[key], r]));
  const named = (ids) => ids.map((id) => nameOf(id) + ' ' + (byId.get(id) && typeof byId.get(id).score === 'number'
    ? num(byId.get(id).score, 1) : '—')).join(sep()) || t('rank.none');
  if (!all.some((r) => typeof r.rank === 'number')) return t('rvk.noRank');
  return t('rank.red') + ' ' + named((board && board.red) || []) + '　' + t('rank.black') + ' ' + named((board && board.black) || []);
}

/** @param cases review.cases: {day: {total, areas[], units[]}, month: {areas, units}}, or null without figures */
export function render(section, rankSection, cases) {
  const missing = !cases;
  section.querySelector('[data-summary]').textContent = missing ? t('rvk.noFigures') : summary(cases.day);
  section.querySelector('[data-tables]').hidden = missing;
  rankSection.hidden = missing;
  if (missing) return;
  const month = cases.month || {};
  const tables = section.querySelectorAll('[data-tables] table');
  dayTables(cases.day).forEach((rows, i) => {
    tables[i].hidden = rows.length === 0;
    table(tables[i], [i < 2 ? 'c.area' : 'c.unit'].concat(HEAD.map((h) => t(h))), rows);
  });
  rankSection.querySelector('[data-areas]').textContent = t('rvk.areaRank', { list: rankLine(month.areas, 'area', areaName) });
  const unitNames = new Map(((month.units && month.units.ranked) || []).map((r) => [r.unit, r.name || r.unit]));
  rankSection.querySelector('[data-units]').textContent = t('rvk.unitRank', { list: rankLine(month.units, 'unit', (id) => unitNames.get(id) || id) });
}
