// 通知: the channels (WeCom and DingTalk robots, webhooks, SMS gateways), each with how its deliveries stand,
// the test button and the receiver's answer, resume after a stop, delete, and its failures; the routes are in
// notify-routes.js. A secret is in the form only as typed: after saving, the list shows its last 4 characters.
import { t } from '../i18n.js';
import * as api from '../console/api.js';
import { el, table, toast, dayTime } from '../console/dom.js';
import { paths, listOf } from './paths.js';
import { ask, actions, showError, fillScopes, areaName } from './ui.js';
import * as routes from './notify-routes.js';

const $ = (id) => document.getElementById(id);
let channels = [];
/** The last test answer of each channel, kept while the page is open: the list is drawn again after each change. */
const answers = new Map();

function statusCell(channel) {
  const s = channel.status || {};
  const counts = el('div', 'notify-counts', t('notify.counts', { pending: s.pending || 0, sent: s.sent || 0,
    merged: s.merged || 0, failed: s.failed || 0 }));
  const last = s.lastAnswer ? el('div', 'muted small', t('notify.lastAnswer', { answer: s.lastAnswer })) : null;
  const stopped = channel.stoppedAt
    ? el('div', 'notify-stopped', t('notify.stopped', { why: channel.stoppedWhy || '' })) : null;
  return el('div', null, counts, last, stopped);
}

function row(channel) {
  const buttons = [['notify.test', test], ['notify.failures', failures]];
  if (channel.stoppedAt) buttons.unshift(['notify.resume', resume, 'primary']);
  buttons.push(['notify.delete', remove, 'danger']);
  const secret = channel.secret && channel.secret.set ? t('notify.secretSet', { last4: channel.secret.last4 }) : null;
  const tr = el('tr', channel.stoppedAt ? 'row-off' : null,
    el('td', null, el('div', null, channel.name), el('div', 'muted small', t('notify.type.' + channel.type))),
    el('td', null, el('div', 'notify-url', channel.url), secret ? el('div', 'muted small', secret) : null,
      answerNode(answers.get(channel.id))),
    el('td', null, areaName(channel.scope), channel.unit ? el('div', 'muted small', channel.unit) : null),
    el('td', null, statusCell(channel)),
    el('td', null, actions(channel, buttons)));
  tr.dataset.channel = channel.id;
  return tr;
}

export async function load() {
  const list = $('channels-list');
  try {
    channels = listOf(await api.get(paths.channels), 'channels');
    list.replaceChildren(channels.length ? table('admin-grid', ['notify.col.channel', 'notify.col.url', 'col.scope',
      'notify.col.status', 'col.actions'], channels.map(row)) : el('div', 'empty', t('notify.none')));
  } catch (e) {
    list.replaceChildren(el('div', 'form-error', e.message));
  }
  routes.load(channels);
}

function answerNode(said) {
  if (!said) return el('div', 'test-answer');
  return el('div', 'test-answer small ' + said.className, said.text);
}

/** Sends the test message now; the receiver's answer shows in the channel's row, as the receiver said it. */
async function test(channel) {
  const show = (said) => {
    answers.set(channel.id, said);
    const cell = document.querySelector(`tr[data-channel="${CSS.escape(channel.id)}"] .test-answer`);
    if (cell) cell.replaceWith(answerNode(said));
  };
  show({ className: 'muted', text: t('notify.testing') });
  try {
    const answer = await api.post(paths.channelTest(channel.id));
    show({ className: answer.ok ? 'notify-answer-ok' : 'notify-answer-bad', text: t(answer.ok ? 'notify.testOk' : 'notify.testBad',
      { status: answer.status === null || answer.status === undefined ? '—' : answer.status, answer: answer.answer || '' }) });
  } catch (e) {
    show({ className: 'notify-answer-bad', text: e.message });
  }
}

async function resume(channel) {
  try {
    await api.post(paths.channelResume(channel.id));
    toast(t('notify.resumed', { name: channel.name }));
    load();
  } catch (e) {
    toast(e.message, 'error');
  }
}

async function remove(channel) {
  const done = await ask(t('notify.deleteTitle', { name: channel.name }), el('p', null, t('notify.deleteBody')),
    () => api.del(paths.channel(channel.id)).then(() => true));
  if (done) {
    toast(t('notify.deleted', { name: channel.name }));
    $('failures-box').hidden = true;
    load();
  }
}

async function failures(channel) {
  const box = $('failures-box');
  $('failures-title').textContent = t('notify.failuresOf', { name: channel.name });
  box.hidden = false;
  try {
    const list = listOf(await api.get(paths.channelFailures(channel.id)), 'failures');
    $('failures-list').replaceChildren(list.length ? table('admin-grid', ['notify.col.kind', 'notify.col.failedAt',
      'notify.col.attempts', 'notify.col.answer'], list.map((f) => [t('notify.event.' + f.kind), dayTime(f.failedAt),
      String(f.attempts), f.answer || '—'])) : el('div', 'empty', t('notify.noFailures')));
  } catch (e) {
    $('failures-list').replaceChildren(el('div', 'form-error', e.message));
  }
}

/** Only the fields the chosen type has; the URL's hint says where that app shows it. */
function typeChanged() {
  const type = $('channel-type').value;
  for (const node of document.querySelectorAll('#channel-form [data-types]')) {
    node.hidden = !node.dataset.types.split(' ').includes(type);
  }
  $('channel-url-hint').textContent = t('notify.urlHint.' + type);
  $('channel-secret-label').textContent = t(type === 'dingtalk' ? 'notify.secret.dingtalk' : 'notify.secret.webhook');
}

function body() {
  const type = $('channel-type').value;
  const value = (id) => $(id).value.trim();
  const out = { name: value('channel-name'), type, url: value('channel-url'), scope: $('channel-scope').value,
    perMinute: Number($('channel-per-minute').value || 20) };
  if (value('channel-unit')) out.unit = value('channel-unit');
  if ((type === 'dingtalk' || type === 'webhook') && value('channel-secret')) out.secret = value('channel-secret');
  if (type === 'webhook') out.auth = $('channel-auth').value;
  if (type === 'sms') {
    let headers = {};
    if (value('sms-headers')) {
      try {
        headers = JSON.parse(value('sms-headers'));
      } catch (e) {
        throw new Error(t('notify.sms.headersBad'));
      }
    }
    out.sms = { method: $('sms-method').value, contentType: $('sms-content-type').value, headers,
      body: $('sms-body').value, phones: value('sms-phones').split(/[\s,，]+/).filter(Boolean) };
  }
  return out;
}

async function submit(event) {
  event.preventDefault();
  const error = $('channel-error');
  showError(error, null);
  const button = $('channel-create');
  button.disabled = true;
  try {
    const channel = body();
    await api.post(paths.channels, channel);
    // the secret leaves the page with the form: from now on only its last 4 characters are shown
    $('channel-form').reset();
    fillScopes($('channel-scope'));
    typeChanged();
    toast(t('notify.created', { name: channel.name }));
    load();
  } catch (e) {
    showError(error, e.status ? e : String(e.message || e));
  } finally {
    button.disabled = false;
  }
}

export function create() {
  fillScopes($('channel-scope'));
  $('channel-type').addEventListener('change', typeChanged);
  typeChanged();
  $('channel-form').addEventListener('submit', submit);
  routes.create(load);
}
