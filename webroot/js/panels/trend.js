// Hourly trend of one counter, today against yesterday (state.trend). Today's line stops at the
// current hour by the server's clock in the jurisdiction's time zone.
import { t, label } from '../i18n.js';
import * as catalog from '../catalog.js';
import { makeChart, axisStyle, COLORS, LEGEND, echarts } from '../charts.js';
import { hourOf } from '../server-clock.js';
import { figures, rowsOf } from '../figures.js';

export const METRIC = 'vehicles_checked';
const HOURS = Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0'));

let chart = null;
let text = null;
let shown = '';

export function create(el) {
  const title = el.closest('.panel').querySelector('.panel-title');
  title.textContent = t('panel.trend', { metric: label(catalog.metric(METRIC)) });
  text = figures(el, title.textContent);
  chart = makeChart(el, {
    legend: Object.assign({}, LEGEND, { data: [t('series.today'), t('series.yesterday')] }),
    grid: { left: 16, right: 22, top: 44, bottom: 8, containLabel: true },
    xAxis: axisStyle({
      type: 'category', boundaryGap: false, data: HOURS,
      axisLabel: { color: COLORS.muted, fontSize: 16, interval: 2 },
    }),
    yAxis: axisStyle({ type: 'value', splitNumber: 4, axisLabel: { color: COLORS.muted, fontSize: 16 } }),
    series: [
      {
        type: 'line', name: t('series.yesterday'), data: [], showSymbol: false, smooth: true,
        lineStyle: { color: COLORS.grey, width: 3, type: 'dashed' }, itemStyle: { color: COLORS.grey },
      },
      {
        type: 'line', name: t('series.today'), data: [], showSymbol: true, symbolSize: 7, smooth: true,
        lineStyle: { color: COLORS.cyan, width: 4 }, itemStyle: { color: COLORS.cyan },
        areaStyle: {
          color: new echarts.graphic.LinearGradient(0, 0, 0, 1, [
            { offset: 0, color: 'rgba(54, 224, 224, 0.45)' },
            { offset: 1, color: 'rgba(54, 224, 224, 0.02)' },
          ]),
        },
        endLabel: { show: true, color: COLORS.cyan, fontSize: 18, fontWeight: 'bold' },
      },
    ],
  });
}

/** @param data {state, now} */
export function update(data) {
  const trend = (data.state && data.state.trend) || {};
  const today = (trend.today && trend.today[METRIC]) || [];
  const yesterday = (trend.yesterday && trend.yesterday[METRIC]) || [];
  const hour = hourOf(data.now);
  const todayData = HOURS.map((_, h) => (h <= hour ? today[h] ?? 0 : null));
  const yesterdayData = HOURS.map((_, h) => yesterday[h] ?? 0);
  const key = todayData.join(',') + '|' + yesterdayData.join(',');
  if (key === shown) return;
  shown = key;
  chart.set({ series: [{ data: yesterdayData }, { data: todayData }] });
  text.set(['', t('series.today'), t('series.yesterday')], rowsOf(HOURS.map((h) => h + ':00'), [todayData, yesterdayData]));
}
