// The entry form: one of the unit's own sites, that site kind's metrics with labels, units and limits
// (large inputs with a numeric keypad), the time (now, or changed by hand, in the jurisdiction's
// zone) and a note. Plausibility shows as the user types; the form hands back a report body only
// when the catalogue's rules hold.
import { t, label, unit as unitText } from '../i18n.js';
import * as catalog from '../catalog.js';
import { checkMetrics, checkTime, checkNote, NOTE_MAX } from './validate.js';
import * as zoned from './zoned-time.js';
import { el } from './dom.js';

const SITE_KEY = 'watchfloor.field.site';

let els = null;
let ownSites = [];
let autoTime = true;
let touched = false; // show "fill in at least one" only after a first try

const $ = (id) => document.getElementById(id);

export function create(onSubmit) {
  els = {
    form: $('entry-form'), site: $('site'), metrics: $('metrics'), time: $('time'), timeNow: $('time-now'),
    timeTag: $('time-now-tag'), timeZone: $('time-zone'), timeError: $('time-error'), note: $('note'),
    formError: $('form-error'), send: $('send'),
  };
  els.note.maxLength = NOTE_MAX;
  els.site.addEventListener('change', () => {
    localStorage.setItem(SITE_KEY, els.site.value);
    buildMetrics();
  });
  els.metrics.addEventListener('input', validate);
  els.note.addEventListener('input', validate);
  els.time.addEventListener('input', () => {
    autoTime = false;
    validate();
  });
  els.timeNow.addEventListener('click', () => {
    autoTime = true;
    tick();
    validate();
  });
  els.form.addEventListener('submit', (event) => {
    event.preventDefault();
    touched = true;
    const body = validate();
    if (body) onSubmit(body);
  });
}

/** The unit's own sites, in catalogue order. */
export function setSites(siteIds) {
  const mine = new Set(siteIds);
  ownSites = catalog.sites().filter((s) => mine.has(s.id));
  const previous = els.site.value || localStorage.getItem(SITE_KEY);
  els.site.replaceChildren(...ownSites.map((s) => new Option(label(s), s.id)));
  if (ownSites.some((s) => s.id === previous)) els.site.value = previous;
  els.form.hidden = ownSites.length === 0;
  buildMetrics();
}

export const hasSites = () => ownSites.length > 0;

function metricsOfSite() {
  const site = catalog.site(els.site.value);
  return site ? catalog.metricsOfKind(site.kind) : [];
}

function limitText(m) {
  const u = unitText(m);
  return t(m.integer ? 'entry.wholeLimit' : 'entry.limit', { min: m.min, max: m.max }) + (u ? ' ' + u : '');
}

function buildMetrics() {
  const kept = currentInputs();
  const legend = els.metrics.querySelector('legend');
  const rows = metricsOfSite().map((m) => {
    const row = el('div', 'metric');
    row.dataset.metric = m.key;
    const name = el('label', 'metric-name');
    name.htmlFor = 'm-' + m.key;
    name.append(el('span', 'metric-label', label(m)), el('span', 'metric-limit', limitText(m)));
    const input = el('input');
    input.id = 'm-' + m.key;
    input.type = 'text'; // not type=number: it hides what was typed when it is not a number
    input.inputMode = m.integer ? 'numeric' : 'decimal';
    input.autocomplete = 'off';
    input.enterKeyHint = 'next';
    input.value = kept[m.key] || '';
    const box = el('div', 'metric-box');
    box.append(input, el('span', 'metric-unit', unitText(m)));
    const error = el('div', 'error');
    error.id = 'm-' + m.key + '-error';
    error.setAttribute('aria-live', 'polite');
    row.append(name, box, error);
    return row;
  });
  els.metrics.replaceChildren(legend, ...rows);
  validate();
}

function currentInputs() {
  const inputs = {};
  for (const row of els.metrics.querySelectorAll('.metric')) inputs[row.dataset.metric] = row.querySelector('input').value;
  return inputs;
}

