// Checkpoint bars: checked against turned back, per checkpoint, today.
import { t, label } from '../i18n.js';
import * as catalog from '../catalog.js';
import { makeChart, axisStyle, COLORS, LEGEND, LEGEND_TOP, FONT } from '../charts.js';
import { figures, rowsOf } from '../figures.js';

const SERIES = [
  { metric: 'vehicles_checked', color: COLORS.blue },
  { metric: 'vehicles_turned_back', color: COLORS.amber },
  { metric: 'persons_checked', color: COLORS.cyan },
  { metric: 'persons_turned_back', color: COLORS.red },
];

let chart = null;
let text = null;

/** Long Chinese names break before their last three characters (…检测点); others wrap at spaces. */
function twoLines(name) {
  return /^[\u2e80-\u9fff]{7,}$/.test(name) ? name.slice(0, -3) + '\n' + name.slice(-3) : name;
}
let sites = [];
let shown = '';

export function create(el) {
  sites = catalog.sitesOfKind('checkpoint');
  text = figures(el, t('panel.checkpoints'));
  chart = makeChart(el, {
    legend: Object.assign({}, LEGEND, { left: 12, right: 12 }),
    grid: { left: 16, right: 16, top: LEGEND_TOP, bottom: 8, containLabel: true },
    xAxis: axisStyle({
      type: 'category',
      data: sites.map(label),
      axisLabel: {
        color: COLORS.text, fontSize: 17, fontFamily: FONT, interval: 0, width: 124, overflow: 'break', lineHeight: 20,
        formatter: twoLines,
      },
    }),
    yAxis: axisStyle({ type: 'value', splitNumber: 4, axisLabel: { color: COLORS.muted, fontSize: 16 } }),
    series: SERIES.map((s) => ({
      type: 'bar',
      name: label(catalog.metric(s.metric)),
      barGap: '12%',
      barMaxWidth: 28,
      itemStyle: { color: s.color, borderRadius: [3, 3, 0, 0] },
      label: { show: true, position: 'top', color: COLORS.text, fontSize: 15, fontFamily: FONT },
      data: sites.map(() => 0),
    })),
  });
}

/** @param data {state} */
export function update(data) {
  const state = data.state || {};
  const values = SERIES.map((s) => sites.map((site) => {
    const today = state.sites && state.sites[site.id] && state.sites[site.id].today;
    return (today && today[s.metric]) || 0;
  }));
  const key = values.join('|');
  if (key === shown) return;
  shown = key;
  chart.set({ series: values.map((data) => ({ data })) });
  text.set(['', ...SERIES.map((s) => label(catalog.metric(s.metric)))], rowsOf(sites.map(label), values));
}
