// Boot and wiring of the duty console (/console): sign-in, the catalogue, the live connection shared
// with the wall screen (backoff, resync, stale badge), the queue, the detail, the acting dialog, the
// sound, the case tab (cases/tab.js) and the shift handover. Chinese first; ?lang=en switches, as on
// the wall screen.
import './texts.js';
import { t, label, lang, applyStatic } from '../i18n.js';
import * as catalog from '../catalog.js';
import * as serverClock from '../server-clock.js';
import * as live from '../live-state.js';
import * as connection from '../connection.js';
import * as badge from '../badge.js';
import { describe } from '../alert-text.js';
import * as api from './api.js';
import * as login from './login.js';
import * as queue from './queue.js';
import * as detail from './detail.js';
import * as act from './act.js';
import * as alarm from './alarm.js';
import * as handover from './handover.js';
import * as escalation from './escalation.js';
import * as cases from './cases/tab.js';
import * as compliance from './compliance.js';
import { toast } from './dom.js';

const params = new URLSearchParams(location.search);
const RENDER_DELAY_MS = 30;

let conn = null;
let renderTimer = 0;
let firstSnapshot = true;

async function boot() {
  applyStatic(document);
  document.title = t('console.title') + ' · Watchfloor';
  for (const link of document.querySelectorAll('[data-lang-switch]')) {
    const other = new URLSearchParams(location.search);
    if (lang === 'en') other.delete('lang');
    else other.set('lang', 'en');
    link.href = location.pathname + (other.toString() ? '?' + other : '') + location.hash;
    link.textContent = t('lang.switch');
  }
  api.whenSignedOut(() => location.reload());
  let me = null;
  try {
    const who = await api.get('/api/v1/session');
    if (who.kind === 'operator') {
      me = { id: who.id, name: who.name, role: who.role, scope: who.scope, mustChangePassword: who.mustChangePassword };
    }
  } catch (e) {
    if (e.status !== 401) throw e;
  }
  if (me) start(me);
  else login.show(start);
}

async function start(me) {
  // an admin set or reset this password: nothing else is allowed until the operator chooses their own
  if (me.mustChangePassword) {
    location.href = '/setup' + location.search;
    return;
  }
  if (me.role !== 'officer' && me.role !== 'admin') {
    login.show(start, 'login.notOfficer', { user: me.id });
    return;
  }
  // signing in answers who, not where: the session says the scope
  if (me.scope === undefined) me.scope = (await api.get('/api/v1/session')).scope;
  catalog.setCatalog(await api.get('/api/v1/catalog'));
  serverClock.setTimeZone(catalog.timezone());
  // the catalogue is cut to the officer's scope: its own area names the desk (长岭区, 许东镇)
  const scope = me.scope || catalog.jurisdiction().id;
  escalation.setScope(scope);
  const name = label(catalog.area(scope) || catalog.jurisdiction());
  document.getElementById('title').textContent = name + ' ' + t('console.title');
  document.title = name + ' · ' + t('console.title');
  const user = document.getElementById('user');
  user.textContent = me.name;
  user.title = me.id + ' · ' + t('role.' + me.role);
  document.getElementById('signout').addEventListener('click', signOut);

  act.create({ onDone: acted });
  queue.create({ onSelect: select, onAct: (id, action) => act.open(live.current() && live.current().alerts[id], action) });
  cases.create({ me, now: serverClock.now, alert: (id) => (live.current() && live.current().alerts[id]) || null,
    onOpenAlert: select, pollMs: alarm.parseInterval(params.get('poll'), 30_000) });
  detail.create({ onAct: act.open, extra: cases.alertSlot });
  alarm.create({ selftestMs: alarm.parseInterval(params.get('selftest')),
    remindMs: alarm.parseInterval(params.get('remind'), 30_000), onNotificationClick: select });
  handover.create();
  compliance.create();
  document.getElementById('loading').hidden = true;
  document.getElementById('app').hidden = false;
  route();
  window.addEventListener('hashchange', route);

  conn = connection.start({
    url: (location.protocol === 'https:' ? 'wss:' : 'ws:') + '//' + location.host + '/api/v1/live',
    onSnapshot(state) {
      live.replace(state);
      cases.onSnapshot(state);
      // alerts that came while the socket was down are news; those found on opening the page are not
      alarm.review(Object.values(live.current().alerts).filter(escalation.inScope), firstSnapshot);
      firstSnapshot = false;
      tick(); // the server's time is known from now on
      schedule();
    },
    onDelta(changes) {
      live.applyDelta(changes);
      if (changes.alerts) alertsChanged(Object.keys(changes.alerts));
      schedule();
    },
    onAlert(alert) {
      live.applyAlert(alert);
      alarm.review([alert].filter(escalation.inScope), false);
      detail.changed(alert.id);
      schedule();
    },
    onCase: cases.onCase,
    onStatus(status) {
      badge.show(document.getElementById('badge'), status);
    },
    onRefused: checkSession,
  });
  setInterval(tick, 1000);
  tick();
  // Read-only hooks for the browser tests.
  window.watchfloorConsole = {
    state: () => live.current(),
    status: () => conn.status(),
    counters: conn.counters,
    sound: alarm.stats,
    selected: detail.selected,
    cases: cases.hooks,
    compliance: compliance.hooks,
  };
}

