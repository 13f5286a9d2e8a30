// The working-day calendar of the time tab: a year as twelve month grids. A click (or Space / Enter on the
// focused day) switches a day between working and off, with the note typed above; arrow keys move one day
// or one week, with one day of the year in the tab order at a time. The year is saved whole.
import { t, lang } from '../i18n.js';
import * as api from '../console/api.js';
import { el, table, toast } from '../console/dom.js';
import { paths } from './paths.js';
import { ask, errorText, showError } from './ui.js';
import * as logic from './time-logic.js';

const $ = (id) => document.getElementById(id);
const MOVES = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 };
let year = 0;
let editable = false;
let saved = new Map();
let marks = new Map();
let focusDay = null;

const dirty = () => JSON.stringify(logic.daysOf(marks)) !== JSON.stringify(logic.daysOf(saved));

function dayLabel(iso) {
  const mark = marks.get(iso);
  const worked = logic.isWorkday(marks, iso);
  return t('calendar.dayLabel', { day: iso, wd: t('calendar.weekdays').split(',')[logic.weekday(iso)],
    kind: t(worked ? 'calendar.dayWork' : 'calendar.dayOff'), note: mark && mark.note ? ' · ' + mark.note : '' });
}

function dayButton(iso) {
  const mark = marks.get(iso);
  const worked = logic.isWorkday(marks, iso);
  const kind = mark ? (worked ? 'day-makeup' : 'day-holiday') : (worked ? 'day-work' : 'day-off');
  const b = el('button', 'day ' + kind, String(Number(iso.slice(8))));
  b.type = 'button';
  b.dataset.day = iso;
  b.title = dayLabel(iso);
  b.setAttribute('aria-label', dayLabel(iso));
  b.setAttribute('aria-pressed', String(Boolean(mark)));
  b.tabIndex = iso === focusDay ? 0 : -1;
  b.setAttribute('aria-disabled', String(!editable));
  return b;
}

function month(m) {
  const names = t('calendar.months').split(',');
  const head = el('tr', null, ...t('calendar.weekdays').split(',').map((d, i) => el('th', i >= 5 ? 'weekend' : null, d)));
  const weeks = logic.monthGrid(year, m).map((week) => el('tr', null, ...week.map((iso) => el('td', null, iso ? dayButton(iso) : ''))));
  return el('section', 'month', el('h3', null, names[m - 1]), el('table', 'month-grid', el('thead', null, head), el('tbody', null, ...weeks)));
}

function noteInput(iso) {
  const input = el('input');
  input.value = marks.get(iso).note;
  input.maxLength = 64;
  input.disabled = !editable;
  input.dataset.note = iso;
  input.setAttribute('aria-label', t('calendar.col.note') + ' ' + iso);
  input.addEventListener('input', () => {
    marks.set(iso, { ...marks.get(iso), note: input.value.trim() });
    $('calendar-dirty').hidden = !dirty();
  });
  return input;
}

function markList() {
  const days = logic.daysOf(marks);
  $('calendar-marks-title').textContent = t('calendar.marks', { year, n: days.length });
  if (!days.length) return el('div', 'empty', t('calendar.none'));
  return table('admin-grid marks-grid', ['calendar.col.day', 'calendar.col.kind', 'calendar.col.note'], days.map((d) => {
    const tr = el('tr', null, el('td', 'mono', d.day + ' ' + t('calendar.weekdays').split(',')[logic.weekday(d.day)]),
      el('td', d.working ? 'mark-work' : 'mark-off', t(d.working ? 'calendar.dayWork' : 'calendar.dayOff')), el('td', null, noteInput(d.day)));
    tr.dataset.day = d.day;
    return tr;
  }));
}

function draw() {
  if (!focusDay || focusDay.slice(0, 4) !== String(year)) focusDay = logic.isoDay(year, 1, 1);
  $('calendar-year').textContent = lang === 'en' ? String(year) : year + ' 年';
  $('calendar-save').textContent = t('calendar.save', { year });
  $('calendar-months').replaceChildren(...Array.from({ length: 12 }, (_, i) => month(i + 1)));
  $('calendar-marks').replaceChildren(markList());
  $('calendar-dirty').hidden = !dirty();
  for (const node of [$('calendar-save'), $('calendar-note').closest('label')]) node.hidden = !editable;
}

function focusOn(iso) {
  focusDay = iso;
  for (const b of $('calendar-months').querySelectorAll('button.day')) b.tabIndex = b.dataset.day === iso ? 0 : -1;
  $('calendar-months').querySelector(`button[data-day="${iso}"]`).focus();
}

function switchDay(iso) {
  if (!editable) return;
  marks = logic.toggle(marks, iso, $('calendar-note').value);
  focusDay = iso;
  draw();
  $('calendar-months').querySelector(`button[data-day="${iso}"]`).focus();
}

function onKey(event) {
  const b = event.target.closest('button.day');
  if (!b || !(event.key in MOVES)) return;
  event.preventDefault();
  const next = logic.shift(b.dataset.day, MOVES[event.key]);
  if (next) focusOn(next);
}

async function save() {
  $('calendar-save').disabled = true;
  try {
    const answer = await api.call('PUT', paths.calendarYear(year), { days: logic.daysOf(marks) });
    saved = logic.marksOf(answer.days);
    marks = new Map(saved);
    showError($('calendar-error'), null);
    toast(t('calendar.saved', { year, v: answer.version }));
    draw();
  } catch (e) {
    showError($('calendar-error'), errorText(e));
  } finally {
    $('calendar-save').disabled = false;
  }
}

async function show(next) {
  const answer = await api.get(paths.calendar(next));
  year = answer.year;
  editable = Boolean(answer.editable);
  saved = logic.marksOf(answer.days);
  marks = new Map(saved);
  $('calendar-hint').textContent = t(editable ? 'calendar.editable' : 'calendar.readOnly') + ' ' + t('calendar.sample');
  showError($('calendar-error'), null);
  draw();
}

/** To another year; unsaved changes are given up only when the admin says so. */
async function go(by) {
  if (dirty() && !(await ask(t('calendar.discard', { year }), el('p', null, t('calendar.discardBody')), async () => true))) return;
  try {
    await show(year + by);
  } catch (e) {
    showError($('calendar-error'), errorText(e));
  }
}

export async function load() {
  try {
    await show(year || null);
  } catch (e) {
    $('calendar-months').replaceChildren(el('div', 'form-error', errorText(e)));
  }
}

export function create() {
  $('calendar-prev').addEventListener('click', () => go(-1));
  $('calendar-next').addEventListener('click', () => go(1));
  $('calendar-save').addEventListener('click', save);
  $('calendar-months').addEventListener('click', (event) => {
    const b = event.target.closest('button.day');
    if (b) switchDay(b.dataset.day);
  });
  $('calendar-months').addEventListener('keydown', onKey);
}
