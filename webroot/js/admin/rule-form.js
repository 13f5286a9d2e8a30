// One rule's form: enabled, severity, and the settings of its kind (bound and window, deadline, factor),
// with its titles. Saving sends the rule in the rules file's shape; the server checks it with the file's
// own reader and names the field at fault. Preview replays today's reports with the rule as it stands.
import { t, lang } from '../i18n.js';
import * as api from '../console/api.js';
import { el, option, table, dayTime, toast } from '../console/dom.js';
import { paths } from './paths.js';
import { showError, areaName } from './ui.js';

const $ = (id) => document.getElementById(id);

/** An ISO-8601 window (PT1H, PT30M) in minutes, or null. */
export function minutes(window) {
  const match = /^PT(?:(\d+)H)?(?:(\d+)M)?$/.exec(window || '');
  return match ? Number(match[1] || 0) * 60 + Number(match[2] || 0) : null;
}

let current = null; // {setting, editable}
let onSaved = () => {};

function field(key, input) {
  input.dataset.field = key;
  return el('label', null, el('span', null, t('rules.field.' + key)), input);
}

function input(type, value, attrs = {}) {
  const node = el('input');
  node.type = type;
  node.value = value === undefined || value === null ? '' : String(value);
  Object.assign(node, attrs);
  return node;
}

function select(values, selected, textKey) {
  const node = el('select', null, ...values.map((v) => option(v, t(textKey + v))));
  node.value = selected;
  return node;
}

function draw(setting, editable) {
  const rule = setting.rule;
  const enabled = input('checkbox', '');
  enabled.checked = setting.enabled;
  const parts = [el('label', 'inline', enabled, t('rules.field.enabled')), field('severity',
    select(['info', 'warning', 'critical'], rule.severity, 'sev.'))];
  enabled.dataset.field = 'enabled';
  if (rule.kind === 'threshold') {
    const above = rule.above !== undefined && rule.above !== null;
    parts.push(field('direction', select(['above', 'below'], above ? 'above' : 'below', 'rules.field.')),
      field('bound', input('number', above ? rule.above : rule.below, { step: 'any' })),
      field('window', input('number', minutes(rule.window), { step: 1 })));
  } else if (rule.kind === 'missing') {
    parts.push(field('deadline', input('time', rule.deadline)));
  } else if (rule.kind === 'spike') {
    parts.push(field('factor', input('number', rule.factor, { step: 'any' })),
      field('minCount', input('number', rule.minCount, { step: 1 })));
  }
  parts.push(field('titleZh', input('text', rule.title.zh, { required: true, maxLength: 100 })),
    field('titleEn', input('text', rule.title.en, { required: true, maxLength: 100 })));
  $('rule-fields').replaceChildren(...parts);
  for (const node of $('rule-fields').querySelectorAll('input, select')) node.readOnly = !editable;
  if (!editable) for (const node of $('rule-fields').querySelectorAll('select, input[type=checkbox]')) node.disabled = true;
}

const value = (key) => $('rule-fields').querySelector(`[data-field="${key}"]`);

/** The form as a body of PUT or preview: {enabled, rule}. A number left as text goes as text, for the server to name. */
function body() {
  const rule = { ...current.setting.rule, title: { zh: value('titleZh').value, en: value('titleEn').value } };
  rule.severity = value('severity').value;
  const number = (node) => (node.value.trim() === '' ? null : Number.isNaN(Number(node.value)) ? node.value : Number(node.value));
  if (rule.kind === 'threshold') {
    delete rule.above;
    delete rule.below;
    rule[value('direction').value] = number(value('bound'));
    const m = number(value('window'));
    if (m === null) delete rule.window;
    else rule.window = typeof m === 'number' ? 'PT' + m + 'M' : String(m);
  } else if (rule.kind === 'missing') {
    rule.deadline = value('deadline').value;
  } else if (rule.kind === 'spike') {
    rule.factor = number(value('factor'));
    rule.minCount = number(value('minCount'));
  }
  return { enabled: value('enabled').checked, rule };
}

export function open(setting, editable, title) {
  current = { setting, editable };
  $('rule-form-title').textContent = t(editable ? 'rules.editTitle' : 'rules.viewTitle', { title });
  draw(setting, editable);
  $('rule-save').hidden = !editable;
  showError($('rule-error'), null);
  $('rule-preview-result').replaceChildren();
  $('rule-form').hidden = false;
  $('rule-form').scrollIntoView({ block: 'nearest' });
}

function close() {
  current = null;
  $('rule-form').hidden = true;
}

async function save(event) {
  event.preventDefault();
  if (!current) return;
  const button = $('rule-save');
  button.disabled = true;
  showError($('rule-error'), null);
  try {
    await api.call('PUT', paths.rule(current.setting.id), body());
    toast(t('rules.saved', { id: current.setting.id }));
    close();
    onSaved();
  } catch (e) {
    showError($('rule-error'), e);
  } finally {
    button.disabled = false;
  }
}

function previewTable(result) {
  const subjects = result.subjects || [];
  const head = el('div', 'preview-head', subjects.length
    ? t('rules.previewHead', { day: result.day, reports: result.reports, fired: result.fired, n: subjects.length })
    : t('rules.previewNone', { day: result.day, reports: result.reports }));
  const note = result.deadlinePassed === false ? el('div', 'muted small', t('rules.previewDeadline')) : null;
  if (!subjects.length) return [head, note];
  const rows = subjects.map((s) => [el('span', null, (s.name && (s.name[lang] || s.name.zh)) || s.subject, el('span', 'muted small', ' · ' + areaName(s.area))),
    dayTime(s.firstAt), dayTime(s.lastAt), String(s.count), s.lastDetail || s.detail]);
  return [head, note, table('admin-grid preview-grid', ['rules.previewCol.where', 'rules.previewCol.first', 'rules.previewCol.last',
    'rules.previewCol.count', 'rules.previewCol.detail'], rows)];
}

async function preview() {
  if (!current) return;
  const button = $('rule-preview');
  button.disabled = true;
  showError($('rule-error'), null);
  try {
    const result = await api.post(paths.rulePreview(current.setting.id), body());
    $('rule-preview-result').replaceChildren(...previewTable(result).filter(Boolean));
  } catch (e) {
    showError($('rule-error'), e);
  } finally {
    button.disabled = false;
  }
}

export function create(options) {
  onSaved = options.onSaved;
  $('rule-form').addEventListener('submit', save);
  $('rule-preview').addEventListener('click', preview);
  $('rule-cancel').addEventListener('click', close);
}
