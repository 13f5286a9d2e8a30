// The review sheet (GET /api/v1/review): figures, alerts, compliance, ranking and flags, each a short
// table sized so the whole day prints on one A4 page. Long lists are cut with a "n more" line: the JSON
// and the console hold the rest, the printed page has to stay one sheet.
import { t, label, num, lang } from '../i18n.js';
import * as catalog from '../catalog.js';
import { rankText } from '../rank-text.js';
import { describe, severity } from '../alert-text.js';
import { formatHm, parseInstant } from '../server-clock.js';
import { table, change, figure, duration, rate } from './dom.js';
import * as printCharts from './print-charts.js';
import * as cases from './cases.js';
import * as urgings from './urgings.js';

const MAX_ALERT_ROWS = 6;
// three, not four, since the cases' section came: a busy day still prints on one page
const MAX_FLAG_ROWS = 3;
/** The review names the top 3 each way; one line per metric has room for the first of each. */
const MAX_MOVERS = 1;
const MAX_CHILD_METRICS = 5;
/** The figures the child-area table compares, in this order when the catalogue has them. */
const HEADLINE = ['vehicles_checked', 'persons_turned_back', 'petitions_visit', 'disputes_screened', 'score'];

const areaName = (id) => label(catalog.area(id)) || id || '';
const siteName = (id) => label(catalog.site(id)) || id || '';
const metricName = (key) => label(catalog.metric(key)) || key;

export function render(root, review) {
  const scope = catalog.area(review.scope) || catalog.jurisdiction();
  root.querySelector('#rv-title').textContent = t('rv.title', { area: label(scope) });
  root.querySelector('#rv-sub').textContent = t('rv.sub', { date: longDate(review.date), level: levelName(review.level) });
  figures(root.querySelector('#rv-figures'), review.figures || {});
  alerts(root.querySelector('#rv-alerts'), review.alerts || {});
  compliance(root.querySelector('#rv-compliance'), review.compliance || {});
  urgings.render(root.querySelector('#rv-compliance [data-urgings]'), review.urgings || null);
  ranking(root.querySelector('#rv-ranking'), review.ranking || {});
  cases.render(root.querySelector('#rv-cases'), root.querySelector('#rv-case-rank'), review.cases || null);
  flags(root.querySelector('#rv-flags'), review.flags || []);
}

let levelLabels = {};
let metricOrder = new Map();
/** The catalogue's levels (for the level's name) and metrics (for their order), from the raw catalogue JSON. */
export function setCatalogue(json) {
  levelLabels = Object.fromEntries((json.levels || []).map((l) => [l.key, l]));
  metricOrder = new Map((json.metrics || []).map((m, i) => [m.key, i]));
}
const levelName = (key) => label(levelLabels[key]) || key || '';

