// The shift handover (交接班), made from the audit trail: for a chosen shift (day 08:00–20:00 or night
// 20:00–08:00, on the jurisdiction's clock) what came in, what was done, by whom and with which note,
// and what is still unresolved for the next shift. The print stylesheet leaves just this sheet.
import { t, label } from '../i18n.js';
import * as catalog from '../catalog.js';
import { severity, place, title } from '../alert-text.js';
import * as serverClock from '../server-clock.js';
import * as api from './api.js';
import { compare } from './queue.js';
import { el, option, table, dayTime } from './dom.js';

const SHIFTS = { day: ['08:00', '20:00'], night: ['20:00', '08:00'] };
const DONE = ['acknowledged', 'resolved', 'escalated'];

let els = null;
let shown = false;
let loading = 0;

export function create() {
  const byId = (id) => document.getElementById(id);
  els = { date: byId('h-date'), shift: byId('h-shift'), sheet: byId('handover') };
  els.shift.replaceChildren(option('day', t('handover.day')), option('night', t('handover.night')));
  byId('h-load').addEventListener('click', load);
  byId('h-print').addEventListener('click', () => window.print());
  els.date.addEventListener('change', load);
  els.shift.addEventListener('change', load);
}

/** Each time the view opens it reads the shift again; the first time, the shift the server's clock is in. */
export function open() {
  if (!shown) {
    shown = true;
    const now = serverClock.now();
    const hour = serverClock.hourOf(now);
    // before 08:00 the night shift that began yesterday evening is still on
    els.date.value = serverClock.localDate(hour < 8 ? now - 12 * 3600_000 : now);
    els.shift.value = hour >= 8 && hour < 20 ? 'day' : 'night';
  }
  load();
}

function nextDay(date) {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

async function load() {
  const seq = ++loading;
  const [start, end] = SHIFTS[els.shift.value];
  const from = serverClock.zonedIso(els.date.value, start);
  const to = serverClock.zonedIso(els.shift.value === 'night' ? nextDay(els.date.value) : els.date.value, end);
  try {
    const shift = await api.get('/api/v1/handover?from=' + encodeURIComponent(from) + '&to=' + encodeURIComponent(to));
    const alerts = await alertsOf(shift);
    if (seq === loading) render(shift, alerts, from, to);
  } catch (e) {
    if (seq === loading) els.sheet.replaceChildren(el('p', 'error', t('handover.failed', { detail: e.message })));
  }
}

/** Events name alerts by id: the unresolved come with the shift, most others with the resolved list. */
async function alertsOf(shift) {
  const byId = new Map(shift.unresolved.map((a) => [a.id, a]));
  const wanted = () => [...new Set(shift.events.map((e) => e.alertId))].filter((id) => !byId.has(id));
  if (wanted().length) {
    for (const a of (await api.get('/api/v1/alerts?state=resolved')).alerts) byId.set(a.id, a);
  }
  const older = await Promise.all(wanted().map((id) => api.get('/api/v1/alerts/' + encodeURIComponent(id))
    .then((found) => found.alert, () => null)));
  for (const a of older) if (a) byId.set(a.id, a);
  return byId;
}

function render(shift, alerts, from, to) {
  const fired = shift.events.filter((e) => e.action === 'fired');
  const done = shift.events.filter((e) => DONE.includes(e.action));
  const open = [...shift.unresolved].sort(compare);
  const count = (action) => done.filter((e) => e.action === action).length;
  const about = (id) => alerts.get(id) || { id, title: id };
  const shiftName = t(els.shift.value === 'day' ? 'handover.day' : 'handover.night');

  const cameIn = fired.map((e) => {
    const a = about(e.alertId);
    return row(e.alertId, 'fired', [dayTime(e.at), sev(a), title(a), place(a), a.state ? t('state.' + a.state) : '']);
  });
  const actions = done.map((e) => {
    const a = about(e.alertId);
    return row(e.alertId, e.action, [dayTime(e.at), t('action.' + e.action),
      e.actor === 'system' ? t('actor.system') : e.actor, title(a) + ' · ' + place(a), e.note || '']);
  });
  const stillOpen = open.map((a) => row(a.id, a.state, [sev(a), t('state.' + a.state), title(a), place(a), dayTime(a.firstSeen),
    a.acknowledged ? a.acknowledged.by + ' · ' + dayTime(a.acknowledged.at) + (a.acknowledged.note ? ' — ' + a.acknowledged.note : '') : '']));

  els.sheet.replaceChildren(
    el('h2', null, label(catalog.jurisdiction()) + ' ' + t('handover.title') + ' · ' + els.date.value + ' ' + shiftName),
    el('p', 'handover-range', t('handover.range', { place: label(catalog.jurisdiction()), from: dayTime(from), to: dayTime(to) })),
    el('p', 'handover-summary', t('handover.summary', { in: fired.length, ack: count('acknowledged'),
      resolved: count('resolved'), escalated: count('escalated'), open: open.length })),
    section('in', 'handover.in', cameIn, ['col.time', 'col.severity', 'col.alert', 'col.where', 'col.now']),
    section('done', 'handover.done', actions, ['col.time', 'col.action', 'col.who', 'col.alert', 'col.note']),
    section('open', 'handover.open', stillOpen, ['col.severity', 'col.state', 'col.alert', 'col.where', 'col.first', 'detail.ack']),
    el('p', 'handover-sign', t('handover.signOff')),
    el('p', 'handover-made', t('handover.printedAt', { t: serverClock.formatDayTime(serverClock.now()) })));
  els.sheet.dataset.from = from;
  els.sheet.dataset.to = to;
}

function sev(a) {
  const s = severity(a);
  return el('span', 'sev sev-' + s, t('sev.' + s));
}

function row(alertId, action, cells) {
  const tr = el('tr', null, ...cells.map((c) => el('td', null, c)));
  tr.dataset.alert = alertId;
  tr.dataset.action = action;
  return tr;
}

function section(key, titleKey, rows, headKeys) {
  const node = el('section', 'handover-section', el('h3', null, t(titleKey) + ' (' + rows.length + ')'),
    rows.length ? table('handover-table', headKeys, rows) : el('p', 'muted', t('handover.none')));
  node.dataset.section = key;
  return node;
}
