// The field page's task tab (docs/pages.md#task-tab): the unit's side of the closed loop. It lists
// what is dispatched to the unit, shows one task with the trail lines meant for it, and queues the
// unit's actions (签收, 回退, 申请延期, 反馈 with photos) and its new events (上报事件) in an outbox on
// the device that sends each once, with the reports' retry rules, whatever the network does.
import { t } from '../../i18n.js';
import * as outbox from './outbox.js';
import * as sender from './sender.js';
import * as api from './api.js';
import * as clock from './clock.js';
import * as view from './view.js';
import * as detail from './detail.js';
import { tasksView } from './flow.js';
import { actForm, eventForm } from './forms.js';

/** How often the list is asked for again while the tab shows. */
const REFRESH_MS = 60_000;

const $ = (id) => document.getElementById(id);
let els = null;
let newId = null;
let capMs;
let session = null; // {token, me}
let queue = null;
let tasks = []; // the server's list, as last fetched or kept
let fetchedAt = 0;
let lastFetch = 'never'; // ok | offline | refused | failed | never
let acts = null;
let events = null;
let flashTimer = 0;
let flashKey = null;
let visible = false;
let lastRefresh = 0;

const unit = () => session.me.id;
const views = () => tasksView(tasks, outbox.waiting(unit()));

/**
 * Sets the tab up once the page starts.
 * @param options.newId  () a v4 UUID
 * @param options.capMs  the backoff's ceiling, for tests
 */
export function create(options) {
  newId = options.newId;
  capMs = options.capMs;
  els = {
    status: $('task-status'), net: $('task-net'), count: $('task-waiting-count'), retryIn: $('task-retry-in'),
    retryNow: $('task-retry-now'), warning: $('task-warning'), flash: $('task-flash'),
    home: $('task-home'), list: $('task-list'), fetched: $('task-fetched'), refresh: $('task-refresh'),
    back: $('task-back'), newEvent: $('event-new'),
    queue: {
      waitingCard: $('task-waiting-card'), waitingList: $('task-waiting-list'), refusedCard: $('task-refused-card'),
      refusedList: $('task-refused-list'), sentCard: $('task-sent-card'), sentList: $('task-sent-list'),
    },
    tabCount: $('tasks-count'), tab: $('tasks-tab'),
  };
  acts = actForm(queueAction);
  detail.create({
    unit, token: () => session.token, views, acts,
    changed() {
      tasks = api.cached(unit()).tasks;
      render();
    },
    gone() {
      tasks = api.cached(unit()).tasks;
      els.home.hidden = !$('event-form').hidden;
      flash(t('tasks.notFound'), true);
      render();
    },
  });
  events = eventForm(queueEvent, () => {
    events.close();
    els.home.hidden = false;
  });
  els.refresh.addEventListener('click', () => refresh(true));
  els.retryNow.addEventListener('click', () => queue && queue.retryNow());
  els.back.addEventListener('click', showList);
  els.newEvent.addEventListener('click', () => {
    detail.close();
    els.home.hidden = true;
    events.open();
  });
  window.addEventListener('online', () => session && refresh(false));
  return outbox.open();
}

/** The unit signed in (or its kept session was used): its tasks as kept, then from the server. */
export function signIn(signedIn) {
  if (queue) queue.stop();
  session = signedIn;
  const kept = api.cached(unit());
  tasks = kept.tasks;
  fetchedAt = kept.fetchedAt;
  lastFetch = fetchedAt ? 'kept' : 'never';
  showList();
  events.close();
  events.reset();
  events.setSites(signedIn.me.sites);
  els.home.hidden = false;
  queue = sender.start({
    unit: unit(), token: signedIn.token, capMs, onChange: render, onSettled: settled, onRefused: refused,
  });
  render();
  refresh(false);
}

/** Sites may change on the server; the session was asked again. */
export function setSites(sites) {
  if (session) events.setSites(sites);
}

export function signOut() {
  if (queue) queue.stop();
  queue = null;
  detail.close();
  if (session) api.forget(unit()); // its tasks are not left on a phone another unit may use
  session = null; // waiting actions stay on the device and go when this unit signs in again
}

/** The tab is shown or hidden. */
export function show(on) {
  visible = on;
  if (on && session && Date.now() - lastRefresh > 5_000) refresh(false);
}

/** Back to the list, unless a new event is being written. */
function showList() {
  detail.close();
  els.home.hidden = !$('event-form').hidden;
}

function openTask(task) {
  els.home.hidden = true;
  events.close();
  detail.open(task);
}

let refreshing = false;
let refreshAgain = false;

/** Asks for the list; one request at a time, and once more after it if asked meanwhile. */
async function refresh(byHand) {
  if (!session) return;
  if (refreshing) {
    refreshAgain = true;
    return;
  }
  refreshing = true;
  try {
    await fetchList(byHand);
  } finally {
    refreshing = false;
  }
  if (refreshAgain) {
    refreshAgain = false;
    refresh(false);
  }
}

