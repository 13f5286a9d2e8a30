// The sheet's two small charts, black on white and drawn as SVG, so they print sharp at any size and
// need no canvas re-render for the printer: the day against the 4-week weekday mean per counter, and
// the month's on-time rate per child area.
import { echarts, FONT } from '../charts.js';
import { t } from '../i18n.js';

const BASE = {
  animation: false,
  backgroundColor: '#fff',
  textStyle: { fontFamily: FONT, color: '#000', fontSize: 10 },
  tooltip: { show: false },
};
const AXIS = {
  axisLine: { lineStyle: { color: '#000' } },
  axisTick: { show: false },
  axisLabel: { color: '#000', fontSize: 9, fontFamily: FONT },
  splitLine: { lineStyle: { color: '#ccc', type: 'dashed' } },
};

const charts = new Map();

function chart(el) {
  let c = charts.get(el);
  if (!c) {
    c = echarts.init(el, null, { renderer: 'svg' });
    charts.set(el, c);
  }
  return c;
}

/** @param rows [{name, day, mean}] */
export function figures(el, rows) {
  el.hidden = rows.length === 0;
  if (rows.length === 0) return;
  chart(el).setOption(Object.assign({}, BASE, {
    legend: { top: 0, right: 0, itemWidth: 12, itemHeight: 8, textStyle: { color: '#000', fontSize: 9 },
      data: [t('rvch.day'), t('rvch.weekday')] },
    grid: { left: 4, right: 4, top: 18, bottom: 2, containLabel: true },
    xAxis: Object.assign({ type: 'category', data: rows.map((r) => r.name),
      axisLabel: Object.assign({}, AXIS.axisLabel, { interval: 0, width: 52, overflow: 'break' }) }, { axisLine: AXIS.axisLine, axisTick: AXIS.axisTick }),
    yAxis: Object.assign({ type: 'value' }, AXIS),
    series: [
      { name: t('rvch.day'), type: 'bar', barMaxWidth: 14, itemStyle: { color: '#000' }, data: rows.map((r) => r.day ?? 0) },
      { name: t('rvch.weekday'), type: 'bar', barMaxWidth: 14, itemStyle: { color: '#fff', borderColor: '#000', borderWidth: 1 },
        data: rows.map((r) => r.mean ?? 0) },
    ],
  }), true);
}

/** @param rows [{name, rate 0..1}] */
export function monthRates(el, rows) {
  el.parentElement.hidden = rows.length === 0;
  if (rows.length === 0) return;
  // a bar per child area, each a line of small type high
  el.style.height = (rows.length * 2.7 + 1.5) + 'mm';
  chart(el).resize();
  chart(el).setOption(Object.assign({}, BASE, {
    grid: { left: 4, right: 30, top: 4, bottom: 2, containLabel: true },
    // the bars carry their own percentages, so the value axis needs no labels in a strip this short
    xAxis: { type: 'value', min: 0, max: 100, axisLabel: { show: false }, axisLine: { show: false }, splitLine: { show: false } },
    yAxis: Object.assign({ type: 'category', inverse: true, data: rows.map((r) => r.name) }, AXIS,
      { splitLine: { show: false }, axisLabel: Object.assign({}, AXIS.axisLabel, { interval: 0, fontSize: 8 }) }),
    series: [{ type: 'bar', barMaxWidth: 7, itemStyle: { color: '#555' },
      label: { show: true, position: 'right', color: '#000', fontSize: 9, formatter: (p) => p.value + '%' },
      data: rows.map((r) => (typeof r.rate === 'number' ? Math.round(100 * r.rate) : 0)) }],
  }), true);
}
