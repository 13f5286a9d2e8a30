// Boot of the daily review (/review?key=…|session&date=&scope=&lang=en): the caller's catalogue for the
// pickers (it lists only the caller's subtree, so the scope picker cannot offer an area outside it),
// the review sheet, and the replay of the wall screen below it (screen only).
import './texts.js';
import { t, label, lang, applyStatic } from '../i18n.js';
import * as catalog from '../catalog.js';
import * as serverClock from '../server-clock.js';
import * as live from '../live-state.js';
import * as sheet from './sheet.js';
import * as replay from './replay.js';

const params = new URLSearchParams(location.search);
const key = params.get('key');
const $ = (id) => document.getElementById(id);

class HttpError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || 'HTTP ' + status);
    this.status = status;
  }
}

/** GET with the display key when the address has one, else with the operator's session cookie. */
async function get(path, query = {}) {
  const q = new URLSearchParams(query);
  if (key) q.set('key', key);
  const response = await fetch(path + '?' + q, { cache: 'no-store', credentials: 'same-origin', headers: { Accept: 'application/json' } });
  const json = await response.json().catch(() => null);
  if (!response.ok) throw new HttpError(response.status, json);
  return json;
}

function message(text) {
  $('rv-message').hidden = !text;
  $('rv-message').textContent = text || '';
}

function explain(e) {
  if (e.status === 401) return t('rv.noAuth');
  if (e.status === 403) return t('rv.forbidden');
  if (e.status === 422 || e.status === 400) return t('rv.badDate', { detail: e.message });
  return t('rv.failed', { detail: e.message });
}

/** The address for another date, area or language; the page reloads, as the replay's layout is built once. */
function address(changes) {
  const next = new URLSearchParams(location.search);
  for (const [k, v] of Object.entries(changes)) {
    if (v) next.set(k, v);
    else next.delete(k);
  }
  return location.pathname + '?' + next;
}

function controls(own, scope, date, today) {
  const select = $('rv-scope');
  for (const a of own.areas) {
    const depth = ancestors(own, a).length;
    select.add(new Option('\u3000'.repeat(depth) + label(a), a.id, false, a.id === scope));
  }
  $('rv-date').value = date;
  $('rv-date').max = today;
  $('rv-controls').addEventListener('submit', (event) => {
    event.preventDefault();
    location.assign(address({ date: $('rv-date').value, scope: select.value === own.scope ? '' : select.value }));
  });
  $('rv-print').addEventListener('click', () => window.print());
  const other = $('rv-lang');
  other.textContent = t('rv.lang');
  other.href = address({ lang: lang === 'en' ? '' : 'en' });
}

function ancestors(own, area) {
  const byId = new Map(own.areas.map((a) => [a.id, a]));
  const out = [];
  for (let a = byId.get(area.parent); a; a = byId.get(a.parent)) out.push(a);
  return out;
}

async function boot() {
  applyStatic(document);
  document.title = t('rv.title', { area: '' }).trim() + ' · Watchfloor';
  message(t('rv.loading'));
  const own = await get('/api/v1/catalog');
  serverClock.setTimeZone(own.jurisdiction.timezone || 'Asia/Shanghai');
  const today = serverClock.localDate(Date.now());
  const scope = params.get('scope') || own.scope;
  const date = params.get('date') || today;
  controls(own, scope, date, today);
  // the panels read the scope's own catalogue: its layout (district or town), its map, its sites
  catalog.setCatalog(scope === own.scope ? own : await get('/api/v1/catalog', { scope }));
  sheet.setCatalogue(own);
  const query = { date, scope };
  const review = await get('/api/v1/review', query);
  // shown before it is filled: a chart sized in % measures its box when it starts
  $('rv-sheet').hidden = false;
  sheet.render($('rv-sheet'), review);
  message(null);
  window.watchfloorReview = { ready: false, review: () => review, hour: replay.hour, show: replay.show, state: live.current };
  let hours = null;
  try {
    hours = await get('/api/v1/review/replay', query);
  } catch (e) {
    console.warn('no replay for this day', e.message);
  }
  if (hours && hours.hours && hours.hours.length) {
    $('rv-replay').hidden = false;
    await replay.start($('rv-frame'), { slider: $('rv-hour'), play: $('rv-play'), hourText: $('rv-hour-text') }, hours);
  }
  // after the replay: the wall screen's header names the page after itself
  document.title = t('rv.title', { area: label(catalog.scopeArea()) }) + ' · ' + review.date;
  window.watchfloorReview.ready = true;
}

boot().catch((e) => {
  console.warn('review failed', e);
  message(explain(e));
});
