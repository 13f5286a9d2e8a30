// One alert in full: its fields (who acknowledged and resolved it, when, with which note; whether it
// escalated), its audit trail, and what its site reported lately. Loaded from the API when selected,
// and again whenever the live feed says the alert changed.
import { t, label, unit, num } from '../i18n.js';
import * as catalog from '../catalog.js';
import { severity, place, title } from '../alert-text.js';
import * as api from './api.js';
import { el, table, button, dayTime } from './dom.js';
import * as escalation from './escalation.js';

const REPORTS = 10;

let els = null;
let callbacks = null;
let selectedId = null;
let current = null;
let shown = null;
let loading = 0;

/** @param cb {onAct(alert, 'ack'|'resolve'), extra(alert) → a node for the head's actions (the case tab's 转为事件)} */
export function create(cb) {
  callbacks = cb;
  const root = document.getElementById('detail');
  els = { root, none: root.querySelector('[data-none]'), body: root.querySelector('[data-body]') };
  els.body.addEventListener('click', (event) => {
    const act = event.target.closest('button[data-act]');
    if (act && current) callbacks.onAct(current, act.dataset.act);
  });
}

export const selected = () => selectedId;

export function show(id) {
  selectedId = id;
  return load();
}

/** The live feed says alert `id` changed: read it again if it is the one shown. */
export function changed(id) {
  if (id === selectedId) load();
}

async function load() {
  const id = selectedId;
  const seq = ++loading;
  try {
    const { alert, history } = await api.get('/api/v1/alerts/' + encodeURIComponent(id));
    const reports = alert.site
      ? (await api.get('/api/v1/reports?site=' + encodeURIComponent(alert.site) + '&limit=' + REPORTS)).reports
      : null;
    if (seq !== loading) return;
    current = alert;
    // the feed says "changed" more often than what is shown changes; a pane redrawn for nothing
    // would swap its buttons under the officer's pointer
    const shows = JSON.stringify([alert, history, reports]);
    if (shows !== shown) render(alert, history, reports);
    shown = shows;
  } catch (e) {
    if (seq !== loading) return;
    current = null;
    shown = null;
    reveal(el('p', 'error', t('detail.loadFailed', { detail: e.message })));
  }
}

function reveal(...nodes) {
  els.none.hidden = true;
  els.body.hidden = false;
  const active = document.activeElement;
  const act = active && els.body.contains(active) ? active.dataset.act || 'title' : null;
  els.body.replaceChildren(...nodes);
  // a redraw (after 签收, say) must not drop the focus to the page's body: the same action, else the next
  if (act) (els.body.querySelector('button[data-act="' + act + '"]') || els.body.querySelector('button[data-act="resolve"]')
    || els.body.querySelector('.detail-title')).focus();
}

/** When it last climbed and where to: 10:05 · 许东镇 → 长岭区. */
function escalatedText(a) {
  const to = a.escalatedTo && catalog.area(a.escalatedTo);
  const from = escalation.fromName(a);
  return dayTime(a.escalatedAt) + (to && a.escalatedTo !== a.desk ? ' · ' + from + ' → ' + label(to) : '');
}

/** An escalation's note names areas by id ("xudong → changling"); the officer reads their names. */
function note(e) {
  const step = e.action === 'escalated' && /^(\S+) → (\S+)$/.exec(e.note || '');
  if (!step) return e.note || '';
  const name = (id) => (catalog.area(id) ? label(catalog.area(id)) : id);
  return name(step[1]) + ' → ' + name(step[2]);
}

function render(a, history, reports) {
  const sev = severity(a);
  els.body.dataset.id = a.id;
  els.body.dataset.state = a.state;
  const head = el('div', 'detail-head',
    el('span', 'sev sev-' + sev, t('sev.' + sev)),
    el('span', 'state state-' + a.state, t('state.' + a.state)),
    escalation.tag(a),
    el('div', 'detail-actions', callbacks.extra ? callbacks.extra(a) : null, a.state === 'open' && button('ack', 'act.ack'),
      a.state !== 'resolved' && button('resolve', 'act.resolve')));
  const fields = el('dl', 'fields',
    ...field('where', 'detail.where', place(a)),
    ...field('rule', 'detail.rule', t('kind.' + a.kind) + ' · ' + a.rule),
    ...field('detail', 'detail.detail', a.detail || '—'),
    ...field('firstSeen', 'detail.firstSeen', dayTime(a.firstSeen)),
    ...field('lastSeen', 'detail.lastSeen', dayTime(a.lastSeen)),
    ...field('count', 'detail.count', String(a.count)),
    ...field('escalated', 'detail.escalated', a.escalated ? escalatedText(a) : '—'),
    ...field('acknowledged', 'detail.ack', acted(a.acknowledged)),
    ...field('resolved', 'detail.resolve', acted(a.resolved)));
  const trail = table('history', ['col.time', 'col.action', 'col.who', 'col.note'], history.map((e) => {
    const tr = el('tr', null, el('td', 'when', dayTime(e.at)), el('td', null, t('action.' + e.action)),
      el('td', null, e.actor === 'system' ? t('actor.system') : e.actor), el('td', 'note', note(e)));
    tr.dataset.action = e.action;
    return tr;
  }));
  const nodes = [head, titleHeading(a), fields, el('h3', null, t('detail.history')), trail];
  if (reports) {
    nodes.push(el('h3', null, t('detail.reports', { site: place(a) })));
    nodes.push(reports.length
      ? table('reports', ['col.time', 'col.metrics', 'col.note'],
        reports.map((r) => [dayTime(r.observedAt), metrics(r.metrics), r.note || '']))
      : el('p', 'muted', t('detail.noReports')));
  }
  reveal(...nodes);
}

function field(key, labelKey, value) {
  const dd = el('dd', null, value);
  dd.dataset.field = key;
  return [el('dt', null, t(labelKey)), dd];
}

function acted(action) {
  if (!action) return '—';
  const who = t('detail.by', { who: action.by, at: dayTime(action.at) });
  return action.note ? who + ' — ' + action.note : who;
}

/** A report's numbers with the catalogue's labels, e.g. 越级访 1 · 来访 3. */
function metrics(values) {
  return Object.entries(values || {}).map(([key, value]) => {
    const metric = catalog.metric(key);
    const shown = num(value, Number.isInteger(value) ? 0 : 1) + unit(metric);
    return (metric ? label(metric) : key) + ' ' + shown;
  }).join(' · ');
}

/** The heading may take the focus (tabindex -1), for when the action buttons leave after the last action. */
function titleHeading(a) {
  const h = el('h2', 'detail-title', title(a));
  h.tabIndex = -1;
  return h;
}
