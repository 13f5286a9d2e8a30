// One case in full: its fields, the officer's buttons for what its state allows, its trail (who,
// when, from → to, note) and its photos as thumbnails that open large, each with where it was taken when
// the unit sent that. Read from the API when
// selected and whenever a newer version of it arrives.
import { t } from '../../i18n.js';
import { el, table, button, dayTime } from '../dom.js';
import { describe } from '../../alert-text.js';
import * as api from './api.js';
import { officerActions, photoPlace } from './model.js';
import { stateTag, supervisionBadge, dueMark, dueText, where, who, areaName, stateName } from './look.js';
import * as units from './units.js';

let els = null;
let callbacks = null;
let selectedId = null;
let current = null; // {case, trail, photos}
let shownVersion = -1;
let loading = 0;

/** @param cb {onAct(case, action), onAlert(alertId), alert(alertId) → the alert if the live state has it, now()} */
export function create(cb) {
  callbacks = cb;
  const root = document.getElementById('case-detail');
  els = { root, none: root.querySelector('[data-none]'), body: root.querySelector('[data-body]'),
    photo: document.getElementById('case-photo'), photoImg: document.getElementById('case-photo-img') };
  els.body.addEventListener('click', (event) => {
    const act = event.target.closest('button[data-act]');
    if (act && current) callbacks.onAct(current.case, act.dataset.act);
    const thumb = event.target.closest('a.thumb');
    if (thumb) {
      event.preventDefault();
      els.photoImg.src = thumb.href;
      els.photo.showModal();
    }
    const alert = event.target.closest('a[data-alert]');
    if (alert) {
      event.preventDefault();
      callbacks.onAlert(alert.dataset.alert);
    }
  });
  els.photo.addEventListener('click', () => els.photo.close());
}

export const selected = () => selectedId;

export function show(id) {
  if (id !== selectedId) shownVersion = -1;
  selectedId = id;
  return load();
}

/** A newer version of case `c` arrived: read it again if it is the one shown. */
export function changed(c) {
  if (c && c.id === selectedId && c.version > shownVersion) load();
}

/** Redraws the countdown by the clock, without asking the server. */
export function tick() {
  if (!current) return;
  const cell = els.body.querySelector('dd[data-field="due"]');
  if (cell) cell.replaceChildren(...due(current.case).filter(Boolean));
}

async function load() {
  const id = selectedId;
  const seq = ++loading;
  try {
    const d = await api.detail(id);
    if (seq !== loading) return;
    if (current && current.case.id === d.case.id && d.case.version < shownVersion) return;
    current = d;
    shownVersion = d.case.version;
    render(d);
  } catch (e) {
    if (seq !== loading) return;
    current = null;
    shownVersion = -1;
    reveal(el('p', 'error', t('case.loadFailed', { detail: e.message })));
  }
}

/** The case as the server last answered it, for the acting dialog and the alert link. */
export const shown = () => (current ? current.case : null);

function reveal(...nodes) {
  const was = focusIn();
  els.none.hidden = true;
  els.body.hidden = false;
  els.body.replaceChildren(...nodes);
  if (was) focus(was.act);
}

/** Where the focus is in the detail, which is about to be drawn again: on which action's button, if any. */
function focusIn() {
  const e = document.activeElement;
  return e && els.body.contains(e) ? { act: (e.dataset && e.dataset.act) || null } : null;
}

/**
 * Puts the focus back into the detail, so that a keyboard's user does not start again from the page's top
 * after an action: on the same action's button if the new state still offers it, else on the first action
 * there is, else on the case's title.
 */
export function focus(act) {
  if (els.body.hidden) return;
  const target = (act && els.body.querySelector(`.case-actions button[data-act="${act}"]`))
    || els.body.querySelector('.case-actions button') || els.body.querySelector('.detail-title');
  if (target) target.focus();
}

function due(c) {
  if (!c.dueAt) return ['—'];
  // the mark is null while the case is on time
  return [t('cfield.dueAt', { stage: t('stage.' + c.stage), at: dayTime(c.dueAt) }) + ' · ',
    dueText(c, callbacks.now()), dueMark(c, callbacks.now())];
}

