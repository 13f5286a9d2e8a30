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
import * as layouts from './layouts.js';
import * as header from './panels/header.js';

const params = new URLSearchParams(location.search);
const key = params.get('key');
/** The area to show (?scope=); without it the server takes the key's own scope. */
const scope = params.get('scope');
const CATALOG_RETRY_CAP_MS = 30_000;

// The render loop and live connection, once the catalogue has said which layout to draw.
const screen = { loop: null, conn: null };

/** key=…[&scope=…] for every request of this screen: catalogue, snapshot and socket alike. */
function query() {
  return 'key=' + encodeURIComponent(key) + (scope ? '&scope=' + encodeURIComponent(scope) : '');
}

function schedule() {
  if (screen.loop) screen.loop.schedule();
}

function tick() {
  header.update({ now: serverClock.now() });
  live.markChanged('clock');
  schedule();
}

/**
 * The catalogue of the scope, retried while the server is away. A 403 means the key is good but the
 * scope is not its own (or not an area at all): no retry will change that, so it is said and left.
 */
async function loadCatalog() {
  let attempt = 0;
  for (;;) {
    let status = 0;
    try {
      const response = await fetch('/api/v1/catalog?' + query(), { cache: 'no-store' });
      status = response.status;
      if (response.ok) return await response.json();
    } catch (e) {
      status = 0;
    }
    if (status === 403) {
      showBadScope();
      return null;
    }
    if (status === 401) {
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
    const response = await fetch('/api/v1/catalog?' + query(), { cache: 'no-store' });
    if (response.status === 403) {
      showBadScope();
      if (screen.conn) screen.conn.stop();
    } else if (response.status === 401) {
      notice.show('error', 'notice.badKey', 'notice.badKeyText');
    } else if (notice.showing() === 'notice.badKey') {
      notice.hide();
    }
  } catch (e) {
    // the server is down: the badge already says so
  }
}

function showBadScope() {
  notice.show('error', 'notice.badScope', 'notice.badScopeText', { scope: scope || '' });
}

function wsUrl() {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return scheme + '//' + location.host + '/api/v1/live?' + query();
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
  if (!json) return;
  catalog.setCatalog(json);
  serverClock.setTimeZone(catalog.timezone());
  const layout = layouts.mount(catalog.layout(), document);
  stageEl.dataset.layout = catalog.layout();
  applyStatic(document);
  screen.loop = renderLoop.create(layout.panels, { onStore: (store) => header.update({ store }) });
  header.create(stageEl);
  for (const panel of layout.panels) panel.module.create(document.querySelector(panel.el), panel.options);
  notice.hide();
  const conn = connection.start({
    url: wsUrl(),
    staleAfterMs: Number(params.get('staleAfter')) * 1000 || undefined,
    onSnapshot(state) {
      live.replace(state);
      if (notice.showing() && notice.showing() !== 'notice.badScope') notice.hide();
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
    onCase(kase) {
      live.applyCase(kase);
      schedule();
    },
    onStatus(status) {
      header.update({ status });
    },
    onRefused: checkKey,
  });
  screen.conn = conn;
  setInterval(tick, 1000);
  tick();
  // Read-only hooks for the browser tests and the benchmark.
  window.watchfloorScreen = {
    state: () => live.current(),
    status: () => conn.status(),
    counters: conn.counters,
    mapStates: layout.mapStates,
    view: layout.view,
    layout: () => catalog.layout(),
    scope: catalog.scope,
    serverNow: serverClock.now,
    profile: () => screen.loop.profile,
  };
}

boot().catch((e) => {
  console.error('wall screen failed to start', e);
  notice.show('error', 'notice.broken', 'notice.brokenText', { detail: String(e && e.message || e) });
});
