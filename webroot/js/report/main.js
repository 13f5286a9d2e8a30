// The field report page (/report): a unit signs in once with its token, enters counts for one of
// its own sites, and each report is kept on the device and sent until the server has it. Its second
// tab (tasks/tab.js) is the unit's side of the closed loop: what is dispatched to it, and its actions.
import { t, lang, setLang, addTexts, applyStatic } from '../i18n.js';
import * as catalog from '../catalog.js';
import { TEXTS } from './texts.js';
import * as session from './session.js';
import * as outbox from './outbox.js';
import * as sender from './sender.js';
import * as form from './form.js';
import * as lists from './lists.js';
import * as tasks from './tasks/tab.js';
import { TASK_TEXTS } from './tasks/texts.js';
import * as urgings from './urgings.js';

addTexts(TEXTS);
addTexts(TASK_TEXTS);
addTexts(urgings.URGE_TEXTS);

const params = new URLSearchParams(location.search);
/** For the tests only: a shorter backoff ceiling (seconds) and a smaller outbox. */
const RETRY_CAP_MS = Number(params.get('retryCap')) * 1000 || undefined;
const WAITING_MAX = Number(params.get('maxWaiting')) || undefined;
const TAB_KEY = 'watchfloor.field.tab';

const $ = (id) => document.getElementById(id);
let current = null; // {token, me, catalog}
let queue = null; // the sender while signed in
let flashTimer = 0;

/** A v4 UUID made on the device; crypto.randomUUID needs a secure context, which plain http on a LAN is not. */
export function newId() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const status = () => (queue ? queue.status() : { net: 'online', nextAt: 0 });

function renderStatus() {
  if (current) lists.renderStatus(current.me.id, status());
}

function render() {
  if (!current) return;
  lists.renderStatus(current.me.id, status());
  lists.renderLists(current.me.id, async (entry) => {
    form.fill(entry.body);
    await outbox.dismiss(entry.id);
    render();
  }, async (entry) => {
    await outbox.dismiss(entry.id);
    render();
  });
}

function flash(key, vars, warn = false) {
  const el = $('flash');
  el.textContent = t(key, vars);
  el.classList.toggle('flash-warn', warn);
  el.hidden = false;
  clearTimeout(flashTimer);
  flashTimer = setTimeout(() => { el.hidden = true; }, 4000);
}

async function submit(body) {
  const id = newId();
  const entry = { id, unit: current.me.id, body: { id, ...body }, createdAt: Date.now() };
  $('send').disabled = true;
  try {
    await outbox.add(entry);
  } catch (e) {
    // full (by count, or the browser's quota): what was typed stays in the form
    if (e instanceof outbox.OutboxFull) flash('queue.full', { n: outbox.waiting(current.me.id).length }, true);
    else console.error('the report could not be kept', e);
    render();
    $('send').disabled = false;
    return;
  }
  form.reset();
  const net = queue.status().net;
  flash(net === 'online' || net === 'sending' ? 'entry.saved' : 'entry.savedOffline');
  queue.kick();
  render();
}

function showSignIn(errorKey, vars) {
  current = null;
  $('entry').hidden = true;
  $('sign-out').hidden = true;
  $('unit-name').textContent = '';
  $('signin').hidden = false;
  const error = $('signin-error');
  error.hidden = !errorKey;
  error.textContent = errorKey ? t(errorKey, vars) : '';
  const left = outbox.waitingOfOthers(null);
  $('signin-left').hidden = left === 0;
  $('signin-left').textContent = t('signin.leftBehind', { n: left });
}

function showEntry(signedIn) {
  current = signedIn;
  catalog.setCatalog(signedIn.catalog);
  $('signin').hidden = true;
  $('entry').hidden = false;
  $('sign-out').hidden = false;
  $('unit-name').textContent = signedIn.me.name;
  form.setSites(signedIn.me.sites);
  $('no-sites').hidden = form.hasSites();
  if (queue) queue.stop();
  queue = sender.start({ unit: signedIn.me.id, token: signedIn.token, onChange: render, capMs: RETRY_CAP_MS });
  tasks.signIn(signedIn);
  urgings.start(signedIn.me.id, signedIn.token);
  render();
}

