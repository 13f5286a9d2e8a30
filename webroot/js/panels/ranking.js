// This month's sanitation ranking (state.ranking) with its red and black list (红黑榜): the best
// areas praised in red, the worst named in black.
import { t, label, num, lang } from '../i18n.js';
import { rankText } from '../rank-text.js';
import * as catalog from '../catalog.js';
import { makeChart, axisStyle, COLORS, FONT } from '../charts.js';
import { figures, rowsOf } from '../figures.js';

const MAX_ROWS = 12;
const NAME_WIDTH = lang === 'en' ? 220 : 170;
/** Wide enough for 并列第1 / tied 1st: a tie says so rather than reading as a win. */
const RANK_WIDTH = lang === 'en' ? 56 : 64;

let chart = null;
let text = null;
let month = null;
let redEl = null;
let blackEl = null;
let rows = [];
let shown = '';

export function create(el) {
  month = el.querySelector('[data-month]');
  const lists = el.querySelector('[data-lists]');
  lists.innerHTML = '<div class="rank-list rank-red" data-rank="red"><b></b><span></span></div>'
    + '<div class="rank-list rank-black" data-rank="black"><b></b><span></span></div>';
  redEl = lists.querySelector('[data-rank="red"] span');
  blackEl = lists.querySelector('[data-rank="black"] span');
  lists.querySelector('.rank-red b').textContent = t('rank.red');
  lists.querySelector('.rank-black b').textContent = t('rank.black');
  text = figures(el.querySelector('[data-chart]'), t('panel.ranking'));
  chart = makeChart(el.querySelector('[data-chart]'), {
    grid: { left: NAME_WIDTH + 22, right: lang === 'en' ? 128 : 92, top: 10, bottom: 6 },
    xAxis: axisStyle({ type: 'value', min: 0, max: 100, splitNumber: 4, axisLabel: { show: false } }),
    yAxis: axisStyle({
      type: 'category', inverse: true, data: [],
      axisLabel: {
        fontSize: 18, fontFamily: FONT, color: COLORS.text, align: 'left', margin: NAME_WIDTH + 8,
        formatter: (value, index) => {
          const row = rows[index];
          return (row && row.tied ? '{tied|' : '{rank|') + (row ? row.rank : '—') + '}{name|' + value + '}';
        },
        rich: {
          rank: { width: RANK_WIDTH, align: 'left', fontSize: 18, fontFamily: FONT, fontWeight: 'bold', color: COLORS.cyan },
          tied: { width: RANK_WIDTH, align: 'left', fontSize: 14, fontFamily: FONT, fontWeight: 'bold', color: COLORS.cyan },
          name: { width: NAME_WIDTH - RANK_WIDTH, align: 'left', fontSize: 18, fontFamily: FONT, color: COLORS.text },
        },
      },
    }),
    series: [{
      type: 'bar',
      barWidth: '62%',
      data: [],
      showBackground: true,
      backgroundStyle: { color: 'rgba(255, 255, 255, 0.04)' },
      label: {
        show: true, position: 'right', fontFamily: FONT, fontSize: 18, color: COLORS.text,
        formatter: (p) => rowText(rows[p.dataIndex]),
        rich: {
          red: { color: '#fff', backgroundColor: COLORS.red, padding: [2, 5], borderRadius: 3, fontSize: 15, fontWeight: 'bold', fontFamily: FONT },
          black: { color: '#fff', backgroundColor: '#111', borderColor: '#9aa5b4', borderWidth: 1, padding: [2, 5], borderRadius: 3, fontSize: 15, fontWeight: 'bold', fontFamily: FONT },
          none: { color: COLORS.muted, fontSize: 16, fontFamily: FONT },
        },
      },
    }],
  });
}

function rowText(row) {
  if (!row) return '';
  if (row.value === null) return '{none|' + t('rank.none') + '}';
  const tag = row.list ? ' {' + row.list + '|' + t('rank.' + row.list) + '}' : '';
  return num(row.value, 1) + tag;
}

/** Rich-text labels do not truncate by themselves. */
function truncate(name) {
  const max = lang === 'en' ? 17 : 6;
  return name.length > max ? name.slice(0, max - 1) + '…' : name;
}

function areaName(id) {
  return label(catalog.area(id)) || id;
}

/** @param data {state} */
export function update(data) {
  const ranking = (data.state && data.state.ranking) || {};
  const red = new Set(ranking.red || []);
  const black = new Set(ranking.black || []);
  const list = (ranking.areas || []).slice(0, MAX_ROWS);
  rows = list.map((r) => ({
    area: r.area,
    value: typeof r.value === 'number' ? r.value : null,
    rank: rankText(r.rank, r.tied),
    tied: Boolean(r.tied),
    list: red.has(r.area) ? 'red' : black.has(r.area) ? 'black' : '',
  }));
  const key = (ranking.month || '') + JSON.stringify(rows);
  if (key === shown) return;
  shown = key;
  month.textContent = ranking.month ? t('rank.month', { month: ranking.month }) : '';
  text.caption(t('panel.ranking') + ' ' + month.textContent);
  text.set(['', '#', t('panel.ranking'), ''], rowsOf(rows.map((r) => areaName(r.area)),
    [rows.map((r) => r.rank || '—'), rows.map((r) => (r.value === null ? t('rank.none') : num(r.value, 1))),
      rows.map((r) => (r.list ? t('rank.' + r.list) : ''))]));
  redEl.textContent = listText(ranking.red, list);
  blackEl.textContent = listText(ranking.black, list);
  chart.set({
    yAxis: { data: rows.map((r) => truncate(areaName(r.area))) },
    series: [{
      data: rows.map((r) => ({
        value: r.value === null ? 0 : r.value,
        itemStyle: r.list === 'red' ? { color: COLORS.red }
          : r.list === 'black' ? { color: '#2a3340', borderColor: '#c9d2de', borderWidth: 2 }
            : { color: COLORS.blue },
      })),
    }],
  });
}

function listText(ids, list) {
  if (!ids || ids.length === 0) return t('rank.none');
  return ids.map((id) => {
    const r = list.find((x) => x.area === id);
    return areaName(id) + (r && typeof r.value === 'number' ? ' ' + num(r.value, 1) : '');
  }).join(lang === 'en' ? ',  ' : '、');
}
