// The district's schematic map: the towns' outlines from the catalogue (drawn on the district's map),
// registered with ECharts as GeoJSON, nothing fetched. Each town is tinted by its worst open alert,
// else by a low on-time reporting rate, and carries its name, its rate and its open alerts; a town
// with an open critical alert pulses.
import { t, label, lang } from '../i18n.js';
import * as catalog from '../catalog.js';
import { makeChart, COLORS, FONT, echarts, PULSING } from '../charts.js';
import { labelPoint } from '../panels/map-labels.js';
import { percent, RATE_WARN } from './town-compliance.js';
import { figures } from '../figures.js';

const MAP = 'watchfloor-district';
const SEVERITY = { info: 1, warning: 2, critical: 3 };
const FILL = {
  ok: 'rgba(30, 90, 170, 0.55)',
  low: 'rgba(190, 125, 10, 0.5)',
  warning: 'rgba(220, 95, 40, 0.5)',
  critical: 'rgba(200, 35, 45, 0.55)',
};
const NAME_PX = lang === 'en' ? 22 : 28;

let chart = null;
let asText = null;
/** A town's state in words, for the map's text alternative. */
const STATE_WORDS = { ok: 'legend.ok', low: 'legend.rateLow', warning: 'sev.warning', critical: 'sev.critical' };
let towns = [];
let points = new Map();
let info = new Map(); // town id → {state, rate, alerts}
let shown = '';

function geoJson() {
  return {
    type: 'FeatureCollection',
    features: towns.map((a) => {
      const ring = a.outline.map((p) => [p[0], p[1]]);
      const [first, last] = [ring[0], ring[ring.length - 1]];
      if (ring.length && (first[0] !== last[0] || first[1] !== last[1])) ring.push([first[0], first[1]]);
      return { type: 'Feature', properties: { name: a.id, cp: points.get(a.id) }, geometry: { type: 'Polygon', coordinates: [ring] } };
    }),
  };
}

function townLabel(p) {
  const i = info.get(p.name);
  const name = '{name|' + label(catalog.area(p.name)) + '}';
  if (!i) return name;
  const alerts = i.alerts > 0 ? '  {alert|' + t('town.alerts', { n: i.alerts }) + '}' : '';
  return name + '\n{rate|' + t('town.rate', { rate: percent(i.rate) }) + '}' + alerts;
}

export function create(el) {
  towns = catalog.children(catalog.scope()).filter((a) => a.outline && a.outline.length > 2);
  points = new Map(towns.map((a) => [a.id, labelPoint(a.outline, [], 90)]));
  echarts.registerMap(MAP, geoJson());
  asText = figures(el.querySelector('[data-chart]'), t('panel.townMap'));
  chart = makeChart(el.querySelector('[data-chart]'), {
    geo: {
      map: MAP, roam: false, silent: true, aspectScale: 1,
      left: 16, right: 16, top: 14, bottom: 56,
      label: {
        show: true, formatter: townLabel, lineHeight: 34, textBorderColor: '#04101f', textBorderWidth: 3,
        rich: {
          name: { fontSize: NAME_PX, fontWeight: 'bold', color: '#f2f8ff', fontFamily: FONT, lineHeight: 38 },
          rate: { fontSize: 19, color: '#d8e8ff', fontFamily: FONT },
          alert: { fontSize: 18, color: '#fff', backgroundColor: COLORS.red, padding: [2, 6], borderRadius: 3, fontFamily: FONT, fontWeight: 'bold' },
        },
      },
      itemStyle: {
        areaColor: FILL.ok, borderColor: 'rgba(100, 200, 255, 0.95)', borderWidth: 3,
        shadowColor: 'rgba(61, 155, 255, 0.6)', shadowBlur: 14,
      },
      regions: [],
    },
    series: [{
      type: PULSING, coordinateSystem: 'geo', data: [], zlevel: 1, symbolSize: 16,
      rippleEffect: { brushType: 'stroke', scale: 5, period: 2.2 },
      itemStyle: { color: COLORS.red, borderColor: '#fff', borderWidth: 2 },
    }],
  });
  legend(el.querySelector('[data-legend]'));
}

function legend(el) {
  const parts = [[FILL.ok, t('legend.ok')], [FILL.low, t('legend.rateLow')], [FILL.warning, t('sev.warning')], [FILL.critical, t('sev.critical')]];
  for (const [color, text] of parts) {
    const span = document.createElement('span');
    const i = document.createElement('i');
    i.textContent = '■';
    i.style.color = color.replace(/[\d.]+\)$/, '1)');
    span.append(i, text);
    el.appendChild(span);
  }
}

/** Per town: its worst open alert severity and how many are open in its subtree. */
function alertsByTown(alerts) {
  const out = new Map();
  for (const a of Object.values(alerts || {})) {
    const town = a && a.area && catalog.childToward(a.area);
    if (!town) continue;
    const o = out.get(town) || { worst: 0, count: 0 };
    o.worst = Math.max(o.worst, SEVERITY[a.severity] || 0);
    o.count++;
    out.set(town, o);
  }
  return out;
}

export function townState(alerts, rate) {
  if (alerts && alerts.worst >= SEVERITY.critical) return 'critical';
  if (alerts && alerts.worst >= SEVERITY.warning) return 'warning';
  if (typeof rate === 'number' && rate < RATE_WARN) return 'low';
  return 'ok';
}

/** @param data {state} */
export function update(data) {
  const state = data.state || {};
  const byTown = alertsByTown(state.alerts);
  const rates = (state.compliance && state.compliance.areas) || {};
  info = new Map(towns.map((a) => {
    const alerts = byTown.get(a.id);
    const rate = rates[a.id] ? rates[a.id].rate : null;
    return [a.id, { state: townState(alerts, rate), rate, alerts: alerts ? alerts.count : 0 }];
  }));
  const key = JSON.stringify([...info]);
  if (key === shown) return;
  shown = key;
  asText.set(['', t('figures.state'), t('figures.rate'), t('figures.alerts')], towns.map((a) => {
    const i = info.get(a.id);
    return [label(a), t(STATE_WORDS[i.state]), percent(i.rate), i.alerts];
  }));
  chart.set({
    geo: { regions: towns.map((a) => ({ name: a.id, itemStyle: { areaColor: FILL[info.get(a.id).state] } })) },
    series: [{
      data: towns.filter((a) => info.get(a.id).state === 'critical').map((a) => {
        const [x, y] = points.get(a.id);
        return { name: a.id, value: [x, y - 85] };
      }),
    }],
  });
}

/** Town states as drawn, for tests: {townId: ok|low|warning|critical}. */
export function shownStates() {
  const out = {};
  for (const [id, i] of info) out[id] = i.state;
  return out;
}

/** Town labels as drawn, for tests: {townId: 'name rate alerts'}. */
export function shownLabels() {
  const out = {};
  for (const a of towns) out[a.id] = townLabel({ name: a.id }).replace(/\{\w+\||\}/g, '').replace('\n', ' ');
  return out;
}
