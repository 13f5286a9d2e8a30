// 通知 → 路由: which events of which scope, from which severity up, go to which channel.
import { t } from '../i18n.js';
import * as api from '../console/api.js';
import { el, table, toast, option } from '../console/dom.js';
import { paths, listOf } from './paths.js';
import { ask, actions, showError, fillScopes, areaName } from './ui.js';

const $ = (id) => document.getElementById(id);
/** The events of docs/notify.md, in the order an admin thinks of them. */
export const EVENTS = ['alert.fired', 'alert.escalated', 'alert.resolved', 'case.dispatched', 'case.near-due',
  'case.overdue', 'case.urged', 'case.reworked', 'compliance.urged'];
let names = new Map();
let reload = () => {};

function row(route) {
  const tr = el('tr', null, el('td', null, names.get(route.channel) || route.channel), el('td', null, areaName(route.scope)),
    el('td', null, route.events.map((e) => t('notify.event.' + e)).join('、')),
    el('td', null, t('notify.severity.' + (route.minSeverity || 'any'))),
    el('td', null, actions(route, [['notify.delete', remove, 'danger']])));
  tr.dataset.route = route.id;
  return tr;
}

/** The routes, named by their channels' names; the form's channel list follows the channels. */
export async function load(channels) {
  names = new Map(channels.map((c) => [c.id, c.name]));
  const select = $('route-channel');
  const chosen = select.value;
  select.replaceChildren(...channels.map((c) => option(c.id, c.name + ' · ' + t('notify.type.' + c.type))));
  if (names.has(chosen)) select.value = chosen;
  const list = $('routes-list');
  try {
    const routes = listOf(await api.get(paths.routes), 'routes');
    list.replaceChildren(routes.length ? table('admin-grid', ['notify.route.channel', 'col.scope', 'notify.route.events',
      'notify.route.minSeverity', 'col.actions'], routes.map(row)) : el('div', 'empty', t('notify.noRoutes')));
  } catch (e) {
    list.replaceChildren(el('div', 'form-error', e.message));
  }
}

async function remove(route) {
  const done = await ask(t('notify.route.deleteTitle'), el('p', null, t('notify.route.deleteBody',
    { channel: names.get(route.channel) || route.channel })), () => api.del(paths.route(route.id)).then(() => true));
  if (done) {
    toast(t('notify.route.deleted'));
    reload();
  }
}

async function submit(event) {
  event.preventDefault();
  const error = $('route-error');
  showError(error, null);
  const button = $('route-create');
  button.disabled = true;
  const events = [...document.querySelectorAll('#route-events input:checked')].map((box) => box.value);
  const body = { channel: $('route-channel').value, scope: $('route-scope').value, events };
  if ($('route-severity').value) body.minSeverity = $('route-severity').value;
  try {
    await api.post(paths.routes, body);
    toast(t('notify.route.created'));
    reload();
  } catch (e) {
    showError(error, e);
  } finally {
    button.disabled = false;
  }
}

export function create(onChange) {
  reload = onChange;
  fillScopes($('route-scope'));
  const box = $('route-events');
  for (const key of EVENTS) {
    const input = el('input');
    input.type = 'checkbox';
    input.value = key;
    input.checked = key === 'alert.fired' || key === 'alert.escalated';
    box.append(el('label', null, input, t('notify.event.' + key)));
  }
  $('route-form').addEventListener('submit', submit);
}
