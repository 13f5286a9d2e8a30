// Field units: the list in the admin's scope, a new unit with its sites picked from the tree (its token
// shown once, with the QR code of the field page), a rotation with a grace for the old token, disabling.
import { t, label, lang } from '../i18n.js';
import * as catalog from '../catalog.js';
import * as api from '../console/api.js';
import { el, option, table, dayTime, toast } from '../console/dom.js';
import { paths, listOf } from './paths.js';
import { ask, actions, showError, stateTag, areaName, errorText } from './ui.js';
import * as tree from './tree.js';
import * as secret from './secret.js';

const $ = (id) => document.getElementById(id);
const GRACES = [[0, 'units.grace0'], [3600, 'units.grace1h'], [86400, 'units.grace1d'], [604800, 'units.grace7d']];

function sitesText(unit) {
  const sites = unit.sites || [];
  const names = sites.slice(0, 3).map((id) => label(catalog.site(id)) || id).join(lang === 'en' ? ', ' : '、');
  return el('span', null, t('units.sitesN', { n: sites.length }),
    names ? el('span', 'muted small', ' · ' + names + (sites.length > 3 ? '…' : '')) : null);
}

function row(unit) {
  const state = el('td', null, stateTag(unit.disabled ? 'disabled' : 'active'), unit.demo ? stateTag('demo') : null);
  if (unit.previousTokenUntil) state.append(el('div', 'muted small', t('units.graceUntil', { t: dayTime(unit.previousTokenUntil) })));
  const tr = el('tr', unit.disabled ? 'row-off' : null, el('td', 'mono', unit.id), el('td', null, unit.name),
    el('td', null, sitesText(unit)), el('td', null, areaName(unit.scope)), state,
    el('td', null, unit.disabled ? actions(unit, [['units.enable', enable]])
      : actions(unit, [['units.rotate', rotate], ['units.disable', disable, 'danger']])));
  tr.dataset.unit = unit.id;
  return tr;
}

export async function load() {
  const list = $('units-list');
  try {
    const units = listOf(await api.get(paths.units), 'units');
    list.replaceChildren(units.length ? table('admin-grid', ['units.col.id', 'units.col.name', 'units.col.sites', 'col.scope',
      'col.state', 'col.actions'], units.map(row)) : el('div', 'empty', t('units.none')));
  } catch (e) {
    list.replaceChildren(el('div', 'form-error', e.message));
  }
}

function showToken(id, token) {
  return secret.show({ title: t('secret.unitTitle', { id }), secret: token, link: secret.fieldLink(token),
    caption: t('secret.unitQr') });
}

async function submit(event) {
  event.preventDefault();
  const error = $('unit-error');
  const sites = tree.picked($('unit-sites'));
  if (!sites.length) {
    showError(error, t('units.pickSites'));
    return;
  }
  showError(error, null);
  const button = $('unit-create');
  button.disabled = true;
  try {
    const id = $('unit-id').value.trim();
    const answer = await api.post(paths.units, { id, name: $('unit-name').value.trim(), sites });
    $('unit-form').reset();
    tree.clear($('unit-sites'));
    load();
    toast(t('units.created', { id: answer.id || id }));
    await showToken(answer.id || id, answer.token);
  } catch (e) {
    showError(error, e);
  } finally {
    button.disabled = false;
  }
}

async function rotate(unit) {
  const select = el('select', null, ...GRACES.map(([s, key]) => option(String(s), t(key))));
  const body = el('label', null, el('span', null, t('units.grace')), select);
  const answer = await ask(t('units.rotateTitle', { name: unit.name }), body,
    () => api.post(paths.unitToken(unit.id), { graceSeconds: Number(select.value) }));
  if (answer) {
    load();
    await showToken(unit.id, answer.token);
  }
}

async function disable(unit) {
  const done = await ask(t('units.disableTitle', { name: unit.name }), el('p', null, t('units.disableBody')),
    () => api.post(paths.unitDisable(unit.id), {}).then(() => true));
  if (done) {
    toast(t('units.disabled', { id: unit.id }));
    load();
  }
}

/** A disabled unit's old token works again; a new one can be issued by rotating. */
async function enable(unit) {
  try {
    await api.post(paths.unitEnable(unit.id), {});
    toast(t('units.enabled', { id: unit.id }));
  } catch (e) {
    toast(errorText(e), 'error');
  }
  load();
}

/** Wires the form once; the catalogue must be set. */
export function create() {
  tree.draw($('unit-sites'));
  $('unit-form').addEventListener('submit', submit);
}
