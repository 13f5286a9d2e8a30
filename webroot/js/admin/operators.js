// Operators: the list in the admin's scope, a new one with role and scope, a password reset (to be
// changed at the next sign-in) and disabling (their sessions and sockets end).
import { t } from '../i18n.js';
import * as api from '../console/api.js';
import { el, option, table, toast } from '../console/dom.js';
import { paths, listOf } from './paths.js';
import { ask, actions, showError, stateTag, fillScopes, areaName, errorText } from './ui.js';
import * as secret from './secret.js';

const $ = (id) => document.getElementById(id);
const ROLES = ['officer', 'viewer', 'admin'];

function row(op) {
  const state = el('td', null, stateTag(op.disabled ? 'disabled' : 'active'), op.demo ? stateTag('demo') : null,
    op.mustChangePassword ? el('div', 'muted small', t('operators.mustChange')) : null);
  const tr = el('tr', op.disabled ? 'row-off' : null, el('td', 'mono', op.username), el('td', null, op.name),
    el('td', null, t('role.' + op.role)), el('td', null, areaName(op.scope)), state,
    el('td', null, op.disabled ? actions(op, [['operators.enable', enable]])
      : actions(op, [['operators.reset', reset], ['operators.disable', disable, 'danger']])));
  tr.dataset.operator = op.username;
  return tr;
}

export async function load() {
  const list = $('operators-list');
  try {
    const ops = listOf(await api.get(paths.operators), 'operators');
    list.replaceChildren(ops.length ? table('admin-grid', ['operators.col.username', 'operators.col.name', 'operators.col.role',
      'col.scope', 'col.state', 'col.actions'], ops.map(row)) : el('div', 'empty', t('operators.none')));
  } catch (e) {
    list.replaceChildren(el('div', 'form-error', e.message));
  }
}

async function submit(event) {
  event.preventDefault();
  const error = $('operator-error');
  showError(error, null);
  const button = $('operator-create');
  button.disabled = true;
  const username = $('operator-username').value.trim();
  try {
    await api.post(paths.operators, { username, name: $('operator-name').value.trim(), role: $('operator-role').value,
      scope: $('operator-scope').value, password: $('operator-password').value });
    $('operator-form').reset();
    fillScopes($('operator-scope'));
    toast(t('operators.created', { id: username }));
    load();
  } catch (e) {
    showError(error, e);
  } finally {
    $('operator-password').value = '';
    button.disabled = false;
  }
}

async function reset(op) {
  const input = el('input');
  input.type = 'password';
  input.autocomplete = 'new-password';
  const body = el('label', null, el('span', null, t('operators.resetBody')), input);
  const answer = await ask(t('operators.resetTitle', { name: op.name }), body,
    () => api.post(paths.operatorReset(op.username), input.value ? { password: input.value } : {}));
  if (answer) {
    toast(t('operators.resetDone', { id: op.username }));
    load();
    // the server made one when none was typed: shown this once, as a token is
    if (answer.password) {
      await secret.show({ title: t('operators.resetTitle', { name: op.name }), secret: answer.password, link: null,
        caption: t('operators.resetShown') });
    }
  }
}

async function disable(op) {
  const done = await ask(t('operators.disableTitle', { name: op.name }), el('p', null, t('operators.disableBody')),
    () => api.post(paths.operatorDisable(op.username), {}).then(() => true));
  if (done) {
    toast(t('operators.disabled', { id: op.username }));
    load();
  }
}

async function enable(op) {
  try {
    await api.post(paths.operatorEnable(op.username), {});
    toast(t('operators.enabled', { id: op.username }));
  } catch (e) {
    toast(errorText(e), 'error');
  }
  load();
}

export function create() {
  $('operator-role').replaceChildren(...ROLES.map((r) => option(r, t('role.' + r))));
  fillScopes($('operator-scope'));
  $('operator-form').addEventListener('submit', submit);
}
