// What the task tab draws: the list of the unit's tasks (title, place, countdown, urgency,
// supervision and urge marks, what waits to be sent), one task's detail (description, deadline, the
// trail lines meant for the unit) and the queue of actions (waiting, refused with the server's
// words, delivered). Text always goes in as text.
import { t, label, lang } from '../../i18n.js';
import * as catalog from '../../catalog.js';
import * as zoned from '../zoned-time.js';
import { el } from '../dom.js';
import { instant } from './countdown.js';
import { forUnit, unitDue as due } from './flow.js';
import * as outbox from './outbox.js';

export { due };

const SHOWN = 10;

/**
 * True when `target` already shows what `what` describes: the tab redraws on every change of the
 * queue, and a list rebuilt under a finger loses the tap. The countdowns tick on their own.
 */
export function unchanged(target, what) {
  const sig = lang + JSON.stringify(what);
  if (target.dataset.sig === sig) return true;
  target.dataset.sig = sig;
  return false;
}

export const placeOf = (task) => [label(catalog.site(task.site)) || task.site, label(catalog.area(task.area)) || task.area]
  .filter(Boolean).filter((v, i, all) => all.indexOf(v) === i).join(' · ');

const when = (text) => {
  const ms = instant(text);
  return Number.isNaN(ms) ? '' : zoned.shortText(ms, catalog.timezone());
};

function chip(className, text) {
  return el('span', 'chip ' + className, text);
}

/** The marks of a task: state, countdown, supervision, urges, reworks, extension, escalation, waiting. */
export function marks(task, nowMs) {
  const out = [chip('chip-state state-' + task.state, t('state.' + task.state))];
  const left = due(task, nowMs);
  if (left.key) {
    const c = chip('chip-due due-' + left.level, t(left.key, left.vars));
    c.dataset.level = left.level;
    out.push(c);
  }
  if (task.supervision) out.push(chip('chip-sup sup-' + task.supervision, t('sup.' + task.supervision)));
  if (task.urges > 0) out.push(chip('chip-urge', t('mark.urges', { n: task.urges })));
  if (task.reworks > 0) out.push(chip('chip-rework', t('mark.reworks', { n: task.reworks })));
  if (task.extensionAsked) out.push(chip('chip-ext', t('mark.extension', { t: when(task.extensionAsked.until) || '—' })));
  if (task.escalatedTo) out.push(chip('chip-esc', t('mark.escalated')));
  if (task.returned) out.push(chip('chip-pending', t('mark.returned')));
  else if (task.pending && task.pending.length) {
    out.push(chip('chip-pending', t('mark.pending', { actions: task.pending.map((a) => t('act.' + a)).join('、') })));
  }
  return out;
}

function urgencyTag(task) {
  const tag = el('span', 'urgency urgency-' + task.urgency, t('urg.' + task.urgency));
  return tag;
}

/** The list; `onOpen(task)` when one is tapped. */
export function renderList(list, tasks, nowMs, onOpen) {
  if (unchanged(list, tasks)) return;
  if (tasks.length === 0) {
    list.replaceChildren(el('li', 'task-none', t('tasks.none')));
    return;
  }
  list.replaceChildren(...tasks.map((task) => {
    const li = el('li', 'task');
    li.dataset.id = task.id;
    li.dataset.state = task.state;
    const button = el('button', 'task-open');
    button.type = 'button';
    const top = el('div', 'task-top');
    top.append(urgencyTag(task), el('span', 'task-title', task.title));
    const where = el('div', 'task-where', [t('cat.' + task.category), placeOf(task)].filter(Boolean).join(' · '));
    const row = el('div', 'task-marks');
    row.append(...marks(task, nowMs));
    button.append(top, where, row);
    button.addEventListener('click', () => onOpen(task));
    li.append(button);
    return li;
  }));
}

/** Only the countdowns, each second (the list is not redrawn under a finger). */
export function tickCountdowns(root, tasksById, nowMs) {
  for (const chipEl of root.querySelectorAll('[data-id] .chip-due, .task-detail-head .chip-due')) {
    const holder = chipEl.closest('[data-id]');
    const task = holder && tasksById.get(holder.dataset.id);
    if (!task) continue;
    const left = due(task, nowMs);
    if (!left.key) continue;
    chipEl.textContent = t(left.key, left.vars);
    chipEl.className = 'chip chip-due due-' + left.level;
    chipEl.dataset.level = left.level;
  }
}

