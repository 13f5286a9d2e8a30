// The task tab's two forms: one action on a task (签收 with an optional note, 回退 with a reason,
// 申请延期 with the new time and a reason, 反馈 with a note and photos) and 上报事件 (a new event from
// the field: title, category, urgency, one of the unit's sites, description, photos). Each checks
// what the server will check, names the field that is wrong, and hands back a body only when all holds.
import { t, label } from '../../i18n.js';
import * as catalog from '../../catalog.js';
import * as zoned from '../zoned-time.js';
import { picker } from './photos.js';
import { instant } from './countdown.js';
import * as clock from './clock.js';

/** The server's limits (docs/api.md, cases): a note or reason, a title, a description. */
export const NOTE_MAX = 1000;
export const TITLE_MAX = 100;
export const DESCRIPTION_MAX = 2000;
export const CATEGORIES = ['petition', 'sanitation', 'checkpoint', 'other'];
export const URGENCIES = ['normal', 'urgent', 'emergency'];

const $ = (id) => document.getElementById(id);
const length = (text) => [...text].length;

/** What each action asks for: its note field's name and label, required or not, the extra parts. */
const ACTS = {
  accept: { field: 'note', label: 'act.noteOptional', required: false },
  return: { field: 'reason', label: 'act.reason', required: true, missing: 'act.needReason' },
  extend: { field: 'reason', label: 'act.reason', required: true, missing: 'act.needReason', until: true },
  report: { field: 'note', label: 'act.reportNote', required: true, missing: 'act.needNote', photos: true },
};

/**
 * The action form under a task's detail.
 * @param onSubmit (action, body, photos) a valid action to queue
 */
export function actForm(onSubmit) {
  const els = {
    form: $('act-form'), title: $('act-title'), untilRow: $('act-until-row'), until: $('act-until'),
    untilZone: $('act-until-zone'), noteLabel: $('act-note-label'), note: $('act-note'), photosRow: $('act-photos-row'),
    error: $('act-error'), cancel: $('act-cancel'), submit: $('act-submit'), buttons: $('task-actions'),
  };
  els.note.maxLength = NOTE_MAX;
  const photos = picker($('act-photos'), 'act');
  // an error stays until what it names is changed
  els.form.addEventListener('input', () => { els.error.textContent = ''; });
  let action = null;
  let task = null;

  function validate() {
    const spec = ACTS[action];
    const text = els.note.value.trim();
    if (spec.required && !text) return { error: t(spec.missing), focus: els.note };
    if (length(text) > NOTE_MAX) return { error: t('act.tooLong', { n: NOTE_MAX }), focus: els.note };
    const body = {};
    if (text) body[spec.field] = text;
    if (spec.until) {
      const ms = zoned.fromWallInput(els.until.value, catalog.timezone());
      if (!Number.isFinite(ms)) return { error: t('act.needUntil'), focus: els.until };
      const due = instant(task.dueAt);
      if (ms <= clock.now() || (Number.isFinite(due) && ms <= due)) return { error: t('act.untilPast'), focus: els.until };
      body.until = zoned.isoWithOffset(ms, catalog.timezone());
    }
    if (spec.photos && photos.busy()) return { error: t('act.busyPhotos') };
    return { body };
  }

  els.form.addEventListener('submit', (event) => {
    event.preventDefault();
    const checked = validate();
    els.error.textContent = checked.error || '';
    if (checked.error) {
      if (checked.focus) checked.focus.focus();
      return;
    }
    onSubmit(action, checked.body, ACTS[action].photos ? photos.photos() : []);
  });
  els.cancel.addEventListener('click', close);

  function close() {
    els.form.hidden = true;
    els.buttons.hidden = false;
    action = null;
    photos.clear();
  }

  function relabel() {
    if (!action) return;
    els.title.textContent = t('act.' + action + 'Title');
    els.noteLabel.textContent = t(ACTS[action].label);
    els.submit.textContent = t('act.' + action);
    els.untilZone.textContent = t('entry.zone', {
      tz: catalog.timezone(), offset: zoned.offsetText(zoned.offsetMinutes(Date.now(), catalog.timezone())),
    });
    photos.relabel();
  }

  return {
    /** Opens the form for `what` on `forTask`. */
    open(what, forTask) {
      const again = action === what && task && task.id === forTask.id;
      action = what;
      task = forTask;
      els.form.hidden = false;
      els.buttons.hidden = true; // one action at a time: the form's own buttons submit or cancel it
      els.form.dataset.action = what;
      els.untilRow.hidden = !ACTS[what].until;
      els.photosRow.hidden = !ACTS[what].photos;
      if (!again) {
        els.note.value = '';
        els.error.textContent = '';
        photos.clear();
        const due = instant(forTask.dueAt);
        // a day past the deadline (or now) is the likeliest ask; the unit changes it
        els.until.value = zoned.toWallInput(Math.max(clock.now(), Number.isFinite(due) ? due : 0) + 86_400_000, catalog.timezone());
      }
      els.until.min = zoned.toWallInput(clock.now(), catalog.timezone());
      relabel();
      els.form.scrollIntoView({ block: 'start' });
      els.note.focus({ preventScroll: true });
    },
    close,
    isOpen: () => action !== null,
    relabel,
  };
}