/** Shows the reports' tab or the tasks' (the choice is kept on the device). */
function showTab(name) {
  const onTasks = name === 'tasks';
  $('report-tab').hidden = onTasks;
  $('tasks-tab').hidden = !onTasks;
  $('tab-report').setAttribute('aria-selected', String(!onTasks));
  $('tab-tasks').setAttribute('aria-selected', String(onTasks));
  localStorage.setItem(TAB_KEY, onTasks ? 'tasks' : 'report');
  tasks.show(onTasks);
}

async function signIn(event) {
  event.preventDefault();
  const token = $('token').value.trim();
  if (!token) return;
  const button = $('signin-submit');
  button.disabled = true;
  button.textContent = t('signin.checking');
  const answer = await session.fetchSession(token);
  button.disabled = false;
  button.textContent = t('signin.submit');
  if (answer.error) {
    showSignIn(answer.error, { status: answer.status });
    return;
  }
  session.save(answer.session);
  $('token').value = '';
  showEntry(answer.session);
}

function signOut() {
  if (queue) queue.stop();
  queue = null;
  tasks.signOut();
  urgings.stop();
  session.clear(); // waiting reports stay on the device, and go when this unit signs in again
  showSignIn();
}

/** A kept session is used at once; the server is asked again in the background (sites may change). */
async function refreshSession() {
  const answer = await session.fetchSession(current.token);
  if (!current || answer.error === 'signin.offline') return;
  if (answer.session && answer.session.me.id === current.me.id) {
    session.save(answer.session);
    current = answer.session;
    catalog.setCatalog(current.catalog);
    form.setSites(current.me.sites);
    $('no-sites').hidden = form.hasSites();
    tasks.setSites(current.me.sites);
    render();
  }
}

function switchLanguage() {
  setLang(lang === 'en' ? 'zh' : 'en');
  applyStatic(document);
  document.title = t('report.title') + ' · Watchfloor';
  if (current) {
    form.relabel();
    tasks.relabel();
    urgings.render();
    render();
  } else {
    showSignIn();
  }
}

async function boot() {
  applyStatic(document);
  document.title = t('report.title') + ' · Watchfloor';
  await outbox.open(WAITING_MAX);
  await tasks.create({ newId, capMs: RETRY_CAP_MS });
  form.create(submit);
  $('tab-report').addEventListener('click', () => showTab('report'));
  $('tab-tasks').addEventListener('click', () => showTab('tasks'));
  showTab(params.get('tab') || localStorage.getItem(TAB_KEY));
  $('signin-form').addEventListener('submit', signIn);
  $('sign-out').addEventListener('click', signOut);
  $('lang-switch').addEventListener('click', switchLanguage);
  $('retry-now').addEventListener('click', () => queue && queue.retryNow());
  // the /admin page's QR code links here with the token in the fragment (never sent, never logged):
  // it is taken off the address at once and signs in as if typed, replacing a kept session
  const linked = new URLSearchParams(location.hash.slice(1)).get('token');
  const kept = session.load();
  if (linked) {
    history.replaceState(history.state, '', location.pathname + location.search);
    showSignIn();
    $('token').value = linked;
    await signIn({ preventDefault() {} });
  } else if (kept) {
    showEntry(kept);
    refreshSession();
  } else {
    showSignIn();
  }
  setInterval(() => {
    if (!current) return;
    form.tick();
    renderStatus();
    tasks.tick();
  }, 1000);
  // Read-only hooks for the browser tests.
  window.watchfloorReport = {
    waiting: () => (current ? outbox.waiting(current.me.id).map((e) => e.id) : []),
    sent: () => (current ? outbox.sent(current.me.id).map((e) => ({ id: e.id, status: e.status })) : []),
    rejected: () => (current ? outbox.rejected(current.me.id).map((e) => ({ id: e.id, errors: e.errors })) : []),
    status: () => (queue ? queue.status() : null),
    counters: () => (queue ? { ...queue.counters } : null),
    durable: outbox.durable,
    tasks: tasks.hooks(),
    urgings: urgings.hooks(),
  };
  document.body.dataset.ready = 'true';
}

boot().catch((e) => {
  console.error('the field page failed to start', e);
  document.body.dataset.ready = 'failed';
});
