// KPI tiles for today, each with the age of its newest data; a tile whose sites are all past their
// reporting interval greys out.
import { t, label, unit, num, age } from '../i18n.js';
import * as catalog from '../catalog.js';
import { newestOfKind, overdue } from '../freshness.js';

const PETITION_CHANNELS = ['petitions_visit', 'petitions_letter', 'petitions_online', 'petitions_hotline'];

const TILES = [
  {
    id: 'vehicles', kind: 'checkpoint', unitOf: 'vehicles_checked',
    title: () => t('kpi.today', { label: label(catalog.metric('vehicles_checked')) }),
    value: (tot) => tot.vehicles_checked ?? 0,
  },
  {
    id: 'turnedBack', kind: 'checkpoint', unitOf: 'persons_turned_back',
    title: () => t('kpi.today', { label: label(catalog.metric('persons_turned_back')) }),
    value: (tot) => tot.persons_turned_back ?? 0,
    extra: (tot) => ({ text: label(catalog.metric('vehicles_turned_back')) + ' ' + num(tot.vehicles_turned_back ?? 0) }),
  },
  {
    id: 'petitions', kind: 'community', unitOf: 'petitions_visit',
    title: () => t('kpi.petitions'),
    value: (tot) => PETITION_CHANNELS.reduce((sum, key) => sum + (tot[key] ?? 0), 0),
    extra: (tot) => ({
      text: label(catalog.metric('escalated_petitions')) + ' ' + num(tot.escalated_petitions ?? 0),
      alarm: (tot.escalated_petitions ?? 0) > 0,
    }),
  },
  {
    id: 'disputes', kind: 'community', unitOf: 'disputes_screened',
    title: () => t('kpi.disputes'),
    value: (tot) => (tot.disputes_resolved ?? 0),
    text: (tot) => num(tot.disputes_resolved ?? 0) + ' / ' + num(tot.disputes_screened ?? 0),
    extra: (tot) => ({
      text: tot.disputes_screened ? Math.round((100 * (tot.disputes_resolved ?? 0)) / tot.disputes_screened) + '%' : '',
    }),
  },
  {
    id: 'score', kind: 'inspection', unitOf: 'score',
    title: () => t('kpi.score'),
    value: (tot) => (typeof tot.score === 'number' ? tot.score : null),
    text: (tot) => (typeof tot.score === 'number' ? num(tot.score, 1) : '—'),
  },
];

const tiles = [];

export function create(el) {
  for (const def of TILES) {
    const tile = document.createElement('div');
    tile.className = 'kpi';
    tile.dataset.kpi = def.id;
    tile.innerHTML = '<div class="kpi-label"></div>'
      + '<div class="kpi-value"><span data-value></span><span class="kpi-unit"></span><span class="kpi-extra"></span></div>'
      + '<div class="kpi-age"></div>';
    tile.querySelector('.kpi-label').textContent = def.title();
    tile.querySelector('.kpi-unit').textContent = unit(catalog.metric(def.unitOf));
    el.appendChild(tile);
    tiles.push({
      def,
      tile,
      value: tile.querySelector('[data-value]'),
      extra: tile.querySelector('.kpi-extra'),
      age: tile.querySelector('.kpi-age'),
      shown: { value: null, extra: null, age: null, stale: null },
    });
  }
}

/** @param data {state, now} */
export function update(data) {
  const totals = (data.state && data.state.totals) || {};
  for (const k of tiles) {
    const raw = k.def.value(totals);
    const text = k.def.text ? k.def.text(totals) : num(raw);
    if (text !== k.shown.value) {
      k.shown.value = text;
      k.value.textContent = text;
      k.value.dataset.raw = raw === null ? '' : String(raw);
    }
    const extra = k.def.extra ? k.def.extra(totals) : null;
    const extraKey = extra ? extra.text + (extra.alarm ? '!' : '') : '';
    if (extraKey !== k.shown.extra) {
      k.shown.extra = extraKey;
      k.extra.textContent = extra ? extra.text : '';
      k.extra.classList.toggle('alarm', !!(extra && extra.alarm));
    }
    showAge(k, data.state, data.now);
  }
}

function showAge(k, state, now) {
  const newest = newestOfKind(state, k.def.kind);
  const late = overdue(k.def.kind, newest, now);
  let text;
  if (newest === null) text = tNoData();
  else if (late) text = tOverdue(now - newest);
  else text = tAge(now - newest);
  if (text !== k.shown.age) {
    k.shown.age = text;
    k.age.textContent = text;
  }
  if (late !== k.shown.stale) {
    k.shown.stale = late;
    k.tile.classList.toggle('stale', late);
  }
}

const tNoData = () => t('kpi.noData');
const tOverdue = (ms) => t('kpi.overdue', { age: age(ms) });
const tAge = (ms) => t('kpi.age', { age: age(ms) });