/**
 * The 上报事件 form.
 * @param onSubmit (body without id, photos) a valid event to queue
 * @param onCancel ()
 */
export function eventForm(onSubmit, onCancel) {
  const els = {
    form: $('event-form'), title: $('event-name'), category: $('event-category'), urgency: $('event-urgency'),
    site: $('event-site'), description: $('event-description'), error: $('event-error'), cancel: $('event-cancel'),
  };
  els.title.maxLength = TITLE_MAX;
  els.description.maxLength = DESCRIPTION_MAX;
  const photos = picker($('event-photos'), 'event');
  els.form.addEventListener('input', () => { els.error.textContent = ''; });
  let sites = [];

  function options(select, values, text) {
    const kept = select.value;
    select.replaceChildren(...values.map((v) => new Option(text(v), v)));
    if (values.includes(kept)) select.value = kept;
  }

  function relabel() {
    options(els.category, CATEGORIES, (c) => t('cat.' + c));
    options(els.urgency, URGENCIES, (u) => t('urg.' + u));
    options(els.site, sites, (id) => label(catalog.site(id)) || id);
    photos.relabel();
  }

  function validate() {
    const title = els.title.value.trim();
    const description = els.description.value.trim();
    if (!title) return { error: t('event.needTitle'), focus: els.title };
    if (length(title) > TITLE_MAX) return { error: t('act.tooLong', { n: TITLE_MAX }), focus: els.title };
    if (!description) return { error: t('event.needDescription'), focus: els.description };
    if (length(description) > DESCRIPTION_MAX) return { error: t('act.tooLong', { n: DESCRIPTION_MAX }), focus: els.description };
    if (!sites.includes(els.site.value)) return { error: t('event.noSites'), focus: els.site };
    if (photos.busy()) return { error: t('act.busyPhotos') };
    return {
      body: { title, category: els.category.value, urgency: els.urgency.value, site: els.site.value, description },
    };
  }

  els.form.addEventListener('submit', (event) => {
    event.preventDefault();
    const checked = validate();
    els.error.textContent = checked.error || '';
    if (checked.error) {
      if (checked.focus) checked.focus.focus();
      return;
    }
    onSubmit(checked.body, photos.photos());
  });
  els.cancel.addEventListener('click', onCancel);

  return {
    /** The unit's own sites, in catalogue order. */
    setSites(ids) {
      const mine = new Set(ids);
      sites = catalog.sites().filter((s) => mine.has(s.id)).map((s) => s.id);
      relabel();
    },
    open() {
      els.form.hidden = false;
      els.form.scrollIntoView({ block: 'start' });
      els.title.focus({ preventScroll: true });
    },
    reset() {
      els.title.value = '';
      els.description.value = '';
      els.error.textContent = '';
      els.urgency.value = 'normal';
      photos.clear();
    },
    close() {
      els.form.hidden = true;
    },
    relabel,
  };
}
