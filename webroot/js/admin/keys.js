// Display keys: label and scope, the key shown once with the QR code of its screen, revoking.
import { t } from '../i18n.js';
import * as api from '../console/api.js';
import { el, table, toast } from '../console/dom.js';
import { paths, listOf } from './paths.js';
import { ask, actions, showError, stateTag, fillScopes, areaName } from './ui.js';
import * as secret from './secret.js';

const $ = (id) => document.getElementById(id);

function row(key) {
  const tr = el('tr', key.revoked ? 'row-off' : null, el('td', null, key.label), el('td', null, areaName(key.scope)),
    el('td', null, stateTag(key.revoked ? 'revoked' : 'active'), key.demo ? stateTag('demo') : null),
    el('td', null, key.revoked ? '' : actions(key, [['keys.revoke', revoke, 'danger']])));
  tr.dataset.key = key.id;
  return tr;
}

export async function load() {
  const list = $('keys-list');
  try {
    const keys = listOf(await api.get(paths.keys), 'displayKeys', 'keys');
    list.replaceChildren(keys.length ? table('admin-grid', ['keys.col.label', 'col.scope', 'col.state', 'col.actions'],
      keys.map(row)) : el('div', 'empty', t('keys.none')));
  } catch (e) {
    list.replaceChildren(el('div', 'form-error', e.message));
  }
}

async function submit(event) {
  event.preventDefault();
  const error = $('key-error');
  showError(error, null);
  const button = $('key-create');
  button.disabled = true;
  const label = $('key-label').value.trim();
  const scope = $('key-scope').value;
  try {
    const answer = await api.post(paths.keys, { label, scope });
    $('key-form').reset();
    fillScopes($('key-scope'));
    load();
    await secret.show({ title: t('secret.keyTitle', { label }), secret: answer.key, link: secret.screenLink(answer.key, scope),
      caption: t('secret.keyQr') });
  } catch (e) {
    showError(error, e);
  } finally {
    button.disabled = false;
  }
}

async function revoke(key) {
  const done = await ask(t('keys.revokeTitle', { label: key.label }), el('p', null, t('keys.revokeBody')),
    () => api.del(paths.key(key.id)).then(() => true));
  if (done) {
    toast(t('keys.revoked', { id: key.label }));
    load();
  }
}

export function create() {
  fillScopes($('key-scope'));
  $('key-form').addEventListener('submit', submit);
}