function longDate(date) {
  const [y, m, d] = date.split('-').map(Number);
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-CN',
    { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric', weekday: 'long' }).format(Date.UTC(y, m - 1, d));
}

/** The review's metrics in catalogue order. */
function metricKeys(figs) {
  return Object.keys(figs).sort((a, b) => (metricOrder.get(a) ?? 1e9) - (metricOrder.get(b) ?? 1e9));
}

function figures(section, figs) {
  const keys = metricKeys(figs);
  const rows = keys.map((key) => {
    const f = figs[key];
    const m = catalog.metric(key);
    const up = ((f.movers && f.movers.up) || []).map((x) => '↑' + areaName(x.area));
    const down = ((f.movers && f.movers.down) || []).map((x) => '↓' + areaName(x.area));
    return [metricName(key), figure(f.day, m), figure(f.yesterday, m), change(f.day, f.yesterday),
      figure(f.weekdayMean, m), change(f.day, f.weekdayMean), up.slice(0, MAX_MOVERS).concat(down.slice(0, MAX_MOVERS)).join(' ')];
  });
  table(section.querySelector('[data-metrics]'),
    ['c.metric', 'c.day', 'c.yesterday', 'c.vsYesterday', 'c.weekday', 'c.vsWeekday', 'c.movers'], rows);
  // the child areas against their own weekday mean, for the headline metrics
  const children = catalog.children(catalog.scope());
  const shown = HEADLINE.filter((k) => figs[k]).concat(keys.filter((k) => !HEADLINE.includes(k))).slice(0, MAX_CHILD_METRICS);
  const childTable = section.querySelector('[data-children]');
  childTable.hidden = children.length === 0;
  table(childTable, ['c.area'].concat(shown.map(metricName)), children.map((c) => [areaName(c.id)].concat(shown.map((k) => {
    const a = (figs[k].areas || {})[c.id] || {};
    const ch = change(a.day, a.weekdayMean);
    return { text: figure(a.day, catalog.metric(k)) + (ch.text === '—' ? '' : ' (' + ch.text + ')'), cls: ch.cls };
  }))));
  printCharts.figures(section.querySelector('[data-chart]'), shown.filter((k) => catalog.metric(k) && catalog.metric(k).kind !== 'gauge')
    .map((k) => ({ name: metricName(k), day: figs[k].day, mean: figs[k].weekdayMean })));
}

function alerts(section, a) {
  const items = a.items || [];
  const medians = Object.entries(a.medians || {}).map(([sev, m]) =>
    t('sev.' + sev) + ' ' + duration(m.ackSeconds) + ' / ' + duration(m.resolveSeconds)).join('；') || '—';
  section.querySelector('[data-summary]').textContent = items.length === 0 ? t('rva.none')
    : t('rva.summary', { n: items.length, open: (a.open || []).length, esc: (a.escalated || []).length, medians });
  const rows = items.slice(0, MAX_ALERT_ROWS).map((x) => [
    { text: t('sev.' + severity(x)), cls: 'sev sev-' + severity(x) },
    hm(x.firstSeen),
    describe(x),
    x.acknowledged ? duration(x.acknowledged.afterSeconds) + ' ' + (x.acknowledged.by || '') : '—',
    x.resolved ? duration(x.resolved.afterSeconds) + ' ' + (x.resolved.by || '') : '—',
    { text: t('rvs.' + (x.state || 'open')) + (x.escalatedTo ? ' · ' + t('rva.escalated') + ' ' + (catalog.area(x.escalatedTo) ? areaName(x.escalatedTo) : t('rva.above')) : ''),
      cls: x.state === 'resolved' || x.state === 'closed' ? '' : 'open' },
  ]);
  if (items.length > MAX_ALERT_ROWS) rows.push([{ text: t('rva.more', { n: items.length - MAX_ALERT_ROWS }), cls: 'rv-more' }, '', '', '', '', '']);
  const el = section.querySelector('[data-items]');
  el.hidden = items.length === 0;
  table(el, ['c.severity', 'c.firstSeen', 'c.alert', 'c.ack', 'c.resolve', 'c.state'], rows);
}

function hm(iso) {
  const ms = parseInstant(iso);
  return Number.isNaN(ms) ? '—' : formatHm(ms);
}

function compliance(section, c) {
  const day = c.day || {};
  const month = c.month || {};
  const areas = day.areas || {};
  const ids = Object.keys(areas).length ? Object.keys(areas) : Object.keys(month);
  table(section.querySelector('[data-areas]'), ['c.area', 'c.expected', 'c.onTime', 'c.late', 'c.missing', 'c.rate', 'c.month'],
    ids.map((id) => {
      const a = areas[id] || {};
      const m = month[id] || {};
      return [areaName(id), a.expected ?? '—', a.onTime ?? '—', { text: String(a.late ?? '—'), cls: a.late ? 'warn' : '' },
        { text: String(a.missing ?? '—'), cls: a.missing ? 'bad' : '' }, rate(a.rate), rate(m.rate)];
    }));
  const sites = day.sites || [];
  const missing = sites.filter((s) => s.missing).map((s) => siteName(s.site));
  const late = sites.filter((s) => s.late && !s.missing).map((s) => siteName(s.site));
  const lines = [];
  if (missing.length) lines.push(t('rvc.missingList', { list: cut(missing) }));
  if (late.length) lines.push(t('rvc.lateList', { list: cut(late) }));
  section.querySelector('[data-missing]').textContent = lines.join('　') || (sites.length ? t('rvc.allIn') : '');
  printCharts.monthRates(document.querySelector('#rv-month-rate [data-chart]'),
    Object.keys(month).map((id) => ({ name: areaName(id), rate: month[id].rate })));
}

const MAX_NAMES = 5;

/** A list of names, the first few, then how many more. */
function cut(names) {
  const sep = lang === 'en' ? ', ' : '、';
  return names.length <= MAX_NAMES ? names.join(sep) : names.slice(0, MAX_NAMES).join(sep) + ' … +' + (names.length - MAX_NAMES);
}

function ranking(section, r) {
  const month = r.month || {};
  const movement = r.movement || {};
  const rows = (month.areas || []).map((a) => {
    const mv = movement[a.area];
    const move = mv === null || mv === undefined ? { text: t('rv.rankNew') }
      : { text: mv > 0 ? '↑' + mv : mv < 0 ? '↓' + -mv : '—', cls: mv > 0 ? 'up' : mv < 0 ? 'down' : '' };
    const tag = (month.red || []).includes(a.area) ? ' ●' + t('rank.red') : (month.black || []).includes(a.area) ? ' ●' + t('rank.black') : '';
    return [rankText(a.rank, a.tied), areaName(a.area) + tag, typeof a.value === 'number' ? num(a.value, 1) : '—', move];
  });
  table(section.querySelector('[data-rows]'), ['c.rank', 'c.area', 'c.value', 'c.move'], rows, t('rv.rankNone'));
}

function flags(section, list) {
  const rows = list.slice(0, MAX_FLAG_ROWS).map((f) => [siteName(f.site), metricName(f.metric),
    figure(f.value, catalog.metric(f.metric)), t('rvf.' + f.reason), f.detail || '',
    f.cleared ? (f.cleared.by || '') + (f.cleared.note ? '：' + f.cleared.note : '') : { text: t('rvf.open'), cls: 'open' }]);
  if (list.length > MAX_FLAG_ROWS) rows.push([{ text: t('rva.more', { n: list.length - MAX_FLAG_ROWS }), cls: 'rv-more' }, '', '', '', '', '']);
  table(section.querySelector('[data-rows]'), ['c.site', 'c.metric', 'c.reading', 'c.reason', 'c.detail', 'c.cleared'], rows, t('rvf.none'));
}
