// Petitions by village today, stacked by channel; a village with an escalated petition (越级访) gets
// a red marker at the end of its bar and a red name.
import { t, label, num, lang } from '../i18n.js';
import * as catalog from '../catalog.js';
import { makeChart, axisStyle, COLORS, LEGEND, LEGEND_TOP, FONT } from '../charts.js';
import { figures, rowsOf } from '../figures.js';

const CHANNELS = [
  { metric: 'petitions_visit', color: COLORS.blue },
  { metric: 'petitions_letter', color: COLORS.cyan },
  { metric: 'petitions_online', color: COLORS.violet },
  { metric: 'petitions_hotline', color: COLORS.green },
];
const ESCALATED = 'escalated_petitions';

let chart = null;
let text = null;
let areas = [];
let totals = [];
let escalated = [];
let shown = '';

export function create(el) {
  areas = catalog.mapAreas();
  text = figures(el, t('panel.petitions'));
  totals = areas.map(() => 0);
  escalated = areas.map(() => 0);
  const marker = t('marker.escalated');
  chart = makeChart(el, {
    legend: Object.assign({}, LEGEND, { left: 12, right: 12, itemGap: 14, itemWidth: 18 }),
    grid: { left: 14, right: lang === 'en' ? 150 : 128, top: LEGEND_TOP, bottom: 4, containLabel: true },
    xAxis: axisStyle({ type: 'value', splitNumber: 3, minInterval: 1, axisLabel: { color: COLORS.muted, fontSize: 15 } }),
    yAxis: axisStyle({
      type: 'category', inverse: true, data: areas.map(label),
      axisLabel: {
        fontSize: 18, fontFamily: FONT, color: COLORS.text, width: 150, overflow: 'truncate',
        formatter: (value, index) => (escalated[index] > 0 ? '{esc|' + value + '}' : value),
        rich: { esc: { color: COLORS.red, fontWeight: 'bold', fontSize: 18, fontFamily: FONT } },
      },
    }),
    series: CHANNELS.map((c, i) => ({
      type: 'bar',
      name: label(catalog.metric(c.metric)),
      stack: 'petitions',
      barWidth: '58%',
      itemStyle: { color: c.color },
      label: i === CHANNELS.length - 1 ? {
        show: true, position: 'right', fontFamily: FONT, color: COLORS.text, fontSize: 18,
        formatter: (p) => num(totals[p.dataIndex]) + (escalated[p.dataIndex] > 0
          ? ' {esc|▲' + marker + ' ' + escalated[p.dataIndex] + '}' : ''),
        rich: {
          esc: { color: '#fff', backgroundColor: COLORS.red, padding: [2, 6], borderRadius: 3, fontSize: 16, fontWeight: 'bold', fontFamily: FONT },
        },
      } : { show: false },
      data: areas.map(() => 0),
    })),
  });
}

/** @param data {state} */
export function update(data) {
  const byArea = (data.state && data.state.areas) || {};
  const values = CHANNELS.map((c) => areas.map((a) => {
    const today = byArea[a.id] && byArea[a.id].today;
    return (today && today[c.metric]) || 0;
  }));
  areas.forEach((a, i) => {
    const today = byArea[a.id] && byArea[a.id].today;
    totals[i] = values.reduce((sum, v) => sum + v[i], 0);
    escalated[i] = (today && today[ESCALATED]) || 0;
  });
  const key = values.join('|') + '|' + escalated.join(',');
  if (key === shown) return;
  shown = key;
  chart.set({ yAxis: { data: areas.map(label) }, series: values.map((data) => ({ data })) });
  text.set(['', ...CHANNELS.map((c) => label(catalog.metric(c.metric))), t('marker.escalated')],
    rowsOf(areas.map(label), [...values, escalated]));
}
