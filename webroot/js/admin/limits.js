// The time-limit table (时限表) of the time tab: one row per category and urgency, three limits each as an
// amount and a unit, saved whole. A mistake the server names is marked on its very field.
import { t } from '../i18n.js';
import * as api from '../console/api.js';
import { el, option, toast } from '../console/dom.js';
import { paths } from './paths.js';
import { errorText, showError } from './ui.js';
import { ANY, UNITS, URGENCIES, parseLimit, formatLimit } from './time-logic.js';

const $ = (id) => document.getElementById(id);
const STAGES = ['sign', 'handle', 'verify'];
let known = [];
let editable = false;
let loaded = [];

function input(field, value, attrs) {
  const node = el('input');
  Object.assign(node, attrs || {});
  node.value = value;
  node.dataset.field = field;
  node.disabled = !editable;
  return node;
}

function select(field, values, value, textOf) {
  const node = el('select', null, ...values.map((v) => option(v, textOf(v))));
  node.value = value;
  node.dataset.field = field;
  node.disabled = !editable;
  return node;
}

function limitCell(i, stage, text) {
  const limit = parseLimit(text) || { amount: 1, unit: 'hours' };
  const amount = input(`rows[${i}].${stage}.amount`, limit.amount, { type: 'number', min: 1, max: 10080, className: 'limit-amount' });
  amount.setAttribute('aria-label', t('limits.col.' + stage));
  const unit = select(`rows[${i}].${stage}.unit`, UNITS, limit.unit, (u) => t('unit.' + u));
  unit.setAttribute('aria-label', t('limits.col.' + stage));
  const cell = el('div', 'limit-cell', amount, unit);
  cell.dataset.field = `rows[${i}].${stage}`;
  return el('td', null, cell);
}

function categoryName(key) {
  if (key === ANY) return t('limits.any');
  const name = t('category.' + key);
  return known.includes(key) && name !== 'category.' + key ? name : '';
}

function row(r, i) {
  const isDefault = r.category === ANY && r.urgency === ANY;
  const category = input(`rows[${i}].category`, r.category, { maxLength: 32, className: 'limit-category' });
  category.setAttribute('list', 'limit-categories');
  category.setAttribute('aria-label', t('limits.col.category'));
  category.disabled = !editable || isDefault;
  const name = el('div', 'muted small', categoryName(r.category));
  category.addEventListener('input', () => { name.textContent = categoryName(category.value.trim()); });
  const urgencies = isDefault ? [ANY] : URGENCIES;
  const urgency = select(`rows[${i}].urgency`, urgencies, r.urgency, (u) => (u === ANY ? t('limits.anyUrgency') : t('urgency.' + u)));
  urgency.setAttribute('aria-label', t('limits.col.urgency'));
  urgency.disabled = !editable || isDefault;
  const remove = el('button', 'danger', t('limits.remove'));
  remove.type = 'button';
  remove.hidden = !editable || isDefault;
  remove.addEventListener('click', () => { remove.closest('tr').remove(); });
  const tr = el('tr', isDefault ? 'limit-default' : null, el('td', null, category, name), el('td', null, urgency),
    ...STAGES.map((s) => limitCell(i, s, r[s])), el('td', null, remove));
  tr.dataset.category = r.category;
  tr.dataset.urgency = r.urgency;
  return tr;
}

function draw(rows) {
  const head = el('tr', null, ...['category', 'urgency', 'sign', 'handle', 'verify'].map((k) => el('th', null, t('limits.col.' + k))),
    el('th', null, ''));
  const list = el('datalist', null, ...known.map((k) => option(k, categoryName(k) || k)));
  list.id = 'limit-categories';
  $('limits-list').replaceChildren(list, el('table', 'admin-grid limits-grid', el('thead', null, head),
    el('tbody', null, ...rows.map(row))));
  for (const b of [$('limits-add'), $('limits-save'), $('limits-reset')]) b.hidden = !editable;
}

/** The table as drawn now, in the server's shape; the rows renumbered as they stand. */
function current() {
  return [...$('limits-list').querySelectorAll('tbody tr')].map((tr) => {
    const value = (suffix) => tr.querySelector(`[data-field$="${suffix}"]`).value;
    const r = { category: value('.category').trim(), urgency: value('.urgency') };
    for (const s of STAGES) r[s] = formatLimit(value(`.${s}.amount`), value(`.${s}.unit`));
    return r;
  });
}

/** Rows renumbered before a save, so the server's rows[i] is the i-th row shown. */
function renumber() {
  [...$('limits-list').querySelectorAll('tbody tr')].forEach((tr, i) => {
    for (const node of tr.querySelectorAll('[data-field]')) node.dataset.field = node.dataset.field.replace(/^rows\[\d+\]/, `rows[${i}]`);
  });
}

function markErrors(e) {
  for (const node of $('limits-list').querySelectorAll('[aria-invalid]')) node.removeAttribute('aria-invalid');
  const errors = (e && e.problem && e.problem.errors) || [];
  for (const { field } of errors) {
    const node = $('limits-list').querySelector(`[data-field="${CSS.escape(field)}"]`);
    if (node) node.setAttribute('aria-invalid', 'true');
  }
}

async function save(event) {
  event.preventDefault();
  renumber();
  $('limits-save').disabled = true;
  try {
    const answer = await api.call('PUT', paths.caseLimits, { rows: current() });
    showError($('limits-error'), null);
    markErrors(null);
    toast(t('limits.saved', { v: answer.version }));
    loaded = answer.rows;
    draw(loaded);
  } catch (e) {
    showError($('limits-error'), errorText(e));
    markErrors(e);
  } finally {
    $('limits-save').disabled = false;
  }
}

export async function load() {
  try {
    const answer = await api.get(paths.caseLimits);
    editable = Boolean(answer.editable);
    known = answer.categories || [];
    loaded = answer.rows;
    $('limits-note').textContent = t(editable ? 'limits.editable' : 'limits.readOnly');
    showError($('limits-error'), null);
    draw(loaded);
  } catch (e) {
    $('limits-list').replaceChildren(el('div', 'form-error', errorText(e)));
  }
}

export function create() {
  $('limits-form').addEventListener('submit', save);
  $('limits-reset').addEventListener('click', () => { showError($('limits-error'), null); draw(loaded); });
  $('limits-add').addEventListener('click', () => {
    renumber();
    const rows = current();
    const at = rows.findIndex((r) => r.category === ANY && r.urgency === ANY);
    rows.splice(at < 0 ? rows.length : at, 0, { category: '', urgency: 'normal', sign: '30 minutes', handle: '1 workday', verify: '2 hours' });
    draw(rows);
    const fresh = $('limits-list').querySelectorAll('.limit-category');
    fresh[at < 0 ? fresh.length - 1 : at].focus();
  });
}
