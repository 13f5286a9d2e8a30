// The officer's action on a case, in a modal dialog: dispatch (to a unit of the case's area), verify
// (pass or rework), extension (grant until a time, or refuse), park, resume, cancel, supervise
// (yellow or red) and urge. Opening the dialog is the click: its Idempotency-Key is sent with every
// try until the server answers. A 409 shows the server's words and the case as it now stands.
import { t, label } from '../../i18n.js';
import * as catalog from '../../catalog.js';
import { el, option } from '../dom.js';
import { localDate, formatHm, parseInstant, zonedIso } from '../../server-clock.js';
import * as api from './api.js';
import * as attempt from './attempt.js';
import { bodyOf, NOTE_REQUIRED } from './bodies.js';
import { levelsFrom } from './model.js';
import * as units from './units.js';
import { stateName } from './look.js';
import { wire } from '../modal.js';

let els = null;
let callbacks = null;
let current = null; // {case, action, attempt}
let busy = false;

/** @param cb {onDone(case, action), onRefresh(id) → the case as it now stands} */
export function create(cb) {
  callbacks = cb;
  const byId = (id) => document.getElementById(id);
  els = { dialog: byId('case-act'), form: byId('case-act-form'), title: byId('case-act-title'), what: byId('case-act-case'),
    fields: byId('case-act-fields'), noteLabel: byId('case-act-note-label'), note: byId('case-act-note'),
    error: byId('case-act-error'), cancel: byId('case-act-cancel'), confirm: byId('case-act-confirm') };
  wire(els, submit, () => {
    current = null;
  });
}

export function open(c, action) {
  if (!c) return;
  current = { case: c, action, attempt: attempt.create(attempt.newId) };
  Object.assign(els.dialog.dataset, { action });
  delete els.dialog.dataset.conflict;
  els.title.textContent = t('caction.' + action);
  els.what.textContent = c.title;
  els.fields.replaceChildren(...fields(c, action));
  els.noteLabel.textContent = t(NOTE_REQUIRED.has(action) ? 'dlg.note' : 'dlg.noteOptional');
  els.note.value = '';
  els.confirm.hidden = false;
  els.confirm.textContent = t('dlg.confirm');
  els.cancel.textContent = t('dlg.cancel');
  error(null);
  els.dialog.showModal();
  (els.fields.querySelector('select:enabled, input') || els.note).focus();
  if (action === 'dispatch') fillUnits(c, current);
}

/** Puts the units the case may go to in place of the waiting list, unless the dialog moved on meanwhile. */
function fillUnits(c, opened) {
  units.forCase(c).then((offer) => {
    if (current !== opened) return;
    els.fields.replaceChildren(...unitField(c, offer));
    if (!els.note.value) els.fields.querySelector('select, input').focus();
  });
}

function labelled(textKey, input, className) {
  return el('label', className || null, el('span', null, t(textKey)), input);
}

function radio(name, value, textKey, checked) {
  const input = el('input');
  Object.assign(input, { type: 'radio', name, value, checked });
  return el('label', 'choice', input, el('span', null, t(textKey)));
}

function fields(c, action) {
  if (action === 'dispatch') return unitWaiting();
  if (action === 'verify') {
    return [el('div', 'choices', radio('passed', 'yes', 'dlg.passed', true), radio('passed', 'no', 'dlg.rework', false))];
  }
  if (action === 'extension') {
    const until = el('input');
    const asked = c.extensionAsked && c.extensionAsked.until;
    Object.assign(until, { type: 'datetime-local', name: 'until', id: 'case-act-until', value: wallTime(asked) });
    return [el('div', 'choices', radio('granted', 'yes', 'dlg.granted', true), radio('granted', 'no', 'dlg.refused', false)),
      labelled('dlg.until', until)];
  }
  if (action === 'supervise') {
    const level = el('select', null, ...levelsFrom(c.supervision).map((l) => option(l, t('sup.' + l))));
    level.name = 'level';
    level.id = 'case-act-level';
    return [labelled('dlg.level', level)];
  }
  return [];
}

