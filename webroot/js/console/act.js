// Acknowledge (note optional) and resolve (note required) in a small modal dialog. The dialog acts on
// the alert as the officer saw it when opening it: if a colleague acted first, the server answers 409
// and the dialog says who, so nobody believes they handled what someone else did.
import { t } from '../i18n.js';
import { describe } from '../alert-text.js';
import * as api from './api.js';
import { wire } from './modal.js';

let els = null;
let onDone = null;
let current = null;
let busy = false;

/** @param callbacks {onDone(alert, action)}: action null when the alert was refreshed after a 409 */
export function create(callbacks) {
  onDone = callbacks.onDone;
  const byId = (id) => document.getElementById(id);
  els = {
    dialog: byId('act'), form: byId('act-form'), title: byId('act-title'), alert: byId('act-alert'),
    label: byId('act-note-label'), note: byId('act-note'), error: byId('act-error'),
    cancel: byId('act-cancel'), confirm: byId('act-confirm'),
  };
  wire(els, submit, () => {
    current = null;
  });
}

/** @param action 'ack' or 'resolve' */
export function open(alert, action) {
  if (!alert) return;
  current = { alert, action };
  els.dialog.dataset.action = action;
  delete els.dialog.dataset.conflict;
  els.title.textContent = t(action === 'ack' ? 'dialog.ack' : 'dialog.resolve');
  els.alert.textContent = describe(alert);
  els.label.textContent = t(action === 'ack' ? 'dialog.ackNote' : 'dialog.resolveNote');
  els.note.value = '';
  els.confirm.hidden = false;
  els.cancel.textContent = t('dialog.cancel');
  error(null);
  els.dialog.showModal();
  els.note.focus();
}

function error(text) {
  els.error.hidden = !text;
  els.error.textContent = text || '';
}

async function submit() {
  if (!current || busy) return;
  const { alert, action } = current;
  const note = els.note.value.trim();
  if (action === 'resolve' && !note) {
    error(t('dialog.noteRequired'));
    return;
  }
  busy = true;
  els.confirm.disabled = true;
  try {
    const updated = await api.post('/api/v1/alerts/' + encodeURIComponent(alert.id) + '/' + action, note ? { note } : {});
    els.dialog.close();
    onDone(updated, action);
  } catch (e) {
    if (e.status === 409) await conflict(alert);
    else error(t('dialog.failed', { detail: e.message }));
  } finally {
    busy = false;
    els.confirm.disabled = false;
  }
}

/** The 409 says only that the alert moved on; the alert itself says who moved it. */
async function conflict(alert) {
  let fresh = null;
  try {
    fresh = (await api.get('/api/v1/alerts/' + encodeURIComponent(alert.id))).alert;
  } catch (e) {
    // say what is known
  }
  const by = fresh && (fresh.resolved || fresh.acknowledged);
  const who = by ? by.by : '?';
  els.dialog.dataset.conflict = who;
  error(t('dialog.conflict', { who, state: t('state.' + (fresh ? fresh.state : 'resolved')) }));
  els.confirm.hidden = true;
  els.cancel.textContent = t('dialog.close');
  if (fresh) onDone(fresh, null);
}