function alertsChanged(ids) {
  const alerts = live.current().alerts;
  alarm.review(ids.map((id) => alerts[id]).filter(escalation.inScope), false);
  ids.forEach(detail.changed);
}

function schedule() {
  if (!renderTimer) renderTimer = setTimeout(render, RENDER_DELAY_MS);
}

function render() {
  renderTimer = 0;
  const state = live.current();
  if (!state) return;
  if (live.hasChanged('alerts')) queue.update(mine(state.alerts));
  if (live.hasChanged('store')) {
    const warn = document.getElementById('store-warning');
    warn.hidden = !(state.store && state.store.durable === false);
    warn.textContent = '⚠ ' + t('store.memory');
  }
  live.clearChanged();
}

/**
 * The alerts of the officer's subtree. The server already sends no others; this keeps the queue right
 * should a frame of another area ever arrive, since the catalogue knows only the subtree's areas.
 */
function mine(alerts) {
  const kept = {};
  for (const id in alerts || {}) if (escalation.inScope(alerts[id])) kept[id] = alerts[id];
  return kept;
}

function select(id) {
  if (location.hash && location.hash !== '#queue') location.hash = '#queue';
  queue.select(id);
  detail.show(id);
}

/** The server's answer is applied at once; the alert frame that follows says the same. */
function acted(alert, action) {
  live.applyAlert(alert);
  detail.changed(alert.id);
  schedule();
  if (action) toast(t(action === 'ack' ? 'toast.ack' : 'toast.resolve', { what: describe(alert) }));
}

/** #queue, #handover, #compliance, #cases or #cases/<id> (a case selected). */
function route() {
  const [hash, caseId] = location.hash.split('/');
  const view = { '#handover': 'handover', '#cases': 'cases', '#compliance': 'compliance' }[hash] || 'queue';
  for (const name of ['queue', 'cases', 'compliance', 'handover']) document.getElementById('view-' + name).hidden = view !== name;
  for (const tab of document.querySelectorAll('.tab')) tab.classList.toggle('active', tab.dataset.view === view);
  if (view === 'handover') handover.open();
  if (view === 'compliance') compliance.open();
  if (view === 'cases') cases.show(caseId ? decodeURIComponent(caseId) : null);
}

let ticks = 0;

function tick() {
  document.getElementById('clock').textContent = serverClock.formatTime(serverClock.now());
  // a countdown's words change once a minute: every 5 s is soon enough
  if (ticks++ % 5 === 0) cases.tick();
}

/** The socket was refused before it opened: a session that expired looks like a server that is down. */
async function checkSession() {
  try {
    await api.get('/api/v1/session');
  } catch (e) {
    if (e.status === 401) location.reload();
  }
}

async function signOut() {
  try {
    await api.del('/api/v1/session');
  } finally {
    location.replace(location.pathname + location.search);
  }
}

boot().catch((e) => {
  console.error('duty console failed to start', e);
  const loading = document.getElementById('loading');
  loading.hidden = false;
  loading.classList.add('error');
  loading.textContent = String((e && e.message) || e);
});
