// What the unit sees of its reports: the network state and how many wait, the reports the server
// refused (with its field errors, to be corrected), those waiting, and the last ones delivered.
import { t, label, num } from '../i18n.js';
import * as catalog from '../catalog.js';
import * as outbox from './outbox.js';
import * as zoned from './zoned-time.js';
import { el } from './dom.js';

const SHOWN = 10;
const $ = (id) => document.getElementById(id);

/** The server's English field messages, in the page's language where the page knows them. */
const MESSAGES = [
  [/^is older than the late window of (\d+) days$/, (m) => t('msg.old', { n: m[1] })],
  [/^is more than (\d+) minutes in the future$/, (m) => t('msg.future', { n: m[1] })],
  [/^cannot exceed metrics\.(\w+) \(([\d.]+) > ([\d.]+)\)$/,
    (m) => t('check.atMost', { other: label(catalog.metric(m[1])) || m[1], a: m[2], b: m[3] })],
  [/^must be between (\S+) and (\S+)$/, (m) => t('msg.range', { min: m[1], max: m[2] })],
  [/^must be a whole number$/, () => t('msg.whole')],
  [/^not one of this unit's sites$/, () => t('msg.notYours')],
  [/^already used for a different report$/, () => t('msg.reused')],
];

function message(text) {
  for (const [pattern, render] of MESSAGES) {
    const m = pattern.exec(text || '');
    if (m) return render(m);
  }
  return text || '';
}

function fieldName(field) {
  if (field && field.startsWith('metrics.')) {
    const metric = catalog.metric(field.slice(8));
    if (metric) return label(metric);
  }
  return field ? t('field.' + field) : t('field.reports');
}

/** 高速出口检测点 · 11-21 08:15, and 检测车辆 42 · 劝返车辆 3 */
function describe(entry) {
  const tz = catalog.timezone();
  const head = el('div', 'item-head');
  head.append(el('span', 'item-site', label(catalog.site(entry.body.site)) || entry.body.site),
    el('span', 'item-time', zoned.shortText(Date.parse(entry.body.observedAt), tz)));
  const values = Object.entries(entry.body.metrics)
    .map(([key, value]) => label(catalog.metric(key)) + ' ' + (Number.isInteger(value) ? num(value) : String(value)))
    .join(' · ');
  return [head, el('div', 'item-values', values)];
}

function item(entry) {
  const li = el('li', 'item');
  li.dataset.id = entry.id;
  li.append(...describe(entry));
  return li;
}

/**
 * The status line: the network, how many wait, when the next attempt is due. Each second, too.
 * @param unit   the signed-in unit's id
 * @param status the sender's status: {net, nextAt, unexpected}
 */
export function renderStatus(unit, status) {
  const waiting = outbox.waiting(unit);
  const net = $('net');
  net.dataset.net = status.net;
  net.textContent = status.unexpected && status.net === 'busy'
    ? t('net.busy') + ' · ' + t('msg.unexpected', { status: status.unexpected }) : t('net.' + status.net);
  const count = $('waiting-count');
  count.dataset.count = String(waiting.length);
  count.textContent = t('queue.count', { n: waiting.length });
  $('status').dataset.waiting = String(waiting.length);
  const due = waiting.length && status.nextAt ? Math.max(0, Math.ceil((status.nextAt - Date.now()) / 1000)) : null;
  $('retry-in').textContent = due === null ? '' : t('net.retryIn', { s: due });
  $('retry-now').hidden = !(waiting.length && status.nextAt);

  const warning = $('storage-warning');
  const warnings = [];
  if (outbox.isFull()) warnings.push(t('queue.full', { n: outbox.limit() }));
  if (!outbox.durable()) warnings.push(t('queue.memoryOnly'));
  warning.textContent = warnings.join(' ');
  warning.hidden = warnings.length === 0;
  warning.dataset.full = String(outbox.isFull());
}

/**
 * The lists, redrawn only when they change (never under a finger on a button).
 * @param unit      the signed-in unit's id
 * @param onEdit    (entry) a refused report to correct
 * @param onDismiss (entry)
 */
export function renderLists(unit, onEdit, onDismiss) {
  const waiting = outbox.waiting(unit);
  const rejected = outbox.rejected(unit);
  $('rejected-card').hidden = rejected.length === 0;
  $('rejected-list').replaceChildren(...rejected.map((entry) => {
    const li = item(entry);
    li.classList.add('item-rejected');
    if (entry.status) li.append(el('div', 'item-status', t('rejected.status', { status: entry.status })));
    const errors = el('ul', 'item-errors');
    const list = entry.errors.length ? entry.errors : [{ field: '', message: entry.detail }];
    for (const e of list) errors.append(el('li', null, fieldName(e.field) + '：' + message(e.message)));
    const actions = el('div', 'item-actions');
    const edit = el('button', 'secondary', t('rejected.edit'));
    edit.type = 'button';
    edit.dataset.action = 'edit';
    edit.addEventListener('click', () => onEdit(entry));
    const dismiss = el('button', 'secondary', t('rejected.dismiss'));
    dismiss.type = 'button';
    dismiss.dataset.action = 'dismiss';
    dismiss.addEventListener('click', () => onDismiss(entry));
    actions.append(edit, dismiss);
    li.append(errors, actions);
    return li;
  }));

  $('waiting-card').hidden = waiting.length === 0;
  const waitingItems = waiting.slice(0, SHOWN).map(item);
  if (waiting.length > SHOWN) waitingItems.push(el('li', 'item-more', t('queue.more', { n: waiting.length - SHOWN })));
  $('waiting-list').replaceChildren(...waitingItems);

  const sent = outbox.sent(unit).slice(0, SHOWN);
  $('sent-list').replaceChildren(...(sent.length ? sent.map((entry) => {
    const li = item(entry);
    li.dataset.status = entry.status;
    li.append(el('div', 'item-status item-ok', t('sent.at', { t: zoned.shortText(entry.ackAt, catalog.timezone(), true) })
      + (entry.status === 'duplicate' ? ' ' + t('sent.duplicate') : '')));
    return li;
  }) : [el('li', 'item-none', t('sent.none'))]));
}