async function fetchList(byHand) {
  lastRefresh = Date.now();
  const asked = session;
  if (byHand) els.refresh.disabled = true;
  const answer = await api.fetchList(unit(), session.token);
  els.refresh.disabled = false;
  if (session !== asked) return;
  if (answer.tasks) {
    tasks = answer.tasks;
    fetchedAt = Date.now();
    lastFetch = 'ok';
  } else {
    lastFetch = answer.status === 0 ? 'offline' : answer.status === 401 ? 'refused' : 'failed';
  }
  render();
  detail.reload();
}

function settled(entry, theCase) {
  if (!session || entry.unit !== unit()) return;
  if (entry.kind === 'act') {
    api.remember(unit(), theCase);
    tasks = api.cached(unit()).tasks;
  }
  render();
  refresh(false); // the server's view of the rest (deadlines restart, an officer may have acted)
}

function refused(entry, problem) {
  if (!session || entry.unit !== unit()) return;
  flash(t('tasks.refusedFlash', { detail: (problem && (problem.detail || problem.title)) || '' }), true);
  refresh(false);
}

function flash(text, warn = false, key = null) {
  flashKey = key;
  els.flash.textContent = text;
  els.flash.classList.toggle('flash-warn', warn);
  els.flash.hidden = false;
  clearTimeout(flashTimer);
  flashTimer = setTimeout(() => { els.flash.hidden = true; }, 5000);
}

async function keep(entry) {
  try {
    await outbox.add(entry);
  } catch (e) {
    if (e instanceof outbox.OutboxFull) flash(t('tasks.full.' + e.reason, { n: e.reason === 'unit' ? outbox.PER_UNIT : outbox.limit() }), true);
    else console.error('the action could not be kept', e);
    return false;
  }
  const net = queue.status().net;
  const key = net === 'online' || net === 'sending' ? 'tasks.saved' : 'tasks.savedOffline';
  flash(t(key), false, key);
  queue.kick();
  return true;
}

async function queueAction(action, body, photos) {
  const task = views().find((v) => v.id === detail.openTask());
  if (!task) return;
  const id = newId();
  const ok = await keep({ id, unit: unit(), createdAt: Date.now(), kind: 'act', caseId: task.id, action, title: task.title, body, photos });
  if (!ok) return;
  acts.close();
  render();
}

async function queueEvent(body, photos) {
  const caseId = newId();
  const ok = await keep({ id: newId(), unit: unit(), createdAt: Date.now(), kind: 'event', caseId, action: 'open',
    title: body.title, body: { id: caseId, ...body }, photos });
  if (!ok) return;
  events.reset();
  events.close();
  els.home.hidden = false;
  render();
}

function renderStatus() {
  const status = queue ? queue.status() : { net: 'online', nextAt: 0 };
  if (flashKey === 'tasks.saved' && !els.flash.hidden && (status.net === 'offline' || status.net === 'busy')) {
    flash(t('tasks.savedOffline'), false, 'tasks.savedOffline'); // it was sent, and did not get through
  }
  view.renderStatus(els, unit(), status, { lastFetch, fetchedAt });
}

/** Everything the tab shows, after any change. */
export function render() {
  if (!session) return;
  const list = views();
  view.renderList(els.list, list, clock.now(), openTask);
  els.tabCount.textContent = list.length ? String(list.length) : '';
  const now = clock.now();
  els.tabCount.dataset.level = list.some((v) => view.due(v, now).level === 'overdue') ? 'overdue' : '';
  view.renderQueue(els.queue, outbox.waiting(unit()), outbox.rejected(unit()), outbox.sent(unit()), async (entry) => {
    await outbox.dismiss(entry.id);
    render();
  });
  detail.render(lastFetch === 'offline');
  renderStatus();
}

/** Each second: the countdowns and the status line; the list again now and then. */
export function tick() {
  if (!session) return;
  const byId = new Map(views().map((v) => [v.id, v]));
  view.tickCountdowns(els.tab, byId, clock.now());
  renderStatus();
  if (visible && document.visibilityState === 'visible' && Date.now() - lastRefresh > REFRESH_MS) refresh(false);
}

/** After a language switch. */
export function relabel() {
  if (flashKey && !els.flash.hidden) els.flash.textContent = t(flashKey);
  acts.relabel();
  events.relabel();
  render();
  detail.loadPhotos();
}

/** Read-only hooks for the browser tests. */
export function hooks() {
  return {
    waiting: () => (session ? outbox.waiting(unit()).map((e) => ({
      id: e.id, action: e.action, caseId: e.caseId, photos: (e.photos || []).length,
      located: (e.photos || []).filter((p) => p.lat !== undefined).length,
      bytes: (e.photos || []).map((p) => p.blob.size),
    })) : []),
    sent: () => (session ? outbox.sent(unit()).map((e) => ({
      id: e.id, action: e.action, caseId: e.caseId, status: e.status,
    })) : []),
    refused: () => (session ? outbox.rejected(unit()).map((e) => ({ id: e.id, action: e.action, status: e.status, detail: e.detail })) : []),
    status: () => (queue ? queue.status() : null),
    tasks: () => (session ? views().map((v) => ({ id: v.id, state: v.state, pending: v.pending })) : []),
  };
}
