// 催报 on the field page: the urgings of the unit's sites, today's at once when the page opens, then each
// new one within a second or two of the officer's press, by a long poll (GET /api/v1/urgings?after=): the
// server holds the request until an urging of the unit's sites, or answers empty after ~25 s, and the page
// asks again. Dismissed urgings are kept as seen on the device, so a reload does not show them again.
import { t, lang } from '../i18n.js';
import * as catalog from '../catalog.js';
import { el } from './dom.js';
import { shortText } from './zoned-time.js';

const SEEN_KEY = 'watchfloor.field.urgings.seen.';
const SEEN_MAX = 200; // a day's urgings are far fewer; the oldest seen ids go first
const RETRY_MS = 5000;
const POLL_TIMEOUT_MS = 60_000; // above the server's hold, so a dead connection still ends

const $ = (id) => document.getElementById(id);
let run = null; // {unit, token, controller, urgings: Map id → urging}

export const URGE_TEXTS = {
  zh: {
    'urge.title': '催报',
    'urge.line': '催报：{site} 请尽快上报（{time}{note}）',
    'urge.seen': '知道了',
  },
  en: {
    'urge.title': 'Reminder to report',
    'urge.line': 'Reminder: {site}, please report now ({time}{note})',
    'urge.seen': 'Got it',
  },
};

function seen(unit) {
  try {
    return JSON.parse(localStorage.getItem(SEEN_KEY + unit) || '[]');
  } catch (e) {
    return [];
  }
}

function markSeen(unit, id) {
  const ids = seen(unit).filter((x) => x !== id);
  ids.push(id);
  localStorage.setItem(SEEN_KEY + unit, JSON.stringify(ids.slice(-SEEN_MAX)));
}

/** The site's name as the catalogue labels it in the current language, else the server's Chinese name. */
function siteName(u) {
  const site = catalog.site(u.site);
  const l = site && site.label;
  return (l && (l[lang] || l.zh)) || u.siteName || u.site;
}

export function render() {
  const box = $('urge-banner');
  if (!box) return;
  box.replaceChildren();
  if (!run) {
    box.hidden = true;
    return;
  }
  const hidden = new Set(seen(run.unit));
  const shown = [...run.urgings.values()].filter((u) => !hidden.has(u.id))
    .sort((a, b) => (a.at < b.at ? 1 : -1));
  box.hidden = shown.length === 0;
  for (const u of shown) {
    const item = el('div', 'urge-item');
    item.dataset.urging = u.id;
    item.dataset.site = u.site;
    const note = u.note ? (lang === 'en' ? ', ' : '，') + u.note : '';
    const text = t('urge.line', { site: siteName(u), time: shortText(Date.parse(u.at), catalog.timezone()), note });
    item.append(el('span', 'urge-text', text));
    const dismiss = el('button', 'urge-seen', t('urge.seen'));
    dismiss.type = 'button';
    dismiss.addEventListener('click', () => {
      markSeen(run.unit, u.id);
      render();
    });
    item.append(dismiss);
    box.append(item);
  }
}

async function ask(path, mine) {
  const { token, controller } = mine;
  const signal = controller.signal;
  const timeout = setTimeout(() => controller.abort(), POLL_TIMEOUT_MS);
  try {
    const response = await fetch(path, {
      headers: { Authorization: 'Bearer ' + token }, cache: 'no-store', credentials: 'omit', signal,
    });
    const retry = Number(response.headers.get('Retry-After'));
    return { status: response.status, json: response.ok ? await response.json() : null, retryMs: retry * 1000 || 0 };
  } catch (e) {
    return { status: 0, json: null, retryMs: 0 };
  } finally {
    clearTimeout(timeout);
  }
}

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Today's urgings, then one held request after another until sign-out; a refused token ends it. */
async function loop(mine) {
  let next = null;
  while (run === mine) {
    const path = next ? '/api/v1/urgings?after=' + encodeURIComponent(next) : '/api/v1/urgings';
    const answer = await ask(path, mine);
    if (run !== mine) return;
    if (answer.status === 401 || answer.status === 403) return;
    if (!answer.json) {
      await pause(answer.retryMs || RETRY_MS);
      if (run === mine && mine.controller.signal.aborted) mine.controller = new AbortController();
      continue;
    }
    for (const u of answer.json.urgings || []) mine.urgings.set(u.id, u);
    next = answer.json.next;
    render();
  }
}

export function start(unit, token) {
  stop();
  run = { unit, token, controller: new AbortController(), urgings: new Map() };
  loop(run);
}

export function stop() {
  if (run) run.controller.abort();
  run = null;
  render();
}

/** For the browser tests: the urgings shown now, by site. */
export const hooks = () => ({
  shown: () => [...document.querySelectorAll('#urge-banner .urge-item')].map((e) => e.dataset.site),
});