/** An empty, disabled list until the server has said which units may take the case. */
function unitWaiting() {
  const select = el('select', null, option('', t('dlg.unitLoading')));
  Object.assign(select, { name: 'unit', id: 'case-act-unit', disabled: true });
  return [labelled('dlg.unit', select)];
}

/** The units of the case's list in the server's order, those of its category's kind in a group of their own. */
function unitOptions(list) {
  const of = (u) => option(u.id, u.name || u.id);
  const matching = list.filter((u) => u.match);
  if (!matching.length || matching.length === list.length) return list.map(of);
  const group = (key, members) => {
    const g = el('optgroup', null, ...members.map(of));
    g.label = t(key);
    return g;
  };
  return [group('dlg.unitMatch', matching), group('dlg.unitOther', list.filter((u) => !u.match))];
}

/** Units of the case's area to choose from, or a typed id when the page cannot list them. */
function unitField(c, offer) {
  const { known, units: list } = offer;
  if (known && list.length) {
    const select = el('select', null, option('', '—'), ...unitOptions(list));
    select.name = 'unit';
    select.id = 'case-act-unit';
    const area = catalog.area(c.area);
    return [labelled('dlg.unit', select), el('p', 'hint', t('dlg.unitHint', { area: area ? label(area) : c.area }))];
  }
  const input = el('input');
  Object.assign(input, { name: 'unit', id: 'case-act-unit', autocomplete: 'off', maxLength: 100 });
  input.setAttribute('list', 'case-act-units');
  const datalist = el('datalist', null, ...list.map((u) => option(u.id, u.name)));
  datalist.id = 'case-act-units';
  return [labelled('dlg.unitFree', input), datalist, el('p', 'hint', t('dlg.unitNone'))];
}

/** An instant as the jurisdiction's wall clock for a datetime-local input (YYYY-MM-DDTHH:MM). */
function wallTime(iso) {
  const ms = parseInstant(iso);
  return Number.isNaN(ms) ? '' : localDate(ms) + 'T' + formatHm(ms);
}

function values() {
  const form = els.form;
  const checked = (name) => {
    const r = form.querySelector('input[name="' + name + '"]:checked');
    return r ? r.value === 'yes' : undefined;
  };
  const until = form.querySelector('input[name="until"]');
  const unit = form.querySelector('[name="unit"]');
  const level = form.querySelector('[name="level"]');
  const wall = until && /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(until.value);
  return { note: els.note.value, unit: unit ? unit.value : '', passed: checked('passed'), granted: checked('granted'),
    until: wall ? zonedIso(wall[1], wall[2]) : '', level: level ? level.value : '' };
}

function error(text) {
  els.error.hidden = !text;
  els.error.textContent = text || '';
}

async function submit() {
  if (!current || busy) return;
  const { case: c, action } = current;
  const made = bodyOf(action, values());
  if (made.error) {
    error(t(made.error));
    return;
  }
  busy = true;
  els.confirm.disabled = true;
  const click = current;
  try {
    const updated = await api.act(c.id, action, made.body, click.attempt.key());
    click.attempt.settle(200);
    els.dialog.close();
    callbacks.onDone(updated, action);
  } catch (e) {
    click.attempt.settle(e.status);
    if (e.status === 409) await conflict(c, e);
    else error(attempt.uncertain(e.status) ? t('dlg.retry') : t('dlg.failed', { detail: api.explain(e) }));
  } finally {
    busy = false;
    els.confirm.disabled = false;
  }
}

/** The server refused the step for the state the case is in now: say so, and show that state. */
async function conflict(c, e) {
  let fresh = null;
  try {
    fresh = await callbacks.onRefresh(c.id);
  } catch (ignored) {
    // the message stands on its own
  }
  els.dialog.dataset.conflict = 'yes';
  error(t('dlg.conflict', { detail: e.message, state: stateName(fresh ? fresh.state : c.state) }));
  els.confirm.hidden = true;
  els.cancel.textContent = t('dlg.close');
}
