// Schematic map of the town, drawn from the catalogue's outlines (map units, y up) registered with
// ECharts as GeoJSON: nothing is fetched. Sites are markers coloured by state; a site with an open
// critical alert pulses; a site past its kind's reporting interval greys out.
import { t, label, lang } from '../i18n.js';
import * as catalog from '../catalog.js';
import { makeChart, COLORS, FONT, echarts, PULSING } from '../charts.js';
import { alertsBySite, siteState } from './site-state.js';
import { labelPoint, obstaclesOf } from './map-labels.js';
import { figures } from '../figures.js';

const MAP = 'watchfloor-town';
const SYMBOLS = {
  checkpoint: { symbol: 'diamond', size: 30 },
  community: { symbol: 'circle', size: 20 },
  inspection: { symbol: 'rect', size: 17 },
};
const STATE_COLORS = { ok: COLORS.green, missing: COLORS.amber, overdue: COLORS.grey, warning: '#ff7a45', critical: COLORS.red };
const CAPTION_PX = 16;
const AREA_PX = lang === 'en' ? 16 : 19;
const CAPTION_RISE = 30; // map units from a marker to the middle of its caption (y up)
const UNITS_PER_PX = 1.45; // the 1000-unit-wide town is drawn about 690 px wide

export { siteState };

let chart = null;
let text = null;
/** A site's state in words, for the map's text alternative. */
const STATE_WORDS = { ok: 'legend.ok', missing: 'legend.missing', overdue: 'legend.overdue', warning: 'sev.warning', critical: 'sev.critical' };
let sites = [];
let captions = new Map();
let shown = '';

/**
 * Checkpoints carry their name above or below the marker, wherever fewer other markers and area
 * names are in the way; near the map's edges the name is aligned to stay inside.
 */
function placeCaptions(areaLabels) {
  captions = new Map();
  for (const site of sites) {
    if (site.kind !== 'checkpoint') continue;
    const text = label(site);
    const [x, y] = site.position;
    const width = textPx(text, CAPTION_PX) * UNITS_PER_PX;
    const align = x > 760 ? 'right' : x < 240 ? 'left' : 'center';
    const from = align === 'right' ? x - width : align === 'left' ? x : x - width / 2;
    const overlaps = (cx, cy, halfWidth, rise) => cx + halfWidth > from - 15 && cx - halfWidth < from + width + 15
      && Math.abs(cy - (y + rise)) < 34;
    const blocked = (rise) => sites.filter((o) => o !== site && overlaps(o.position[0], o.position[1], 0, rise)).length
      + areaLabels.filter((a) => overlaps(a.at[0], a.at[1], a.halfWidth, rise)).length * 2;
    const rise = blocked(-CAPTION_RISE) < blocked(CAPTION_RISE) ? -CAPTION_RISE : CAPTION_RISE;
    captions.set(site.id, { text, align, width, rise });
  }
}

/** Each area's name goes where it keeps clear of the outline and the markers. */
function placeAreaLabels() {
  const obstacles = obstaclesOf(sites.map((s) => ({ position: s.position })));
  return catalog.mapAreas().map((a) => {
    const halfWidth = (textPx(label(a), AREA_PX) * UNITS_PER_PX) / 2;
    return { id: a.id, halfWidth, at: labelPoint(a.outline, obstacles, halfWidth) };
  });
}

/** About how wide a text is drawn, in px: CJK characters are square, Latin ones about half. */
function textPx(text, size) {
  let px = 8;
  for (const ch of text) px += ch.charCodeAt(0) > 0x2e80 ? size : size * 0.55;
  return px;
}

function captionLabel(c) {
  const shift = c.align === 'right' ? 14 : c.align === 'left' ? -14 : 0;
  return { position: c.rise > 0 ? 'top' : 'bottom', align: c.align, offset: [shift, 0] };
}

/** The outlines as GeoJSON, with each area's label point (properties.cp). */
function geoJson(areaLabels) {
  return {
    type: 'FeatureCollection',
    features: catalog.mapAreas().map((a, i) => {
      const ring = a.outline.map((p) => [p[0], p[1]]);
      if (ring.length && (ring[0][0] !== ring[ring.length - 1][0] || ring[0][1] !== ring[ring.length - 1][1])) {
        ring.push([ring[0][0], ring[0][1]]);
      }
      return {
        type: 'Feature',
        properties: { name: a.id, cp: areaLabels[i].at },
        geometry: { type: 'Polygon', coordinates: [ring] },
      };
    }),
  };
}

