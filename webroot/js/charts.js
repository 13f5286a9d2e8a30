// ECharts from the server's webjar (never a CDN), the screen's chart theme, and one small wrapper
// per chart: created once, fed data with setOption, resized with the stage.
import * as echarts from '/vendor/echarts/echarts.esm.min.mjs';
import { chartPixelRatio, onRescale } from './stage.js';
import { lang } from './i18n.js';

export { echarts };

export const FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif';

export const COLORS = {
  text: '#e6f1ff',
  muted: '#8ea6c4',
  axis: 'rgba(142, 166, 196, 0.45)',
  split: 'rgba(142, 166, 196, 0.14)',
  cyan: '#36e0e0',
  blue: '#3d9bff',
  green: '#3ddc84',
  amber: '#ffb020',
  red: '#ff4d4f',
  grey: '#6b7a8c',
  violet: '#a78bfa',
};

/**
 * What every chart shares: dark, large type, no tooltips (nobody hovers a wall). Charts grow in once
 * at start; later updates draw at once: at four deltas a second an update animation would keep every
 * canvas repainting on every frame, for days.
 */
/**
 * Whether the viewer asked their system for less motion (prefers-reduced-motion), read once at start: then
 * charts do not grow in and alerting sites do not ripple (a canvas is out of reach of the CSS that stops the rest).
 */
export const STILL = typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;

/** The series type of a map's alerting sites: rippling, or still for a viewer who asked for less motion. */
export const PULSING = STILL ? 'scatter' : 'effectScatter';

export const BASE = {
  backgroundColor: 'transparent',
  textStyle: { fontFamily: FONT, color: COLORS.text, fontSize: 18 },
  animation: !STILL,
  animationDuration: 600,
  animationDurationUpdate: 0,
  tooltip: { show: false },
};

export function axisStyle(extra) {
  return Object.assign({
    axisLine: { lineStyle: { color: COLORS.axis } },
    axisTick: { show: false },
    axisLabel: { color: COLORS.text, fontSize: 18, fontFamily: FONT },
    splitLine: { lineStyle: { color: COLORS.split } },
  }, extra);
}

/** Where a chart's plot starts below its legend: English legends take two lines. */
export const LEGEND_TOP = lang === 'en' ? 72 : 44;

export const LEGEND = {
  top: 4,
  right: 12,
  itemWidth: 22,
  itemHeight: 14,
  textStyle: { color: COLORS.text, fontSize: 18, fontFamily: FONT },
};

/**
 * One chart for the life of the page. Data goes in through set(); nothing re-creates it on an
 * update. Only when the screen's resolution changes so much that the canvas would be blurred or
 * oversampled is it rebuilt once, at the new pixel ratio, from its own current option.
 */
export function makeChart(el, baseOption) {
  let ratio = chartPixelRatio();
  let chart = echarts.init(el, null, { renderer: 'canvas', devicePixelRatio: ratio });
  chart.setOption(Object.assign({}, BASE, baseOption));
  onRescale(() => {
    const next = chartPixelRatio();
    if (Math.abs(next - ratio) / ratio > 0.2) {
      const option = chart.getOption();
      chart.dispose();
      chart = echarts.init(el, null, { renderer: 'canvas', devicePixelRatio: next });
      chart.setOption(option);
      ratio = next;
    } else {
      chart.resize();
    }
  });
  return {
    set(option) {
      chart.setOption(option);
    },
    instance() {
      return chart;
    },
  };
}
