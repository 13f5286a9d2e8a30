// Boot and wiring of the wall screen: the key, the catalogue, the panels, the live connection, and
// one render per animation frame for whatever changed.
import { t, applyStatic } from './i18n.js';
import * as stage from './stage.js';
import * as notice from './notice.js';
import * as catalog from './catalog.js';
import * as serverClock from './server-clock.js';
import * as live from './live-state.js';
import * as connection from './connection.js';
import * as header from './panels/header.js';
import * as kpis from './panels/kpis.js';
import * as checkpoints from './panels/checkpoints.js';
import * as trend from './panels/trend.js';
import * as petitions from './panels/petitions.js';
import * as ranking from './panels/ranking.js';
import * as map from './panels/map.js';
import * as compliance from './panels/compliance.js';
import * as ticker from './panels/ticker.js';

const params = new URLSearchParams(location.search);
const key = params.get('key');
const CATALOG_RETRY_CAP_MS = 30_000;

/**
 * Each panel, the parts of the state it draws from ('clock': it shows an age), its element, and how
 * often at most it redraws. The tiles follow every delta; a chart redraws its whole canvas, so charts
 * take the newest data twice a second at most (nothing is dropped: the next redraw shows it).
 */
const CHART_EVERY_MS = 500;
const PANELS = [
  { module: kpis, deps: ['totals', 'sites', 'clock'], el: '#kpis', every: 0 },
  { module: checkpoints, deps: ['sites'], el: '#panel-checkpoints [data-chart]', every: CHART_EVERY_MS },
  { module: trend, deps: ['trend', 'clock'], el: '#panel-trend [data-chart]', every: CHART_EVERY_MS },
  { module: petitions, deps: ['areas'], el: '#panel-petitions [data-chart]', every: CHART_EVERY_MS },
  { module: ranking, deps: ['ranking'], el: '#panel-ranking', every: CHART_EVERY_MS },
  { module: map, deps: ['sites', 'alerts', 'compliance', 'clock'], el: '#panel-map', every: 0 },
  { module: compliance, deps: ['compliance'], el: '#panel-compliance', every: 0 },
  { module: ticker, deps: ['alerts'], el: '#ticker', every: 0 },
];
const lastDrawn = new Map();

const FRAME_BUDGET_MS = 6;
let renderQueued = false;
let conn = null;
const dirty = new Set(); // panels waiting for an update
const profile = params.get('profile') === '1' ? {} : null;

function schedule() {
  if (!renderQueued) {
    renderQueued = true;
    requestAnimationFrame(render);
  }
}

/**
 * Marks the panels whose inputs changed, then updates them in order, as many as fit in a few
 * milliseconds of this frame; the rest wait for the next frames. Four deltas a second leave some
 * fifteen frames between them, so no frame has to carry every chart at once.
 */
function render() {
  renderQueued = false;
  const state = live.current();
  if (!state) return;
  if (live.anyChanged()) {
    for (const panel of PANELS) {
      if (panel.deps.some(live.hasChanged)) dirty.add(panel);
    }
    if (live.hasChanged('store')) header.update({ store: state.store });
    live.clearChanged();
  }
  const started = performance.now();
  const view = { state, now: serverClock.now() };
  let waitFor = Infinity;
  for (const panel of PANELS) {
    if (!dirty.has(panel)) continue;
    const since = started - (lastDrawn.get(panel) || -Infinity);
    if (since < panel.every) {
      waitFor = Math.min(waitFor, panel.every - since);
      continue;
    }
    dirty.delete(panel);
    lastDrawn.set(panel, started);
    const t0 = performance.now();
    try {
      panel.module.update(view);
    } catch (e) {
      console.error('panel update failed', e);
    }
    if (profile) {
      const name = panel.el;
      const p = profile[name] || (profile[name] = { calls: 0, ms: 0, max: 0 });
      const ms = performance.now() - t0;
      p.calls++;
      p.ms += ms;
      p.max = Math.max(p.max, ms);
    }
    if (performance.now() - started > FRAME_BUDGET_MS) {
      waitFor = 0;
      break;
    }
  }
  if (waitFor === 0) schedule();
  else if (waitFor < Infinity && !laterTimer) laterTimer = setTimeout(later, waitFor);
}

let laterTimer = 0;
function later() {
  laterTimer = 0;
  schedule();
}

function tick() {
  header.update({ now: serverClock.now() });
  live.markChanged('clock');
  schedule();
}

async function loadCatalog() {
  let attempt = 0;
  for (;;) {
    let status = 0;
    try {
      const response = await fetch('/api/v1/catalog?key=' + encodeURIComponent(key), { cache: 'no-store' });
      status = response.status;
      if (response.ok) return await response.json();
    } catch (e) {
      status = 0;
    }
    if (status === 401 || status === 403) {
      notice.show('error', 'notice.badKey', 'notice.badKeyText');
    } else {
      notice.show('wait', 'notice.down', 'notice.downText');
    }
    const ceiling = Math.min(CATALOG_RETRY_CAP_MS, 1000 * 2 ** attempt++);
    await new Promise((resolve) => setTimeout(resolve, status === 401 ? CATALOG_RETRY_CAP_MS : Math.random() * ceiling));
  }
}

/** The socket closed before it opened: a revoked key looks just like a server that is down, so ask. */
async function checkKey() {
  try {
    const response = await fetch('/api/v1/catalog?key=' + encodeURIComponent(key), { cache: 'no-store' });
    if (response.status === 401 || response.status === 403) {
      notice.show('error', 'notice.badKey', 'notice.badKeyText');
    } else if (notice.showing() === 'notice.badKey') {
      notice.hide();
    }
  } catch (e) {
    // the server is down: the badge already says so
  }
}

function wsUrl() {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return scheme + '//' + location.host + '/api/v1/live?key=' + encodeURIComponent(key);
}

async function boot() {
  const stageEl = document.getElementById('stage');
  stage.install(stageEl);
  notice.install(document.getElementById('notice'));
  applyStatic(document);
  if (!key) {
    notice.show('error', 'notice.noKey', 'notice.noKeyText');
    return;
  }
  notice.show('wait', 'notice.loading', 'notice.loadingText');
  const json = await loadCatalog();
  catalog.setCatalog(json);
  serverClock.setTimeZone(catalog.timezone());
  header.create(stageEl);
  for (const panel of PANELS) panel.module.create(document.querySelector(panel.el));
  notice.hide();
  conn = connection.start({
    url: wsUrl(),
    staleAfterMs: Number(params.get('staleAfter')) * 1000 || undefined,
    onSnapshot(state) {
      live.replace(state);
      if (notice.showing()) notice.hide();
      schedule();
    },
    onDelta(changes) {
      live.applyDelta(changes);
      schedule();
    },
    onAlert(alert) {
      live.applyAlert(alert);
      schedule();
    },
    onStatus(status) {
      header.update({ status });
    },
    onRefused: checkKey,
  });
  setInterval(tick, 1000);
  tick();
  // Read-only hooks for the browser tests and the benchmark.
  window.watchfloorScreen = {
    state: () => live.current(),
    status: () => conn.status(),
    counters: conn.counters,
    mapStates: map.shownStates,
    serverNow: serverClock.now,
    profile: () => profile,
  };
}

boot().catch((e) => {
  console.error('wall screen failed to start', e);
  notice.show('error', 'notice.broken', 'notice.brokenText', { detail: String(e && e.message || e) });
});