export function create(el) {
  sites = catalog.sites();
  const areaLabels = placeAreaLabels();
  placeCaptions(areaLabels);
  echarts.registerMap(MAP, geoJson(areaLabels));
  text = figures(el.querySelector('[data-chart]'), t('panel.map'));
  chart = makeChart(el.querySelector('[data-chart]'), {
    geo: {
      map: MAP,
      roam: false,
      silent: true,
      aspectScale: 1,
      left: 16, right: 16, top: 10, bottom: 58,
      label: {
        show: true, color: 'rgba(200, 222, 255, 0.9)', fontSize: AREA_PX, fontFamily: FONT, fontWeight: 'bold',
        formatter: (p) => label(catalog.area(p.name)),
        textBorderColor: '#04101f', textBorderWidth: 3,
      },
      itemStyle: {
        areaColor: new echarts.graphic.LinearGradient(0, 0, 0, 1, [
          { offset: 0, color: 'rgba(30, 90, 170, 0.55)' },
          { offset: 1, color: 'rgba(12, 40, 90, 0.75)' },
        ]),
        borderColor: 'rgba(100, 200, 255, 0.9)',
        borderWidth: 2,
        shadowColor: 'rgba(61, 155, 255, 0.6)',
        shadowBlur: 12,
      },
    },
    series: [
      {
        type: 'scatter', name: 'sites', coordinateSystem: 'geo', data: [],
        label: {
          show: true, position: 'right', distance: 6, fontFamily: FONT, fontSize: 16, color: COLORS.text,
          textBorderColor: '#04101f', textBorderWidth: 3, formatter: (p) => p.data.caption || '',
        },
        itemStyle: { borderColor: '#04101f', borderWidth: 2 },
      },
      {
        type: PULSING, name: 'alerting', coordinateSystem: 'geo', data: [], zlevel: 1,
        rippleEffect: { brushType: 'stroke', scale: 4, period: 2.2 },
        itemStyle: { color: COLORS.red, borderColor: '#fff', borderWidth: 2 },
        label: {
          show: true, position: 'right', distance: 8, fontFamily: FONT, fontSize: 18, fontWeight: 'bold', color: '#ffd0d0',
          textBorderColor: '#300', textBorderWidth: 3, formatter: (p) => p.data.caption || '',
        },
      },
    ],
  });
  legend(el.querySelector('[data-legend]'));
}

function legend(el) {
  const parts = [
    ['●', STATE_COLORS.ok, t('legend.ok')],
    ['●', STATE_COLORS.missing, t('legend.missing')],
    ['●', STATE_COLORS.overdue, t('legend.overdue')],
    ['●', STATE_COLORS.critical, t('legend.alert')],
    ['◆', COLORS.text, label(catalog.kind('checkpoint'))],
    ['●', COLORS.text, label(catalog.kind('community'))],
    ['■', COLORS.text, label(catalog.kind('inspection'))],
  ];
  for (const [glyph, color, text] of parts) {
    if (!text) continue;
    const span = document.createElement('span');
    const i = document.createElement('i');
    i.textContent = glyph;
    i.style.color = color;
    span.append(i, text);
    el.appendChild(span);
  }
}

/** @param data {state, now} */
export function update(data) {
  const state = data.state || {};
  const worst = alertsBySite(state.alerts);
  const states = sites.map((s) => siteState(state, s, data.now, worst));
  const key = states.join(',');
  if (key === shown) return;
  shown = key;
  const normal = [];
  const pulsing = [];
  sites.forEach((s, i) => {
    const look = SYMBOLS[s.kind] || SYMBOLS.community;
    const st = states[i];
    const c = captions.get(s.id);
    const item = {
      name: s.id,
      value: [s.position[0], s.position[1]],
      symbol: look.symbol,
      symbolSize: look.size,
      state: st,
      caption: c ? c.text : st === 'critical' ? label(s) : '',
      label: c ? captionLabel(c) : undefined,
      itemStyle: { color: STATE_COLORS[st] },
    };
    (st === 'critical' ? pulsing : normal).push(item);
  });
  chart.set({ series: [{ data: normal }, { data: pulsing }] });
  text.set(['', t('figures.state')], sites.map((s, i) => [label(s), t(STATE_WORDS[states[i]] || 'legend.ok')]));
}

/** Site states as drawn, for tests: {siteId: state}. */
export function shownStates() {
  const out = {};
  shown.split(',').forEach((st, i) => { if (sites[i]) out[sites[i].id] = st; });
  return out;
}