function render({ case: c, trail, photos }) {
  Object.assign(els.body.dataset, { id: c.id, state: c.state, version: String(c.version) });
  const head = el('div', 'detail-head', stateTag(c), supervisionBadge(c), dueMark(c, callbacks.now()),
    el('div', 'detail-actions case-actions', ...officerActions(c).map((a) => button(a, 'caction.' + a))));
  const fields = el('dl', 'fields case-fields',
    ...field('id', 'cfield.id', c.id.slice(0, 8)),
    ...field('category', 'cfield.category', t('cat.' + c.category) + ' · ' + t('urg.' + c.urgency)),
    ...field('where', 'cfield.where', where(c)),
    ...field('unit', 'cfield.unit', c.unit ? units.name(c.unit) : '—'),
    ...field('source', 'cfield.source', t('source.' + c.source)),
    ...(c.alert ? field('alert', 'cfield.alert', alertLink(c.alert)) : []),
    ...field('opened', 'cfield.opened', who(c.openedBy) + ' · ' + dayTime(c.openedAt)),
    ...field('due', 'cfield.due', ...due(c)),
    ...(c.supervision ? field('supervision', 'cfield.supervision', t('sup.' + c.supervision)) : []),
    ...(c.escalatedTo ? field('escalated', 'cfield.escalated', areaName(c.escalatedTo)) : []),
    ...(c.extensionAsked ? field('extension', 'cfield.extension', t('cfield.extensionAsk',
      { until: dayTime(c.extensionAsked.until), reason: c.extensionAsked.reason || '' })) : []),
    ...(c.parkedFrom ? field('parkedFrom', 'cfield.parkedFrom', stateName(c.parkedFrom)) : []),
    ...(c.closedAt ? field('closedAt', 'cfield.closedAt', dayTime(c.closedAt)) : []),
    ...field('counts', 'cfield.counts', t('cfield.countsText', c)),
    ...field('description', 'cfield.description', c.description || '—'));
  const lines = table('history case-trail', ['ccol.time', 'ccol.action', 'ccol.who', 'ccol.change', 'ccol.note'],
    trail.map((e) => {
      const tr = el('tr', null, el('td', 'when', dayTime(e.at)), el('td', null, t('ctrail.' + e.action)),
        el('td', 'who', who(e.by)), el('td', 'change', change(e)), el('td', 'note', e.note || ''));
      Object.assign(tr.dataset, { action: e.action, seq: String(e.seq) });
      return tr;
    }));
  const pictures = photos.length
    ? el('div', 'thumbs', ...photos.map((p) => thumb(c, p)))
    : el('p', 'muted', t('case.noPhotos'));
  const title = el('h2', 'detail-title', c.title);
  title.tabIndex = -1; // a place for the focus when no action is left
  reveal(head, title, fields, el('h3', null, t('case.trail')), lines,
    el('h3', null, t('case.photos')), pictures);
}

function field(key, labelKey, ...value) {
  const dd = el('dd', null, ...value);
  dd.dataset.field = key;
  return [el('dt', null, t(labelKey)), dd];
}

function change(e) {
  if (!e.from && !e.to) return '';
  if (e.from === e.to || !e.from) return stateName(e.to);
  return stateName(e.from) + ' → ' + stateName(e.to);
}

function alertLink(id) {
  const alert = callbacks.alert(id);
  const a = el('a', 'alert-link', alert ? describe(alert) : t('case.alertGone', { id: id.slice(0, 8) }));
  a.href = '#queue';
  a.dataset.alert = id;
  return a;
}

function thumb(c, p) {
  const a = el('a', 'thumb');
  a.href = api.photoUrl(c.id, p);
  a.dataset.photo = p.id;
  const img = el('img');
  img.src = a.href;
  img.alt = t('case.photos') + ' ' + p.seq;
  img.loading = 'lazy';
  a.append(img);
  const place = photoPlace(p);
  const figure = el('figure', 'photo-figure', a);
  if (place) {
    const caption = el('figcaption', 'photo-place', t('case.photoPlace', place));
    caption.dataset.photo = p.id;
    figure.append(caption);
  }
  return figure;
}