function field(name, value) {
  const row = el('div', 'detail-field');
  row.append(el('span', 'detail-name', name), el('span', 'detail-value', value));
  return row;
}

function byText(by, unit) {
  if (!by) return '';
  if (by === 'system') return t('by.system');
  if (by === 'unit:' + unit) return t('by.us');
  if (by.startsWith('operator:')) return t('by.centre') + ' ' + by.slice(9);
  return by;
}

function trailAction(line) {
  if (line.action === 'verify' && line.detail && typeof line.detail.passed === 'boolean') {
    return t(line.detail.passed ? 'trail.verify.passed' : 'trail.verify.rework');
  }
  if (line.action === 'extension' && line.detail && typeof line.detail.granted === 'boolean') {
    return t(line.detail.granted ? 'trail.extension.granted' : 'trail.extension.refused');
  }
  if (line.action === 'supervise' && line.detail && line.detail.level) return t('sup.' + line.detail.level);
  return t('trail.' + line.action);
}

/** The head and the fields of a task's detail. */
export function renderDetail(body, task, nowMs) {
  const head = el('div', 'task-detail-head');
  head.dataset.id = task.id;
  const title = el('h2', 'task-detail-title');
  title.append(urgencyTag(task), el('span', null, task.title));
  const row = el('div', 'task-marks');
  row.append(...marks(task, nowMs));
  head.append(title, row);
  const fields = el('div', 'detail-fields');
  fields.append(field(t('detail.category'), t('cat.' + task.category)),
    field(t('detail.urgency'), t('urg.' + task.urgency)),
    field(t('detail.where'), placeOf(task) || '—'),
    field(t('detail.opened'), when(task.openedAt)));
  if (task.dueAt && due(task, nowMs).key) fields.append(field(t('due.stage.' + task.stage), when(task.dueAt)));
  const description = el('div', 'detail-description');
  description.append(el('div', 'detail-name', t('detail.description')), el('p', 'detail-text', task.description || '—'));
  body.replaceChildren(head, fields, description);
}

/** The trail lines for the unit, newest first. */
export function renderTrail(list, trail, unit) {
  const lines = forUnit(trail).slice().reverse();
  if (lines.length === 0) {
    list.replaceChildren(el('li', 'item-none', t('detail.noTrail')));
    return;
  }
  list.replaceChildren(...lines.map((line) => {
    const li = el('li', 'trail-line');
    li.dataset.action = line.action;
    const headRow = el('div', 'trail-head');
    headRow.append(el('span', 'trail-action', trailAction(line)), el('span', 'trail-by', byText(line.by, unit)),
      el('span', 'item-time', when(line.at)));
    li.append(headRow);
    const extra = line.detail && line.detail.until ? t('mark.extension', { t: when(line.detail.until) }) : '';
    if (line.note) li.append(el('div', 'trail-note', line.note));
    if (extra && line.action !== 'verify') li.append(el('div', 'trail-note trail-extra', extra));
    return li;
  }));
}

/** One queued action as the unit reads it: 签收 · 垃圾满溢 · 2 张照片 */
function describe(entry) {
  const what = entry.kind === 'event' ? t('act.open') : t('act.' + entry.action);
  const photos = entry.photos ? entry.photos.length : entry.photoCount || 0;
  const head = el('div', 'item-head');
  head.append(el('span', 'item-site', what + ' · ' + (entry.title || '')),
    el('span', 'item-time', zoned.shortText(entry.createdAt, catalog.timezone())));
  const parts = [];
  const text = entry.body.note || entry.body.reason || entry.body.description || '';
  if (text) parts.push(text.length > 40 ? text.slice(0, 40) + '…' : text);
  if (photos) parts.push(t('queue.photos', { n: photos }));
  return [head, el('div', 'item-values', parts.join(' · '))];
}