function errorText(error) {
  if (!error) return '';
  const vars = error.vars && error.vars.other ? { ...error.vars, other: label(catalog.metric(error.vars.other)) } : error.vars;
  return t(error.key, vars);
}

/** Marks a field wrong or right, and ties a wrong one to the text that says why, so a screen reader reads it. */
function invalidate(input, error, errorId) {
  input.setAttribute('aria-invalid', error ? 'true' : 'false');
  if (error) input.setAttribute('aria-describedby', errorId);
  else input.removeAttribute('aria-describedby');
}

function observedMs() {
  return autoTime ? Date.now() : zoned.fromWallInput(els.time.value, catalog.timezone());
}

/** Shows every rule that fails; returns the report body, or null when something must be fixed first. */
function validate() {
  const metrics = metricsOfSite();
  const { values, errors } = checkMetrics(currentInputs(), metrics, catalog.checks());
  for (const row of els.metrics.querySelectorAll('.metric')) {
    const error = errors[row.dataset.metric];
    row.classList.toggle('invalid', Boolean(error));
    invalidate(row.querySelector('input'), error, row.querySelector('.error').id);
    row.querySelector('.error').textContent = errorText(error);
  }
  const at = observedMs();
  const timeError = checkTime(at, Date.now());
  els.timeError.textContent = errorText(timeError);
  invalidate(els.time, timeError, els.timeError.id);
  const noteError = checkNote(els.note.value);
  invalidate(els.note, noteError, els.formError.id);
  const empty = Object.keys(values).length === 0 && Object.keys(errors).length === 0;
  const invalid = Object.keys(errors).length > 0 || timeError || noteError;
  els.formError.textContent = invalid ? (noteError ? errorText(noteError) : t('entry.fixFirst'))
    : empty && touched ? t('entry.nothing') : '';
  els.send.disabled = Boolean(invalid);
  if (invalid || empty || !catalog.site(els.site.value)) return null;
  const body = {
    site: els.site.value,
    observedAt: zoned.isoWithOffset(at, catalog.timezone()),
    metrics: values,
  };
  const note = els.note.value.trim();
  if (note) body.note = note;
  return body;
}

/** After a report is kept: the same site, empty counts, the time back to now. */
export function reset() {
  for (const input of els.metrics.querySelectorAll('input')) input.value = '';
  els.note.value = '';
  autoTime = true;
  touched = false;
  tick();
  validate();
  els.metrics.querySelector('input')?.focus({ preventScroll: true });
}

/** Puts a refused report back in the form to be corrected (it is sent under a new id). */
export function fill(body) {
  if (ownSites.some((s) => s.id === body.site)) {
    els.site.value = body.site;
    buildMetrics();
  }
  for (const row of els.metrics.querySelectorAll('.metric')) {
    const value = body.metrics[row.dataset.metric];
    row.querySelector('input').value = value === undefined ? '' : String(value);
  }
  const at = Date.parse(body.observedAt);
  autoTime = false;
  els.time.value = zoned.toWallInput(at, catalog.timezone());
  els.note.value = body.note || '';
  tick();
  validate();
  els.form.scrollIntoView({ behavior: 'smooth', block: 'start' });
}

/** Each second: the time follows now until the user sets it. */
export function tick() {
  const tz = catalog.timezone();
  if (autoTime && document.activeElement !== els.time) { // not under the user's finger
    const now = zoned.toWallInput(Date.now(), tz);
    if (els.time.value !== now) els.time.value = now;
  }
  els.time.max = zoned.toWallInput(Date.now() + 5 * 60_000, tz);
  els.timeTag.textContent = autoTime ? t('entry.isNow') : '';
  els.timeZone.textContent = t('entry.zone', { tz, offset: zoned.offsetText(zoned.offsetMinutes(Date.now(), tz)) });
  if (!autoTime) validate(); // a time set by hand can only become valid as now moves on
}

/** After a language switch. */
export function relabel() {
  for (const option of els.site.options) option.textContent = label(catalog.site(option.value));
  buildMetrics();
  tick();
}
