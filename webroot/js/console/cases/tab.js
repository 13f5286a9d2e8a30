// The case tab (事件闭环, docs/pages.md#the-case-tab) beside the alert queue: the queue, the detail,
// the acting dialog and the form, over one store of cases kept at their newest version. Cases arrive
// as `case` frames on the console's live connection; a server that sends none yet (its live state has
// no `cases`) is read every 30 s instead. The list is read again after each action and each reconnect.
import './texts.js';
import { t } from '../../i18n.js';
import * as catalog from '../../catalog.js';
import { describe } from '../../alert-text.js';
import { el, toast } from '../dom.js';
import * as api from './api.js';
import * as cases from './store.js';
import * as units from './units.js';
import * as queue from './queue.js';
import * as detail from './detail.js';
import * as dialog from './dialog.js';
import * as form from './form.js';
import { fromAlert, caseOfAlert, STATES, OPEN_STATES } from './model.js';

const POLL_MS = 30_000;
const RENDER_DELAY_MS = 30;
const LIMIT = 500;
/** At most this many cases that left the list are read one by one after a refresh. */
const RECHECK_MAX = 50;

const store = cases.create();
let options = null;
let renderTimer = 0;
let liveFrames = false;
let reading = null;

/**
 * @param opts {me, now(), alert(id) → the live state's alert or null, onOpenAlert(id), pollMs: how often
 *             to read the list while no case frames come (?poll=, 30 s by default; tests shorten it)}
 */
export function create(opts) {
  options = opts;
  queue.create({ onSelect: (id) => { location.hash = '#cases/' + id; }, onFilter: () => refresh(), now: opts.now });
  detail.create({ onAct: dialog.open, onAlert: opts.onOpenAlert, alert: opts.alert, now: opts.now });
  dialog.create({ onDone: acted, onRefresh: readOne });
  form.create({ onDone: opened, onExisting: (id) => readOne(id).catch(() => null) });
  document.getElementById('case-new').addEventListener('click', () => form.open(null, null));
  units.load(opts.me.role === 'admin').then(schedule);
  refresh();
  setInterval(() => {
    if (!liveFrames) refresh();
  }, opts.pollMs || POLL_MS);
}

/** The tab is shown, with case `id` selected if given. */
export function show(id) {
  if (id && id !== detail.selected()) {
    queue.select(id);
    detail.show(id);
  }
}

/** A (re)connect's snapshot: frames missed while the socket was down are read as a list. */
export function onSnapshot(state) {
  liveFrames = Boolean(state && state.cases);
  refresh();
}

/** A `case` frame: the full case as it now stands. */
export function onCase(c) {
  liveFrames = true;
  take(c);
}

function take(c) {
  if (store.put(c)) {
    detail.changed(c);
    schedule();
  }
}

export function tick() {
  queue.tick();
  detail.tick();
}

/** Reads the list for the queue's state filter; only one read at a time, a second waits for it. */
export function refresh() {
  if (reading) return reading;
  const state = queue.current().state;
  reading = api.list(state)
    .then((list) => {
      list.forEach(take);
      return recheck(state, list);
    })
    .catch((e) => {
      if (e.status !== 401) toast(t('cqueue.loadFailed', { detail: e.message }), 'error');
    })
    .finally(() => {
      reading = null;
      schedule();
    });
  return reading;
}

/**
 * Cases the store holds in the states just read that the answer left out have moved on without a
 * frame saying so (closed, parked, gone out of scope): each is read by itself.
 */
function recheck(state, list) {
  const states = state === 'open' ? OPEN_STATES : state === 'all' ? STATES : [state];
  if (list.length >= LIMIT) return null;
  const listed = new Set(list.map((c) => c.id));
  const moved = store.all().filter((c) => states.includes(c.state) && !listed.has(c.id)).slice(0, RECHECK_MAX);
  return Promise.all(moved.map((c) => readOne(c.id).catch(() => null)));
}

/** Reads one case afresh; a case the officer may no longer see leaves the store. */
async function readOne(id) {
  try {
    const d = await api.detail(id);
    take(d.case);
    return d.case;
  } catch (e) {
    if (e.status === 404) {
      store.remove(id);
      schedule();
    }
    throw e;
  }
}

function schedule() {
  if (!renderTimer) renderTimer = setTimeout(render, RENDER_DELAY_MS);
}

function render() {
  renderTimer = 0;
  const all = store.all();
  units.note(all);
  queue.update(all);
  for (const slot of document.querySelectorAll('.case-link[data-alert]')) fillLink(slot);
}

function acted(c, action) {
  take(c);
  // the dialog gave the focus back to the button it was opened from; if that button is gone with the
  // case's old state, the focus fell to the page
  if (!document.activeElement || document.activeElement === document.body) detail.focus(action);
  const done = action === 'verify' ? (c.state === 'closed' ? 'toast.closed' : 'toast.rework') : 'ctrail.' + action;
  toast(t('toast.case', { action: t(done), title: c.title }));
  refresh();
}

function opened(c, fromAnAlert) {
  take(c);
  toast(t('form.created', { title: c.title }));
  if (!fromAnAlert) location.hash = '#cases/' + c.id;
  refresh();
}

/**
 * The alert detail's place for its case: a link to the case made of it, or the 转为事件 button.
 * Filled again whenever the store changes.
 */
export function alertSlot(alert) {
  const slot = el('span', 'case-link');
  slot.dataset.alert = alert.id;
  slot.addEventListener('click', (event) => {
    if (event.target.closest('button[data-make-case]')) makeCase(alert);
  });
  fillLink(slot);
  return slot;
}

function fillLink(slot) {
  const c = caseOfAlert(store.all(), slot.dataset.alert);
  const shows = c ? c.id + '@' + c.version : '';
  if (slot.dataset.shows === shows && slot.childNodes.length) return;
  slot.dataset.shows = shows;
  slot.dataset.case = c ? c.id : '';
  if (!c) {
    const make = el('button', 'make-case', t('case.fromAlert'));
    make.type = 'button';
    make.dataset.makeCase = 'yes';
    slot.replaceChildren(make);
    return;
  }
  const link = el('a', 'case-ref', t('case.linked') + ' · ' + t('cstate.' + c.state));
  link.href = '#cases/' + c.id;
  link.title = c.title;
  slot.replaceChildren(link);
}

export function makeCase(alert) {
  form.open(fromAlert(alert, { describe, kindOfSite: (id) => { const s = catalog.site(id); return s ? s.kind : null; } }), alert);
}

/** Read-only hooks for the browser tests. */
export const hooks = { cases: () => store.all(), polling: () => !liveFrames, selected: detail.selected };
