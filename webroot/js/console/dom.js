// Small DOM helpers for the duty console. Everything that came from the server is put in as text,
// never parsed as HTML.
import { t } from '../i18n.js';
import { formatDayTime, parseInstant } from '../server-clock.js';

/** An element with a class, its children appended (strings become text; null and false are skipped). */
export function el(tag, className, ...children) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

export function option(value, text) {
  const node = el('option', null, text);
  node.value = value;
  return node;
}

/** A table whose header cells are i18n keys; rows are arrays of cells (text or nodes) or ready <tr>s. */
export function table(className, headKeys, rows) {
  const head = el('tr', null, ...headKeys.map((key) => el('th', null, t(key))));
  const body = el('tbody', null, ...rows.map((row) => (row instanceof Node ? row : el('tr', null, ...row.map((c) => el('td', null, c))))));
  return el('table', className, el('thead', null, head), body);
}

/** An ISO instant from the server as month, day and time on the jurisdiction's clock; '—' when absent. */
export function dayTime(text) {
  const ms = parseInstant(text);
  return Number.isNaN(ms) ? '—' : formatDayTime(ms);
}

/**
 * An action button. With `what` (the alert it acts on, as read aloud) its accessible name names the alert,
 * so a list of 25 rows does not read as 25 buttons all called 签收.
 */
export function button(action, textKey, what) {
  const node = el('button', 'act-' + action, t(textKey));
  node.type = 'button';
  node.dataset.act = action;
  if (what) node.setAttribute('aria-label', t('act.named', { act: t(textKey), what }));
  return node;
}

/** A short message in the corner that goes by itself. */
export function toast(text, kind = 'ok') {
  const node = el('div', 'toast toast-' + kind, text);
  document.getElementById('toasts').append(node);
  setTimeout(() => node.remove(), 6000);
}
