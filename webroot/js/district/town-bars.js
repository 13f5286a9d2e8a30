// Today by town: persons and vehicles turned back at the checkpoints and petitions received, one group
// of bars per town, from each town's roll-up (state.areas[town].today).
import { t, label, num, lang } from '../i18n.js';
import * as catalog from '../catalog.js';
import { makeChart, axisStyle, COLORS, LEGEND, LEGEND_TOP, FONT } from '../charts.js';
import { figures, rowsOf } from '../figures.js';

const PETITION_CHANNELS = ['petitions_visit', 'petitions_letter', 'petitions_online', 'petitions_hotline'];
const SERIES = [
  { name: () => label(catalog.metric('persons_turned_back')), color: COLORS.red, value: (d) => d.persons_turned_back || 0 },
  { name: () => label(catalog.metric('vehicles_turned_back')), color: COLORS.amber, value: (d) => d.vehicles_turned_back || 0 },
  {
    name: () => t('bar.petitions'),
    color: COLORS.cyan,
    value: (d) => PETITION_CHANNELS.reduce((sum, key) => sum + (d[key] || 0), 0),
  },
];

let chart = null;
let text = null;
let towns = [];
let shown = '';
let values = [];

export function create(el) {
  towns = catalog.children(catalog.scope());
  text = figures(el, t('panel.townBars'));
  values = SERIES.map(() => towns.map(() => 0));
  chart = makeChart(el, {
    legend: Object.assign({}, LEGEND, { left: 12, right: 12 }),
    grid: { left: 16, right: 16, top: LEGEND_TOP + 10, bottom: 8, containLabel: true },
    xAxis: axisStyle({
      type: 'category',
      data: towns.map(label),
      axisLabel: {
        color: COLORS.text, fontSize: lang === 'en' ? 17 : 20, fontFamily: FONT, fontWeight: 'bold', interval: 0,
        width: 150, overflow: 'break', lineHeight: 20,
      },
    }),
    yAxis: axisStyle({ type: 'value', splitNumber: 4, minInterval: 1, axisLabel: { color: COLORS.muted, fontSize: 16 } }),
    series: SERIES.map((s) => ({
      type: 'bar',
      name: s.name(),
      barGap: '14%',
      barMaxWidth: 40,
      itemStyle: { color: s.color, borderRadius: [3, 3, 0, 0] },
      label: { show: true, position: 'top', color: COLORS.text, fontSize: 17, fontFamily: FONT, formatter: (p) => num(p.value) },
      data: towns.map(() => 0),
    })),
  });
}

/** @param data {state} */
export function update(data) {
  const byArea = (data.state && data.state.areas) || {};
  values = SERIES.map((s) => towns.map((town) => {
    const today = byArea[town.id] && byArea[town.id].today;
    return today ? s.value(today) : 0;
  }));
  const key = values.join('|');
  if (key === shown) return;
  shown = key;
  chart.set({ series: values.map((d) => ({ data: d })) });
  text.set(['', ...SERIES.map((s) => s.name())], rowsOf(towns.map(label), values));
}

/** What the bars show, for tests: {towns: [names], series: {name: [values]}}. */
export function shownBars() {
  const series = {};
  SERIES.forEach((s, i) => { series[s.name()] = values[i]; });
  return { towns: towns.map(label), series };
}