/**
 * The queue: waiting (with how many more), refused (with the server's words and a dismiss button),
 * and the last delivered.
 */
export function renderQueue(els, waiting, refused, sent, onDismiss) {
  const ids = (list) => list.map((e) => e.id);
  if (unchanged(els.waitingList, [ids(waiting), ids(refused), ids(sent)])) return;
  els.waitingCard.hidden = waiting.length === 0;
  const items = waiting.slice(0, SHOWN).map((entry) => {
    const li = el('li', 'item');
    li.dataset.id = entry.id;
    li.append(...describe(entry));
    return li;
  });
  if (waiting.length > SHOWN) items.push(el('li', 'item-more', t('tasks.more', { n: waiting.length - SHOWN })));
  els.waitingList.replaceChildren(...items);

  els.refusedCard.hidden = refused.length === 0;
  els.refusedList.replaceChildren(...refused.map((entry) => {
    const li = el('li', 'item item-rejected');
    li.dataset.id = entry.id;
    li.append(...describe(entry));
    if (entry.status) li.append(el('div', 'item-status', t('tasks.refusedStatus', { status: entry.status })));
    const reasons = el('ul', 'item-errors');
    const list = entry.errors && entry.errors.length ? entry.errors.map((e) => (e.field ? e.field + '：' : '') + (e.message || ''))
      : [entry.detail || ''];
    for (const text of list) reasons.append(el('li', null, text));
    const dismiss = el('button', 'secondary', t('tasks.dismiss'));
    dismiss.type = 'button';
    dismiss.dataset.action = 'dismiss';
    dismiss.addEventListener('click', () => onDismiss(entry));
    const actions = el('div', 'item-actions');
    actions.append(dismiss);
    li.append(reasons, actions);
    return li;
  }));

  els.sentCard.hidden = sent.length === 0;
  els.sentList.replaceChildren(...sent.slice(0, 5).map((entry) => {
    const li = el('li', 'item');
    li.dataset.id = entry.id;
    li.append(...describe(entry), el('div', 'item-status item-ok',
      t('queue.sentAt', { t: zoned.shortText(entry.ackAt, catalog.timezone(), true) })));
    return li;
  }));
}

/**
 * The tab's status line: the network as the sender sees it, how many actions wait, when the next try
 * is due, the outbox's warnings, and how old the list is.
 * @param status the sender's {net, nextAt, unexpected}
 * @param list   {lastFetch: ok|kept|offline|refused|failed|never, fetchedAt}
 */
export function renderStatus(els, unit, status, list) {
  const waiting = outbox.waiting(unit);
  els.net.dataset.net = status.net;
  const net = status.net === 'offline' || status.net === 'busy' ? t('tasks.net.' + status.net) : t('net.' + status.net);
  els.net.textContent = status.unexpected && status.net === 'busy'
    ? net + ' · ' + t('msg.unexpected', { status: status.unexpected }) : net;
  els.count.dataset.count = String(waiting.length);
  els.count.textContent = String(waiting.length);
  els.status.dataset.waiting = String(waiting.length);
  const next = waiting.length && status.nextAt ? Math.max(0, Math.ceil((status.nextAt - Date.now()) / 1000)) : null;
  els.retryIn.textContent = next === null ? '' : t('net.retryIn', { s: next });
  els.retryNow.hidden = !(waiting.length && status.nextAt);
  const warnings = [];
  const full = outbox.full(unit);
  if (full) warnings.push(t('tasks.full.' + full, { n: full === 'unit' ? outbox.PER_UNIT : outbox.limit() }));
  if (!outbox.durable()) warnings.push(t('tasks.memoryOnly'));
  if (list.lastFetch === 'refused' && status.net !== 'refused') warnings.push(t('net.refused'));
  els.warning.textContent = warnings.join(' ');
  els.warning.hidden = warnings.length === 0;
  const at = list.fetchedAt ? zoned.shortText(list.fetchedAt, catalog.timezone()) : '';
  els.fetched.textContent = !list.fetchedAt ? t('tasks.never')
    : t(list.lastFetch === 'ok' ? 'tasks.fetched' : 'tasks.fetchedOffline', { t: at });
}
