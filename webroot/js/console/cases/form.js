// Opening a case: by hand (新建事件: a phone call, a walk-in) or from an alert (转为事件, the form
// filled in from it and the alert linked). The case's id is made here, once per form, so a retry after
// no answer opens the same case rather than a second one (the server answers 200 with it).
import { t, label } from '../../i18n.js';
import * as catalog from '../../catalog.js';
import { el, option } from '../dom.js';
import { describe } from '../../alert-text.js';
import * as api from './api.js';
import * as attempt from './attempt.js';
import { CATEGORIES, URGENCIES } from './model.js';
import { wire } from '../modal.js';

let els = null;
let onDone = null;
let onExisting = null;
let current = null; // {id, alert, attempt}
let busy = false;

/** @param cb {onDone(case, fromAlert), onExisting(caseId): the alert already has this open case} */
export function create(cb) {
  ({ onDone, onExisting } = cb);
  const byId = (id) => document.getElementById(id);
  els = { dialog: byId('case-form'), form: byId('case-form-form'), heading: byId('case-form-heading'), alert: byId('case-form-alert'),
    title: byId('cn-title'), category: byId('cn-category'), urgency: byId('cn-urgency'), site: byId('cn-site'), area: byId('cn-area'),
    description: byId('cn-description'), error: byId('case-form-error'), cancel: byId('case-form-cancel'), submit: byId('case-form-submit') };
  els.category.replaceChildren(...CATEGORIES.map((c) => option(c, t('cat.' + c))));
  els.urgency.replaceChildren(...URGENCIES.map((u) => option(u, t('urg.' + u))));
  els.site.replaceChildren(option('', t('form.noSite')), ...sitesByArea());
  els.area.replaceChildren(option('', t('form.noArea')), ...catalog.areas().map((a) => option(a.id, indent(a) + label(a))));
  wire(els, submit, () => {
    current = null;
  });
}

/** Sites grouped under their village, villages in catalogue order. */
function sitesByArea() {
  return catalog.areas().map((a) => {
    const sites = catalog.sites().filter((s) => s.area === a.id);
    if (!sites.length) return null;
    const group = el('optgroup', null, ...sites.map((s) => option(s.id, label(s))));
    group.label = label(a);
    return group;
  }).filter(Boolean);
}

function indent(a) {
  let depth = 0;
  for (let p = a.parent && catalog.area(a.parent); p && depth < 6; p = p.parent && catalog.area(p.parent)) depth++;
  return '\u3000'.repeat(depth);
}

/**
 * @param fill   the form's values ({title, category, urgency, site, area, description, alert}), or
 *               null for an empty form
 * @param alert  the alert it is made from, or null
 */
export function open(fill, alert) {
  const v = fill || {};
  current = { id: attempt.newId(), alert: alert ? alert.id : null, attempt: attempt.create(attempt.newId) };
  els.dialog.dataset.mode = alert ? 'alert' : 'new';
  els.heading.textContent = t(alert ? 'form.alertTitle' : 'form.newTitle');
  els.alert.hidden = !alert;
  els.alert.textContent = alert ? t('form.alert', { what: describe(alert) }) : '';
  els.title.value = v.title || '';
  els.category.value = v.category || 'other';
  els.urgency.value = v.urgency || 'normal';
  els.site.value = v.site || '';
  els.area.value = v.area || '';
  els.description.value = v.description || '';
  els.submit.textContent = t('form.submit');
  error(null);
  els.dialog.showModal();
  (alert ? els.description : els.title).focus();
}

function error(text) {
  els.error.hidden = !text;
  els.error.textContent = text || '';
}

function body() {
  const b = { id: current.id, title: els.title.value.trim(), category: els.category.value, urgency: els.urgency.value,
    description: els.description.value.trim() };
  if (els.site.value) b.site = els.site.value;
  if (els.area.value) b.area = els.area.value;
  if (current.alert) b.alert = current.alert;
  return b;
}

async function submit() {
  if (!current || busy) return;
  const b = body();
  const missing = !b.title ? 'form.needTitle' : !b.site && !b.area ? 'form.needWhere' : !b.description ? 'form.needDescription' : null;
  if (missing) {
    error(t(missing));
    return;
  }
  busy = true;
  els.submit.disabled = true;
  const click = current;
  try {
    const made = await api.open(b, click.attempt.key());
    els.dialog.close();
    onDone(made, Boolean(click.alert));
  } catch (e) {
    click.attempt.settle(e.status);
    // the body changes with the officer's next try, and so would the case's id: only an unanswered try keeps it
    const unknown = attempt.uncertain(e.status);
    if (!unknown) click.id = attempt.newId();
    error(unknown ? t('dlg.retry') : t('dlg.failed', { detail: api.explain(e) }));
    // one open case per alert: the 409 names it, and the alert's detail links to it from now on
    if (e.status === 409 && typeof e.problem.case === 'string') onExisting(e.problem.case);
  } finally {
    busy = false;
    els.submit.disabled = false;
  }
}
