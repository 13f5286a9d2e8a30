// Boot and wiring of the wall screen: the key, the catalogue, the panels, the live connection, and
// the render loop that draws whatever changed.
import { applyStatic } from './i18n.js';
import * as stage from './stage.js';
import * as notice from './notice.js';
import * as catalog from './catalog.js';
import * as serverClock from './server-clock.js';
import * as live from './live-state.js';
import * as connection from './connection.js';
import * as renderLoop from './render-loop.js';
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
const loop = renderLoop.create(PANELS, { onStore: (store) => header.update({ store }) });
const profile = loop.profile;
const schedule = loop.schedule;
let conn = null;

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
