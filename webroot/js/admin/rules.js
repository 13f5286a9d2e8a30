// Alert rules: the list with each rule's condition in words, enable/disable in place, and the editing
// form of rule-form.js. Only the district's admin changes them; every admin may preview them.
import { t, label, lang } from '../i18n.js';
import * as catalog from '../catalog.js';
import * as api from '../console/api.js';
import { el, table, dayTime, toast } from '../console/dom.js';
import { paths } from './paths.js';
import { actions, errorText } from './ui.js';
import * as ruleForm from './rule-form.js';
import * as ranking from './ranking.js';
import { minutes } from './rule-form.js';

const $ = (id) => document.getElementById(id);
let editable = false;
let levels = new Map();

/** The catalogue's levels ({key, label}), for "per town" in the page's language. */
export function setLevels(list) {
  levels = new Map((list || []).map((l) => [l.key, l]));
}

const metricName = (key) => label(catalog.metric(key)) || key;

/** The rule's condition as a sentence in the page's language. */
export function condition(rule) {
  switch (rule.kind) {
    case 'any': return t('rules.cond.any', { metric: metricName(rule.metric) });
    case 'threshold': {
      const m = minutes(rule.window);
      const over = (m ? t('rules.cond.window', { m }) : '') + (rule.scope === 'area' ? t('rules.cond.area', { level: label(levels.get(rule.level)) || rule.level || '' }) : '');
      const above = rule.above !== undefined && rule.above !== null;
      return t('rules.cond.threshold', { metric: metricName(rule.metric), over, dir: above ? '>' : '<',
        bound: above ? rule.above : rule.below });
    }
    case 'missing': return t('rules.cond.missing', { kind: label(catalog.kind(rule.siteKind)) || rule.siteKind, deadline: rule.deadline });
    case 'spike': return t('rules.cond.spike', { metric: metricName(rule.metric), factor: rule.factor, min: rule.minCount });
    default: return rule.kind;
  }
}

function toggle(setting) {
  const box = el('input');
  box.type = 'checkbox';
  box.checked = setting.enabled;
  box.disabled = !editable;
  box.dataset.rule = setting.id;
  box.title = t('rules.col.enabled');
  box.addEventListener('change', async () => {
    box.disabled = true;
    try {
      await api.call('PUT', paths.rule(setting.id), { enabled: box.checked });
      toast(t('rules.saved', { id: setting.id }));
    } catch (e) {
      box.checked = !box.checked;
      toast(errorText(e), 'error');
    } finally {
      box.disabled = false;
      load();
    }
  });
  return box;
}

function row(setting) {
  const rule = setting.rule;
  const title = (rule.title && (rule.title[lang] || rule.title.zh)) || setting.id;
  const updated = setting.updatedBy ? el('span', null, dayTime(setting.updatedAt), el('span', 'muted small', ' · ' + setting.updatedBy)) : '—';
  const tr = el('tr', setting.enabled ? null : 'row-off', el('td', null, toggle(setting)),
    el('td', null, el('div', 'rule-title', title), el('div', 'muted small mono', setting.id)),
    el('td', null, t('rules.kind.' + rule.kind)), el('td', null, condition(rule)),
    el('td', null, el('span', 'sev sev-' + rule.severity, t('sev.' + rule.severity))), el('td', 'when', updated),
    el('td', null, actions(setting, [[editable ? 'rules.edit' : 'rules.view', (s) => ruleForm.open(s, editable, title)]])));
  tr.dataset.rule = setting.id;
  return tr;
}

export async function load() {
  ranking.load();
  const list = $('rules-list');
  try {
    const answer = await api.get(paths.rules);
    editable = Boolean(answer.editable);
    $('rules-note').textContent = t(editable ? 'rules.editable' : 'rules.readOnly');
    list.replaceChildren(table('admin-grid rules-grid', ['rules.col.enabled', 'rules.col.rule', 'rules.col.kind',
      'rules.col.condition', 'rules.col.severity', 'rules.col.updated', 'col.actions'], answer.rules.map(row)));
  } catch (e) {
    list.replaceChildren(el('div', 'form-error', e.message));
  }
}

export function create() {
  ruleForm.create({ onSaved: load });
  ranking.create();
}
