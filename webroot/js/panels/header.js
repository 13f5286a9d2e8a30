// Header: the name of the area on screen (the scope: a town, or the district), the time by the server's clock, the connection badge, and the
// embedded-store warning when the server keeps nothing across restarts.
import { t, label } from '../i18n.js';
import * as catalog from '../catalog.js';
import * as badge from '../badge.js';
import { formatTime, formatDate } from '../server-clock.js';

let els = null;
let shownDate = '';

export function create(el) {
  els = {
    stage: el,
    title: el.querySelector('#title'),
    subtitle: el.querySelector('#subtitle'),
    time: el.querySelector('#clock-time'),
    date: el.querySelector('#clock-date'),
    badge: el.querySelector('#badge'),
    store: el.querySelector('#store-warning'),
    staleFrame: el.querySelector('#stale-frame'),
  };
  const name = label(catalog.scopeArea());
  els.title.textContent = name + ' ' + t('title');
  els.subtitle.textContent = t('subtitle');
  document.title = name + ' · ' + t('title');
}

/** @param data {now: server epoch ms, status: {state, lastFrameAt}, store: state.store} */
export function update(data) {
  if (data.now !== undefined) {
    els.time.textContent = formatTime(data.now);
    const date = formatDate(data.now);
    if (date !== shownDate) {
      shownDate = date;
      els.date.textContent = date;
    }
  }
  if (data.status) showStatus(data.status);
  if (data.store !== undefined) {
    const warn = data.store && data.store.durable === false;
    els.store.hidden = !warn;
    if (warn) els.store.textContent = '⚠ ' + t('store.memory');
  }
}

function showStatus(status) {
  const banner = badge.show(els.badge, status);
  els.stage.classList.toggle('is-stale', banner !== '');
  els.staleFrame.hidden = banner === '';
  els.staleFrame.dataset.text = banner;
}
